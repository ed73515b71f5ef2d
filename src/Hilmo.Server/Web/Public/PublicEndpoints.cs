using Hilmo.Server.Web.Shared;
using Hilmo.Statistics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hilmo.Server.Web.Public;

/// <summary>
/// <c>GET /</c>: national and county figures for visits and access to care, for anyone. The
/// tables are the published ones (<see cref="ReportAudience.Public"/>, from the releases): the
/// same request through the same service as the statistics API, so the same figures.
/// </summary>
internal static class PublicEndpoints
{
    /// <summary>The public page's breakdowns: margins of the releases' protected tables, like every public table.</summary>
    public static readonly string[] ByMonth = ["month"], ByCounty = ["county"];

    public static void Map(IEndpointRouteBuilder web) => web.MapGet("/", ShowAsync);

    private static async Task<RazorComponentResult<PublicPage>> ShowAsync(HttpContext http, RegisterServices register, int? year = null)
    {
        var page = WebPage.For(http);
        var chosen = Years.Chosen(page, year);
        var period = Years.Whole(chosen);
        async Task<StatisticsTable> Table(string report, string[] by) =>
            await http.RequestServices.GetRequiredService<Hilmo.Server.Reports.ReportRunner>().TableAsync(new ReportRequest(report, period, by), http.RequestAborted).ConfigureAwait(false);
        try
        {
            return await PageAsync().ConfigureAwait(false);
        }
        catch (NotPublishedException exception)
        {
            return new RazorComponentResult<PublicPage>(new { Page = page, Year = chosen, NotPublished = exception.Message });
        }

        async Task<RazorComponentResult<PublicPage>> PageAsync() => new RazorComponentResult<PublicPage>(new
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
