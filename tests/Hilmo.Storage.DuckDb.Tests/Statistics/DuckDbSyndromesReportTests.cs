using Hilmo.Testing.Statistics;

namespace Hilmo.Storage.DuckDb.Tests.Statistics;

/// <summary>The syndromes report on the embedded DuckDB backend, each test in a database file of its own.</summary>
public sealed class DuckDbSyndromesReportTests : SyndromesReportContract, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hilmo-syndromes-").FullName;

    protected override Task<IRegisterStore> OpenAsync(TimeProvider timeProvider) =>
        Task.FromResult<IRegisterStore>(DuckDbRegisterStore.Open(Path.Combine(folder, "hilmo.duckdb"), timeProvider: timeProvider));

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
