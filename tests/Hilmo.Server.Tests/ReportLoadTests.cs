using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Hilmo.Access;
using Hilmo.Notifications;
using Hilmo.Testing.Storage;

namespace Hilmo.Server.Tests;

/// <summary>
/// Reports under load (issue 18): 16 report clients (the public's published tables, register
/// keepers' unsuppressed tables of varied breakdowns and periods that miss every cache, the
/// supervising authority) and 4 providers submitting, together, against a demo-sized register
/// on loopback. No answer may be a server error: only the report limiter's 503 with Retry-After,
/// counted; every stored submission is in the store; the submissions' latencies are printed.
/// </summary>
public abstract class ReportLoadTests(StoreEngine engine)
{
    private const int SubmittingClients = 4, RecordsPerSubmission = 10;

    /// <summary>Report clients: 16, or <c>HILMO_LOAD_REPORT_CLIENTS</c> (0 measures the submissions alone).</summary>
    private static readonly int ReportClients =
        int.TryParse(Environment.GetEnvironmentVariable("HILMO_LOAD_REPORT_CLIENTS"), CultureInfo.InvariantCulture, out var clients) ? clients : 16;

    /// <summary>Records of the register before the load: the size of the demo (<c>hilmo serve --demo</c>).</summary>
    private const int RegisterRecords = 50_000;

    /// <summary>How long the load lasts: 60 s, or <c>HILMO_LOAD_SECONDS</c>.</summary>
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("HILMO_LOAD_SECONDS"), CultureInfo.InvariantCulture, out var seconds) ? seconds : 60);

    /// <summary>Longer than this without an answer is a hang.</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    private static readonly string[] PublicTables =
    [
        "visits?by=month", "visits?by=county", "visits?by=age_group,sex", "visits?by=profession,contact_type", "visits?by=unit&format=csv",
        "access-to-care?by=month", "access-to-care?by=county&format=px", "access-to-care?by=care,age_group&lang=sv", "access-to-care?by=sex&format=xlsx",
        "visits?by=service_form&lang=en&format=csv-fi",
    ];

    private static readonly string[][] KeeperBreakdowns =
    [
        ["county", "month"], ["unit", "week"], ["municipality", "age_group", "sex"], ["provider", "day"], ["profession", "contact_type", "week"],
        ["service_form", "urgency", "nature", "month"], ["age_group", "sex", "county", "quarter"], ["care", "urgency", "month"],
    ];

    private static readonly string[] KeeperReports = ["visits", "access-to-care", "data-quality", "care-periods", "social-care-periods"];

    [Fact]
    public async Task Sixteen_report_clients_and_four_submitters_for_a_minute_get_no_server_error_and_every_stored_submission_is_kept()
    {
        var output = TestContext.Current.TestOutputHelper!;
        var cancel = TestContext.Current.CancellationToken;

        // The per-key rate limit is not what this test is about: set out of reach, and its 429s counted apart.
        await using var server = await ServerHarness.StartAsync(new ServerOptions { RequestsPerMinute = 10_000_000 }, engine);
        // A demo-sized register of the three registers, as `hilmo serve --demo` makes it.
        var year = await server.PublishGeneratedAsync(RegisterRecords, seed: 1, Registers.All, "load", cancel);
        var before = (await server.Register.Services.Store.CountAsync(cancellationToken: cancel)).Versions;

        var statuses = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentQueue<string>();
        var latencies = new ConcurrentBag<double>();
        long accepted = 0, submissions = 0;
        var refusals503 = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        stop.CancelAfter(Duration);

        var keeper = server.Key(Role.Register, "thl");
        var supervisor = server.Key(Role.Supervisor, "valvira");
        var clients = new List<Task>();
        for (var c = 0; c < ReportClients; c++)
        {
            var (kind, key) = (c % 8) switch
            {
                < 3 => ("public", (string?)null),
                < 6 => ("keeper", keeper),
                _ => ("supervisor", supervisor),
            };
            var client = server.Client(key);
            var random = new Random(c);
            clients.Add(Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var address = kind switch
                    {
                        "public" => PublicAddress(random, year),
                        "keeper" => KeeperAddress(random, year),
                        _ => SupervisorAddress(random, year),
                    };
                    var (status, retryAfter, problem) = await GetAsync(client, address);
                    statuses.AddOrUpdate($"{kind} {status}", 1, (_, n) => n + 1);
                    if (status == 503 && retryAfter is { } wait && problem)
                    {
                        // As a well-behaved client does: back after the time the server said.
                        Interlocked.Increment(ref refusals503);
                        await Task.Delay(wait, cancel);
                    }
                    else if (status >= 500 || status == 503)
                    {
                        failures.Enqueue($"{kind} {address}: {status} (Retry-After {retryAfter}, problem {problem})");
                    }
                }
            }, cancel));
        }

        for (var c = 0; c < SubmittingClients; c++)
        {
            var provider = c % 2 == 0 ? ServerHarness.ProviderA : ServerHarness.ProviderB;
            var client = server.Client(server.Key(Role.Submitter, provider));
            var number = c;
            clients.Add(Task.Run(async () =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var body = Bodies.Ndjson(RecordsPerSubmission, string.Create(CultureInfo.InvariantCulture, $"1.2.246.10.2345678.10.2026.{number + 1}{n:D6}"), provider);
                    var started = Stopwatch.GetTimestamp();
                    using var answerWithin = new CancellationTokenSource(Hang);
                    try
                    {
                        using var response = await client.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative), Bodies.Content(body), answerWithin.Token);
                        var text = await response.Content.ReadAsStringAsync(answerWithin.Token);
                        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        statuses.AddOrUpdate($"submission {(int)response.StatusCode}", 1, (_, k) => k + 1);
                        if (response.StatusCode != HttpStatusCode.OK)
                        {
                            failures.Enqueue($"submission: {(int)response.StatusCode} {text}");
                            continue;
                        }

                        using var answer = JsonDocument.Parse(text);
                        Interlocked.Add(ref accepted, answer.RootElement.GetProperty("accepted").GetInt64());
                        Interlocked.Increment(ref submissions);
                    }
                    catch (OperationCanceledException) when (answerWithin.IsCancellationRequested)
                    {
                        failures.Enqueue($"submission: no answer in {Hang.TotalSeconds} s");
                    }
                }
            }, cancel));
        }

        await Task.WhenAll(clients);

        var after = (await server.Register.Services.Store.CountAsync(cancellationToken: cancel)).Versions;
        var sorted = latencies.Order().ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{engine}, {Duration.TotalSeconds} s: {submissions} submissions stored ({accepted} records), latency p50 {Percentile(sorted, 0.50):F0} ms, p99 {Percentile(sorted, 0.99):F0} ms, max {(sorted.Length > 0 ? sorted[^1] : 0):F0} ms"));
        output.WriteLine($"report limiter's 503s with Retry-After: {refusals503}");
        foreach (var (what, count) in statuses.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {what}: {count}");
        }

        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(20)));
        Assert.DoesNotContain(statuses.Keys, k => k.EndsWith(" 429", StringComparison.Ordinal));
        Assert.True(submissions > 0, "no submission was answered");
        Assert.Equal(before + accepted, after);
        Assert.Equal(submissions * RecordsPerSubmission, accepted);
        if (ReportClients >= 8)
        {
            Assert.Contains(statuses, s => s.Key.StartsWith("keeper 200", StringComparison.Ordinal));
            Assert.Contains(statuses, s => s.Key.StartsWith("public 200", StringComparison.Ordinal));
        }
    }

    private static string PublicAddress(Random random, int year)
    {
        var table = PublicTables[random.Next(PublicTables.Length)];
        return $"/api/v1/statistics/{table}&from={year}-01-01&to={year}-12-31";
    }

    /// <summary>A register keeper's table of a period no one asked before (so no cache can answer it).</summary>
    private static string KeeperAddress(Random random, int year)
    {
        var report = KeeperReports[random.Next(KeeperReports.Length)];
        var by = KeeperBreakdowns[random.Next(KeeperBreakdowns.Length)];
        if (report is not ("visits" or "access-to-care"))
        {
            by = [.. by.Where(d => d is "county" or "month" or "week" or "quarter" or "day" or "age_group" or "sex" or "provider" or "municipality")];
        }

        var from = new DateOnly(year - 1, 1, 1).AddDays(random.Next(0, 300));
        var to = from.AddDays(random.Next(30, 400));
        return $"/api/v1/statistics/{report}?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&by={string.Join(',', by)}";
    }

    private static string SupervisorAddress(Random random, int year)
    {
        string[] by = [.. new[] { "provider,month", "unit,month", "provider_county,quarter", "county,month" }.OrderBy(_ => random.Next()).Take(1)];
        return $"/api/v1/statistics/access-to-care?from={year}-01-01&to={year}-12-31&by={by[0]}&format={(random.Next(2) == 0 ? "csv" : "json-stat")}";
    }

    /// <summary>The status (599 for no answer in time), the Retry-After, and whether the body is a problem document.</summary>
    private static async Task<(int Status, TimeSpan? RetryAfter, bool Problem)> GetAsync(HttpClient client, string address)
    {
        using var answerWithin = new CancellationTokenSource(Hang);
        try
        {
            using var response = await client.GetAsync(new Uri(address, UriKind.Relative), answerWithin.Token);
            await response.Content.ReadAsByteArrayAsync(answerWithin.Token);
            return ((int)response.StatusCode, response.Headers.RetryAfter?.Delta,
                response.Content.Headers.ContentType?.MediaType == "application/problem+json");
        }
        catch (OperationCanceledException) when (answerWithin.IsCancellationRequested)
        {
            return (599, null, false);
        }
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

/// <summary>Reports under load on the embedded store, where reports and the writer share one memory limit.</summary>
public sealed class ReportLoadOnDuckDbTests() : ReportLoadTests(StoreEngine.DuckDb);

/// <summary>Reports under load on PostgreSQL, where reports have a pool of their own.</summary>
public sealed class ReportLoadOnPostgresTests() : ReportLoadTests(StoreEngine.Postgres);
