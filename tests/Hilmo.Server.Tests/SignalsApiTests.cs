using System.Net;
using System.Text.Json;
using Hilmo.Access;
using Hilmo.Statistics.Signals.Alerts;
using Hilmo.Testing.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Hilmo.Server.Tests;

/// <summary>
/// <c>GET /api/v1/signals</c> on a running server over both engines: the stored alerts of the
/// latest run or of the run as of a time, filtered, as JSON and CSV; a method it does not know is refused.
/// </summary>
public abstract class SignalsApiTests(StoreEngine engine) : IAsyncLifetime
{
    private static readonly DateTimeOffset EarlierRun = new(2026, 1, 20, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LaterRun = new(2026, 1, 21, 6, 0, 0, TimeSpan.Zero);

    private ServerHarness server = null!;

    private static SignalAlert Alert(DateTimeOffset asOf, string county, string syndrome, SignalMethod method, int observed) =>
        new(new DateOnly(2026, 1, 19), SignalResolution.Daily, county, syndrome, method, observed, 2.5, 6.0, observed / 6.0, asOf, "test");

    public async ValueTask InitializeAsync()
    {
        server = await ServerHarness.StartAsync(engine: engine);
        var store = server.Services.GetRequiredService<RegisterServices>().Store;
        await store.StoreSignalRunAsync(new SignalRunResult(EarlierRun, [Alert(EarlierRun, "08", "gastro", SignalMethod.EarsC1, 9)]), TestContext.Current.CancellationToken);
        await store.StoreSignalRunAsync(new SignalRunResult(LaterRun,
        [
            Alert(LaterRun, "08", "gastro", SignalMethod.EarsC1, 11), Alert(LaterRun, "08", "gastro", SignalMethod.Farrington, 11),
            Alert(LaterRun, "90", "ili", SignalMethod.EarsC1, 14),
        ]), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string query)
    {
        using var response = await server.Client(server.Key(Role.Supervisor, "valvira")).GetAsync(new Uri("/api/v1/signals" + query, UriKind.Relative), TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_latest_run_is_listed_and_filtered_by_county_syndrome_and_method()
    {
        var (status, body) = await GetAsync("?county=08&syndrome=gastro&method=ears-c1");

        Assert.Equal(HttpStatusCode.OK, status);
        var alert = Assert.Single(JsonDocument.Parse(body).RootElement.EnumerateArray());
        Assert.Equal(11, alert.GetProperty("observed").GetInt32());
        Assert.Equal("ears-c1", alert.GetProperty("method").GetString());
        Assert.Equal("day", alert.GetProperty("resolution").GetString());
        Assert.Equal(LaterRun, alert.GetProperty("asOf").GetDateTimeOffset());
    }

    [Fact]
    public async Task An_earlier_run_is_read_by_its_as_of_time_and_as_csv()
    {
        var (status, csv) = await GetAsync("?asOf=2026-01-20T06:00:00Z&format=csv");

        Assert.Equal(HttpStatusCode.OK, status);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(SignalAlertOutput.CsvHeader, lines[0]);
        Assert.Equal("2026-01-20T06:00:00.000000Z,2026-01-19,day,08,gastro,ears-c1,9,2.5,6,1.5,test", Assert.Single(lines[1..]));
    }

    [Fact]
    public async Task A_method_or_format_it_does_not_have_is_refused_naming_those_it_has()
    {
        var (status, body) = await GetAsync("?method=cusum");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("farrington-noufaily", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync("?format=px")).Status);
    }
}

/// <summary>The signals API on the embedded store.</summary>
public sealed class SignalsApiOnDuckDbTests() : SignalsApiTests(StoreEngine.DuckDb);

/// <summary>The signals API on PostgreSQL.</summary>
public sealed class SignalsApiOnPostgresTests() : SignalsApiTests(StoreEngine.Postgres);
