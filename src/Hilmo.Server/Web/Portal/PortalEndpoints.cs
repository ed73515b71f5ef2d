using Hilmo.Audit;
using Hilmo.Server.Telemetry;
using Hilmo.Server.Web.Shared;
using Hilmo.Statistics;
using Hilmo.Storage;
using Hilmo.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hilmo.Server.Web.Portal;

/// <summary>
/// <c>/portal</c>: a signed-in provider's own pages: what it sent and what became of it, its data
/// quality, its access to care against its county and the whole country, and the yearly return
/// date. Every figure here is the provider's own; another provider's submission is not found.
/// </summary>
internal static class PortalEndpoints
{
    /// <summary>Findings read for one submission page; the API pages through the rest.</summary>
    public const int FindingsRead = 10_000;

    /// <summary>Findings shown at once after the filter.</summary>
    public const int FindingsShown = 500;

    public static void Map(IEndpointRouteBuilder portal)
    {
        portal.MapGet("", HomeAsync);
        portal.MapGet("/submissions/{id:long}", SubmissionAsync);
        portal.MapGet("/quality", QualityAsync);
        portal.MapGet("/access", AccessAsync);
        portal.MapGet("/history", HistoryAsync);
    }

    private static async Task<RazorComponentResult<PortalHome>> HomeAsync(HttpContext http, RegisterServices register)
    {
        var page = WebPage.For(http);
        var provider = page.Caller.Organisation!;
        var submissions = await register.Store.ListSubmissionsAsync(provider, 50, http.RequestAborted).ConfigureAwait(false);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(page.Now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki")).DateTime);
        var deadline = ReturnDeadline.On(today);
        var visits = await OwnStatistics.RunAsync(http, register, "visits", Years.Whole(deadline.Year), ["year"]).ConfigureAwait(false);

        // The census of the last year that has ended: being completed until its 28 February, final after it.
        var censusYear = today.Year - 1;
        var census = await OwnStatistics.RunAsync(http, register, "data-quality", Years.Whole(censusYear), ["register"]).ConfigureAwait(false);
        return new RazorComponentResult<PortalHome>(new
        {
            Page = page,
            ProviderName = register.Statistics.Context.Providers.NameOf(provider),
            Submissions = submissions,
            Deadline = deadline,
            VisitsOfYear = TableSlice.At(visits, "visits", page.Language),
            CensusYear = censusYear,
            Census = CensusStatus.Of(census, page.Language),
        });
    }

    private static async Task<IResult> SubmissionAsync(long id, HttpContext http, RegisterServices register, ILogger<PortalHome> logger, string? code = null)
    {
        var page = WebPage.For(http);
        var caller = page.Caller;
        var target = $"submission/{id}";
        var summary = await register.Store.GetSubmissionAsync(id, http.RequestAborted).ConfigureAwait(false);
        if (summary is null || !caller.MaySeeProvider(summary.Info.Submitter))
        {
            if (summary is not null)
            {
                Log.AccessDenied(logger, caller.Actor, "submission.read", target);
                await register.Audit.AppendAsync(new AuditEvent(caller.Actor, "submission.read", target, AuditReasons.Feedback, caller.From, "denied: another organisation's submission (web)"),
                    http.RequestAborted).ConfigureAwait(false);
            }

            // As the API does: another provider's submission looks like none at all, so ids reveal nothing.
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return new RazorComponentResult<NotFoundPage>(new { Page = page });
        }

        var findings = await register.Store.GetFindingsAsync(id, 0, FindingsRead + 1, http.RequestAborted).ConfigureAwait(false);
        await register.Audit.AppendAsync(new AuditEvent(caller.Actor, "submission.read", target, AuditReasons.Feedback, caller.From,
            $"ok: findings 0–{Math.Min(findings.Count, FindingsRead)} (web)"), http.RequestAborted).ConfigureAwait(false);
        var read = findings.Take(FindingsRead).ToList();
        var codes = read.GroupBy(f => f.Code, StringComparer.Ordinal).Select(g => (g.Key, g.Count())).OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        var chosen = string.IsNullOrEmpty(code) ? null : code;
        var filtered = chosen is null ? read : read.Where(f => f.Code == chosen).ToList();
        return new RazorComponentResult<SubmissionPage>(new
        {
            Page = page,
            Summary = summary,
            Codes = codes,
            Code = chosen,
            Findings = (IReadOnlyList<Finding>)filtered.Take(FindingsShown).ToList(),
            MatchingCount = filtered.Count,
            MoreThanRead = findings.Count > FindingsRead,
            Saved = http.Request.Query.ContainsKey("saved"),
        });
    }

    /// <summary>
    /// One of the provider's own records, every version (<see cref="RecordHistory"/>): the
    /// portal's provider is the signed-in one, so another provider's record cannot be asked for.
    /// </summary>
    private static async Task<IResult> HistoryAsync(HttpContext http, RegisterServices register, string? tunnus = null)
    {
        var page = WebPage.For(http);
        var provider = page.Caller.Organisation!;
        if (string.IsNullOrWhiteSpace(tunnus))
        {
            return new RazorComponentResult<RecordHistoryPage>(new { Page = page, Tunnus = (string?)null, Entries = (IReadOnlyList<HistoryEntry>)[] });
        }

        var recordId = tunnus.Trim();
        var entries = RecordHistory.Of(await register.Store.GetRecordVersionsAsync(provider, recordId, http.RequestAborted).ConfigureAwait(false));
        await register.Audit.AppendAsync(new AuditEvent(page.Caller.Actor, "notification.history", $"notification/{provider}/{recordId}", AuditReasons.Feedback, page.Caller.From,
            $"ok: {entries.Count} versions (web)"), http.RequestAborted).ConfigureAwait(false);
        if (entries.Count == 0)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return new RazorComponentResult<RecordHistoryPage>(new { Page = page, Tunnus = recordId, Entries = entries });
    }

    private static async Task<RazorComponentResult<QualityPage>> QualityAsync(HttpContext http, RegisterServices register, int? year = null)
    {
        var page = WebPage.For(http);
        var chosen = Years.Chosen(page, year);
        var byMonth = await OwnStatistics.RunAsync(http, register, "data-quality", Years.Whole(chosen), ["month"]).ConfigureAwait(false);
        var byFinding = await OwnStatistics.RunAsync(http, register, "data-quality", Years.Whole(chosen), ["finding"]).ConfigureAwait(false);
        return new RazorComponentResult<QualityPage>(new { Page = page, Year = chosen, ByMonth = byMonth, ByFinding = byFinding });
    }

    private static async Task<RazorComponentResult<AccessPage>> AccessAsync(HttpContext http, RegisterServices register, int? year = null)
    {
        var page = WebPage.For(http);
        var chosen = Years.Chosen(page, year);
        var provider = page.Caller.Organisation!;
        var own = await OwnStatistics.RunAsync(http, register, "access-to-care", Years.Whole(chosen), ["month"]).ConfigureAwait(false);
        // The county (its residents) and the country are published figures, disclosure control
        // and all: the provider is entitled to its own records, not to other providers'. A year
        // no release publishes yet has none to compare with.
        StatisticsTable? published;
        try
        {
            published = await http.RequestServices.GetRequiredService<Hilmo.Server.Reports.ReportRunner>().TableAsync(new ReportRequest("access-to-care", Years.Whole(chosen), ["county", "month"]), http.RequestAborted).ConfigureAwait(false);
        }
        catch (NotPublishedException)
        {
            published = null;
        }

        var county = register.Statistics.Context.Providers.ByCode.TryGetValue(provider, out var entry) ? entry.County : null;
        return new RazorComponentResult<AccessPage>(new { Page = page, Year = chosen, Own = own, Published = published, County = county });
    }
}
