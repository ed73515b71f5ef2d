using BenchmarkDotNet.Attributes;
using Hilmo.Identity;
using Hilmo.Ingest;
using Hilmo.Notifications;
using Hilmo.Storage;
using Hilmo.Storage.DuckDb;

namespace Hilmo.Benchmarks;

/// <summary>Storing a unit of 50 000 versions in a fresh embedded store: appends, version decisions, commit.</summary>
[MemoryDiagnoser]
public class StoreBenchmarks
{
    private const int Records = 50_000;
    private IndexedRecord[] records = null!;
    private string folder = null!;
    private DuckDbRegisterStore store = null!;

    [GlobalSetup]
    public void Setup()
    {
        var sample = new SampleSubmission(Records);
        using var pseudonymiser = new ProviderPseudonymiser(MasterKey.CreateEphemeral());
        var hash = new ContentHash();
        records = [.. sample.Parsed
            .Select((s, i) => (s, i))
            .Where(p => p.s.IdentityCode is not null)
            .Select(p =>
            {
                var client = pseudonymiser.Pseudonymise(p.s.Notification.Provider!, p.s.Notification.RecordId!, p.s.IdentityCode!.Value, AgeDays.Of(p.s.Notification)).Client;
                return new IndexedRecord(p.i, new RegisteredNotification(p.s.Notification, client, hash.Compute(p.s.Notification, client)));
            })];
    }

    [IterationSetup]
    public void OpenEmptyStore()
    {
        folder = Directory.CreateTempSubdirectory("hilmo-bench-").FullName;
        store = DuckDbRegisterStore.Open(Path.Combine(folder, "hilmo.duckdb"));
    }

    [IterationCleanup]
    public void RemoveStore()
    {
        store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(folder, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public async Task<long> AppendAndCommit()
    {
        await using var writer = await store.BeginSubmissionAsync(new SubmissionInfo("bench", "NDJSON"));
        for (var start = 0; start < records.Length; start += 4096)
        {
            await writer.AppendAsync(records.AsMemory(start, Math.Min(4096, records.Length - start)).ToArray());
        }

        return (await writer.CommitAsync()).Stored;
    }
}
