using Hilmo.Testing;
using Hilmo.Testing.Storage;
using static Hilmo.Storage.Postgres.Tests.TestDatabase;
using static Hilmo.Testing.TestRecords;

namespace Hilmo.Storage.Postgres.Tests;

/// <summary>What is particular to the PostgreSQL schema: migrations from an older version, stores opened at once, month partitions.</summary>
public sealed class PostgresSchemaTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_store_of_an_older_schema_version_is_brought_up_to_date_once_whoever_opens_it()
    {
        var connection = await cluster.CreateStoreAsync();
        await (await PostgresRegisterStore.OpenAsync(connection, cancellationToken: TestContext.Current.CancellationToken)).DisposeAsync();
        await ExecuteAsync(connection, $"DROP INDEX submissions_submitter; {UndoPeriods} UPDATE schema_info SET version = 2");

        // Three servers starting at once: the advisory lock lets one migrate and the others find it done.
        var stores = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostgresRegisterStore.OpenAsync(connection, cancellationToken: TestContext.Current.CancellationToken)));
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        Assert.Equal([PostgresSchema.Version], await ColumnAsync<int>(connection, "SELECT version FROM schema_info"));
        Assert.Equal(["submissions_submitter"], await ColumnAsync<string>(connection, "SELECT indexname::text FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'submissions' AND indexname = 'submissions_submitter'"));
    }

    [Fact]
    public async Task A_version_3_store_of_visits_is_migrated_keeps_its_visits_and_then_takes_periods_beside_them()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var connection = await cluster.CreateStoreAsync();
        var visit = Registered(Visit());
        await using (var store = await PostgresRegisterStore.OpenAsync(connection, cancellationToken: cancellationToken))
        {
            await StoreAsync(store, visit);
        }

        await ExecuteAsync(connection, $"{UndoPeriods} UPDATE schema_info SET version = 3");
        Assert.Empty(await ColumnAsync<string>(connection, "SELECT column_name::text FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'event_versions' AND column_name = 'register'"));

        await using (var store = await PostgresRegisterStore.OpenAsync(connection, cancellationToken: cancellationToken))
        {
            var current = await store.GetCurrentAsync(visit.Key, cancellationToken: cancellationToken);
            Assert.Equal(Canonical((Notifications.ServiceEvent)visit.Notification), Canonical((Notifications.ServiceEvent)current!.Record.Notification));

            // A period under the visit's tunnus, received in the month the visit's partitions were made before the migration.
            var period = Registered(WardPeriod(visit.Key.RecordId) with { UpdatedAt = visit.UpdatedAt });
            await StoreAsync(store, visit, period);
            Assert.IsType<Notifications.HealthCarePeriod>((await store.GetCurrentAsync(period.Key, cancellationToken: cancellationToken))!.Record.Notification);
            Assert.Equal(new RegisterCounts(Versions: 2, Records: 2, Withdrawn: 0), await store.CountAsync(cancellationToken: cancellationToken));
        }

        Assert.Equal([PostgresSchema.Version], await ColumnAsync<int>(connection, "SELECT version FROM schema_info"));
        Assert.Equal([(short)0, (short)1], await ColumnAsync<short>(connection, "SELECT register FROM event_versions ORDER BY version_id"));

        // The birth year the older store kept cannot give the exact age: the visit's age is unknown, the new period's known.
        Assert.Equal([-1, 73], await ColumnAsync<int>(connection, "SELECT coalesce(age, -1) FROM event_versions ORDER BY version_id"));
        Assert.Empty(await ColumnAsync<string>(connection, "SELECT column_name::text FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'event_versions' AND column_name = 'birth_year'"));
        Assert.Equal(["event_versions_record"], await ColumnAsync<string>(connection, "SELECT indexname::text FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'event_versions' AND indexname LIKE 'event_versions_%' AND indexdef LIKE '%record_id%'"));
    }

    /// <summary>
    /// Takes back migrations 8 (the signal alerts), 7 (the event's year-end age), 6 (the age in place of the birth year), 5 (the record id's hash index)
    /// and 4 (care periods: their tables and the register column, with the views that read them,
    /// made again at every start).
    /// </summary>
    private const string UndoPeriods = """
        DROP TABLE signal_alerts, signal_runs;
        ALTER TABLE event_versions DROP COLUMN event_year_end_age CASCADE;
        ALTER TABLE event_versions DROP COLUMN arrival_age CASCADE, DROP COLUMN arrival_year_end_age CASCADE;
        ALTER TABLE event_versions RENAME COLUMN age TO birth_year; UPDATE event_versions SET birth_year = 1952;
        DROP INDEX event_versions_record; CREATE INDEX event_versions_key ON event_versions (provider, record_id, updated_at);
        DROP TABLE period_versions, period_diagnoses, period_procedures, period_reasons CASCADE; ALTER TABLE event_versions DROP COLUMN register CASCADE;
        """;

    [Fact]
    public async Task A_version_6_store_gains_the_event_year_end_age_unknown_for_the_visits_stored_before_and_known_for_new_ones()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var connection = await cluster.CreateStoreAsync();
        var before = Registered(Visit());
        await using (var store = await PostgresRegisterStore.OpenAsync(connection, cancellationToken: cancellationToken))
        {
            await StoreAsync(store, before);
        }

        var freshColumns = await ColumnAsync<string>(connection, "SELECT column_name::text FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'event_versions' ORDER BY ordinal_position");
        await ExecuteAsync(connection, "DROP TABLE signal_alerts, signal_runs; ALTER TABLE event_versions DROP COLUMN event_year_end_age CASCADE; UPDATE schema_info SET version = 6");

        // Born 13 October 1952: the visit of 9 March 2026 is 73 on the day and 74 at the year's end.
        var after = Registered(Visit("1.2.246.10.2345678.10.2026.4712"));
        await using (var store = await PostgresRegisterStore.OpenAsync(connection, cancellationToken: cancellationToken))
        {
            await StoreAsync(store, after);
            Assert.Null((await store.GetCurrentAsync(before.Key, cancellationToken: cancellationToken))!.Record.Client!.Ages.AtEventYearEnd);
            Assert.Equal(new Notifications.ClientAges(73, AtEventYearEnd: 74), (await store.GetCurrentAsync(after.Key, cancellationToken: cancellationToken))!.Record.Client!.Ages);
        }

        Assert.Equal([PostgresSchema.Version], await ColumnAsync<int>(connection, "SELECT version FROM schema_info"));
        Assert.Equal([-1, 74], await ColumnAsync<int>(connection, "SELECT coalesce(event_year_end_age, -1) FROM report_events ORDER BY version_id"));
        Assert.Equal(freshColumns, await ColumnAsync<string>(connection, "SELECT column_name::text FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'event_versions' ORDER BY ordinal_position"));
    }

    [Fact]
    public async Task A_store_of_a_newer_schema_version_is_refused()
    {
        var connection = await cluster.CreateStoreAsync();
        await (await PostgresRegisterStore.OpenAsync(connection, cancellationToken: TestContext.Current.CancellationToken)).DisposeAsync();
        await ExecuteAsync(connection, $"UPDATE schema_info SET version = {PostgresSchema.Version + 1}");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => PostgresRegisterStore.OpenAsync(connection, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("newer program", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Units_received_either_side_of_a_month_end_go_to_their_months_partitions_and_read_as_one_register()
    {
        var connection = await cluster.CreateStoreAsync();
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 31, 23, 59, 59, TimeSpan.Zero));
        await using var store = await PostgresRegisterStore.OpenAsync(connection, clock, TestContext.Current.CancellationToken);
        var first = Visit() with { Visit = null, UpdatedAt = new DateTime(2026, 3, 2, 8, 20, 0) };

        await StoreAsync(store, Registered(first));
        clock.Advance(TimeSpan.FromSeconds(2));
        await StoreAsync(store, Registered(Visit()));

        Assert.Equal([1L, 1L], await ColumnAsync<long>(connection,
            "SELECT (SELECT count(*) FROM event_versions_p202603) UNION ALL SELECT (SELECT count(*) FROM event_versions_p202604)"));
        var history = await store.GetHistoryAsync(new(first.Provider!, first.RecordId!), TestContext.Current.CancellationToken);
        Assert.Equal(2, history.Count);
        Assert.Equal(Visit().UpdatedAt, (await store.GetCurrentAsync(new(first.Provider!, first.RecordId!), cancellationToken: TestContext.Current.CancellationToken))!.Record.Notification.UpdatedAt);
        Assert.Equal(first.UpdatedAt, (await store.GetCurrentAsync(new(first.Provider!, first.RecordId!), history[1].ReceivedAt.AddTicks(-10), TestContext.Current.CancellationToken))!.Record.Notification.UpdatedAt);
    }
}
