using Hilmo.Testing.Storage;

namespace Hilmo.Storage.DuckDb.Tests;

/// <summary>The store contract on the embedded DuckDB backend, in a database file of the test's own.</summary>
public sealed class DuckDbRegisterStoreTests : RegisterStoreContract
{
    private readonly string folder = Directory.CreateTempSubdirectory("hilmo-duckdb-").FullName;

    protected override Task<IRegisterStore> OpenAsync(TimeProvider timeProvider) =>
        Task.FromResult<IRegisterStore>(DuckDbRegisterStore.Open(Path.Combine(folder, "hilmo.duckdb"), timeProvider: timeProvider));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
