using System.Net;
using System.Text.Json;
using Hilmo.Access;
using Hilmo.Testing.Storage;

namespace Hilmo.Server.Tests;

/// <summary>
/// The statistics endpoints on a running server: what the public may ask (releases, one calendar
/// year), the supervising authority's unsuppressed and audited tables, own figures for a provider
/// only. The public tables themselves are attacked in PublicationContract and read in the browser tests.
/// </summary>
public abstract class StatisticsApiTests(StoreEngine engine) : IAsyncLifetime
{
    private ServerHarness server = null!;

    public async ValueTask InitializeAsync()
    {
        server = await ServerHarness.StartAsync(ServerOptions.Default with { RequestsPerMinute = 1_000_000 }, engine: engine);
        using var response = await server.Client(server.Key(Role.Submitter)).PostAsync(new Uri("/api/v1/notifications", UriKind.Relative),
            Bodies.Content(Bodies.Ndjson(20)), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_supervising_authority_reads_a_table_as_json_stat()
    {
        using var response = await server.Client(server.Key(Role.Supervisor, "valvira")).GetAsync(new Uri("/api/v1/statistics/visits?from=2026-01-01&to=2026-12-31&by=month", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("dataset", json.RootElement.GetProperty("class").GetString());
        Assert.Equal("2.0", json.RootElement.GetProperty("version").GetString());
        Assert.Contains("month", json.RootElement.GetProperty("id").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task The_same_table_comes_as_csv_px_and_xlsx()
    {
        foreach (var (format, type) in new[] { ("csv", "text/csv"), ("px", "application/octet-stream"), ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") })
        {
            using var response = await server.Client(server.Key(Role.Supervisor, "valvira")).GetAsync(new Uri($"/api/v1/statistics/access-to-care?from=2026-01-01&to=2026-12-31&by=county&format={format}&lang=sv", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith(type, response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_public_table_of_part_of_a_year_or_as_of_a_moment_is_refused_with_the_reason()
    {
        using var part = await server.Client().GetAsync(new Uri("/api/v1/statistics/visits?from=2025-03-01&to=2025-03-31", UriKind.Relative), TestContext.Current.CancellationToken);
        using var asOf = await server.Client().GetAsync(new Uri("/api/v1/statistics/visits?from=2025-01-01&to=2025-12-31&asOf=2026-01-01T00:00:00Z", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, part.StatusCode);
        Assert.Contains("one calendar year", await part.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, asOf.StatusCode);
        Assert.Contains("releases", await asOf.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_crossing_clinical_content_with_an_exact_place_is_refused_even_to_the_supervisor()
    {
        using var response = await server.Client(server.Key(Role.Supervisor, "valvira")).GetAsync(
            new Uri("/api/v1/statistics/injuries?from=2026-01-01&to=2026-12-31&by=accident_type,provider", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("'accident_type' and 'provider' cannot be combined", text, StringComparison.Ordinal);
        Assert.Contains("content-with-place", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_year_no_release_publishes_is_not_found_for_the_public_but_the_supervisor_reads_it_unsuppressed_and_audited()
    {
        using var anonymous = await server.Client().GetAsync(new Uri("/api/v1/statistics/access-to-care?from=2026-01-01&to=2026-12-31&by=unit", UriKind.Relative), TestContext.Current.CancellationToken);
        using var supervisor = await server.Client(server.Key(Role.Supervisor, "valvira")).GetAsync(
            new Uri("/api/v1/statistics/visits?from=2026-01-01&to=2026-12-31&by=unit,month&format=csv", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        Assert.Contains("No release publishes 2026", await anonymous.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, supervisor.StatusCode);

        // The 20 visits of one client at one unit: a count of one client, which a public table withholds.
        var csv = await supervisor.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("..", csv, StringComparison.Ordinal);
        var log = await File.ReadAllTextAsync(server.AuditLogFile, TestContext.Current.CancellationToken);
        Assert.Contains("supervision of providers", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_reads_its_own_figures_for_any_period_but_not_another_providers()
    {
        var key = server.Key(Role.Submitter, ServerHarness.ProviderA);
        using var own = await server.Client(key).GetAsync(new Uri($"/api/v1/statistics/visits?from=2026-03-01&to=2026-03-31&by=day&format=csv&provider={ServerHarness.ProviderA}", UriKind.Relative), TestContext.Current.CancellationToken);
        using var other = await server.Client(key).GetAsync(new Uri($"/api/v1/statistics/visits?provider={ServerHarness.ProviderB}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("2026-03-09", await own.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Contains("statistics.read", await File.ReadAllTextAsync(server.AuditLogFile, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_another_provider_names_breaks_no_table_and_an_unregistered_unit_is_no_category()
    {
        // The register keeper sends provider B's records naming provider A's unit (the example record's).
        using var sent = await server.Client(server.Key(Role.Register, "thl")).PostAsync(new Uri("/api/v1/notifications", UriKind.Relative),
            Bodies.Content(Bodies.Ndjson(3, "1.2.246.10.7654321.10.2026.", ServerHarness.ProviderB)), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        foreach (var key in new[] { server.Key(Role.Supervisor, "valvira"), server.Key(Role.Register, "thl") })
        {
            using var response = await server.Client(key).GetAsync(new Uri("/api/v1/statistics/visits?from=2026-01-01&to=2026-12-31&by=unit&format=csv", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            // The harness's data folder has no unit register: no unit code is a category of its own.
            Assert.DoesNotContain("1.2.246.10.2345678.10.12", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Query strings as a fuzzer makes them, from every parameter's valid, edge and hostile values
    /// (far and reversed periods, every day of millennia, unknown and repeated dimensions, bad
    /// formats, times and codes), by every kind of caller: none may get a 5xx. Fixed seed, bounded count.
    /// </summary>
    [Fact]
    public async Task Ten_thousand_generated_query_strings_get_no_server_error()
    {
        var random = new Random(18);
        string[] reports = ["visits", "access-to-care", "care-periods", "social-care-periods", "social-care-clients", "data-quality", "", "VISITS", "..", "%00", "visits%2F..", "x"];
        string[] dates = ["2025-01-01", "2025-12-31", "2026-01-01", "2026-12-31", "0001-01-01", "9999-12-31", "9999-01-01", "1899-12-31", "2100-01-01", "2025-02-29", "2024-02-29",
            "2025-13-01", "20250101", "", "-1", "2025-01-01T00:00", "%20", "9998-12-31", "1900-01-01", "2099-12-31"];
        string[] dimensions = ["day", "week", "month", "quarter", "year", "county", "municipality", "provider", "provider_county", "unit", "age_group", "sex", "profession",
            "service_form", "contact_type", "urgency", "nature", "care", "band", "specialty", "service_area", "finding", "register", "", "x", "%2C", "unit", "ÄÖ"];
        string[] formats = ["json-stat", "csv", "csv-fi", "px", "xlsx", "", "xml", "PX", "%00"];
        string[] times = ["2026-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "x", "", "2026-13-01", "1970-01-01T00:00:00+14:00"];
        string[] providers = [ServerHarness.ProviderA, ServerHarness.ProviderB, "", "x", "%27%3B", "%00", "%0A", "1.2.246.10.2345678.10.12"];
        string?[] keys = [null, server.Key(Role.Register, "thl"), server.Key(Role.Supervisor, "valvira"), server.Key(Role.Submitter, ServerHarness.ProviderA), server.Key(Role.Researcher, "uni")];
        string Pick(string[] values) => values[random.Next(values.Length)];

        var queries = new List<(int Caller, string Query)>();
        for (var i = 0; i < 10_000; i++)
        {
            var parts = new List<string>();
            if (random.Next(4) > 0) { parts.Add("from=" + Pick(dates)); }
            if (random.Next(4) > 0) { parts.Add("to=" + Pick(dates)); }
            if (random.Next(4) > 0) { parts.Add("by=" + string.Join(",", Enumerable.Range(0, random.Next(1, 6)).Select(_ => Pick(dimensions)))); }
            if (random.Next(3) == 0) { parts.Add("format=" + Pick(formats)); }
            if (random.Next(5) == 0) { parts.Add("lang=" + Pick(["fi", "sv", "en", "de", ""])); }
            if (random.Next(6) == 0) { parts.Add("asOf=" + Pick(times)); }
            if (random.Next(6) == 0) { parts.Add("release=" + Pick(["first", "", "x", "%00"])); }
            if (random.Next(5) == 0) { parts.Add("provider=" + Pick(providers)); }
            if (random.Next(20) == 0) { parts.Add(Pick(["from=2025-01-01", "by=month", "by=", "&", "=", "%ZZ"])); }
            queries.Add((random.Next(keys.Length), $"/api/v1/statistics/{Pick(reports)}?{string.Join("&", parts)}"));
        }

        var clients = keys.Select(server.Client).ToArray();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(queries, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = TestContext.Current.CancellationToken }, async (query, cancel) =>
        {
            using var response = await clients[query.Caller].GetAsync(new Uri(query.Query, UriKind.Relative), cancel);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{(int)response.StatusCode} caller {query.Caller}: {query.Query}");
            }
        });

        Assert.True(failures.IsEmpty, $"{failures.Count} server errors, e.g.:\n{string.Join("\n", failures.Take(10))}");
    }

    [Fact]
    public async Task Metadata_and_limits_are_published()
    {
        using var metadata = await server.Client().GetAsync(new Uri("/api/v1/statistics/access-to-care/metadata", UriKind.Relative), TestContext.Current.CancellationToken);
        using var config = await server.Client().GetAsync(new Uri("/api/v1/statistics/config", UriKind.Relative), TestContext.Current.CancellationToken);
        using var unknown = await server.Client().GetAsync(new Uri("/api/v1/statistics/nothing", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
        Assert.Contains("Hoitoonpääsy", await metadata.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using var limits = JsonDocument.Parse(await config.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(5, limits.RootElement.GetProperty("threshold").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}

/// <summary>The statistics API on the embedded store.</summary>
public sealed class StatisticsApiOnDuckDbTests() : StatisticsApiTests(StoreEngine.DuckDb);

/// <summary>The statistics API on PostgreSQL.</summary>
public sealed class StatisticsApiOnPostgresTests() : StatisticsApiTests(StoreEngine.Postgres);
