using System.Globalization;
using Hilmo.Notifications;
using Hilmo.Statistics.Sql;
using Hilmo.Storage.DuckDb;
using Hilmo.Testing;
using Hilmo.Testing.Storage;
using static Hilmo.Testing.TestRecords;

namespace Hilmo.Storage.Postgres.Tests;

/// <summary>
/// The care periods' report relation is the same on both engines: the same units with the same
/// clock and pseudonyms give the same <c>report_periods</c> rows, value for value, and the same
/// <c>report_events</c> count (visits only).
/// </summary>
public sealed class CrossEnginePeriodsTests(PostgresCluster cluster) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hilmo-cross-periods-").FullName;

    [Fact]
    public async Task Both_engines_give_the_same_report_periods_rows_for_the_same_units()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var start = new DateTimeOffset(2026, 2, 12, 14, 0, 0, TimeSpan.Zero);
        var duckClock = new ManualTimeProvider(start);
        var postgresClock = new ManualTimeProvider(start);
        await using var duckDb = DuckDbRegisterStore.Open(Path.Combine(folder, "hilmo.duckdb"), timeProvider: duckClock);
        await using var postgres = await PostgresRegisterStore.OpenAsync(await cluster.CreateStoreAsync(), postgresClock, cancellationToken);

        var ward = WardPeriod();
        RegisteredNotification[][] units =
        [
            [Registered(Visit()), Registered(ward), Registered(HousingPeriod()), Registered(PsychiatricPeriod())],
            [Registered(WardPeriod(dischargeDate: new DateOnly(2026, 2, 12), updatedAt: new DateTime(2026, 2, 12, 13, 30, 0))), Registered(ward)],
            [Withdrawal(PsychiatricPeriod(), new DateTime(2026, 3, 21, 8, 0, 0))],
        ];
        foreach (var unit in units)
        {
            await StoreAsync(duckDb, unit, cancellationToken);
            await StoreAsync(postgres, unit, cancellationToken);
            duckClock.Advance(TimeSpan.FromMinutes(1));
            postgresClock.Advance(TimeSpan.FromMinutes(1));
        }

        // Code ids are each engine's own (given in the order values were first met): compared as the codes they stand for.
        string[] coded = ["provider", "unit", "municipality", "specialty", "contact_type", "urgency", "service_area", "arrived_from", "discharged_to", "primary_diagnosis"];
        var periods = new ReportQuery($"""
            SELECT p.version_id, p.received_at, p.current_from, p.current_until, p.withdrawn, p.pseudonym, p.age, p.arrival_age, p.arrival_year_end_age, p.sex,
                   p.register, p.updated_at, p.arrival_date, p.discharge_date, p.census_date, p.procedures,
                   {string.Join(", ", coded.Select(c => $"(SELECT code_system || ':' || code FROM report_codes WHERE code_id = p.{c}_id)"))}
            FROM report_periods p ORDER BY p.version_id
            """, []);
        var fromDuckDb = Text(await duckDb.QueryReportAsync(periods, cancellationToken));
        var fromPostgres = Text(await postgres.QueryReportAsync(periods, cancellationToken));
        var events = new ReportQuery("SELECT count(*) FROM report_events", []);

        Assert.Equal(5, fromDuckDb.Count);
        Assert.Equal(fromDuckDb, fromPostgres);
        Assert.Equal(Text(await duckDb.QueryReportAsync(events, cancellationToken)), Text(await postgres.QueryReportAsync(events, cancellationToken)));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static async Task StoreAsync(IRegisterStore store, RegisteredNotification[] records, CancellationToken cancellationToken)
    {
        await using var writer = await store.BeginSubmissionAsync(new SubmissionInfo("test.ndjson", "NDJSON"), cancellationToken);
        await writer.AppendAsync(Indexed(records), cancellationToken);
        await writer.CommitAsync(cancellationToken);
    }

    /// <summary>Each row as text: the drivers give a date as DateOnly or DateTime, the values alike.</summary>
    private static List<string> Text(IReadOnlyList<object?[]> rows) =>
        [.. rows.Select(row => string.Join('|', row.Select(value => value switch
        {
            null or DBNull => "∅",
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime time when time.TimeOfDay == TimeSpan.Zero && time.Kind != DateTimeKind.Utc => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            byte[] bytes => Convert.ToHexString(bytes),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        })))];
}
