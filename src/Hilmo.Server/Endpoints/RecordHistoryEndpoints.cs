using Hilmo.Audit;
using Hilmo.Server.Access;
using Hilmo.Server.Telemetry;
using Hilmo.Storage;

namespace Hilmo.Server.Endpoints;

/// <summary>
/// <c>GET /api/v1/notifications/{provider}/{tunnus}/history</c>: every stored version of one
/// record with its receipt time, state and the fields that changed (<see cref="RecordHistory"/>).
/// Record-level data: only the provider itself and the register keepers may read it, and every
/// read is audited. Another provider's record is answered 404, as if it did not exist, so record
/// ids reveal nothing. The client's pseudonym is never in the answer.
/// </summary>
internal static class RecordHistoryEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/v1/notifications")
            .WithTags("Notifications")
            .RequireAuthorization(Policies.ReadRecordHistory)
            .MapGet("/{provider}/{tunnus}/history", GetAsync)
            .WithName("GetRecordHistory")
            .WithSummary("Every stored version of a record: receipt time, state (current, history, superseded, withdrawn, conflict) and the fields changed from the version before")
            .Produces<RecordHistoryDocument>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> GetAsync(string provider, string tunnus, HttpContext http, RegisterServices register, ILogger<SubmissionHandler> logger)
    {
        var caller = Caller.Of(http);
        var target = $"notification/{provider}/{tunnus}";
        if (!caller.MaySeeProvider(provider))
        {
            Log.AccessDenied(logger, caller.Actor, "notification.history", target);
            await register.Audit.AppendAsync(ReadEvent(caller, target, "denied: another organisation's record"), http.RequestAborted).ConfigureAwait(false);
            return Problems.NotFound($"record {tunnus} of yours");
        }

        var entries = RecordHistory.Of(await register.Store.GetRecordVersionsAsync(provider, tunnus, http.RequestAborted).ConfigureAwait(false));
        await register.Audit.AppendAsync(ReadEvent(caller, target, $"ok: {entries.Count} versions"), http.RequestAborted).ConfigureAwait(false);
        return entries.Count == 0
            ? Problems.NotFound($"record {tunnus} of provider {provider}")
            : TypedResults.Json(RecordHistoryDocument.Of(provider, tunnus, entries));
    }

    private static AuditEvent ReadEvent(Caller caller, string target, string result) =>
        new(caller.Actor, "notification.history", target,
            caller.Role == Hilmo.Access.Role.Register ? AuditReasons.RegisterKeeping : AuditReasons.Feedback, caller.From, result);
}
