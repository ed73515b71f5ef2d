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
    /// <summary>
    /// The public page's fixed breakdowns, one table each: fixed classifications, so that the page
    /// offers no two tables of different cuts to subtract, and one dimension at a time, so that
    /// disclosure control withholds no more than the small cells of that cut need.
    /// </summary>
    public static readonly string[] ByMonth = ["month"], ByCounty = ["county"];

    public static void Map(IEndpointRouteBuilder web) => web.MapGet("/", ShowAsync);

    private static async Task<RazorComponentResult<PublicPage>> ShowAsync(HttpContext http, RegisterServices register, int? year = null)
    {
        var page = WebPage.For(http);
        var chosen = Years.Chosen(page, year);
        var period = Years.Whole(chosen);
        async Task<StatisticsTable> Table(string report, string[] by) =>
            await register.Statistics.RunAsync(new ReportRequest(report, period, by), http.RequestAborted).ConfigureAwait(false);
        return new RazorComponentResult<PublicPage>(new
        {
            Page = page,
            Year = chosen,
            VisitsByMonth = await Table("visits", ByMonth).ConfigureAwait(false),
            VisitsByCounty = await Table("visits", ByCounty).ConfigureAwait(false),
            AccessByMonth = await Table("access-to-care", ByMonth).ConfigureAwait(false),
            AccessByCounty = await Table("access-to-care", ByCounty).ConfigureAwait(false),
        });
    }

    /// <summary>The statistics API's address of a public table of this page, without a format.</summary>
    public static string ApiTable(string report, int year, string[] by) =>
        $"/api/v1/statistics/{report}?from={year}-01-01&to={year}-12-31&by={string.Join(',', by)}";
}
