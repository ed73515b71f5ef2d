using Hilmo.Notifications;
using Hilmo.Testing;
using Hilmo.Testing.Storage;
using static Hilmo.Storage.Postgres.Tests.TestDatabase;
using static Hilmo.Testing.TestRecords;

namespace Hilmo.Storage.Postgres.Tests;

/// <summary>
/// What a unit's commit leaves in the tables, beyond what the store contract can see: the
/// repeating groups are copied straight into their tables at the commit, each row given its
/// version's id and receipt time there, so a slip would leave rows no version owns.
/// </summary>
public sealed class UnitCommitTests(PostgresCluster cluster)
{
    [Fact]
    public async Task Only_the_kept_versions_groups_are_stored_each_under_its_own_versions_id_and_receipt_time()
    {
        var connection = await cluster.CreateStoreAsync();
        var clock = new ManualTimeProvider();
        await using var store = await PostgresRegisterStore.OpenAsync(connection, clock, TestContext.Current.CancellationToken);
        var visit = Visit();
        var conflicting = visit with { Reasons = [new VisitReason { Icpc2 = "A01" }] };
        var other = Visit("1.2.246.10.2345678.10.2026.4712");
        var period = WardPeriod();

        // A duplicate and a conflict of the first visit in its own unit and in the next one.
        var first = await StoreAsync(store, Registered(visit), Registered(visit), Registered(conflicting), Registered(period));
        clock.Advance(TimeSpan.FromSeconds(1));
        var second = await StoreAsync(store, Registered(other), Registered(visit), Registered(conflicting));

        Assert.Equal((2, 1), (first.Stored, second.Stored));
        Assert.Equal([(long)visit.Reasons.Length + other.Reasons.Length], await ColumnAsync<long>(connection, "SELECT count(*) FROM event_reasons"));
        Assert.Equal([(long)visit.Procedures.Length + other.Procedures.Length], await ColumnAsync<long>(connection, "SELECT count(*) FROM event_procedures"));
        Assert.Equal([(long)period.Diagnoses.Length], await ColumnAsync<long>(connection, "SELECT count(*) FROM period_diagnoses"));
        Assert.Equal([0L], await ColumnAsync<long>(connection, """
            SELECT count(*) FROM (
                SELECT version_id, received_at FROM event_reasons UNION ALL SELECT version_id, received_at FROM event_procedures
                UNION ALL SELECT version_id, received_at FROM event_medications UNION ALL SELECT version_id, received_at FROM event_health_factors
                UNION ALL SELECT version_id, received_at FROM event_follow_ups UNION ALL SELECT version_id, received_at FROM period_versions
                UNION ALL SELECT version_id, received_at FROM period_diagnoses) g
            WHERE NOT EXISTS (SELECT 1 FROM event_versions v WHERE v.version_id = g.version_id AND v.received_at = g.received_at)
            """));
        var stored = await store.GetCurrentAsync(new(visit.Provider!, visit.RecordId!), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(visit.Reasons, ((ServiceEvent)stored!.Record.Notification).Reasons);
    }
}
