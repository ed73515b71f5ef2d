using Hilmo.Testing.Statistics;
using Hilmo.Testing.Storage;

namespace Hilmo.Storage.Postgres.Tests.Statistics;

/// <summary>The syndromes report on the PostgreSQL backend, each test in a schema of its own.</summary>
public sealed class PostgresSyndromesReportTests(PostgresCluster cluster) : SyndromesReportContract
{
    protected override async Task<IRegisterStore> OpenAsync(TimeProvider timeProvider) =>
        await PostgresRegisterStore.OpenAsync(await cluster.CreateStoreAsync(), timeProvider, TestContext.Current.CancellationToken);

    /// <summary>Known open problem: on PostgreSQL a statement of this audit (100 000 records a year) passes the 60 s report timeout.</summary>
    protected override string? PublishedAuditNotYet =>
        "The weekly infection-by-county table of 100 000 generated records a year exceeds PostgreSQL's 60 s report statement timeout (issue 20, open): the query plan of the syndrome memberships needs work.";
}
