using System.Globalization;
using Hilmo.Server.Reports;
using Hilmo.Server.Web.Shared;
using Hilmo.Statistics.Indicators;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hilmo.Server.Web.Public;

/// <summary>
/// <c>GET /indicators</c>: the indicators' latest published values for the whole country, with a
/// link to each wellbeing services county; <c>GET /indicators/{county}</c>: one county's values
/// beside the country's, and for the chosen indicator (<c>?indicator=</c>, the first by default)
/// a bar chart of every county, a trend over the published years and the indicator's metadata.
/// The values are the Sotkanet API's, read the same way (<see cref="IndicatorFigures"/>).
/// </summary>
internal static class IndicatorEndpoints
{
    public static void Map(IEndpointRouteBuilder web)
    {
        web.MapGet("/indicators", IndexAsync);
        web.MapGet("/indicators/{county}", CountyAsync);
    }

    private static async Task<RazorComponentResult<IndicatorIndexPage>> IndexAsync(HttpContext http, RegisterServices register, ReportRunner reports)
    {
        var page = WebPage.For(http);
        var figures = new IndicatorFigures(register, reports);
        var latest = new List<IndicatorYear?>();
        foreach (var indicator in IndicatorCatalogue.All)
        {
            var years = await figures.YearsAsync(indicator, allYears: false, http.RequestAborted).ConfigureAwait(false);
            latest.Add(years.Count > 0 ? years[^1] : null);
        }

        return new RazorComponentResult<IndicatorIndexPage>(new { Page = page, Counties = register.Statistics.Context.Regions.Counties, Latest = latest });
    }

    private static async Task<IResult> CountyAsync(string county, HttpContext http, RegisterServices register, ReportRunner reports, string? indicator = null)
    {
        var page = WebPage.For(http);
        var counties = register.Statistics.Context.Regions.Counties;
        if (!counties.Any(c => c.Code == county))
        {
            return NotFound(http, page, new(
                $"Hyvinvointialuetta {Quote(county)} ei ole. Alueet ovat sivulla /indicators.",
                $"Välfärdsområdet {Quote(county)} finns inte. Områdena finns på sidan /indicators.",
                $"There is no wellbeing services county {Quote(county)}. The counties are listed at /indicators."));
        }

        var chosen = IndicatorCatalogue.All[0];
        if (indicator is not null)
        {
            var asked = int.TryParse(indicator, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? IndicatorCatalogue.Find(id) : null;
            if (asked is null)
            {
                return NotFound(http, page, new(
                    $"Indikaattoria {Quote(indicator)} ei ole: indicator= on jonkin sivun indikaattorin numero.",
                    $"Indikatorn {Quote(indicator)} finns inte: indicator= är numret på en av sidans indikatorer.",
                    $"There is no indicator {Quote(indicator)}: indicator= is the number of one of the page's indicators."));
            }

            chosen = asked;
        }

        // Every indicator's latest year for the summary; the chosen one's every year for its trend.
        var figures = new IndicatorFigures(register, reports);
        var latest = new List<IndicatorYear?>();
        IReadOnlyList<IndicatorYear> trend = [];
        foreach (var each in IndicatorCatalogue.All)
        {
            var years = await figures.YearsAsync(each, allYears: each == chosen, http.RequestAborted).ConfigureAwait(false);
            trend = each == chosen ? years : trend;
            latest.Add(years.Count > 0 ? years[^1] : null);
        }

        return new RazorComponentResult<IndicatorCountyPage>(new
        {
            Page = page,
            County = county,
            Counties = counties,
            Latest = latest,
            Chosen = chosen,
            Trend = trend,
            Context = register.Statistics.Context,
        });
    }

    private static RazorComponentResult<NotFoundPage> NotFound(HttpContext http, WebPage page, LocalizedText detail)
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return new RazorComponentResult<NotFoundPage>(new { Page = page, Detail = detail });
    }

    /// <summary>The asked value quoted and cut short, as findings quote values, so that a long or odd request does not fill the page.</summary>
    private static string Quote(string value) => Validation.Finding.Quote(value);
}
