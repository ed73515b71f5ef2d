using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Hilmo.Notifications;
using Hilmo.Testing;

namespace Hilmo.Server.Tests;

/// <summary>A register with a year of AvoHILMO data released, served with a PxWeb cell limit small enough to reach.</summary>
public sealed class PxWebServer : IAsyncLifetime
{
    public const int MaxDataCells = 5_000;

    internal ServerHarness Server { get; private set; } = null!;

    public int Year { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Server = await ServerHarness.StartAsync(settings: [$"--PxWeb:MaxDataCells={MaxDataCells}"]);
        Year = await Server.PublishGeneratedAsync(3_000, seed: 7, [Register.AvoHilmo], "pxweb", TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// The PxWeb API 2.0 at /api/v2/, called as PxWeb's documentation calls it (Statistics Sweden's
/// and Statistics Norway's examples): its figures are those of /api/v1/statistics cell by cell,
/// withheld cells stay withheld, and its errors are PxWeb's (400, 403 over the cell limit, 404).
/// </summary>
public sealed class PxWebApiTests(PxWebServer fixture) : IClassFixture<PxWebServer>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private HttpClient Client => fixture.Server.Client();

    private async Task<JsonObject> JsonAsync(string address, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Client.GetAsync(new Uri(address, UriKind.Relative), Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(expected == response.StatusCode, $"{address}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    [Fact]
    public async Task Config_states_the_languages_formats_cell_limit_and_rate_limit()
    {
        var config = await JsonAsync("/api/v2/config");
        Assert.Equal("2.0.0", (string?)config["apiVersion"]);
        Assert.Equal(["fi", "sv", "en"], config["languages"]!.AsArray().Select(l => (string?)l!["id"]));
        Assert.Equal("fi", (string?)config["defaultLanguage"]);
        Assert.Equal(PxWebServer.MaxDataCells, (int)config["maxDataCells"]!);
        Assert.Equal(ServerOptions.Default.RequestsPerMinute, (int)config["maxCallsPerTimeWindow"]!);
        Assert.Equal(60, (int)config["timeWindow"]!);
        Assert.Equal(["json-stat2", "csv", "px", "xlsx"], config["dataFormats"]!.AsArray().Select(f => (string?)f));
        Assert.Contains(config["features"]!.AsArray(), f => (string?)f!["id"] == "CORS");
    }

    [Fact]
    public async Task Tables_come_in_pages_that_together_list_every_table_once()
    {
        var all = await JsonAsync("/api/v2/tables?pageSize=1000");
        var total = (int)all["page"]!["totalElements"]!;
        // Only AvoHILMO is released: every published table of its reports (7 of visits, 6 of access to care …); the period reports have no figure, so no table.
        // health-promotion publishes nothing of this test's data (its first, monthly table by county
        // cannot be protected with so few clinic visits), so a report with no published year has no table.
        var released = Hilmo.Statistics.Reports.ReportCatalogue.All
            .Where(r => r.Source.Fi.EndsWith("AvoHILMO", StringComparison.Ordinal) && r.Name != "health-promotion").Sum(r => r.Publication.Count);
        Assert.True(released >= 13, $"{released} tables");
        Assert.Equal(released, total);
        Assert.DoesNotContain(all["tables"]!.AsArray(), t => ((string)t!["id"]!).StartsWith("care-periods-", StringComparison.Ordinal));
        Assert.Contains(all["tables"]!.AsArray(), t => (string?)t!["id"] == "visits-by-county");
        Assert.All(all["tables"]!.AsArray(), t => Assert.False(t!.AsObject().ContainsKey("language")));

        var ids = new List<string>();
        var pages = (total + 6) / 7;
        for (var number = 1; number <= pages; number++)
        {
            var page = await JsonAsync($"/api/v2/tables?pageSize=7&pageNumber={number}");
            Assert.Equal(number, (int)page["page"]!["pageNumber"]!);
            Assert.Equal(7, (int)page["page"]!["pageSize"]!);
            Assert.Equal(pages, (int)page["page"]!["totalPages"]!);
            var rels = page["page"]!["links"]!.AsArray().Select(l => (string?)l!["rel"]).ToList();
            Assert.Equal(number < pages, rels.Contains("next"));
            Assert.Equal(number > 1, rels.Contains("previous"));
            ids.AddRange(page["tables"]!.AsArray().Select(t => (string)t!["id"]!));
        }

        Assert.Equal(total, ids.Count);
        Assert.Equal(all["tables"]!.AsArray().Select(t => (string)t!["id"]!), ids);
        await JsonAsync("/api/v2/tables?pageSize=0", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_query_finds_the_tables_it_names_in_the_language_asked()
    {
        var found = await JsonAsync("/api/v2/tables?query=waiting&lang=en");
        Assert.Equal("en", (string?)found["language"]);
        var tables = found["tables"]!.AsArray();
        Assert.NotEmpty(tables);
        Assert.All(tables, t => Assert.StartsWith("access-to-care-", (string)t!["id"]!));
        var none = await JsonAsync("/api/v2/tables?query=zzzqqq");
        Assert.Empty(none["tables"]!.AsArray());
        Assert.Equal(0, (int)none["page"]!["totalElements"]!);
    }

    [Fact]
    public async Task A_table_tells_its_periods_variables_and_links()
    {
        var table = await JsonAsync("/api/v2/tables/visits-by-county?lang=en");
        Assert.Equal("visits-by-county", (string?)table["id"]);
        Assert.Equal("en", (string?)table["language"]);
        Assert.Equal($"{fixture.Year}-01", (string?)table["firstPeriod"]);
        Assert.Equal($"{fixture.Year}-12", (string?)table["lastPeriod"]);
        Assert.Equal("Monthly", (string?)table["timeUnit"]);
        Assert.Equal(3, table["variableNames"]!.AsArray().Count);
        Assert.Equal(["self", "metadata", "data"], table["links"]!.AsArray().Select(l => (string?)l!["rel"]));

        var missing = await JsonAsync("/api/v2/tables/no-such-table", HttpStatusCode.NotFound);
        Assert.Equal(404, (int)missing["status"]!);
        await JsonAsync("/api/v2/tables/no-such-table/data", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Metadata_is_json_stat_without_figures_saying_which_variables_may_be_eliminated()
    {
        var metadata = await JsonAsync("/api/v2/tables/visits-by-county/metadata?lang=sv");
        Assert.Equal("2.0", (string?)metadata["version"]);
        Assert.Equal("dataset", (string?)metadata["class"]);
        // PxWeb 2 answers the figures of its metadata as an empty array (PxWebApi's expected
        // MetadataById_*_js2.json), which keeps it a dataset the JSON-stat schema accepts.
        Assert.Empty(metadata["value"]!.AsArray());
        Assert.Null(metadata["status"]);
        Assert.Equal(["month", "county", "measure"], metadata["id"]!.AsArray().Select(i => (string?)i));
        Assert.Equal(["month", "county"], metadata["extension"]!["px"]!["stub"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(["measure"], metadata["extension"]!["px"]!["heading"]!.AsArray().Select(v => (string?)v));
        var county = metadata["dimension"]!["county"]!;
        Assert.True((bool)county["extension"]!["elimination"]!);
        Assert.Equal("SSS", (string?)county["extension"]!["eliminationValueCode"]);
        var month = metadata["dimension"]!["month"]!;
        Assert.False((bool)month["extension"]!["elimination"]!);
        Assert.Equal(12, Cube.Codes(month["category"]!["index"]!).Count);
        Assert.Equal("visits-by-county", (string?)metadata["extension"]!["px"]!["tableid"]);
    }

    [Theory]
    [InlineData("/api/v2/tables/visits-by-county/metadata?lang=en")]
    [InlineData("/api/v2/tables/visits-by-unit/metadata?lang=sv&codelist[unit]=vs_unit_upper")]
    [InlineData("/api/v2/tables/visits-by-age_group-sex/metadata?lang=fi&defaultSelection=true")]
    public async Task Metadata_validates_against_the_json_stat_schema_and_loads_in_jsonstat_toolkit(string address)
    {
        var bytes = await Client.GetByteArrayAsync(new Uri(address, UriKind.Relative), Cancel);
        var metadata = JsonNode.Parse(bytes)!;

        var results = ThirdPartyReaders.Validate(bytes);
        Assert.True(results.IsValid, ThirdPartyReaders.Errors(results));
        var read = await ThirdPartyReaders.ReadJsonStatAsync(bytes);
        Assert.Equal((string?)metadata["label"], (string?)read["label"]);
        Assert.Equal(metadata["id"]!.AsArray().Select(i => (string?)i), read["dimensions"]!.AsArray().Select(d => (string?)d!["id"]));
        foreach (var dimension in read["dimensions"]!.AsArray())
        {
            Assert.Equal(Cube.Codes(metadata["dimension"]![(string)dimension!["id"]!]!["category"]!["index"]!), dimension["categories"]!.AsArray().Select(c => (string)c!["code"]!));
        }

        Assert.Empty(read["cells"]!.AsArray());
    }

    [Fact]
    public async Task Metadata_of_the_default_selection_has_the_values_a_data_call_without_one_answers()
    {
        var selection = await JsonAsync("/api/v2/tables/visits-by-county/defaultselection");
        var months = selection["selection"]!.AsArray().Single(s => (string?)s!["variableCode"] == "month")!["valueCodes"]!.AsArray().Select(v => (string)v!).ToList();
        var metadata = await JsonAsync("/api/v2/tables/visits-by-county/metadata?defaultSelection=true");
        Assert.Equal(months, Cube.Codes(metadata["dimension"]!["month"]!["category"]!["index"]!));

        var saved = await JsonAsync("/api/v2/tables/visits-by-county/metadata?savedQuery=abc", HttpStatusCode.NotFound);
        Assert.Contains("abc", (string)saved["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_in_json_stat_and_px_loads_in_the_third_party_readers_with_the_figures_of_the_answer()
    {
        const string Selection = "/api/v2/tables/visits-by-county/data?lang=en&valueCodes[month]=top(2)&valueCodes[county]=*";
        var jsonStat = await Client.GetByteArrayAsync(new Uri(Selection, UriKind.Relative), Cancel);
        var results = ThirdPartyReaders.Validate(jsonStat);
        Assert.True(results.IsValid, ThirdPartyReaders.Errors(results));
        var json = JsonNode.Parse(jsonStat)!;
        var read = await ThirdPartyReaders.ReadJsonStatAsync(jsonStat);
        var values = json["value"]!.AsArray();
        var cells = read["cells"]!.AsArray();
        Assert.Equal(values.Count, cells.Count);
        Assert.Equal(values.Select(v => v is null ? (double?)null : (double)v), cells.Select(c => c!["value"] is { } value ? (double)value : (double?)null));

        var px = await ThirdPartyReaders.ReadPxAsync(await Client.GetByteArrayAsync(new Uri(Selection + "&outputFormat=px", UriKind.Relative), Cancel));
        // pyaxis's rows run in the PX stub order, which is JSON-stat's order of the same cells;
        // it reads a withheld figure ("..") as NaN.
        var rows = px["rows"]!.AsArray();
        Assert.Equal(values.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i]!.AsArray();
            var figure = (string)row[row.Count - 1]!;
            Assert.Equal(values[i] is null ? null : (double?)values[i], double.TryParse(figure, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) && !double.IsNaN(number) ? number : null);
        }
    }

    [Theory]
    [InlineData("&stub=month,county&heading=measure", "")]
    [InlineData("&stub=county", "")]
    [InlineData("&heading=measure", "")]
    [InlineData("&outputFormat=csv&outputFormatParams=UseCodesAndTexts", "&outputFormat=csv")]
    [InlineData("&outputFormat=csv&outputFormatParams=usecodesandtexts&stub=month,county", "&outputFormat=csv")]
    public async Task A_placement_or_format_parameter_that_agrees_with_the_tables_layout_answers_the_same_file(string asked, string plain)
    {
        const string Selection = "/api/v2/tables/visits-by-county/data?lang=en&valueCodes[month]=top(1)&valueCodes[county]=*";
        var expected = await Client.GetByteArrayAsync(new Uri(Selection + plain, UriKind.Relative), Cancel);

        Assert.Equal(expected, await Client.GetByteArrayAsync(new Uri(Selection + asked, UriKind.Relative), Cancel));
    }

    [Theory]
    [InlineData("&heading=month", "stub month,county, heading measure")]
    [InlineData("&stub=county,month", "stub month,county, heading measure")]
    [InlineData("&stub=measure", "stub month,county, heading measure")]
    [InlineData("&stub=region", "region")]
    [InlineData("&outputFormat=csv&outputFormatParams=SeparatorSemicolon", "SeparatorSemicolon")]
    [InlineData("&outputFormat=csv&outputFormatParams=UseTexts", "UseTexts")]
    [InlineData("&outputFormat=px&outputFormatParams=UseCodesAndTexts", "UseCodesAndTexts")]
    [InlineData("&outputFormatParams=Pivot", "Pivot")]
    public async Task A_placement_or_format_parameter_the_layout_cannot_honour_is_400_not_ignored(string asked, string named)
    {
        var problem = await JsonAsync("/api/v2/tables/visits-by-county/data?valueCodes[month]=top(1)" + asked, HttpStatusCode.BadRequest);
        Assert.Contains(named, (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_posted_placement_is_accepted_in_the_tables_layout_and_refused_in_another()
    {
        const string Selection = """ "selection":[{"variableCode":"month","valueCodes":["top(1)"]},{"variableCode":"county","valueCodes":["*"]}]""";
        async Task<HttpResponseMessage> PostAsync(string placement) => await Client.PostAsync(new Uri("/api/v2/tables/visits-by-county/data?lang=en", UriKind.Relative),
            new StringContent("{" + Selection + placement + "}", Encoding.UTF8, "application/json"), Cancel);
        using var plain = await PostAsync("");
        using var agreeing = await PostAsync(""","placement":{"heading":["measure"],"stub":["month","county"]}""");
        using var other = await PostAsync(""","placement":{"heading":["month"],"stub":["county"]}""");

        Assert.Equal(HttpStatusCode.OK, agreeing.StatusCode);
        Assert.Equal(await plain.Content.ReadAsByteArrayAsync(Cancel), await agreeing.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
    }

    [Fact]
    public async Task Every_cell_is_the_one_the_v1_api_publishes_and_withheld_cells_stay_withheld()
    {
        var v1 = Cube.Read(await JsonAsync($"/api/v1/statistics/visits?from={fixture.Year}-01-01&to={fixture.Year}-12-31&by=month,county"));
        var v2 = Cube.Read(await JsonAsync("/api/v2/tables/visits-by-county/data?lang=fi&valueCodes[month]=*&valueCodes[county]=*&valueCodes[measure]=*&outputFormat=json-stat2"));
        Assert.Equal(v1.Dimensions["county"], v2.Dimensions["county"]);
        Assert.Equal(v1.Dimensions["month"].Where(c => c != "SSS"), v2.Dimensions["month"]);
        foreach (var (key, cell) in v2.Cells)
        {
            Assert.Equal(v1.Cells[key], cell);
        }

        // The data must have withheld cells for this to prove anything: 3,000 visits over 12 months and the counties do.
        var withheld = v2.Cells.Where(c => c.Value.Status == "..").ToList();
        Assert.NotEmpty(withheld);
        Assert.All(withheld, c => Assert.Null(c.Value.Value));

        // Asked alone, a withheld cell is still withheld: a selection is a cut of the protected table, not a new one.
        var (monthCode, countyCode, _) = withheld[0].Key;
        var alone = Cube.Read(await JsonAsync($"/api/v2/tables/visits-by-county/data?valueCodes[month]={monthCode}&valueCodes[county]={countyCode}"));
        Assert.Equal(v1.Cells[withheld[0].Key], alone.Cells[withheld[0].Key]);
        Assert.All(alone.Cells.Values, c => Assert.Equal(v1.Cells[(monthCode, countyCode, c.Measure)], c));
    }

    [Fact]
    public async Task Top_takes_the_latest_periods_and_the_first_values_and_a_variable_left_out_is_its_total()
    {
        var metadata = await JsonAsync("/api/v2/tables/visits-by-county/metadata");
        var counties = Cube.Codes(metadata["dimension"]!["county"]!["category"]!["index"]!);
        var top = Cube.Read(await JsonAsync("/api/v2/tables/visits-by-county/data?valueCodes[month]=top(3)&valueCodes[county]=top(3)&valueCodes[measure]=visits"));
        Assert.Equal([$"{fixture.Year}-10", $"{fixture.Year}-11", $"{fixture.Year}-12"], top.Dimensions["month"]);
        Assert.Equal(counties.Take(3), top.Dimensions["county"]);
        Assert.Equal(["visits"], top.Dimensions["measure"]);

        var v1 = Cube.Read(await JsonAsync($"/api/v1/statistics/visits?from={fixture.Year}-01-01&to={fixture.Year}-12-31&by=month,county"));
        var eliminated = Cube.Read(await JsonAsync($"/api/v2/tables/visits-by-county/data?valueCodes[month]={fixture.Year}-03,{fixture.Year}-04"));
        Assert.Equal(["SSS"], eliminated.Dimensions["county"]);
        foreach (var (key, cell) in eliminated.Cells)
        {
            Assert.Equal(v1.Cells[key], cell);
        }

        // The OpenAPI document of PxWeb spells the parameter valuecodes; its documentation valueCodes.
        var range = Cube.Read(await JsonAsync($"/api/v2/tables/visits-by-county/data?valuecodes[month]=range({fixture.Year}-02,{fixture.Year}-04)&valuecodes[county]=SSS&outputformat=json-stat2"));
        Assert.Equal([$"{fixture.Year}-02", $"{fixture.Year}-03", $"{fixture.Year}-04"], range.Dimensions["month"]);
    }

    [Fact]
    public async Task A_posted_selection_answers_what_the_same_get_does()
    {
        var get = await Client.GetByteArrayAsync(new Uri("/api/v2/tables/visits-by-age_group-sex/data?lang=en&valueCodes[month]=top(2)&valueCodes[sex]=*&valueCodes[age_group]=SSS", UriKind.Relative), Cancel);
        var body = """{"selection":[{"variableCode":"month","valueCodes":["top(2)"]},{"variableCode":"sex","valueCodes":["*"]},{"variableCode":"age_group","valueCodes":["SSS"]}]}""";
        using var post = await Client.PostAsync(new Uri("/api/v2/tables/visits-by-age_group-sex/data?lang=en&outputFormat=json-stat2", UriKind.Relative),
            new StringContent(body, Encoding.UTF8, "application/json"), Cancel);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(get, await post.Content.ReadAsByteArrayAsync(Cancel));

        using var broken = await Client.PostAsync(new Uri("/api/v2/tables/visits-by-age_group-sex/data", UriKind.Relative),
            new StringContent("{\"selection\": [", Encoding.UTF8, "application/json"), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
    }

    [Theory]
    [InlineData("csv", "text/csv")]
    [InlineData("px", "application/octet-stream")]
    [InlineData("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    public async Task The_files_come_in_the_output_format_asked(string format, string mediaType)
    {
        using var response = await Client.GetAsync(new Uri($"/api/v2/tables/visits-by-county/data?lang=en&valueCodes[month]=top(1)&valueCodes[county]=*&outputFormat={format}", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Cancel);
        if (format == "px")
        {
            var text = Encoding.UTF8.GetString(bytes);
            Assert.Contains("MATRIX=", text, StringComparison.Ordinal);
            Assert.Contains("DATA=", text, StringComparison.Ordinal);
        }
        else if (format == "csv")
        {
            Assert.Contains($"{fixture.Year}-12", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal((byte)'P', bytes[0]);
        }
    }

    [Theory]
    [InlineData("/api/v2/tables/visits-by-county/data?sex=2", "sex")]
    [InlineData("/api/v2/tables/visits-by-county/data?valueCodes[county]=99x", "99x")]
    [InlineData("/api/v2/tables/visits-by-county/data?valueCodes[region]=*", "region")]
    [InlineData("/api/v2/tables/visits-by-county/data?valueCodes[month]=top(0)", "top(0)")]
    [InlineData("/api/v2/tables/visits-by-county/data?outputFormat=html", "outputFormat")]
    [InlineData("/api/v2/tables/visits-by-county/data?lang=de", "lang")]
    [InlineData("/api/v2/tables/visits-by-county/data?codelist[county]=vs_nothing", "vs_nothing")]
    [InlineData("/api/v2/tables?pageNumber=x", "pageNumber")]
    public async Task A_mistaken_request_is_400_naming_the_mistake(string address, string named)
    {
        var problem = await JsonAsync(address, HttpStatusCode.BadRequest);
        Assert.Contains(named, (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_selection_over_the_cell_limit_is_403_and_a_smaller_one_of_the_same_table_is_answered()
    {
        var metadata = await JsonAsync("/api/v2/tables/access-to-care-by-county/metadata");
        var cells = metadata["size"]!.AsArray().Aggregate(1L, (product, size) => product * (int)size!);
        Assert.True(cells > PxWebServer.MaxDataCells, $"{cells} cells");

        var refused = await JsonAsync("/api/v2/tables/access-to-care-by-county/data?valueCodes[month]=*&valueCodes[county]=*&valueCodes[waiting_time]=*&valueCodes[measure]=*", HttpStatusCode.Forbidden);
        Assert.Contains("maxDataCells", (string)refused["detail"]!, StringComparison.Ordinal);
        await JsonAsync("/api/v2/tables/access-to-care-by-county/data?valueCodes[month]=top(1)&valueCodes[county]=*");
    }

    [Fact]
    public async Task A_code_list_keeps_the_upper_level_of_a_nested_variable()
    {
        var metadata = await JsonAsync("/api/v2/tables/visits-by-unit/metadata");
        var unit = metadata["dimension"]!["unit"]!;
        Assert.Equal("vs_unit_upper", (string?)unit["extension"]!["codelists"]![0]!["id"]);
        var all = Cube.Codes(unit["category"]!["index"]!);

        var upper = Cube.Read(await JsonAsync("/api/v2/tables/visits-by-unit/data?valueCodes[month]=top(1)&codelist[unit]=vs_unit_upper"));
        var providers = upper.Dimensions["unit"];
        Assert.Contains("SSS", providers);
        Assert.True(providers.Count < all.Count, $"{providers.Count} of {all.Count}");
        Assert.All(providers, code => Assert.Contains(code, all));
        var children = unit["category"]!["child"]?.AsObject();
        Assert.NotNull(children);
        Assert.All(providers.Where(p => p != "SSS"), p => Assert.Contains(p, children!["SSS"]!.AsArray().Select(c => (string?)c)));
    }

    [Fact]
    public async Task A_key_that_opens_unsuppressed_figures_in_v1_gets_only_the_published_ones_here()
    {
        const string address = "/api/v2/tables/visits-by-county/data?valueCodes[month]=*&valueCodes[county]=*";
        var published = await Client.GetByteArrayAsync(new Uri(address, UriKind.Relative), Cancel);
        var supervisor = fixture.Server.Client(fixture.Server.Key(Hilmo.Access.Role.Supervisor, "valvira"));
        Assert.Equal(published, await supervisor.GetByteArrayAsync(new Uri(address, UriKind.Relative), Cancel));
        var keeper = fixture.Server.Client(fixture.Server.Key(Hilmo.Access.Role.Register, "thl"));
        Assert.Equal(published, await keeper.GetByteArrayAsync(new Uri(address, UriKind.Relative), Cancel));
    }

    [Fact]
    public async Task A_page_elsewhere_may_post_a_selection()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri("/api/v2/tables/visits-by-county/data", UriKind.Relative));
        preflight.Headers.Add("Origin", "https://example.org");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        using var answer = await Client.SendAsync(preflight, Cancel);
        Assert.True(answer.IsSuccessStatusCode, $"{(int)answer.StatusCode}");
        Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", string.Join(',', answer.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_has_the_validators_of_the_v1_tables_and_head_answers_without_a_body()
    {
        var address = new Uri("/api/v2/tables/visits-by-county/data?valueCodes[month]=top(1)&valueCodes[county]=*&lang=en", UriKind.Relative);
        using var first = await Client.GetAsync(address, Cancel);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(first.Headers.CacheControl!.Public);
        Assert.Equal("en", first.Content.Headers.ContentLanguage.Single());
        using var again = new HttpRequestMessage(HttpMethod.Get, address);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var notModified = await Client.SendAsync(again, Cancel);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, address), Cancel);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(first.Headers.ETag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Fact]
    public async Task The_openapi_document_has_the_pxweb_calls()
    {
        var document = await JsonAsync("/openapi/v1.json");
        var paths = document["paths"]!.AsObject();
        foreach (var path in new[] { "/api/v2/config", "/api/v2/tables", "/api/v2/tables/{id}", "/api/v2/tables/{id}/metadata", "/api/v2/tables/{id}/data" })
        {
            Assert.True(paths.ContainsKey(path), path);
        }

        Assert.NotNull(paths["/api/v2/tables/{id}/data"]!["post"]!["requestBody"]);
        Assert.Null(paths["/api/v2/tables/{id}/data"]!["get"]!["requestBody"]);
        Assert.NotNull(paths["/api/v2/tables/{id}/data"]!["get"]!["responses"]!["403"]);
    }

    /// <summary>A JSON-stat dataset as cells keyed by (time, classification, measure) codes, for tables of two dimensions and the measures.</summary>
    private sealed record Cube(Dictionary<string, List<string>> Dimensions, Dictionary<(string, string, string), Cell> Cells)
    {
        public static Cube Read(JsonObject json)
        {
            var ids = json["id"]!.AsArray().Select(i => (string)i!).ToList();
            Assert.Equal(3, ids.Count);
            var dimensions = ids.ToDictionary(id => id, id => Codes(json["dimension"]![id]!["category"]!["index"]!));
            var values = json["value"]!.AsArray();
            var status = json["status"]?.AsObject();
            var cells = new Dictionary<(string, string, string), Cell>();
            var (first, second, measures) = (dimensions[ids[0]], dimensions[ids[1]], dimensions[ids[2]]);
            for (var i = 0; i < values.Count; i++)
            {
                var (a, b, m) = (first[i / (second.Count * measures.Count)], second[i / measures.Count % second.Count], measures[i % measures.Count]);
                cells[(a, b, m)] = new Cell(m, values[i]?.GetValue<double>(), status?[i.ToString(System.Globalization.CultureInfo.InvariantCulture)]?.GetValue<string>());
            }

            return new Cube(dimensions, cells);
        }

        /// <summary>A dimension's category codes in order, from either form JSON-stat allows for <c>index</c>.</summary>
        public static List<string> Codes(JsonNode index) => index is JsonArray codes
            ? [.. codes.Select(c => (string)c!)]
            : [.. index.AsObject().OrderBy(p => (int)p.Value!).Select(p => p.Key)];
    }

    private sealed record Cell(string Measure, double? Value, string? Status);
}

/// <summary>The PxWeb API's rate limit is the register's: beyond it, 429 with Retry-After, as PxWeb answers.</summary>
public sealed class PxWebRateLimitTests
{
    [Fact]
    public async Task Calls_beyond_the_rate_limit_get_429_with_retry_after()
    {
        await using var server = await ServerHarness.StartAsync(ServerOptions.Default with { RequestsPerMinute = 2 });
        var client = server.Client();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await client.GetAsync(new Uri("/api/v2/config", UriKind.Relative), TestContext.Current.CancellationToken);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.NotNull(last!.Headers.RetryAfter);
        last.Dispose();
    }
}
