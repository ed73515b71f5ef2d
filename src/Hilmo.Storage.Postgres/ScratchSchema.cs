using System.Globalization;
using Npgsql;

namespace Hilmo.Storage.Postgres;

/// <summary>
/// A schema of its own in a PostgreSQL database, dropped with everything in it when disposed: a
/// benchmark's register never mixes with, or leaves anything in, the register it shares a server with.
/// </summary>
public sealed class ScratchSchema : IAsyncDisposable
{
    private readonly string adminConnectionString;
    private readonly string name;

    private ScratchSchema(string adminConnectionString, string name)
    {
        this.adminConnectionString = adminConnectionString;
        this.name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { SearchPath = name }.ConnectionString;
    }

    /// <summary>The given connection string with the scratch schema as its search path.</summary>
    public string ConnectionString { get; }

    public static async Task<ScratchSchema> CreateAsync(string connectionString, string prefix, CancellationToken cancellationToken = default)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{prefix}_{Environment.ProcessId}_{DateTime.UtcNow:yyyyMMddHHmmss}");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await PostgresSchema.ExecuteAsync(connection, $"CREATE SCHEMA {name}", cancellationToken).ConfigureAwait(false);
        return new ScratchSchema(connectionString, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await PostgresSchema.ExecuteAsync(connection, $"DROP SCHEMA {name} CASCADE", CancellationToken.None).ConfigureAwait(false);
    }
}
