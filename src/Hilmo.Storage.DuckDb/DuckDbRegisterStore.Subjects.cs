using System.Globalization;
using System.Text;
using DuckDB.NET.Data;

namespace Hilmo.Storage.DuckDb;

public sealed partial class DuckDbRegisterStore
{
    // Clients per statement: three parameters each, well inside what a statement holds.
    private const int ClientBatch = 500;

    public async Task<IReadOnlyList<string>> ListProvidersAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT code FROM code_values WHERE code_system = 'tuottaja' ORDER BY code";
        var providers = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            providers.Add(reader.GetString(0));
        }

        return providers;
    }

    public async Task<IReadOnlyList<ClientVersion>> FindClientVersionsAsync(IReadOnlyCollection<ClientKey> clients, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clients);
        var found = new List<ClientVersion>();
        if (clients.Count == 0)
        {
            return found;
        }

        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        foreach (var batch in clients.Chunk(ClientBatch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var command = connection.CreateCommand();
            var values = new StringBuilder();
            for (var i = 0; i < batch.Length; i++)
            {
                values.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? string.Empty : ", ")}($p{i}, $k{i}, $y{i})");
                command.Parameters.Add(new DuckDBParameter($"p{i}", batch[i].Provider));
                command.Parameters.Add(new DuckDBParameter($"k{i}", (short)batch[i].KeyVersion));
                command.Parameters.Add(new DuckDBParameter($"y{i}", batch[i].Pseudonym.ToArray()));
            }

            command.CommandText = $"""
                SELECT p.code, v.record_id, v.version_id
                FROM event_versions v
                JOIN code_values p ON p.code_id = v.provider AND p.code_system = 'tuottaja'
                JOIN (VALUES {values}) AS c(provider, key_version, pseudonym)
                  ON p.code = c.provider AND v.key_version = c.key_version AND v.pseudonym = c.pseudonym
                ORDER BY v.version_id
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                found.Add(new ClientVersion(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
            }
        }

        return [.. found.OrderBy(v => v.VersionId)];
    }
}
