using Hilmo.Testing.Statistics;

namespace Hilmo.Storage.DuckDb.Tests.Statistics;

/// <summary>The health-promotion reports on generated data, on the embedded DuckDB backend, each test in a database file of its own.</summary>
public sealed class DuckDbHealthPromotionReportsTests : HealthPromotionReportsContract, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hilmo-promotion-").FullName;

    protected override Task<IRegisterStore> OpenAsync(TimeProvider timeProvider) =>
        Task.FromResult<IRegisterStore>(DuckDbRegisterStore.Open(Path.Combine(folder, "hilmo.duckdb"), timeProvider: timeProvider));

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
