using Hilmo.Audit;
using Hilmo.Server.Access;
using Hilmo.Server.Submissions;
using Hilmo.Server.Telemetry;
using Hilmo.Storage;

namespace Hilmo.Server.Endpoints;

/// <summary>
/// <c>GET /api/v1/submissions/{id}</c>: a submission's feedback again, findings paged. Feedback
/// names records, so it is record-level data: only the provider that sent the submission and the
/// register keepers may read it, and every read is logged. Another provider's submission is
/// answered 404, as if it did not exist, so ids reveal nothing.
/// </summary>
internal static class SubmissionEndpoints
{
    public const int MaxFindingsPerPage = 10_000;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/v1/submissions")
            .WithTags("Submissions")
            .RequireAuthorization(Policies.ReadFeedback)
            .MapGet("/{id:long}", GetAsync)
            .WithName("GetSubmission")
            .WithSummary("A submission's counts and findings (paged with offset and limit)")
            .Produces<SubmissionFeedbackSchema>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> GetAsync(
        long id,
        HttpContext http,
        RegisterServices register,
        ILogger<SubmissionHandler> logger,
        long offset = 0,
        int limit = 1000)
    {
        var caller = Caller.Of(http);
        var target = $"submission/{id}";
        var summary = await register.Store.GetSubmissionAsync(id, http.RequestAborted).ConfigureAwait(false);
        if (summary is null || !caller.MaySeeProvider(summary.Info.Submitter))
        {
            if (summary is not null)
            {
                Log.AccessDenied(logger, caller.Actor, "submission.read", target);
                await register.Audit.AppendAsync(ReadEvent(caller, target, "denied: another organisation's submission"), http.RequestAborted).ConfigureAwait(false);
            }

            return Problems.NotFound($"submission {id} of yours");
        }

        offset = Math.Max(0, offset);
        limit = Math.Clamp(limit, 0, MaxFindingsPerPage);
        var findings = await register.Store.GetFindingsAsync(id, offset, limit + 1, http.RequestAborted).ConfigureAwait(false);
        await register.Audit.AppendAsync(ReadEvent(caller, target, $"ok: findings {offset}–{offset + Math.Min(limit, findings.Count)}"), http.RequestAborted).ConfigureAwait(false);
        var counts = summary.Counts ?? new SubmissionCounts(0, 0, 0, 0);
        return new SubmissionAnswer(id, counts, findings.Take(limit).ToList(), findings.Count > limit, Language.Of(http.Request), summary);
    }

    private static AuditEvent ReadEvent(Caller caller, string target, string result) =>
        new(caller.Actor, "submission.read", target,
            caller.Role == Hilmo.Access.Role.Register ? AuditReasons.RegisterKeeping : AuditReasons.Feedback, caller.From, result);
}
