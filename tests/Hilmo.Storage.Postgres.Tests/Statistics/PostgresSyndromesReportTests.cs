using Hilmo.Testing.Statistics;
using Hilmo.Testing.Storage;

namespace Hilmo.Storage.Postgres.Tests.Statistics;

/// <summary>The syndromes report on the PostgreSQL backend, each test in a schema of its own.</summary>
public sealed class PostgresSyndromesReportTests(PostgresCluster cluster) : SyndromesReportContract
{
    protected override async Task<IRegisterStore> OpenAsync(TimeProvider timeProvider) =>
        await PostgresRegisterStore.OpenAsync(await cluster.CreateStoreAsync(), timeProvider, TestContext.Current.CancellationToken);
}
