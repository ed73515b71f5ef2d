using Hilmo.Notifications;
using Hilmo.Testing.Storage;
using Npgsql;
using static Hilmo.Storage.Postgres.Tests.TestDatabase;
using static Hilmo.Testing.TestRecords;

namespace Hilmo.Storage.Postgres.Tests;

/// <summary>
/// The PostgreSQL store when its server goes down mid-ingest: on a cluster of the test's own
/// (the assembly's shared one serves other tests), stopped as a crash stops it while a large unit
/// is being committed. The commit fails with the store's failure, not Npgsql's; nothing of the
/// unit is there after the restart; the health check tells the truth while down and after; and the
/// same store object stores again once the server is back, with no restart of the register.
/// </summary>
public sealed class PostgresFaultTests
{
    private const int Small = 300;
    private const int Large = 20_000;

    [Fact]
    public async Task A_server_stopped_mid_commit_fails_the_unit_as_unavailable_keeps_nothing_of_it_and_the_store_stores_again_after_the_restart()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var cluster = await PrivatePostgres.CreateAsync();
        await using var store = await PostgresRegisterStore.OpenAsync(cluster.ConnectionString, cancellationToken: cancel);
        var before = await SubmitAsync(store, "before.", Small, cancel);

        long during;
        await using (var writer = await store.BeginSubmissionAsync(new SubmissionInfo("during.ndjson", "NDJSON"), cancel))
        {
            during = writer.SubmissionId;
            await writer.AppendAsync(Indexed(Visits("during.", Large)), cancel);

            // A lock of the test's holds the commit inside its transaction, so the server surely stops mid-commit.
            var blocker = new NpgsqlConnection(cluster.ConnectionString);
            await blocker.OpenAsync(cancel);
            await using (var take = new NpgsqlCommand("BEGIN; LOCK TABLE event_versions IN ACCESS EXCLUSIVE MODE", blocker))
            {
                await take.ExecuteNonQueryAsync(cancel);
            }

            var commit = writer.CommitAsync(cancel);
            await WaitForBlockedCommitAsync(cluster.ConnectionString, commit);
            await cluster.StopAsync();

            var failure = await Assert.ThrowsAsync<StoreUnavailableException>(() => commit.WaitAsync(TimeSpan.FromSeconds(30), cancel));
            Assert.Equal(StoreUnavailableReason.Unreachable, failure.Reason);
            await DisposeQuietlyAsync(blocker);

            // Down: the health check and the next submission say so at once, with the store's failure.
            var down = await store.CheckHealthAsync(cancel).WaitAsync(TimeSpan.FromSeconds(20), cancel);
            Assert.Equal((StoreHealthStatus.Unhealthy, StoreUnavailableReason.Unreachable), (down.Status, down.Reason));
            var refused = await Assert.ThrowsAsync<StoreUnavailableException>(() => SubmitAsync(store, "refused.", Small, cancel).WaitAsync(TimeSpan.FromSeconds(20), cancel));
            Assert.Equal(StoreUnavailableReason.Unreachable, refused.Reason);
        }

        await cluster.StartAsync();
        Assert.Equal(StoreHealthStatus.Healthy, (await store.CheckHealthAsync(cancel)).Status);

        // Nothing of the unit the stop cut off: no version, no group row of it, no finding.
        Assert.Equal([0L], await ColumnAsync<long>(cluster.ConnectionString, $"SELECT count(*) FROM event_versions WHERE submission_id = {during}"));
        Assert.Equal([0L], await ColumnAsync<long>(cluster.ConnectionString, $"SELECT count(*) FROM submission_findings WHERE submission_id = {during}"));
        Assert.Equal([0L], await ColumnAsync<long>(cluster.ConnectionString,
            $"SELECT count(*) FROM event_reasons r WHERE NOT EXISTS (SELECT 1 FROM event_versions v WHERE v.version_id = r.version_id)"));
        Assert.Equal([(long)Small], await ColumnAsync<long>(cluster.ConnectionString, $"SELECT count(*) FROM event_versions WHERE submission_id = {before}"));

        // The same store object, the register not restarted: the next submission is stored.
        var after = await SubmitAsync(store, "after.", Small, cancel);
        Assert.Equal([(long)Small], await ColumnAsync<long>(cluster.ConnectionString, $"SELECT count(*) FROM event_versions WHERE submission_id = {after}"));
        Assert.Equal(2 * Small, (await store.CountAsync(cancellationToken: cancel)).Records);
        var summary = await store.GetSubmissionAsync(after, cancel);
        Assert.NotNull(summary?.CompletedAt);
    }

    /// <summary>Waits until a connection other than the blocker's waits for a lock: the commit is inside its transaction.</summary>
    private static async Task WaitForBlockedCommitAsync(string connectionString, Task commit)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            Assert.False(commit.IsCompleted, "The commit ended before the server was stopped; the lock did not hold it.");
            var waiting = await ColumnAsync<long>(connectionString, "SELECT count(*) FROM pg_locks WHERE NOT granted");
            if (waiting[0] > 0)
            {
                return;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    private static async Task DisposeQuietlyAsync(NpgsqlConnection connection)
    {
        try
        {
            await connection.DisposeAsync();
        }
        catch (NpgsqlException)
        {
            // Its server is gone.
        }
    }

    private static RegisteredNotification[] Visits(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Registered(Visit($"1.2.246.10.2345678.10.2026.{prefix}{i}")))];

    private static async Task<long> SubmitAsync(IRegisterStore store, string prefix, int count, CancellationToken cancellationToken)
    {
        await using var writer = await store.BeginSubmissionAsync(new SubmissionInfo(prefix + "ndjson", "NDJSON"), cancellationToken);
        await writer.AppendAsync(Indexed(Visits(prefix, count)), cancellationToken);
        await writer.CommitAsync(cancellationToken);
        await writer.CompleteAsync(new SubmissionCounts(count, count, 0, 0), cancellationToken);
        return writer.SubmissionId;
    }
}
