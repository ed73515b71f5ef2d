using DuckDB.NET.Data;
using Hilmo.Notifications;
using Hilmo.Testing;
using static Hilmo.Testing.TestRecords;

namespace Hilmo.Storage.DuckDb.Tests;

/// <summary>
/// The embedded store on a disk that fills up (a small tmpfs): a unit that cannot be committed
/// leaves nothing stored, says the disk is full (not what its rollback met), and gives the writer
/// back; a checkpoint that finds the disk full invalidates DuckDB's database, which the store
/// opens again by itself once there is room. No restart in between.
/// </summary>
public sealed class DuckDbFaultTests
{
    private const int Records = 2000;

    [Fact]
    public async Task A_unit_that_finds_the_disk_full_stores_nothing_says_out_of_space_and_gives_the_writer_back()
    {
        using var disk = SmallDisk.Mount(16);
        var cancel = TestContext.Current.CancellationToken;
        await using var store = DuckDbRegisterStore.Open(Path.Combine(disk.Path, "data", "hilmo.duckdb"));
        await using (var writer = await store.BeginSubmissionAsync(new SubmissionInfo("full.ndjson", "NDJSON"), cancel))
        {
            disk.Fill();
            var failure = await Assert.ThrowsAsync<StoreUnavailableException>(async () =>
            {
                await writer.AppendAsync(Indexed(Visits("full.")), cancel);
                await writer.CommitAsync(cancel);
            });
            Assert.Equal(StoreUnavailableReason.OutOfSpace, failure.Reason);
        }

        Assert.NotEqual(StoreHealthStatus.Healthy, (await store.CheckHealthAsync(TestContext.Current.CancellationToken)).Status);

        // The writer was given back: the next submission fails at once for the disk, it does not wait for ever.
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            var again = await Assert.ThrowsAsync<StoreUnavailableException>(() => SubmitAsync(store, "again.", timeout.Token));
            Assert.Equal(StoreUnavailableReason.OutOfSpace, again.Reason);
        }

        disk.Free();
        Assert.Equal(StoreHealthStatus.Healthy, (await store.CheckHealthAsync(TestContext.Current.CancellationToken)).Status);
        await SubmitAsync(store, "after.", TestContext.Current.CancellationToken);
        Assert.Equal(Records, (await store.CountAsync(cancellationToken: TestContext.Current.CancellationToken)).Records);
    }

    [Fact]
    public async Task A_checkpoint_that_finds_the_disk_full_invalidates_the_database_and_the_store_reopens_it_when_there_is_room()
    {
        using var disk = SmallDisk.Mount(32);
        await using var store = DuckDbRegisterStore.Open(Path.Combine(disk.Path, "data", "hilmo.duckdb"));
        await SubmitAsync(store, "before.", TestContext.Current.CancellationToken);
        disk.Fill();

        // The store's checkpoint runs when the log is large or the store closes; here one is forced
        // on a connection of the same database, as DuckDB's own automatic checkpoint would run.
        using (var other = new DuckDBConnection($"Data Source={store.DatabasePath}"))
        {
            other.Open();
            using var command = other.CreateCommand();
            command.CommandText = "CHECKPOINT";
            var fatal = Assert.Throws<DuckDBException>(() => command.ExecuteNonQuery());
            Assert.Contains("No space left on device", fatal.Message, StringComparison.Ordinal);
        }

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => SubmitAsync(store, "during.", timeout.Token));
        }

        Assert.NotEqual(StoreHealthStatus.Healthy, (await store.CheckHealthAsync(TestContext.Current.CancellationToken)).Status);

        disk.Free();
        Assert.Equal(StoreHealthStatus.Healthy, (await store.CheckHealthAsync(TestContext.Current.CancellationToken)).Status);
        await SubmitAsync(store, "after.", TestContext.Current.CancellationToken);
        var counts = await store.CountAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(2 * Records, counts.Records);
    }

    [Fact]
    public async Task The_database_files_are_owner_only_and_an_older_readable_file_is_tightened_on_open()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes");
            return;
        }

        var folder = Directory.CreateTempSubdirectory("hilmo-rights-").FullName;
        try
        {
            var path = Path.Combine(folder, "data", "hilmo.duckdb");
            await using (var store = DuckDbRegisterStore.Open(path))
            {
                await SubmitAsync(store, "rights.", TestContext.Current.CancellationToken);
                AssertOwnerOnly(Path.Combine(folder, "data"));
            }

            File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);
            await using (DuckDbRegisterStore.Open(path))
            {
                AssertOwnerOnly(Path.Combine(folder, "data"));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void AssertOwnerOnly(string folder)
    {
        const UnixFileMode GroupOrOther = (UnixFileMode)0b000_111_111;
        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(folder) & GroupOrOther);
        Assert.All(Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories),
            entry => Assert.True((File.GetUnixFileMode(entry) & GroupOrOther) == UnixFileMode.None, $"{Path.GetFileName(entry)} is {File.GetUnixFileMode(entry)}"));
    }

    private static RegisteredNotification[] Visits(string prefix) =>
        [.. Enumerable.Range(0, Records).Select(i => Registered(Visit($"1.2.246.10.2345678.10.2026.{prefix}{i}")))];

    private static async Task SubmitAsync(IRegisterStore store, string prefix, CancellationToken cancellationToken)
    {
        await using var writer = await store.BeginSubmissionAsync(new SubmissionInfo(prefix + "ndjson", "NDJSON"), cancellationToken);
        await writer.AppendAsync(Indexed(Visits(prefix)), cancellationToken);
        await writer.CommitAsync(cancellationToken);
        await writer.CompleteAsync(new SubmissionCounts(Records, Records, 0, 0), cancellationToken);
    }
}
