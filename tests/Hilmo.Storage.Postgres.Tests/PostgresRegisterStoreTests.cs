using Hilmo.Testing.Storage;

[assembly: AssemblyFixture(typeof(PostgresCluster))]

namespace Hilmo.Storage.Postgres.Tests;

/// <summary>The store contract on the PostgreSQL backend, in a schema of the test's own on the tests' cluster.</summary>
public sealed class PostgresRegisterStoreTests(PostgresCluster cluster) : RegisterStoreContract
{
    private string? connectionString;

    protected override async Task<IRegisterStore> OpenAsync(TimeProvider timeProvider)
    {
        connectionString ??= await cluster.CreateStoreAsync();
        return await PostgresRegisterStore.OpenAsync(connectionString, timeProvider, TestContext.Current.CancellationToken);
    }
}
