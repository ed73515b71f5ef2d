using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Hilmo.Notifications;
using Hilmo.Server.Reports;
using Hilmo.Server.Web.Public;
using Hilmo.Server.Web.Shared;
using Hilmo.Statistics;
using Hilmo.Statistics.Dimensions;
using Hilmo.Statistics.Indicators;
using Hilmo.Testing.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Hilmo.Server.Tests.Web;

/// <summary>
/// The indicators pages and the public page's report sections as the server renders them, read
/// over HTTP without a browser (no script runs, so this is what a reader without JavaScript
/// gets), on a register with one published release: the values are the Sotkanet API's
/// published ones, a withheld value is written <c>..</c> and never as its number, in fi, sv and en.
/// </summary>
public abstract partial class IndicatorPageTests(IndicatorPageServer fixture)
{
    private readonly IndicatorDefinition Indicator = fixture.Indicator;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly ServerHarness server = fixture.Server;
    private readonly int year = fixture.Year;
    private readonly IReadOnlyList<IndicatorValue> published = fixture.Published;

    [Theory]
    [InlineData("fi", "fi-FI")]
    [InlineData("sv", "sv-FI")]
    [InlineData("en", "en-GB")]
    public async Task A_countys_page_shows_its_and_every_countys_published_values_the_trend_and_the_metadata_in_the_language(string language, string culture)
    {
        var county = PublishedCounty();
        var html = await PageAsync($"/indicators/{county}?indicator={Indicator.Id}&lang={language}");

        Assert.Contains($"<html lang=\"{language}\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        var text = WebUtility.HtmlDecode(html);
        var context = server.Register.Services.Statistics.Context;
        foreach (var expected in new[]
        {
            Indicator.Title.In(language), Indicator.Description.In(language), Indicator.Interpretation.In(language), Indicator.Source.In(language),
            IndicatorWording.Count(Indicator.Numerator, context, language), IndicatorWording.Denominator(Indicator.Denominator, context, language),
            context.Regions.CountyName(county).In(language),
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        // Both charts are SVG with a title, each with its table.
        Assert.Matches(TitledChart("indicator-by-county"), html);
        Assert.Matches(TitledChart("indicator-trend"), html);

        // Every county and the country, by sex, as the public's values are: to the indicator's decimals in the reader's way.
        var format = CultureInfo.GetCultureInfo(culture);
        var rows = Rows(Between(html, "<table id=\"by-region\"", "</table>"));
        Assert.Equal(context.Regions.Counties.Count + 1, rows.Count);
        foreach (var value in published.Where(v => v.RegionKind != IndicatorRegionKind.Municipality))
        {
            Assert.Equal(Expected(value, format), rows[value.Region][value.Gender.ToString().ToLowerInvariant()]);
        }

        var total = published.Single(v => v.RegionKind == IndicatorRegionKind.County && v.Region == county && v.Gender == IndicatorGender.Total);
        var trend = Between(html, "<table id=\"trend\"", "</table>");
        Assert.Contains($"<tr data-year=\"{year}\">", trend, StringComparison.Ordinal);
        Assert.Contains($"data-region=\"{county}\">{Expected(total, format)}</td>", trend, StringComparison.Ordinal);
        Assert.Contains($"data-category=\"{county}\" data-value=\"{total.Value!.Value.ToString("R", CultureInfo.InvariantCulture)}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_withheld_value_is_written_as_two_dots_and_its_number_appears_nowhere_on_the_page()
    {
        var withheld = published.Where(v => v is { Withheld: true, RegionKind: IndicatorRegionKind.County }).ToList();
        // The check has something to check: some county's value is withheld, of all sexes too (the charts and the summary show those).
        Assert.Contains(withheld, v => v.Gender == IndicatorGender.Total);
        // What disclosure control withholds: the authority's unprotected values of the same cells.
        var unprotected = (await new IndicatorService(server.Register.Services.Statistics).ComputeAsync(Indicator, year, ReportAudience.Authority, Cancel))
            .Where(v => v.AgeGroup == ReportDimension.TotalCode).ToList();

        foreach (var (language, culture) in new[] { ("fi", "fi-FI"), ("sv", "sv-FI"), ("en", "en-GB") })
        {
            foreach (var county in withheld.Select(v => v.Region).Distinct(StringComparer.Ordinal))
            {
                var html = await PageAsync($"/indicators/{county}?indicator={Indicator.Id}&lang={language}");
                var rows = Rows(Between(html, "<table id=\"by-region\"", "</table>"));
                foreach (var value in withheld)
                {
                    var gender = value.Gender.ToString().ToLowerInvariant();
                    Assert.Equal("..", rows[value.Region][gender]);
                    var hidden = unprotected.Single(u => u.RegionKind == value.RegionKind && u.Region == value.Region && u.Gender == value.Gender);
                    if (hidden.Value is { } number)
                    {
                        Assert.DoesNotContain($"data-value=\"{number.ToString("R", CultureInfo.InvariantCulture)}\"", html, StringComparison.Ordinal);
                    }
                }

                if (withheld.Any(v => v.Region == county && v.Gender == IndicatorGender.Total))
                {
                    // The bar chart has no bar for it but the mark, and the trend and the summary say the same.
                    Assert.DoesNotMatch($"<rect [^>]*data-category=\"{county}\"", Between(html, "id=\"indicator-by-county\"", "</svg>"));
                    Assert.Contains($"class=\"withheld\" data-category=\"{county}\" data-value=\"..\"", html, StringComparison.Ordinal);
                    Assert.Contains($"data-region=\"{county}\">..</td>", Between(html, "<table id=\"trend\"", "</table>"), StringComparison.Ordinal);
                    Assert.Contains($"data-region=\"{county}\">..</td>", Between(html, $"<tr data-indicator=\"{Indicator.Id}\">", "</tr>"), StringComparison.Ordinal);
                    Assert.DoesNotContain($"data-category=\"{county}\" data-value=\"{unprotected.Single(u => u.RegionKind == IndicatorRegionKind.County && u.Region == county && u.Gender == IndicatorGender.Total).Value?.ToString("R", CultureInfo.InvariantCulture)}\"", html, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public async Task The_index_links_every_county_with_the_countrys_values_and_the_front_page_links_it()
    {
        foreach (var (language, culture) in new[] { ("fi", "fi-FI"), ("sv", "sv-FI"), ("en", "en-GB") })
        {
            var html = await PageAsync($"/indicators?lang={language}");
            var text = WebUtility.HtmlDecode(html);
            Assert.Contains(Texts.IndicatorsTitle.In(language), text, StringComparison.Ordinal);
            foreach (var (code, name) in server.Register.Services.Statistics.Context.Regions.Counties)
            {
                Assert.Contains($"<a href=\"/indicators/{code}\" data-county=\"{code}\">{name.In(language)}</a>", text, StringComparison.Ordinal);
            }

            var country = published.Single(v => v.RegionKind == IndicatorRegionKind.Country && v.Gender == IndicatorGender.Total);
            Assert.Contains($"data-region=\"SSS\">{Expected(country, CultureInfo.GetCultureInfo(culture))}</td>", Between(html, $"<tr data-indicator=\"{Indicator.Id}\">", "</tr>"), StringComparison.Ordinal);

            var front = await PageAsync($"/?year={year}&lang={language}");
            Assert.Contains("<p id=\"indicators-link\"><a href=\"/indicators\">", front, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Every published report of the catalogue besides visits and access to care has its section,
    /// vaccinations and injuries among them, with the very figures of the public table its
    /// download link names.
    /// </summary>
    [Fact]
    public async Task The_front_page_has_a_section_for_every_published_report_with_its_public_tables_figures()
    {
        var others = PublicEndpoints.OtherPublished.ToList();
        Assert.Contains(others, r => r.Name == "vaccinations");
        Assert.Contains(others, r => r.Name == "injuries");
        var html = await PageAsync($"/?year={year}&lang=en");
        var reports = server.Services.GetRequiredService<ReportRunner>();
        foreach (var report in others)
        {
            Assert.Contains($"<li><a href=\"#report-{report.Name}\" data-report=\"{report.Name}\">", html, StringComparison.Ordinal);
            var section = WebUtility.HtmlDecode(Between(html, $"<section aria-labelledby=\"report-{report.Name}\"", "</section>"));
            Assert.Contains($"{report.Title.En} {year}</h2>", section, StringComparison.Ordinal);
            var by = PublicEndpoints.BreakdownOf(report);
            Assert.Contains($"href=\"{PublicEndpoints.ApiTable(report.Name, year, by)}&format=csv&lang=en\"", section, StringComparison.Ordinal);

            var table = await reports.TableAsync(new ReportRequest(report.Name, Years.Whole(year), by), Cancel);
            var measure = table.Measures[0];
            var points = TableSlice.Along(table, by[0], measure.Code, "en");
            Assert.NotEmpty(points);
            foreach (var point in points)
            {
                var cell = Regex.Match(section, $"<tr data-category=\"{Regex.Escape(point.Code)}\">.*?data-measure=\"{measure.Code}\">([^<]*)</td>", RegexOptions.Singleline);
                Assert.True(cell.Success, $"{report.Name}: no row for {point.Code}");
                Assert.Equal(Figure(point.Value, point.Status, measure.Decimals, CultureInfo.GetCultureInfo("en-GB")), cell.Groups[1].Value);
            }
        }
    }

    [Fact]
    public async Task An_unknown_county_or_indicator_is_not_found_and_the_page_names_it()
    {
        var county = PublishedCounty();
        using var client = server.Client();
        using var noCounty = await client.GetAsync(new Uri("/indicators/99?lang=en", UriKind.Relative), Cancel);
        using var noIndicator = await client.GetAsync(new Uri($"/indicators/{county}?indicator=4&lang=en", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, noCounty.StatusCode);
        Assert.Contains("There is no wellbeing services county \"99\"", WebUtility.HtmlDecode(await noCounty.Content.ReadAsStringAsync(Cancel)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, noIndicator.StatusCode);
        Assert.Contains("There is no indicator \"4\": indicator=", WebUtility.HtmlDecode(await noIndicator.Content.ReadAsStringAsync(Cancel)), StringComparison.Ordinal);
    }

    /// <summary>A county whose value of all sexes is published: the page has a number of its own to show.</summary>
    private string PublishedCounty() =>
        published.FirstOrDefault(v => v is { RegionKind: IndicatorRegionKind.County, Gender: IndicatorGender.Total, Withheld: false, Value: not null })?.Region
        ?? throw new InvalidOperationException("No county's value is published: " + string.Join(", ", published.Where(v => v.RegionKind == IndicatorRegionKind.County && v.Gender == IndicatorGender.Total).Select(v => $"{v.Region}={v.Value}{(v.Withheld ? " withheld" : "")}")));

    private async Task<string> PageAsync(string path)
    {
        using var response = await server.Client().GetAsync(new Uri(path, UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Cancel);
    }

    private string Expected(IndicatorValue value, CultureInfo culture) =>
        Figure(value.Value, value.Withheld ? CellStatus.PrimarySuppressed : CellStatus.Published, Indicator.Decimals, culture);

    /// <summary>A figure as a reader of the culture writes it, <c>..</c> withheld and <c>.</c> none: written here again, not with the page's own helper.</summary>
    private static string Figure(double? value, CellStatus status, int decimals, CultureInfo culture) =>
        status is CellStatus.PrimarySuppressed or CellStatus.SecondarySuppressed ? ".." : value is { } v ? v.ToString("N" + decimals, culture) : ".";

    private static string Between(string html, string start, string end)
    {
        var from = html.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"the page has no {start}");
        return html[from..html.IndexOf(end, from, StringComparison.Ordinal)];
    }

    /// <summary>The table's rows by their region, each cell by its sex.</summary>
    private static Dictionary<string, Dictionary<string, string>> Rows(string table) =>
        RegionRow().Matches(table).ToDictionary(
            row => row.Groups[1].Value,
            row => GenderCell().Matches(row.Groups[2].Value).ToDictionary(c => c.Groups[1].Value, c => c.Groups[2].Value, StringComparer.Ordinal),
            StringComparer.Ordinal);

    private static Regex TitledChart(string id) => new($"<svg [^>]*id=\"{id}\"[^>]*>\\s*<title id=\"{id}-title\">[^<]+</title>\\s*<desc id=\"{id}-desc\">[^<]+</desc>");

    [GeneratedRegex("<tr data-region=\"([^\"]+)\"[^>]*>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RegionRow();

    [GeneratedRegex("<td class=\"num\" data-gender=\"(\\w+)\">([^<]*)</td>")]
    private static partial Regex GenderCell();
}

/// <summary>
/// One server for a class's tests (they only read): a year of generated AvoHILMO records in one
/// release, and the public's values of the within-care-guarantee indicator, as the Sotkanet API gives them.
/// </summary>
public abstract class IndicatorPageServer(StoreEngine engine) : IAsyncLifetime
{
    internal ServerHarness Server { get; private set; } = null!;

    public int Year { get; private set; }

    /// <summary>
    /// Remote contacts' share of contacts, %: a share, so it has values without a population
    /// installed, and with these data both published and withheld county values (the care
    /// guarantee's shares are withheld in every county of so few records).
    /// </summary>
    public IndicatorDefinition Indicator { get; } = IndicatorCatalogue.Find(5006)!;

    /// <summary>The indicator's public values of the year, all ages.</summary>
    public IReadOnlyList<IndicatorValue> Published { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        var cancel = TestContext.Current.CancellationToken;
        Server = await ServerHarness.StartAsync(engine: engine);
        Year = await Server.PublishGeneratedAsync(20_000, seed: 19, [Register.AvoHilmo], "pages", cancel);
        Published = [.. (await new IndicatorService(Server.Register.Services.Statistics).ComputeAsync(Indicator, Year, ReportAudience.Public, cancel))
            .Where(v => v.AgeGroup == ReportDimension.TotalCode)];
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}

public sealed class IndicatorPageDuckDbServer() : IndicatorPageServer(StoreEngine.DuckDb);

public sealed class IndicatorPagePostgresServer() : IndicatorPageServer(StoreEngine.Postgres);

/// <summary>The indicators pages on the embedded store.</summary>
public sealed class IndicatorPageOnDuckDbTests(IndicatorPageDuckDbServer server) : IndicatorPageTests(server), IClassFixture<IndicatorPageDuckDbServer>;

/// <summary>The indicators pages on PostgreSQL.</summary>
public sealed class IndicatorPageOnPostgresTests(IndicatorPagePostgresServer server) : IndicatorPageTests(server), IClassFixture<IndicatorPagePostgresServer>;
