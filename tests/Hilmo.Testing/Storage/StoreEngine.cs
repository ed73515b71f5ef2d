namespace Hilmo.Testing.Storage;

/// <summary>The engines a register store runs on; tests that touch the store run on each.</summary>
public enum StoreEngine
{
    DuckDb,
    Postgres,
}

public static class StoreEngines
{
    /// <summary>Theory data: every engine.</summary>
    public static TheoryData<StoreEngine> All => [StoreEngine.DuckDb, StoreEngine.Postgres];

    /// <summary>
    /// The connection string of a new, empty PostgreSQL store on the test assembly's cluster, or
    /// null for the embedded store.
    /// </summary>
    public static async Task<string?> PostgresConnectionAsync(StoreEngine engine) => engine switch
    {
        StoreEngine.Postgres => await (PostgresCluster.Current
            ?? throw new InvalidOperationException("No PostgreSQL cluster: register [assembly: AssemblyFixture(typeof(PostgresCluster))] in the test assembly.")).CreateStoreAsync(),
        _ => null,
    };
}
