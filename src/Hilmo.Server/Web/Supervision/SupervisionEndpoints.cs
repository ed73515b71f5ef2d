using System.Globalization;
using Hilmo.Audit;
using Hilmo.Server.Access;
using Hilmo.Server.Web.Shared;
using Hilmo.Statistics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hilmo.Server.Web.Supervision;

/// <summary>
/// <c>/supervision</c>: for Valvira, the regional agencies and, since 2026, the national licensing
/// and supervisory agency (and the register keepers), every provider's compliance with the care
/// guarantee month by month, grouped by the authority's regions, and each provider's units. The
/// authority has a right to these aggregates as they are (<see cref="ReportAudience.Authority"/>):
/// no small-cell suppression, never a record, and every request in the audit log.
/// </summary>
internal static class SupervisionEndpoints
{
    public static void Map(IEndpointRouteBuilder supervision)
    {
        supervision.MapGet("", ProvidersAsync);
        supervision.MapGet("/providers/{code}", UnitsAsync);
    }

    private static async Task<RazorComponentResult<CompliancePage>> ProvidersAsync(HttpContext http, RegisterServices register, int? year = null, string? region = null, string? sort = null, bool desc = false)
    {
        var page = WebPage.For(http);
        var chosen = Years.Chosen(page, year);
        var table = await ReadAsync(http, register, new ReportRequest("access-to-care", Years.Whole(chosen), ["provider", "month"], Audience: ReportAudience.Authority)).ConfigureAwait(false);
        var context = register.Statistics.Context;
        var regions = context.SupervisionRegions;
        var rows = ComplianceRows.Of(table, "provider", ReportDimensionTotal, page.Language)
            .Select(row => row with { Region = regions.OfProvider(row.Code, context) is { } code ? page.T(regions.NameOf(code)) : null })
            .Where(row => region is null || regions.OfProvider(row.Code, context) == region)
            .ToList();
        return new RazorComponentResult<CompliancePage>(new
        {
            Page = page, Year = chosen, Table = table, Rows = ComplianceRows.Sorted(rows, sort, desc), Sort = sort, Descending = desc,
            Limits = LimitsInForce(register, chosen), Provider = (string?)null, ProviderName = (string?)null,
            Regions = regions.Regions.Select(r => (r.Code, page.T(r.Name))).ToList(), Region = region,
        });
    }

    private static async Task<IResult> UnitsAsync(string code, HttpContext http, RegisterServices register, int? year = null, string? sort = null, bool desc = false)
    {
        var page = WebPage.For(http);
        var chosen = Years.Chosen(page, year);
        var table = await ReadAsync(http, register, new ReportRequest("access-to-care", Years.Whole(chosen), ["unit", "month"], Provider: code, Audience: ReportAudience.Authority)).ConfigureAwait(false);
        var rows = ComplianceRows.Of(table, "unit", code, page.Language);
        return new RazorComponentResult<CompliancePage>(new
        {
            Page = page, Year = chosen, Table = table, Rows = ComplianceRows.Sorted(rows, sort, desc), Sort = sort, Descending = desc,
            Limits = LimitsInForce(register, chosen), Provider = code, ProviderName = page.T(register.Statistics.Context.Providers.NameOf(code)),
            Regions = new List<(string, string)>(), Region = (string?)null,
        });
    }

    /// <summary>The authority's table, and its audit entry: who read which aggregates, when, why.</summary>
    private static async Task<StatisticsTable> ReadAsync(HttpContext http, RegisterServices register, ReportRequest request)
    {
        var table = await http.RequestServices.GetRequiredService<Hilmo.Server.Reports.ReportRunner>().TableAsync(request, http.RequestAborted).ConfigureAwait(false);
        var caller = Caller.Of(http);
        await register.Audit.AppendAsync(new AuditEvent(caller.Actor, "statistics.read", $"report/{request.Report}", AuditReasons.Supervision, caller.From,
            string.Create(CultureInfo.InvariantCulture, $"ok unsuppressed {request.Period} provider:{request.Provider ?? "all"} by:{string.Join(',', request.By)}")),
            http.RequestAborted).ConfigureAwait(false);
        return table;
    }

    private const string ReportDimensionTotal = Hilmo.Statistics.Dimensions.ReportDimension.TotalCode;

    private static IReadOnlyList<LegalLimit> LimitsInForce(RegisterServices register, int year) =>
        [.. register.Statistics.Context.LegalLimits.Limits.Where(l => l.InForceFrom.Year <= year && (l.InForceTo is not { } to || to.Year >= year))];
}
