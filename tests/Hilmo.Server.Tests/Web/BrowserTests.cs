using System.Globalization;
using System.Net;
using System.Text.Json;
using Hilmo.Access;
using Hilmo.Testing.Statistics;
using Microsoft.Playwright;

namespace Hilmo.Server.Tests.Web;

/// <summary>The web UI in a real browser: what the public, a provider and a supervisor see and do.</summary>
[Collection(WebCollection.Name)]
public sealed class BrowserTests(WebFixture web)
{
    private const string BadIcd10 = "J06.99";

    [Fact]
    public async Task The_public_page_draws_the_same_visits_and_access_figures_as_the_api_gives()
    {
        var page = await web.NewPageAsync();
        var answer = await page.GotoAsync(web.Url($"/?year={WebFixture.Year}"));
        Assert.Equal(200, answer!.Status);

        // The page's own JSON-stat download link is the API request the chart was drawn from.
        var link = await page.Locator("a[href*='/api/v1/statistics/visits'][href*='format=json-stat']").First.GetAttributeAsync("href");
        using var api = web.Server.Client();
        using var visits = JsonDocument.Parse(await api.GetStringAsync(new Uri(link!, UriKind.Relative)));
        var accessLink = await page.Locator("a[href*='/api/v1/statistics/access-to-care'][href*='by=county'][href*='format=json-stat']").First.GetAttributeAsync("href");
        using var access = JsonDocument.Parse(await api.GetStringAsync(new Uri(accessLink!, UriKind.Relative)));

        var points = await page.Locator("#visits-by-month [data-category]").AllAsync();
        Assert.Equal(12, points.Count);
        foreach (var point in points)
        {
            var month = (await point.GetAttributeAsync("data-category"))!;
            var (value, status) = JsonStat.At(visits.RootElement, new Dictionary<string, string> { ["month"] = month, ["measure"] = "visits" });
            Assert.Equal(value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : status, await point.GetAttributeAsync("data-value"));
        }

        Assert.True(points.Count(p => p.GetAttributeAsync("data-value").Result != "..") >= 10, "A year of generated visits should publish most months.");
        foreach (var bar in await page.Locator("#access-by-county rect[data-category]").AllAsync())
        {
            var county = (await bar.GetAttributeAsync("data-category"))!;
            var (value, _) = JsonStat.At(access.RootElement, new Dictionary<string, string> { ["county"] = county, ["measure"] = "within_limit_percent" });
            // The API publishes the share to its one decimal; the chart draws it unrounded.
            Assert.Equal(value!.Value, Math.Round(double.Parse((await bar.GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture), 1), 9);
        }

        Assert.NotEqual(0, await page.Locator(".chart-and-table:has(#access-by-county) table tbody tr").CountAsync());
        await Assertions.Expect(page.Locator("text=Päivitetty").First).ToBeVisibleAsync();
        await WebFixture.ScreenshotAsync(page, "public-statistics");
    }

    /// <summary>
    /// A reader without JavaScript (a screen reader's browser, a locked-down workstation) reads a
    /// county's indicators: the bar chart and trend are drawn, each bar's value is the
    /// public's value of the Sotkanet API's service call, and a withheld one is a mark, never a bar.
    /// </summary>
    [Fact]
    public async Task A_county_indicators_page_reads_without_javascript_with_the_published_values()
    {
        var indicator = Hilmo.Statistics.Indicators.IndicatorCatalogue.Find(5006)!;
        var values = (await new Hilmo.Statistics.Indicators.IndicatorService(web.Server.Register.Services.Statistics)
                .ComputeAsync(indicator, WebFixture.Year, Hilmo.Statistics.ReportAudience.Public))
            .Where(v => v.AgeGroup == "SSS" && v.Gender == Hilmo.Statistics.Indicators.IndicatorGender.Total && v.RegionKind != Hilmo.Statistics.Indicators.IndicatorRegionKind.Municipality)
            .ToList();
        var county = values.First(v => v is { RegionKind: Hilmo.Statistics.Indicators.IndicatorRegionKind.County, Withheld: false, Value: not null }).Region;
        var page = await web.NewPageAsync(javaScript: false);

        var answer = await page.GotoAsync(web.Url($"/indicators/{county}?indicator={indicator.Id}&lang=en"));
        Assert.Equal(200, answer!.Status);

        await Assertions.Expect(page.Locator("#chosen-heading")).ToHaveTextAsync(indicator.Title.En!);
        await Assertions.Expect(page.Locator("svg#indicator-by-county")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("svg#indicator-trend")).ToBeVisibleAsync();
        Assert.Equal($"{indicator.Title.En}, The counties and the whole country {WebFixture.Year}", await page.Locator("#indicator-by-county-title").TextContentAsync());
        foreach (var value in values)
        {
            var drawn = page.Locator($"#indicator-by-county [data-category='{value.Region}']");
            if (value.Withheld)
            {
                Assert.Equal("..", await drawn.GetAttributeAsync("data-value"));
                Assert.Equal(0, await page.Locator($"#indicator-by-county rect[data-category='{value.Region}']").CountAsync());
            }
            else if (value.Value is { } figure)
            {
                Assert.Equal(figure, double.Parse((await drawn.GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture), 9);
            }
        }

        var shown = await page.Locator($"#by-region tr[data-region='{county}'] td[data-gender='total']").TextContentAsync();
        Assert.Equal(values.Single(v => v.Region == county).Value!.Value.ToString("N" + indicator.Decimals, CultureInfo.GetCultureInfo("en-GB")), shown);
        await Assertions.Expect(page.Locator("#metadata dt", new() { HasText = "Numerator" })).ToBeVisibleAsync();
        await WebFixture.ScreenshotAsync(page, "indicators-county-no-javascript");
    }

    [Fact]
    public async Task A_provider_posts_a_record_sees_the_finding_for_a_bad_code_fixes_it_and_finds_it_in_its_submissions()
    {
        var page = await web.NewPageAsync();
        await web.SignInAsync(page, web.Server.Key(Role.Submitter, ServerHarness.ProviderA));
        Assert.EndsWith("/portal", page.Url, StringComparison.Ordinal);

        await page.GotoAsync(web.Url("/form"));
        var recordId = await page.Locator("#f-tunnus").InputValueAsync();
        await FillVisitAsync(page, BadIcd10);
        await page.GetByRole(AriaRole.Button, new() { Name = "Tarkista ja tallenna" }).ClickAsync();

        var finding = page.Locator("#f-kayntisyyt-1-icd10-findings li");
        await Assertions.Expect(finding).ToContainTextAsync("CODE-");
        await Assertions.Expect(finding).ToContainTextAsync(BadIcd10);
        Assert.Equal("true", await page.Locator("#f-kayntisyyt-1-icd10").GetAttributeAsync("aria-invalid"));
        Assert.DoesNotContain(Bodies.IdentityCode, await page.ContentAsync(), StringComparison.Ordinal);
        await WebFixture.ScreenshotAsync(page, "form-with-finding");

        await page.Locator("#f-kayntisyyt-1-icd10").FillAsync("J06.9");
        await page.Locator("#f-asiakas-hetu").FillAsync(Bodies.IdentityCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Tarkista ja tallenna" }).ClickAsync();

        await Assertions.Expect(page.Locator(".saved")).ToBeVisibleAsync();
        Assert.Equal("1", await page.Locator("#accepted").TextContentAsync());
        var submission = page.Url.Split("/portal/submissions/")[1].Split('?')[0];
        await WebFixture.ScreenshotAsync(page, "form-record-saved");

        await page.GotoAsync(web.Url("/portal"));
        await Assertions.Expect(page.Locator($"#submissions a[href='/portal/submissions/{submission}']")).ToBeVisibleAsync();
        // The census table has its column for census data that came after 28 February, for each care-period register.
        await Assertions.Expect(page.Locator("#census thead th", new() { HasText = "Laskentatieto myöhässä (28.2. jälkeen)" })).ToBeVisibleAsync();
        Assert.Equal(2, await page.Locator("#census td[data-measure='late_census']").CountAsync());
        await WebFixture.ScreenshotAsync(page, "portal-submissions");

        // The record is in the register as the provider's own, under the id the form gave it.
        using var api = web.Server.Client(web.Server.Key(Role.Submitter, ServerHarness.ProviderA));
        var feedback = await api.GetStringAsync(new Uri($"/api/v1/submissions/{submission}", UriKind.Relative));
        Assert.Contains("\"accepted\":1", feedback, StringComparison.Ordinal);
        var current = await web.Server.Register.Services.Store.GetCurrentAsync(new Hilmo.Notifications.RecordKey(ServerHarness.ProviderA, recordId));
        Assert.NotNull(current);
    }

    [Fact]
    public async Task A_provider_cannot_open_another_providers_submission_by_its_address()
    {
        using var other = web.Server.Client(web.Server.Key(Role.Submitter, ServerHarness.ProviderB));
        using var sent = await other.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative),
            Bodies.Content(Bodies.Ndjson(2, "1.2.246.10.777.10.2026.", ServerHarness.ProviderB)));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var id = JsonDocument.Parse(await sent.Content.ReadAsStringAsync()).RootElement.GetProperty("submissionId").GetInt64();

        var page = await web.NewPageAsync();
        await web.SignInAsync(page, web.Server.Key(Role.Submitter, ServerHarness.ProviderA));
        var answer = await page.GotoAsync(web.Url($"/portal/submissions/{id}"));

        Assert.Equal(404, answer!.Status);
        Assert.DoesNotContain("1.2.246.10.777.10.2026.", await page.ContentAsync(), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sivua ei löydy");
        await WebFixture.ScreenshotAsync(page, "portal-other-providers-submission");
    }

    [Fact]
    public async Task A_supervisor_sees_every_providers_and_units_figures_unsuppressed_and_a_units_count_is_the_records_own()
    {
        var page = await web.NewPageAsync();
        await web.SignInAsync(page, web.Server.Key(Role.Supervisor, "VALVIRA"));
        await page.GotoAsync(web.Url($"/supervision?year={WebFixture.Year}&lang=en"));

        // Every provider, in its region, with figures: the authority's view has no '..'.
        var rows = page.Locator("#compliance tbody tr");
        Assert.Equal(web.Providers.Count, await rows.CountAsync());
        Assert.DoesNotContain("..", await page.Locator("#compliance td").AllTextContentsAsync());
        var provider = web.LargestProvider;
        await WebFixture.ScreenshotAsync(page, "supervision-compliance");

        // Sorted by the year's share, highest first: the figures read down in order.
        await page.GotoAsync(web.Url($"/supervision?year={WebFixture.Year}&sort=within&desc=true&lang=en"));
        var shares = (await page.Locator("#compliance tbody tr td:nth-of-type(3)").AllTextContentsAsync())
            .Select(t => double.Parse(t, CultureInfo.GetCultureInfo("en-GB"))).ToList();
        Assert.Equal(shares.OrderByDescending(x => x), shares);

        // A region's page lists only that region's providers.
        var region = page.Locator("#regions a").Nth(1);
        await region.ClickAsync();
        Assert.Contains("region=", page.Url, StringComparison.Ordinal);
        Assert.True(await page.Locator("#compliance tbody tr").CountAsync() < web.Providers.Count);

        // Every unit of the provider has its figures, and the busiest unit's count of non-urgent,
        // assessed visits is the one counted from the generated records themselves.
        await page.GotoAsync(web.Url($"/supervision/providers/{provider}?year={WebFixture.Year}&lang=en"));
        var year = new Hilmo.Statistics.ReportPeriod(new(WebFixture.Year, 1, 1), new(WebFixture.Year, 12, 31));
        var visits = web.Current
            .Where(v => v.Event.Provider == provider && IndependentFigures.IsCompletedVisitIn(v, year) && IndependentFigures.IsAccessToCareVisit(v))
            .GroupBy(v => v.Event.Unit!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Assert.Equal(visits.Count, await page.Locator("#compliance tbody tr").CountAsync());
        Assert.DoesNotContain("..", await page.Locator("#compliance td").AllTextContentsAsync());
        var (unit, count) = visits.MaxBy(u => u.Value);
        var shown = await page.Locator($"#compliance tr[data-code='{unit}'] td[data-measure='visits']").TextContentAsync();
        Assert.Equal(count.ToString("N0", CultureInfo.GetCultureInfo("en-GB")), shown);
        await WebFixture.ScreenshotAsync(page, "supervision-units");
    }

    [Fact]
    public async Task Every_form_field_has_a_label_and_every_chart_a_text_alternative()
    {
        var provider = await web.NewPageAsync();
        await web.SignInAsync(provider, web.Server.Key(Role.Submitter, web.Providers[0]));
        var supervisor = await web.NewPageAsync();
        await web.SignInAsync(supervisor, web.Server.Key(Role.Supervisor, "VALVIRA"));
        var anonymous = await web.NewPageAsync();
        var pages = new (IPage Browser, string Path)[]
        {
            (anonymous, $"/?year={WebFixture.Year}"), (anonymous, "/sign-in"), (anonymous, "/?lang=sv"),
            (anonymous, "/indicators"), (anonymous, "/indicators/01?indicator=5006&lang=en"),
            (provider, "/portal"), (provider, $"/portal/quality?year={WebFixture.Year}"), (provider, $"/portal/access?year={WebFixture.Year}"),
            (provider, "/form"), (provider, "/form/codes/icd10fi?q=J06"),
            (supervisor, $"/supervision?year={WebFixture.Year}"), (supervisor, $"/supervision/providers/{web.Providers[0]}?year={WebFixture.Year}"),
        };

        var charts = 0;
        var fields = 0;
        foreach (var (page, path) in pages)
        {
            var answer = await page.GotoAsync(web.Url(path));
            Assert.Equal(200, answer!.Status);
            var problems = await page.EvaluateAsync<string[]>(AccessibilityCheck);
            Assert.True(problems.Length == 0, $"{path}: {string.Join("; ", problems)}");
            charts += await page.Locator("svg").CountAsync();
            fields += await page.Locator("input:not([type=hidden]), select, textarea").CountAsync();
        }

        // The check has something to check: the public page alone has four charts, the form some thirty fields.
        Assert.True(charts >= 6, $"only {charts} charts");
        Assert.True(fields >= 30, $"only {fields} fields");
        await WebFixture.ScreenshotAsync(provider, "form-empty");
    }

    /// <summary>
    /// In the page: every input, select and textarea has a label (a label element for its id,
    /// a wrapping label, aria-label or aria-labelledby with text), and every svg has a title or
    /// an accessible name through aria-labelledby or aria-label. The answer lists what lacks one.
    /// </summary>
    private const string AccessibilityCheck = """
        () => {
          const text = (ids) => (ids || "").split(/\s+/).filter(Boolean).map(id => document.getElementById(id)?.textContent?.trim() || "").join(" ").trim();
          const problems = [];
          for (const field of document.querySelectorAll("input, select, textarea")) {
            if (field.type === "hidden" || field.type === "submit") continue;
            const label = (field.id && document.querySelector(`label[for="${CSS.escape(field.id)}"]`)?.textContent?.trim())
              || field.closest("label")?.textContent?.trim() || field.getAttribute("aria-label") || text(field.getAttribute("aria-labelledby"));
            if (!label) problems.push(`field ${field.name || field.id} has no label`);
          }
          for (const svg of document.querySelectorAll("svg")) {
            const name = svg.getAttribute("aria-label") || text(svg.getAttribute("aria-labelledby")) || svg.querySelector(":scope > title")?.textContent?.trim();
            if (!name) problems.push(`chart ${svg.id} has no text alternative`);
            if (svg.getAttribute("role") !== "img") problems.push(`chart ${svg.id} is not role=img`);
          }
          return problems;
        }
        """;

    private static async Task FillVisitAsync(IPage page, string icd10)
    {
        await page.Locator("#f-asiakas-hetu").FillAsync(Bodies.IdentityCode);
        await page.Locator("#f-asiakas-kotikunta").FillAsync("091");
        await page.Locator("#f-yhteydenotto-ajankohta").FillAsync("2026-03-02T08:05");
        await page.Locator("#f-hoidonTarpeenArviointi-ajankohta").FillAsync("2026-03-02T08:15");
        await page.Locator("#f-hoidonTarpeenArviointi-ammatti").FillAsync("32311");
        await page.Locator("#f-hoidonTarpeenArviointi-kiireellisyys").SelectOptionAsync("E");
        await page.Locator("#f-kaynti-alku").FillAsync("2026-03-09T10:02");
        await page.Locator("#f-kaynti-loppu").FillAsync("2026-03-09T10:25");
        await page.Locator("#f-kaynti-ammatti").FillAsync("22211");
        await page.Locator("#f-kaynti-palvelumuoto").SelectOptionAsync("T11");
        await page.Locator("#f-kaynti-yhteystapa").SelectOptionAsync("R10");
        await page.Locator("#f-kaynti-kiireellisyys").SelectOptionAsync("E");
        await page.Locator("#f-kayntisyyt-0-icpc2").FillAsync("R74");
        await page.Locator("#f-kayntisyyt-1-icd10").FillAsync(icd10);
    }
}
