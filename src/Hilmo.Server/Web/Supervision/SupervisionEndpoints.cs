using Hilmo.Server.Web.Shared;
using Hilmo.Statistics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hilmo.Server.Web.Supervision;

/// <summary>
/// <c>/supervision</c>: for Valvira, the regional state administrative agencies and the register
/// keepers, every provider's compliance with the care guarantee month by month, and each
/// provider's units. Aggregates only, and the published ones: supervisors read tables under the
/// same disclosure control as the public, never a record.
/// </summary>
internal static class SupervisionEndpoints
{
    public static void Map(IEndpointRouteBuilder supervision)
    {
        supervision.MapGet("", ProvidersAsync);
        supervision.MapGet("/providers/{code}", UnitsAsync);
    }

    private static async Task<RazorComponentResult<CompliancePage>> ProvidersAsync(HttpContext http, RegisterServices register, int? year = null, string? sort = null, bool desc = false)
    {
        var page = WebPage.For(http);
        var chosen = Years.Chosen(page, year);
        var table = await register.Statistics.RunAsync(new ReportRequest("access-to-care", Years.Whole(chosen), ["provider", "month"]), http.RequestAborted).ConfigureAwait(false);
        var rows = ComplianceRows.Of(table, "provider", ReportDimensionTotal, page.Language);
        return new RazorComponentResult<CompliancePage>(new
        {
            Page = page, Year = chosen, Table = table, Rows = ComplianceRows.Sorted(rows, sort, desc), Sort = sort, Descending = desc,
            Limits = LimitsInForce(register, chosen), Provider = (string?)null, ProviderName = (string?)null,
        });
    }

    private static async Task<IResult> UnitsAsync(string code, HttpContext http, RegisterServices register, int? year = null, string? sort = null, bool desc = false)
    {
        var page = WebPage.For(http);
        var chosen = Years.Chosen(page, year);
        var table = await register.Statistics.RunAsync(new ReportRequest("access-to-care", Years.Whole(chosen), ["unit", "month"], Provider: code), http.RequestAborted).ConfigureAwait(false);
        var rows = ComplianceRows.Of(table, "unit", code, page.Language);
        return new RazorComponentResult<CompliancePage>(new
        {
            Page = page, Year = chosen, Table = table, Rows = ComplianceRows.Sorted(rows, sort, desc), Sort = sort, Descending = desc,
            Limits = LimitsInForce(register, chosen), Provider = code, ProviderName = page.T(register.Statistics.Context.Providers.NameOf(code)),
        });
    }

    private const string ReportDimensionTotal = Hilmo.Statistics.Dimensions.ReportDimension.TotalCode;

    private static IReadOnlyList<LegalLimit> LimitsInForce(RegisterServices register, int year) =>
        [.. register.Statistics.Context.LegalLimits.Limits.Where(l => l.InForceFrom.Year <= year && (l.InForceTo is not { } to || to.Year >= year))];
}
