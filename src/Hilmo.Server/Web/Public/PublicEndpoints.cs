using Hilmo.Server.Web.Shared;
using Hilmo.Statistics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hilmo.Server.Web.Public;

/// <summary>
/// <c>GET /</c>: national and county figures for visits and access to care, for anyone. The
/// tables are the published ones (<see cref="ReportAudience.Public"/>): the same request through
/// the same service as the statistics API, so the same disclosure control and the same figures.
/// </summary>
internal static class PublicEndpoints
{
    /// <summary>The fixed breakdown of the public page: fixed classifications, so that no two public tables can be subtracted to reveal a withheld figure.</summary>
    public static readonly string[] Breakdown = ["county", "month"];

    public static void Map(IEndpointRouteBuilder web) => web.MapGet("/", ShowAsync);

    private static async Task<RazorComponentResult<PublicPage>> ShowAsync(HttpContext http, RegisterServices register, int? year = null)
    {
        var page = WebPage.For(http);
        var chosen = Years.Chosen(page, year);
        var period = Years.Whole(chosen);
        var visits = await register.Statistics.RunAsync(new ReportRequest("visits", period, Breakdown), http.RequestAborted).ConfigureAwait(false);
        var access = await register.Statistics.RunAsync(new ReportRequest("access-to-care", period, Breakdown), http.RequestAborted).ConfigureAwait(false);
        return new RazorComponentResult<PublicPage>(new { Page = page, Year = chosen, Visits = visits, Access = access });
    }

    /// <summary>The statistics API's address of a public table of this page, without a format.</summary>
    public static string ApiTable(string report, int year) =>
        $"/api/v1/statistics/{report}?from={year}-01-01&to={year}-12-31&by={string.Join(',', Breakdown)}";
}
