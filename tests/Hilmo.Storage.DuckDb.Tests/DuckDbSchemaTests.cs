using DuckDB.NET.Data;
using Hilmo.Notifications;
using static Hilmo.Testing.TestRecords;

namespace Hilmo.Storage.DuckDb.Tests;

/// <summary>The embedded store's schema migrations.</summary>
public sealed class DuckDbSchemaTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hilmo-duckdb-schema-").FullName;

    private string DatabasePath => Path.Combine(folder, "hilmo.duckdb");

    [Fact]
    public async Task A_version_2_store_of_visits_opens_migrated_keeps_its_visits_without_a_birth_year_and_then_takes_periods()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var visit = Registered(Visit());
        await using (var store = DuckDbRegisterStore.Open(DatabasePath))
        {
            await StoreAsync(store, visit, cancellationToken);
        }

        var freshColumns = ColumnsOf();
        MakeVersion2();

        await using (var store = DuckDbRegisterStore.Open(DatabasePath))
        {
            var current = await store.GetCurrentAsync(visit.Key, cancellationToken: cancellationToken);
            Assert.Equal(Canonical((ServiceEvent)visit.Notification), Canonical((ServiceEvent)current!.Record.Notification));
            Assert.Equal(visit.ContentHash, current.Record.ContentHash);

            // The visit, now known as AvoHILMO's, repeats as a duplicate; a period under its tunnus is a record of its own.
            var period = Registered(WardPeriod(visit.Key.RecordId) with { UpdatedAt = visit.UpdatedAt });
            var result = await StoreAsync(store, [visit, period], cancellationToken);
            Assert.Equal(1, result.Duplicates);
            Assert.Equal(new RegisterCounts(Versions: 2, Records: 2, Withdrawn: 0), await store.CountAsync(cancellationToken: cancellationToken));
            Assert.IsType<HealthCarePeriod>((await store.GetCurrentAsync(period.Key, cancellationToken: cancellationToken))!.Record.Notification);
        }

        Assert.Equal(Schema.Version, Scalar("SELECT max(version) FROM schema_info"));
        Assert.Equal(1, Scalar("SELECT count(*) FROM event_versions WHERE register = 0"));

        // The birth year a version 2 store kept cannot give the exact age: the visit's age is unknown, the new period's known.
        Assert.Equal(1, Scalar("SELECT count(*) FROM event_versions WHERE register = 0 AND age IS NULL"));
        Assert.Equal(1, Scalar("SELECT count(*) FROM event_versions WHERE register = 1 AND age = 73 AND arrival_age = 73 AND arrival_year_end_age = 74"));

        // The appender writes by position: a migrated store must have a new one's columns in a new one's order.
        Assert.Equal(freshColumns, ColumnsOf());
    }

    [Fact]
    public async Task A_version_4_store_gains_the_event_year_end_age_unknown_for_the_visits_stored_before_and_known_for_new_ones()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var before = Registered(Visit());
        await using (var store = DuckDbRegisterStore.Open(DatabasePath))
        {
            await StoreAsync(store, before, cancellationToken);
        }

        var freshColumns = ColumnsOf();
        using (var connection = Connect())
        {
            Execute(connection, "DROP VIEW report_events; ALTER TABLE event_versions DROP COLUMN event_year_end_age; UPDATE schema_info SET version = 4;");
        }

        // Born 13 October 1952: the visit of 9 March 2026 is 73 on the day and 74 at the year's end.
        var after = Registered(Visit("1.2.246.10.2345678.10.2026.4712"));
        await using (var store = DuckDbRegisterStore.Open(DatabasePath))
        {
            await StoreAsync(store, after, cancellationToken);
            Assert.Null((await store.GetCurrentAsync(before.Key, cancellationToken: cancellationToken))!.Record.Client!.Ages.AtEventYearEnd);
            Assert.Equal(new ClientAges(73, AtEventYearEnd: 74), (await store.GetCurrentAsync(after.Key, cancellationToken: cancellationToken))!.Record.Client!.Ages);
        }

        Assert.Equal(Schema.Version, Scalar("SELECT max(version) FROM schema_info"));
        Assert.Equal(1, Scalar("SELECT count(*) FROM report_events WHERE event_year_end_age IS NULL"));
        Assert.Equal(1, Scalar("SELECT count(*) FROM report_events WHERE event_year_end_age = 74"));
        Assert.Equal(freshColumns, ColumnsOf());
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static async Task<UnitResult> StoreAsync(IRegisterStore store, RegisteredNotification[] records, CancellationToken cancellationToken)
    {
        await using var writer = await store.BeginSubmissionAsync(new SubmissionInfo("test.ndjson", "NDJSON"), cancellationToken);
        await writer.AppendAsync(Indexed(records), cancellationToken);
        return await writer.CommitAsync(cancellationToken);
    }

    private static Task<UnitResult> StoreAsync(IRegisterStore store, RegisteredNotification record, CancellationToken cancellationToken) =>
        StoreAsync(store, [record], cancellationToken);

    /// <summary>
    /// Turns the store back into schema version 2: the birth year where the age is, no period ages,
    /// no register column, no period tables, views of that version.
    /// </summary>
    private void MakeVersion2()
    {
        using var connection = Connect();
        Execute(connection, """
            DROP VIEW report_periods; DROP VIEW report_events; DROP VIEW current_service_events; DROP VIEW service_event_versions;
            DROP TABLE period_versions; DROP TABLE period_diagnoses; DROP TABLE period_procedures; DROP TABLE period_reasons;
            ALTER TABLE event_versions DROP COLUMN event_year_end_age;
            ALTER TABLE event_versions DROP COLUMN arrival_year_end_age;
            ALTER TABLE event_versions DROP COLUMN arrival_age;
            ALTER TABLE event_versions DROP COLUMN register;
            ALTER TABLE event_versions RENAME COLUMN age TO birth_year;
            UPDATE event_versions SET birth_year = 1952;
            UPDATE schema_info SET version = 2;
            """);
        Assert.DoesNotContain("register", Columns(connection));
        Assert.Contains("birth_year", Columns(connection));
    }

    private List<string> ColumnsOf()
    {
        using var connection = Connect();
        return Columns(connection);
    }

    private long Scalar(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<string> Columns(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT column_name FROM information_schema.columns WHERE table_name = 'event_versions' ORDER BY ordinal_position";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private DuckDBConnection Connect()
    {
        var connection = new DuckDBConnection($"Data Source={DatabasePath}");
        connection.Open();
        return connection;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
