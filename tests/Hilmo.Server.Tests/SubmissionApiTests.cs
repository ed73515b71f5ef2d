using System.Diagnostics.Metrics;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Text;
using Hilmo.Access;
using Hilmo.Notifications;
using Hilmo.Storage;
using Hilmo.Testing.Storage;

namespace Hilmo.Server.Tests;

public abstract class SubmissionApiTests(StoreEngine engine) : IAsyncLifetime
{
    private ServerHarness server = null!;

    public async ValueTask InitializeAsync() => server = await ServerHarness.StartAsync(engine: engine);

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task A_submitted_file_is_stored_and_its_feedback_can_be_read_again()
    {
        var client = server.Client(server.Key(Role.Submitter));
        var body = Bodies.Ndjson(1500) + Bodies.Record("1.2.246.10.2345678.10.2026.99999").Replace("\"T11\"", "\"T99\"", StringComparison.Ordinal) + "\n";

        using var response = await client.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative), Bodies.Content(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await JsonOf(response);
        Assert.Equal((1501, 1500, 1, 0), (answer.GetProperty("received").GetInt64(), answer.GetProperty("accepted").GetInt64(),
            answer.GetProperty("rejected").GetInt64(), answer.GetProperty("duplicates").GetInt64()));
        var finding = Assert.Single(answer.GetProperty("findings").EnumerateArray());
        Assert.Equal(("CODE-001", 1500, "kaynti.palvelumuoto"), (finding.GetProperty("code").GetString(), finding.GetProperty("index").GetInt64(), finding.GetProperty("path").GetString()));
        Assert.Equal(new RegisterCounts(1500, 1500, 0), await server.Register.Services.Store.CountAsync());

        var id = answer.GetProperty("submissionId").GetInt64();
        using var again = await client.GetAsync(new Uri($"/api/v1/submissions/{id}?lang=fi", UriKind.Relative));
        var feedback = await JsonOf(again);
        Assert.Equal(1500, feedback.GetProperty("accepted").GetInt64());
        Assert.Equal("Koodia \"T99\" ei ole luokituksessa palvelumuoto.", Assert.Single(feedback.GetProperty("findings").EnumerateArray()).GetProperty("message").GetString());
        Assert.DoesNotContain(Bodies.IdentityCode[..6], await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_file_sent_twice_is_all_duplicates_the_second_time()
    {
        var client = server.Client(server.Key(Role.Submitter));
        var body = Bodies.Ndjson(50);
        using var first = await client.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative), Bodies.Content(body));
        using var second = await client.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative), Bodies.Content(body));

        var answer = await JsonOf(second);
        Assert.Equal((0, 50), (answer.GetProperty("accepted").GetInt64(), answer.GetProperty("duplicates").GetInt64()));
    }

    [Fact]
    public async Task Json_arrays_xml_and_gzip_bodies_are_read_like_ndjson()
    {
        var client = server.Client(server.Key(Role.Submitter));
        var array = "[" + string.Join(",", Enumerable.Range(0, 3).Select(i => Bodies.Record($"1.2.246.10.2345678.10.2026.a{i}"))) + "]";
        using var json = await client.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative), Bodies.Content(array, "application/json"));
        Assert.Equal(3, (await JsonOf(json)).GetProperty("accepted").GetInt64());

        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <palvelutapahtumat><palvelutapahtuma><tunnus>1.2.246.10.2345678.10.2026.x1</tunnus><paivitetty>2026-03-09T16:40</paivitetty>
            <asiakas><hetu>131052-308T</hetu><kotikunta>091</kotikunta></asiakas><tuottaja>90152</tuottaja>
            <kaynti><alku>2026-03-09T10:02</alku><loppu>2026-03-09T10:25</loppu><ammatti>22211</ammatti><palvelumuoto>T11</palvelumuoto><yhteystapa>R10</yhteystapa><kavijaryhma>1</kavijaryhma><kiireellisyys>E</kiireellisyys><luonne>SH</luonne><ensikaynti>K</ensikaynti></kaynti>
            </palvelutapahtuma></palvelutapahtumat>
            """;
        using var fromXml = await client.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative), Bodies.Content(xml, "application/xml"));
        var xmlAnswer = await JsonOf(fromXml);
        Assert.True(xmlAnswer.GetProperty("accepted").GetInt64() == 1, xmlAnswer.ToString());

        using var packed = new MemoryStream();
        await using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(Bodies.Ndjson(20, "1.2.246.10.2345678.10.2026.g")));
        }

        var content = Bodies.Content(packed.ToArray());
        content.Headers.ContentEncoding.Add("gzip");
        using var gzipped = await client.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative), content);
        Assert.Equal(20, (await JsonOf(gzipped)).GetProperty("accepted").GetInt64());
    }

    [Fact]
    public async Task The_test_service_checks_everything_and_stores_nothing()
    {
        var client = server.Client(server.Key(Role.Submitter));
        using var response = await client.PostAsync(new Uri("/api/v1/notifications/validate", UriKind.Relative),
            Bodies.Content(Bodies.Ndjson(10) + "{\"tunnus\":1}\n"));

        var answer = await JsonOf(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((11, 10, 1), (answer.GetProperty("received").GetInt64(), answer.GetProperty("accepted").GetInt64(), answer.GetProperty("rejected").GetInt64()));
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("submissionId").ValueKind);
        Assert.Equal(0, (await server.Register.Services.Store.CountAsync()).Versions);
    }

    [Fact]
    public async Task A_submitter_cannot_send_another_providers_records()
    {
        var client = server.Client(server.Key(Role.Submitter, ServerHarness.ProviderA));
        var body = Bodies.Record("1.2.246.10.2345678.10.2026.1") + "\n" + Bodies.Record("1.2.246.10.2345678.10.2026.2", ServerHarness.ProviderB) + "\n";

        using var response = await client.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative), Bodies.Content(body));

        var answer = await JsonOf(response);
        Assert.Equal((1, 1), (answer.GetProperty("accepted").GetInt64(), answer.GetProperty("rejected").GetInt64()));
        var finding = Assert.Single(answer.GetProperty("findings").EnumerateArray());
        Assert.Equal(("ACC-001", 1), (finding.GetProperty("code").GetString(), finding.GetProperty("index").GetInt64()));
        Assert.Null(await server.Register.Services.Store.GetCurrentAsync(new RecordKey(ServerHarness.ProviderB, "1.2.246.10.2345678.10.2026.2")));
    }

    [Fact]
    public async Task The_register_keepers_may_send_for_any_provider()
    {
        var client = server.Client(server.Key(Role.Register, "THL"));
        using var response = await client.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative),
            Bodies.Content(Bodies.Ndjson(2, provider: ServerHarness.ProviderB)));

        Assert.Equal(2, (await JsonOf(response)).GetProperty("accepted").GetInt64());
    }

    [Fact]
    public async Task Records_received_accepted_and_rejected_are_counted_as_opentelemetry_metrics()
    {
        var measured = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Hilmo.Register")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => measured.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value));
        listener.Start();
        var client = server.Client(server.Key(Role.Submitter));

        await client.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative), Bodies.Content(Bodies.Ndjson(7, "1.2.246.10.2345678.10.2026.metric.") + "{}\n"));

        // Other tests may submit at the same time: at least this submission's records are counted.
        Assert.True(measured.GetValueOrDefault("hilmo.records.received") >= 8);
        Assert.True(measured.GetValueOrDefault("hilmo.records.accepted") >= 7);
        Assert.True(measured.GetValueOrDefault("hilmo.records.rejected") >= 1);
    }

    [Fact]
    public async Task Codes_are_open_to_everyone_and_can_be_searched_by_date_and_text()
    {
        var client = server.Client();
        var list = await JsonOf(await client.GetAsync(new Uri("/api/v1/codes", UriKind.Relative)));
        Assert.Contains(list.EnumerateArray(), c => c.GetProperty("name").GetString() == "palvelumuoto");

        // Each list says what it is, where from and which version, by name, never by a path of the server.
        var icd10 = list.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "icd10fi");
        Assert.Equal("icd10fi.csv", icd10.GetProperty("source").GetString());
        Assert.Matches("^sha256:[0-9a-f]{16}$", icd10.GetProperty("version").GetString());
        Assert.Equal("published", icd10.GetProperty("status").GetString());
        Assert.StartsWith("1.2.246.", icd10.GetProperty("oid").GetString(), StringComparison.Ordinal);

        // The Hilmo lists of the care periods, shipped and provisional.
        var names = list.EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(
            new HashSet<string?>(["hilmo_erikoisala", "hilmo_kiireellisyys", "hilmo_palveluala", "hilmo_tulo_lahto", "psykiatria_tulotapa", "sosiaalihilmo_syy", "maksaja", "toimenpide"], StringComparer.Ordinal),
            names);
        var reasons = await JsonOf(await client.GetAsync(new Uri("/api/v1/codes/sosiaalihilmo_syy?date=2025-12-31", UriKind.Relative)));
        Assert.Equal(10, reasons.GetProperty("codes").GetArrayLength());

        var found = await JsonOf(await client.GetAsync(new Uri("/api/v1/codes/palvelumuoto?date=2026-03-09&q=T11", UriKind.Relative)));
        Assert.Contains(found.GetProperty("codes").EnumerateArray(), c => c.GetProperty("code").GetString() == "T11");
        Assert.All(found.GetProperty("codes").EnumerateArray(), c => Assert.Contains("T11", c.ToString(), StringComparison.OrdinalIgnoreCase));

        using var missing = await client.GetAsync(new Uri("/api/v1/codes/nosuchlist", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Health_the_openapi_document_and_the_api_page_are_served_to_anyone()
    {
        var client = server.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        var document = await JsonOf(await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/notifications", out _), paths.ToString());
        Assert.True(paths.TryGetProperty("/api/v1/submissions/{id}", out _));
        using var page = await client.GetAsync(new Uri("/api/index.html", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("swagger", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>The submission API on the embedded store.</summary>
public sealed class SubmissionApiOnDuckDbTests() : SubmissionApiTests(StoreEngine.DuckDb);

/// <summary>The submission API on PostgreSQL.</summary>
public sealed class SubmissionApiOnPostgresTests() : SubmissionApiTests(StoreEngine.Postgres);
