using Hilmo.Statistics.Sql;

namespace Hilmo.Storage.DuckDb.Tests;

/// <summary>
/// A report query that needs more memory than DuckDB's limit leaves it is a busy register
/// (answered 503), not a server error, and the writer goes on afterwards (issue 18).
/// </summary>
public sealed class DuckDbReportMemoryTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hilmo-report-memory-").FullName;

    [Fact]
    public async Task A_report_that_runs_out_of_memory_is_a_capacity_refusal_and_the_store_still_writes()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var store = DuckDbRegisterStore.Open(Path.Combine(folder, "hilmo.duckdb"), new DuckDbStoreOptions { MemoryLimit = "32MB" });

        // A list keeps its whole state in memory: it cannot spill.
        await Assert.ThrowsAsync<ReportCapacityException>(() =>
            store.QueryReportAsync(new ReportQuery("SELECT length(list(i)) FROM range(100000000) t(i)", []), cancel));

        await using (var submission = await store.BeginSubmissionAsync(new SubmissionInfo("after.ndjson", "NDJSON"), cancel))
        {
            Assert.True(submission.SubmissionId > 0);
        }

        var rows = await store.QueryReportAsync(new ReportQuery("SELECT count(*) FROM range(1000)", []), cancel);
        Assert.Equal(1000L, Convert.ToInt64(rows[0][0], System.Globalization.CultureInfo.InvariantCulture));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
