using Hilmo.Storage;
using Hilmo.Storage.DuckDb;
using Hilmo.Storage.Postgres;

namespace Hilmo.Cli;

/// <summary>
/// The one place the command opens the register's store: PostgreSQL when a connection string is
/// given (<c>--postgres</c>, else <c>HILMO_POSTGRES</c>), otherwise the embedded DuckDB file in the
/// data folder. The data folder keeps the keys, access keys and audit log either way: they are
/// files of the register's host, never rows of a database that replicas and backups copy.
/// </summary>
internal static class ConfiguredStore
{
    public const string EnvironmentVariable = "HILMO_POSTGRES";

    /// <summary><c>--postgres</c>, else <c>HILMO_POSTGRES</c>; null for the embedded store.</summary>
    public static string? PostgresConnection(string? option) =>
        option ?? (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } variable ? variable : null);

    public static async Task<IRegisterStore> OpenAsync(DataFolder folder, string? postgresOption, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        if (PostgresConnection(postgresOption) is { } connection)
        {
            return await PostgresRegisterStore.OpenAsync(connection, time, cancellationToken).ConfigureAwait(false);
        }

        folder.Restrict();
        return DuckDbRegisterStore.Open(folder.DatabaseFile, timeProvider: time);
    }
}
