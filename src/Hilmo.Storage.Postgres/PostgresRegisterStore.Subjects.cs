using Npgsql;
using NpgsqlTypes;

namespace Hilmo.Storage.Postgres;

public sealed partial class PostgresRegisterStore
{
    public async Task<IReadOnlyList<string>> ListProvidersAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = DataSource.CreateCommand("SELECT code FROM code_values WHERE code_system = 'tuottaja' ORDER BY code COLLATE \"C\"");
            var providers = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                providers.Add(reader.GetString(0));
            }

            return providers;
        }
        catch (Exception exception) when (PostgresFaults.Classify(exception) is { } unavailable)
        {
            throw unavailable;
        }
    }

    public async Task<IReadOnlyList<ClientVersion>> FindClientVersionsAsync(IReadOnlyCollection<ClientKey> clients, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clients);
        if (clients.Count == 0)
        {
            return [];
        }

        try
        {
            // One statement whatever the number of clients: the keys travel as three parallel arrays.
            await using var command = DataSource.CreateCommand("""
                SELECT p.code, v.record_id, v.version_id
                FROM event_versions v
                JOIN code_values p ON p.code_id = v.provider AND p.code_system = 'tuottaja'
                JOIN unnest($1::text[], $2::smallint[], $3::bytea[]) AS c(provider, key_version, pseudonym)
                  ON p.code = c.provider AND v.key_version = c.key_version AND v.pseudonym = c.pseudonym
                ORDER BY v.version_id
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = clients.Select(c => c.Provider).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = clients.Select(c => (short)c.KeyVersion).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint });
            command.Parameters.Add(new NpgsqlParameter { Value = clients.Select(c => c.Pseudonym.ToArray()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            var found = new List<ClientVersion>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                found.Add(new ClientVersion(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
            }

            return found;
        }
        catch (Exception exception) when (PostgresFaults.Classify(exception) is { } unavailable)
        {
            throw unavailable;
        }
    }
}
