using Hilmo.Testing;
using Hilmo.Testing.Storage;
using Hilmo.Validation;
using Npgsql;
using static Hilmo.Testing.TestRecords;

namespace Hilmo.Storage.Postgres.Tests;

/// <summary>
/// The database's own wall between organisations, tried with raw SQL as a provider's connection
/// would: whatever it asks, it reads and writes its own organisation's rows only.
/// </summary>
public sealed class RowLevelSecurityTests(PostgresCluster cluster) : IAsyncLifetime
{
    private const string Own = "90152";
    private const string Other = "90153";

    private readonly List<string> roles = [];
    private string connectionString = "";
    private string schema = "";

    public async ValueTask InitializeAsync()
    {
        connectionString = await cluster.CreateStoreAsync();
        schema = new NpgsqlConnectionStringBuilder(connectionString).SearchPath!;
        // The clock of the partition name below: March 2026.
        await using var store = await PostgresRegisterStore.OpenAsync(connectionString, new ManualTimeProvider(), TestContext.Current.CancellationToken);
        foreach (var provider in new[] { Own, Other })
        {
            await using var writer = await store.BeginSubmissionAsync(new SubmissionInfo("test.ndjson", "NDJSON", provider), TestContext.Current.CancellationToken);
            await writer.AppendAsync(Indexed(
                Registered(Visit("1.2.246.10.2345678.10.2026.1", provider)),
                Registered(Visit("1.2.246.10.2345678.10.2026.2", provider))), TestContext.Current.CancellationToken);
            await writer.AddFindingsAsync([Finding.ForRecord(FindingCatalogue.UnverifiedCodeSystem, 0, "1.2.246.10.2345678.10.2026.1", "kaynti.palvelumuoto", "T11", "palvelumuoto") with { Provider = provider }], TestContext.Current.CancellationToken);
            await writer.CommitAsync(TestContext.Current.CancellationToken);
            await writer.CompleteAsync(new SubmissionCounts(2, 2, 0, 0), TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Roles are the cluster's, not the schema's: they go with the test.</summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var role in roles)
        {
            await AdminAsync($"DROP ROLE IF EXISTS {role}");
        }
    }

    [Fact]
    public async Task A_provider_role_reads_its_own_rows_only_whatever_organisation_it_claims()
    {
        await using var connection = await ConnectAsBoundRoleAsync(Own);

        Assert.Equal([Own], await ColumnAsync(connection, "SELECT DISTINCT c.code FROM event_versions v JOIN code_values c ON c.code_id = v.provider"));
        // Both organisations' two records have their visit reasons; these are of the own two.
        Assert.Equal(2L, await ScalarAsync(connection, "SELECT count(DISTINCT version_id) FROM event_reasons"));
        Assert.Equal([Own], await ColumnAsync(connection, "SELECT DISTINCT provider FROM submission_findings"));
        Assert.Equal([Own], await ColumnAsync(connection, "SELECT submitter FROM submissions"));
        Assert.Equal(0L, await ScalarAsync(connection, $"SELECT count(*) FROM event_versions WHERE provider = (SELECT code_id FROM code_values WHERE code = '{Other}')"));

        await ExecuteAsync(connection, $"SET app.organisation = '{Other}'");
        Assert.Equal([Own], await ColumnAsync(connection, "SELECT DISTINCT c.code FROM event_versions v JOIN code_values c ON c.code_id = v.provider"));
    }

    [Fact]
    public async Task A_provider_role_cannot_write_another_organisations_rows()
    {
        await using var connection = await ConnectAsBoundRoleAsync(Own);
        const string insert = """
            INSERT INTO event_versions (version_id, submission_id, received_at, provider, record_id, updated_at, withdrawn, content_hash)
            SELECT 999, 1, '2026-03-10', code_id, 'forged', '2026-03-01', false, 0 FROM code_values WHERE code_system = 'tuottaja' AND code = '{0}'
            """;

        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, string.Format(System.Globalization.CultureInfo.InvariantCulture, insert, Other)));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        var finding = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection,
            $"INSERT INTO submission_findings (submission_id, ordinal, code, arguments, provider) VALUES (1, 99, 'X', '[]', '{Other}')"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, finding.SqlState);

        // Its own organisation's rows it may write: the wall is the organisation, not the table.
        await ExecuteAsync(connection, string.Format(System.Globalization.CultureInfo.InvariantCulture, insert, Own));
    }

    [Fact]
    public async Task A_provider_role_cannot_go_round_the_policies_through_a_partition_a_view_or_an_update()
    {
        await using var connection = await ConnectAsBoundRoleAsync(Own);

        foreach (var sql in new[]
        {
            "SELECT count(*) FROM event_versions_p202603",
            "SELECT count(*) FROM report_events",
            "SELECT count(*) FROM service_event_versions",
            "UPDATE event_versions SET withdrawn = true",
            "DELETE FROM event_versions",
        })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, sql));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }
    }

    [Fact]
    public async Task A_shared_connection_sees_nothing_until_it_names_its_organisation_and_then_only_that()
    {
        var role = $"api_{schema}";
        await CreateRoleAsync(role);
        await using var connection = await ConnectAsync(role);

        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM event_versions"));
        await ExecuteAsync(connection, $"SET app.organisation = '{Other}'");
        Assert.Equal([Other], await ColumnAsync(connection, "SELECT DISTINCT c.code FROM event_versions v JOIN code_values c ON c.code_id = v.provider"));
    }

    /// <summary>A login role bound to <paramref name="organisation"/>, as a provider's own reporting connection would be.</summary>
    private async Task<NpgsqlConnection> ConnectAsBoundRoleAsync(string organisation)
    {
        var role = $"provider_{organisation}_{schema}";
        await CreateRoleAsync(role);
        await AdminAsync($"INSERT INTO organisation_roles (role_name, organisation) VALUES ('{role}', '{organisation}')");
        return await ConnectAsync(role);
    }

    private async Task CreateRoleAsync(string role)
    {
        await AdminAsync($"CREATE ROLE {role} LOGIN IN ROLE {PostgresSchema.SubmitterRole}");
        roles.Add(role);
    }

    private async Task<NpgsqlConnection> ConnectAsync(string role)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Username = role, Pooling = false }.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await ExecuteAsync(connection, sql);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<List<string>> ColumnAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
