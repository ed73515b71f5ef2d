using Hilmo.Server.Web.Shared;
using Hilmo.Statistics;
using Hilmo.Statistics.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hilmo.Server.Web.Public;

/// <summary>
/// <c>GET /</c>: national and county figures for visits and access to care, and a section for
/// every other report the catalogue publishes (<see cref="ReportDefinition.Publication"/>), for anyone. The
/// tables are the published ones (<see cref="ReportAudience.Public"/>, from the releases): the
/// same request through the same service as the statistics API, so the same figures.
/// </summary>
internal static class PublicEndpoints
{
    /// <summary>The public page's breakdowns: margins of the releases' protected tables, like every public table.</summary>
    public static readonly string[] ByMonth = ["month"], ByCounty = ["county"];

    /// <summary>The reports this page draws in sections of their own (by month and by county); every other published report has a section of the same shape.</summary>
    private static readonly string[] DrawnApart = ["visits", "access-to-care"];

    /// <summary>The published reports the page shows in the general section, in the catalogue's order: a report added to the catalogue with a publication appears by itself.</summary>
    public static IEnumerable<ReportDefinition> OtherPublished =>
        ReportCatalogue.All.Where(r => r.Publication.Count > 0 && !DrawnApart.Contains(r.Name, StringComparer.Ordinal));

    /// <summary>
    /// The breakdown a report's section shows: by county when one of its published tables has the
    /// county, else the first dimension after time of its first published table.
    /// </summary>
    public static string[] BreakdownOf(ReportDefinition report) =>
        report.Publication.Any(t => t.Contains("county", StringComparer.Ordinal)) ? ByCounty : [report.Publication[0][1]];

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
            Others = await OthersAsync().ConfigureAwait(false),
        });

        async Task<IReadOnlyList<PublishedReport>> OthersAsync()
        {
            var others = new List<PublishedReport>();
            foreach (var report in OtherPublished)
            {
                var by = BreakdownOf(report);
                try
                {
                    others.Add(new PublishedReport(report, by, await Table(report.Name, by).ConfigureAwait(false), null));
                }
                catch (NotPublishedException exception)
                {
                    // A report the year's release does not publish says so in its own section; the others are shown.
                    others.Add(new PublishedReport(report, by, null, exception.Message));
                }
            }

            return others;
        }
    }

    /// <summary>The statistics API's address of a public table of this page, without a format.</summary>
    public static string ApiTable(string report, int year, string[] by) =>
        $"/api/v1/statistics/{report}?from={year}-01-01&to={year}-12-31&by={string.Join(',', by)}";
}

/// <summary>A report's section of the public page: its table by <paramref name="By"/>, or why the year has none.</summary>
public sealed record PublishedReport(ReportDefinition Report, string[] By, StatisticsTable? Table, string? NotPublished);
