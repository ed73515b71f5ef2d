using System.Globalization;
using System.Net;
using System.Text.Json;
using Hilmo.Notifications;
using Hilmo.Statistics;
using Hilmo.Statistics.Indicators;

namespace Hilmo.Server.Tests;

/// <summary>
/// The indicators through the Sotkanet REST API 1.1, asked as a Sotkanet client asks (the R
/// package sotkanet: <c>indicators</c>, <c>regions</c>, then <c>csv</c> or <c>json</c> with
/// <c>indicator=</c>, repeated <c>years=</c> and <c>genders=</c>), against a register with one
/// published release: the published values and nothing else, with the open data's HTTP conventions.
/// </summary>
public sealed class SotkanetApiTests : IAsyncLifetime
{
    /// <summary>Non-urgent visits within the care guarantee, %: a share, so it has values without a population installed.</summary>
    private const int WithinCareGuarantee = 5007;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private ServerHarness server = null!;
    private int year;

    public async ValueTask InitializeAsync()
    {
        server = await ServerHarness.StartAsync();
        year = await server.PublishGeneratedAsync(20_000, seed: 19, [Register.AvoHilmo], "sotkanet", Cancel);
    }

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_indicator_list_and_the_regions_have_sotkanets_fields()
    {
        using var client = server.Client();
        using var indicators = JsonDocument.Parse(await client.GetStringAsync(new Uri("/rest/1.1/indicators", UriKind.Relative), Cancel));
        Assert.Equal(IndicatorCatalogue.All.Count, indicators.RootElement.GetArrayLength());
        var first = indicators.RootElement[0];
        Assert.Equal(IndicatorCatalogue.All[0].Id, first.GetProperty("id").GetInt32());
        Assert.Equal(IndicatorCatalogue.All[0].Title.En, first.GetProperty("title").GetProperty("en").GetString());
        Assert.Equal(2, first.GetProperty("organization").GetProperty("id").GetInt32());

        using var regions = JsonDocument.Parse(await client.GetStringAsync(new Uri("/rest/1.1/regions", UriKind.Relative), Cancel));
        var all = regions.RootElement.EnumerateArray().ToList();
        Assert.Equal(["HYVINVOINTIALUE", "KUNTA", "MAA"], all.Select(r => r.GetProperty("category").GetString()).Distinct().Order());
        var helsinki = all.Single(r => r.GetProperty("category").GetString() == "KUNTA" && r.GetProperty("code").GetString() == "091");
        Assert.Equal("Helsinki", helsinki.GetProperty("title").GetProperty("fi").GetString());
        var county = all.Single(r => r.GetProperty("id").GetInt32() == helsinki.GetProperty("memberOf")[0].GetInt32());
        Assert.Equal("HYVINVOINTIALUE", county.GetProperty("category").GetString());
        Assert.Equal(all.Count, all.Select(r => r.GetProperty("id").GetInt32()).Distinct().Count());
    }

    [Fact]
    public async Task An_indicators_metadata_tells_its_definition_unit_and_published_years()
    {
        using var client = server.Client();
        using var metadata = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/rest/1.1/indicators/{WithinCareGuarantee}", UriKind.Relative), Cancel));
        var root = metadata.RootElement;
        var indicator = IndicatorCatalogue.Find(WithinCareGuarantee)!;
        Assert.Equal(indicator.Description.Sv, root.GetProperty("description").GetProperty("sv").GetString());
        Assert.Equal(indicator.Interpretation.Fi, root.GetProperty("interpretation").GetProperty("fi").GetString());
        Assert.Equal("percent", root.GetProperty("primaryValueType").GetProperty("code").GetString());
        Assert.Equal(indicator.Decimals, root.GetProperty("decimals").GetInt32());
        Assert.Equal(year, root.GetProperty("range").GetProperty("end").GetInt32());

        using var missing = await client.GetAsync(new Uri("/rest/1.1/indicators/4", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    /// <summary>The R package's request, unchanged but for the base address: csv, the indicator, two years (one not published), every gender.</summary>
    [Fact]
    public async Task A_sotkanet_clients_csv_request_gets_the_published_values_of_every_region_and_gender()
    {
        using var client = server.Client();
        using var response = await client.GetAsync(new Uri($"/rest/1.1/csv?indicator={WithinCareGuarantee}&years={year}&years={year + 1}&genders=male&genders=female&genders=total", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/csv", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var lines = (await response.Content.ReadAsStringAsync(Cancel)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("indicator;region;year;gender;primary value;absolute value", lines[0]);

        var expected = await PublishedAsync(WithinCareGuarantee);
        var rows = lines.Skip(1).Select(line => line.Split(';')).ToList();
        Assert.Equal(expected.Count, rows.Count);
        Assert.All(rows, row => Assert.Equal(year.ToString(CultureInfo.InvariantCulture), row[2]));
        Assert.Equal(["female", "male", "total"], rows.Select(r => r[3]).Distinct().Order());
        foreach (var row in rows)
        {
            // A published count is never a small one, so no value tells of one to four people.
            var absolute = double.Parse(row[5], CultureInfo.InvariantCulture);
            Assert.False(absolute is > 0 and < 5, $"absolute value {absolute} published");
            Assert.Contains(expected, e => e.Gender == row[3] && e.Value == double.Parse(row[4], CultureInfo.InvariantCulture) && e.Absolute == absolute);
        }
    }

    [Fact]
    public async Task The_json_answer_has_sotkanets_fields_leaves_out_withheld_values_and_follows_the_open_datas_conventions()
    {
        using var client = server.Client();
        var uri = new Uri($"/rest/1.1/json?indicator={WithinCareGuarantee}&years={year}&genders=total", UriKind.Relative);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Add("Origin", "https://dashboard.example");
        using var response = await client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.True(response.Headers.CacheControl!.Public);
        Assert.NotNull(response.Headers.ETag);
        Assert.NotNull(response.Content.Headers.LastModified);

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var points = document.RootElement.EnumerateArray().ToList();
        var values = await new IndicatorService(server.Register.Services.Statistics).ComputeAsync(IndicatorCatalogue.Find(WithinCareGuarantee)!, year, ReportAudience.Public, Cancel);
        var totals = values.Where(v => v.Gender == IndicatorGender.Total).ToList();
        Assert.Equal(totals.Count(v => v.Value is not null), points.Count);
        Assert.Contains(totals, v => v.Withheld);
        var point = points.First();
        Assert.Equal(["absValue", "gender", "indicator", "region", "value", "year"], point.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(WithinCareGuarantee, point.GetProperty("indicator").GetInt32());
        Assert.Equal("total", point.GetProperty("gender").GetString());

        using var again = new HttpRequestMessage(HttpMethod.Get, uri);
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var notModified = await client.SendAsync(again, Cancel);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    /// <summary>
    /// The fields Sotkanet's clients read, by the paths they read them: the R package sotkanet
    /// (rOpenGov: indicators' <c>id</c>, <c>title[[lang]]</c>, <c>organization$id</c>,
    /// <c>organization$title[[lang]]</c>; regions' <c>id</c>, <c>title[[lang]]</c>, <c>code</c>,
    /// <c>category</c>, <c>uri</c>; an indicator's <c>range[[1]]:range[[2]]</c>; csv read with
    /// <c>sep=';'</c> and a header, joined on <c>indicator</c> and <c>region</c>), Python scripts
    /// (csv.DictReader on <c>region</c>, <c>year</c>, <c>primary value</c>, <c>absolute value</c>;
    /// regions' <c>memberOf</c>; an indicator's <c>classifications.region.values</c> holding the
    /// capitalised level and <c>sources[0].organization.title.fi</c>) and Oskari's Sotkanet plugin
    /// (json <c>indicator, region, year, gender, value, absValue</c>).
    /// </summary>
    [Fact]
    public async Task The_fields_sotkanet_clients_read_are_where_they_read_them()
    {
        using var client = server.Client();
        using var indicators = JsonDocument.Parse(await client.GetStringAsync(new Uri("/rest/1.1/indicators", UriKind.Relative), Cancel));
        var listed = indicators.RootElement.EnumerateArray().Single(i => i.GetProperty("id").GetInt32() == WithinCareGuarantee);
        Assert.False(string.IsNullOrEmpty(listed.GetProperty("title").GetProperty("sv").GetString()));
        Assert.Equal(2, listed.GetProperty("organization").GetProperty("id").GetInt32());
        Assert.Contains("THL", listed.GetProperty("organization").GetProperty("title").GetProperty("en").GetString(), StringComparison.Ordinal);

        using var regions = JsonDocument.Parse(await client.GetStringAsync(new Uri("/rest/1.1/regions", UriKind.Relative), Cancel));
        var byId = regions.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("id").GetInt32());
        var county = byId.Values.First(r => r.GetProperty("category").GetString() == "HYVINVOINTIALUE");
        Assert.False(string.IsNullOrEmpty(county.GetProperty("title").GetProperty("fi").GetString()));
        Assert.StartsWith("http://urn.fi/", county.GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.All(county.GetProperty("memberOf").EnumerateArray(), member => Assert.True(byId.ContainsKey(member.GetInt32())));

        using var metadata = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/rest/1.1/indicators/{WithinCareGuarantee}", UriKind.Relative), Cancel));
        var root = metadata.RootElement;
        Assert.True(root.GetProperty("range").GetProperty("start").GetInt32() <= root.GetProperty("range").GetProperty("end").GetInt32());
        var levels = root.GetProperty("classifications").GetProperty("region").GetProperty("values").EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.Contains("Kunta", levels);
        Assert.Contains("Hyvinvointialue", levels);
        Assert.Equal("Sukupuoli", root.GetProperty("classifications").GetProperty("sex").GetProperty("title").GetProperty("fi").GetString());
        Assert.Contains("THL", root.GetProperty("sources")[0].GetProperty("organization").GetProperty("title").GetProperty("fi").GetString(), StringComparison.Ordinal);

        // The csv as a dictionary reader reads it: by the header's names.
        var csv = (await client.GetStringAsync(new Uri($"/rest/1.1/csv?indicator={WithinCareGuarantee}&years={year}&genders=total", UriKind.Relative), Cancel))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = csv[0].Split(';');
        var rows = csv.Skip(1).Select(line => header.Zip(line.Split(';')).ToDictionary(pair => pair.First, pair => pair.Second)).ToList();
        Assert.NotEmpty(rows);
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/rest/1.1/json?indicator={WithinCareGuarantee}&years={year}&genders=total", UriKind.Relative), Cancel));
        var points = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(points.Count, rows.Count);
        foreach (var (row, point) in rows.Zip(points))
        {
            Assert.Equal(point.GetProperty("indicator").GetInt32(), int.Parse(row["indicator"], CultureInfo.InvariantCulture));
            Assert.True(byId.ContainsKey(int.Parse(row["region"], CultureInfo.InvariantCulture)), $"region {row["region"]} is not in /regions");
            Assert.Equal(point.GetProperty("region").GetInt32(), int.Parse(row["region"], CultureInfo.InvariantCulture));
            Assert.Equal(year, int.Parse(row["year"], CultureInfo.InvariantCulture));
            Assert.Equal(point.GetProperty("gender").GetString(), row["gender"]);
            Assert.Equal(point.GetProperty("value").GetDouble(), double.Parse(row["primary value"], CultureInfo.InvariantCulture));
            Assert.Equal(point.GetProperty("absValue").GetDouble(), double.Parse(row["absolute value"], CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData("indicator=5007&years=2025&region=91")]
    [InlineData("indicator=4&years=2025")]
    [InlineData("years=2025")]
    [InlineData("indicator=5007")]
    [InlineData("indicator=5007&years=2025&genders=unknown")]
    [InlineData("indicator=5007&years=twenty")]
    public async Task A_request_with_an_unknown_parameter_or_value_is_refused_with_400(string query)
    {
        using var response = await server.Client().GetAsync(new Uri($"/rest/1.1/json?{query}", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    /// <summary>What the public reads of the indicator for the year: every published value by sex.</summary>
    private async Task<List<(string Gender, double Value, double Absolute)>> PublishedAsync(int id)
    {
        var values = await new IndicatorService(server.Register.Services.Statistics).ComputeAsync(IndicatorCatalogue.Find(id)!, year, ReportAudience.Public, Cancel);
        return [.. values.Where(v => v is { Withheld: false, Value: not null }).Select(v => (v.Gender.ToString().ToLowerInvariant(), v.Value!.Value, v.AbsoluteValue!.Value))];
    }
}
