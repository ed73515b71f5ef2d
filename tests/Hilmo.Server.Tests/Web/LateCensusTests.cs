using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hilmo.Access;
using Hilmo.Testing;

namespace Hilmo.Server.Tests.Web;

/// <summary>
/// Sosiaalihilmo census versions that reach the register after the 28 February deadline: the
/// provider's portal shows them, marked late, and the data-quality report counts them as late;
/// neither drops them, nor the periods they describe.
/// </summary>
public sealed class LateCensusTests : IAsyncLifetime
{
    private const string CensusYear = "2025";

    private readonly ManualTimeProvider clock = new(new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero));
    private ServerHarness server = null!;
    private HttpClient api = null!;

    public async ValueTask InitializeAsync()
    {
        server = await ServerHarness.StartAsync(time: clock);
        api = server.Client(server.Key(Role.Submitter, ServerHarness.ProviderA));
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    [Fact]
    public async Task A_census_received_after_28_february_shows_on_the_portal_marked_late_and_counts_as_late_in_data_quality()
    {
        // Four periods open through the end of 2025: one censused in time, one censused late, one the
        // register first hears of in a late census (all of it late), and one never censused.
        await SendAsync(new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero), Period("in-time"), Period("late"), Period("never"));
        await SendAsync(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero), Period("in-time", census: true));
        await SendAsync(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero), Period("late", census: true), Period("only-late", census: true));
        clock.Set(new DateTimeOffset(2026, 4, 15, 9, 0, 0, TimeSpan.Zero));

        // The portal, in each language: the late ones are counted and marked, the year is not complete.
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = server.Address };
        await WebHttpTests.SignInAsync(browser, server.Key(Role.Submitter, ServerHarness.ProviderA));
        foreach (var (language, mark, note) in new[] { ("fi", "myöhässä", "saapui vasta 28.2. jälkeen"), ("sv", "sent", "kom in först efter 28.2"), ("en", "late", "arrived only after 28 February") })
        {
            var page = await browser.GetStringAsync(new Uri($"/portal?lang={language}", UriKind.Relative));
            var social = Row(page, "sosiaalihilmo");
            Assert.Equal("4", Cell(social, "open_at_year_end"));
            Assert.Equal("1", Cell(social, "with_census"));
            Assert.Equal($"2 ({mark})", Cell(social, "late_census"));
            Assert.Matches("data-measure=\"late_census\" class=\"status-late\"", social);
            Assert.Equal("1", Cell(social, "without_census"));
            Assert.Equal(language switch { "fi" => "ei", "sv" => "nej", _ => "no" }, Cell(social, "complete"));
            Assert.Contains(note, page, StringComparison.Ordinal);

            // The other register has nothing open and nothing late.
            var health = Row(page, "terveyshilmo");
            Assert.Equal("0", Cell(health, "late_census"));
            Assert.DoesNotMatch("status-late", health);
        }

        // The data-quality report the portal reads, through the API: the same counts.
        using var answer = await api.GetAsync(new Uri($"/api/v1/statistics/data-quality?provider={ServerHarness.ProviderA}&from={CensusYear}-01-01&to={CensusYear}-12-31&by=register,year", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using var table = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        double? Figure(string measure) => JsonStat.At(table.RootElement, new Dictionary<string, string> { ["register"] = "sosiaalihilmo", ["year"] = CensusYear, ["measure"] = measure }).Value;
        Assert.Equal(
            new double?[] { 4, 1, 2, 1, 0 },
            new[] { "open_at_year_end", "with_census", "late_census", "without_census", "complete" }.Select(Figure));

        // Read as of the deadline, the register had two periods open and one census: the late ones are not yet there.
        using var asOfDeadline = await api.GetAsync(new Uri($"/api/v1/statistics/data-quality?provider={ServerHarness.ProviderA}&from={CensusYear}-01-01&to={CensusYear}-12-31&by=register,year&asOf=2026-02-28T21:00:00Z", UriKind.Relative));
        using var then = JsonDocument.Parse(await asOfDeadline.Content.ReadAsStringAsync());
        Assert.Equal(
            new double?[] { 3, 1, 0, 2 },
            new[] { "open_at_year_end", "with_census", "late_census", "without_census" }
                .Select(m => JsonStat.At(then.RootElement, new Dictionary<string, string> { ["register"] = "sosiaalihilmo", ["year"] = CensusYear, ["measure"] = m }).Value));
    }

    /// <summary>Sends <paramref name="records"/> as one NDJSON submission at <paramref name="at"/>, each updated then.</summary>
    private async Task SendAsync(DateTimeOffset at, params JsonObject[] records)
    {
        clock.Set(at);
        var updated = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki")).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var record in records)
        {
            record["paivitetty"] = updated;
        }

        using var response = await api.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative),
            Bodies.Content(string.Concat(records.Select(r => r.ToJsonString() + "\n"))));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var result = JsonDocument.Parse(text);
        Assert.Equal(records.Length, result.RootElement.GetProperty("accepted").GetInt32());
    }

    /// <summary>The documentation's Sosiaalihilmo example as the provider's period <paramref name="name"/>, open since 2024; with its 2025 census or as sent at arrival.</summary>
    private static JsonObject Period(string name, bool census = false)
    {
        var record = JsonNode.Parse(SamplePeriods.CensusJson)!.AsObject();
        record["tunnus"] = $"1.2.246.10.{ServerHarness.ProviderA}.30.2024.{name}";
        record["tuottaja"] = ServerHarness.ProviderA;
        record["tulopaiva"] = "2024-05-02";
        if (census)
        {
            record["laskentapaiva"] = $"{CensusYear}-12-31";
        }
        else
        {
            record.Remove("laskentapaiva");
        }

        return record;
    }

    /// <summary>The census table's row of one register.</summary>
    private static string Row(string page, string register)
    {
        var match = Regex.Match(page, $"<tr data-register=\"{register}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no census row of {register}");
        return match.Groups[1].Value;
    }

    /// <summary>The text of a row's cell of one measure.</summary>
    private static string Cell(string row, string measure)
    {
        var match = Regex.Match(row, $"<td data-measure=\"{measure}\"[^>]*>(.*?)</td>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no cell {measure} in {row}");
        return match.Groups[1].Value.Trim();
    }
}
