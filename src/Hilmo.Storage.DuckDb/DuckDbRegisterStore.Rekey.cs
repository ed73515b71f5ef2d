using DuckDB.NET.Data;
using Hilmo.Ingest;

namespace Hilmo.Storage.DuckDb;

/// <summary>
/// The re-key job after a master-key rotation (<see cref="IRegisterStore.RekeyAsync"/>): the one
/// sanctioned in-place change of stored versions. Only <c>event_versions</c> holds a pseudonym
/// (care periods keep their core there too); the repeating groups and the period tables hold none.
/// </summary>
public sealed partial class DuckDbRegisterStore
{
    private const string OlderKey = "v.pseudonym IS NOT NULL AND v.key_version < $current";

    public async Task<long> CountToRekeyAsync(int currentVersion, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM event_versions v WHERE {OlderKey}";
        command.Parameters.Add(new DuckDBParameter("current", (short)currentVersion));
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<RekeyResult> RekeyAsync(IPseudonymRekeyer rekeyer, RekeyOptions options, IProgress<RekeyProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rekeyer);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var current = rekeyer.CurrentVersion;
        var total = await CountToRekeyAsync(current, cancellationToken).ConfigureAwait(false);
        var hasher = new ContentHash();
        var (rekeyed, hashesKept, batches) = await RekeyBatches.RunAsync(
            (after, token) => WriteAsync(connection => RekeyBatch(connection, rekeyer, current, after, options.BatchSize, hasher), token),
            options, total, progress, cancellationToken).ConfigureAwait(false);

        var remaining = await CountToRekeyAsync(current, cancellationToken).ConfigureAwait(false);
        return new RekeyResult(rekeyed, hashesKept, remaining, batches);
    }

    /// <summary>
    /// Re-keys the first <paramref name="batchSize"/> versions under an older key, by version id,
    /// in one transaction; how many, and of those how many kept their content hash.
    /// </summary>
    private (int Done, int HashesKept, long Last) RekeyBatch(DuckDBConnection connection, IPseudonymRekeyer rekeyer, int current, long after, int batchSize, ContentHash hasher)
    {
        var result = (Done: 0, HashesKept: 0, Last: after);
        InTransaction(connection, () =>
        {
            long first, last;
            using (var range = connection.CreateCommand())
            {
                range.CommandText = $"SELECT min(version_id), max(version_id), count(*) FROM (SELECT v.version_id FROM event_versions v WHERE {OlderKey} AND v.version_id > $after ORDER BY v.version_id LIMIT $limit)";
                range.Parameters.Add(new DuckDBParameter("current", (short)current));
                range.Parameters.Add(new DuckDBParameter("after", after));
                range.Parameters.Add(new DuckDBParameter("limit", batchSize));
                using var reader = range.ExecuteReader();
                reader.Read();
                if (reader.GetInt64(2) == 0)
                {
                    return;
                }

                (first, last) = (reader.GetInt64(0), reader.GetInt64(1));
                result.Last = last;
            }

            // The versions of the batch are exactly those under an older key between its first
            // and last id, read back whole so that the content hash can be made again.
            var versions = StoredVersionReader.Read(connection, Codes.Published, $"{OlderKey} AND v.version_id BETWEEN $first AND $last",
                [new DuckDBParameter("current", (short)current), new DuckDBParameter("first", first), new DuckDBParameter("last", last)]);
            Execute(connection, "CREATE OR REPLACE TEMP TABLE rekey_batch (version_id BIGINT NOT NULL, pseudonym BLOB NOT NULL, content_hash UBIGINT NOT NULL)");
            using (var appender = connection.CreateAppender("temp", "main", "rekey_batch"))
            {
                foreach (var version in versions)
                {
                    var (client, hash, kept) = RekeyedVersion.Of(version.Record, rekeyer, hasher);
                    result.HashesKept += kept ? 1 : 0;
                    appender.CreateRow().AppendValue(version.VersionId).AppendValue(client.Pseudonym.ToArray()).AppendValue(hash).EndRow();
                }
            }

            using (var update = connection.CreateCommand())
            {
                update.CommandText = """
                    UPDATE event_versions SET pseudonym = b.pseudonym, key_version = $current, content_hash = b.content_hash
                    FROM rekey_batch b WHERE event_versions.version_id = b.version_id
                    """;
                update.Parameters.Add(new DuckDBParameter("current", (short)current));
                result.Done = update.ExecuteNonQuery();
            }

            Execute(connection, "DROP TABLE rekey_batch");
        });
        return result;
    }
}
