using Hilmo.Testing.Storage;

// One throw-away PostgreSQL cluster for the assembly: the tests that touch the store run on both engines.
[assembly: AssemblyFixture(typeof(PostgresCluster))]
