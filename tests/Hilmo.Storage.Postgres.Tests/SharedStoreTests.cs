using Hilmo.Testing;
using Hilmo.Testing.Storage;
using static Hilmo.Storage.Postgres.Tests.TestDatabase;
using static Hilmo.Testing.TestRecords;

namespace Hilmo.Storage.Postgres.Tests;

/// <summary>
/// Two processes writing one database, as two servers behind a load balancer would: each store
/// object has its own caches (code ids, the filter of stored keys), and each must still judge every
/// record against what the other committed.
/// </summary>
public sealed class SharedStoreTests(PostgresCluster cluster)
{
    [Fact]
    public async Task Two_stores_on_one_database_judge_each_others_versions_as_one_store_would()
    {
        var connection = await cluster.CreateStoreAsync();
        var clock = new ManualTimeProvider();
        await using var first = await PostgresRegisterStore.OpenAsync(connection, clock, TestContext.Current.CancellationToken);
        await using var second = await PostgresRegisterStore.OpenAsync(connection, clock, TestContext.Current.CancellationToken);
        var earlier = Visit() with { Visit = null, UpdatedAt = new DateTime(2026, 3, 2, 8, 20, 0) };
        var later = Visit();

        var stored = await StoreAsync(first, Registered(later), Registered(Visit("1.2.246.10.2345678.10.2026.2")));
        var again = await StoreAsync(second, Registered(later));
        var older = await StoreAsync(second, Registered(earlier));
        var newProvider = await StoreAsync(second, Registered(Visit(provider: "90153")));
        var seenByFirst = await StoreAsync(first, Registered(Visit(provider: "90153")));

        Assert.Equal(0, stored.Duplicates);
        Assert.Equal(VersionOutcome.Duplicate, Assert.Single(again.Remarks).Outcome);
        Assert.Equal(VersionOutcome.History, Assert.Single(older.Remarks).Outcome);
        Assert.Empty(newProvider.Remarks);
        Assert.Equal(VersionOutcome.Duplicate, Assert.Single(seenByFirst.Remarks).Outcome);
        Assert.True(older.ReceivedAt > again.ReceivedAt && again.ReceivedAt > stored.ReceivedAt, "receipt times increase across the two stores");
        Assert.Equal(new RegisterCounts(4, 3, 0), await first.CountAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(later.UpdatedAt, (await second.GetCurrentAsync(new(later.Provider!, later.RecordId!), cancellationToken: TestContext.Current.CancellationToken))!.Record.Notification.UpdatedAt);
    }
}
