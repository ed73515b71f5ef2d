using Hilmo.Ingest;
using Npgsql;
using NpgsqlTypes;

namespace Hilmo.Storage.Postgres;

/// <summary>
/// The re-key job after a master-key rotation (<see cref="IRegisterStore.RekeyAsync"/>): the one
/// sanctioned in-place change of stored versions. Only <c>event_versions</c> holds a pseudonym
/// (care periods keep their core there too); the repeating groups and the period tables hold none.
/// Each batch is one transaction of its own, beside the submissions' units: a batch and a unit's
/// commit that touch the same version (its <c>current_until</c>) wait for each other's row lock.
/// </summary>
public sealed partial class PostgresRegisterStore
{
    private const string OlderKey = "v.pseudonym IS NOT NULL AND v.key_version < @current";

    public async Task<long> CountToRekeyAsync(int currentVersion, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM event_versions v WHERE {OlderKey}", connection);
            command.Parameters.AddWithValue("current", (short)currentVersion);
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        catch (Exception exception) when (PostgresFaults.Classify(exception) is { } unavailable)
        {
            throw unavailable;
        }
    }

    public async Task<RekeyResult> RekeyAsync(IPseudonymRekeyer rekeyer, RekeyOptions options, IProgress<RekeyProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rekeyer);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var current = rekeyer.CurrentVersion;
        var total = await CountToRekeyAsync(current, cancellationToken).ConfigureAwait(false);
        var hasher = new ContentHash();
        (long Rekeyed, long HashesKept, int Batches) run;
        try
        {
            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            run = await RekeyBatches.RunAsync(
                (after, token) => RekeyBatchAsync(connection, rekeyer, current, after, options.BatchSize, hasher, token),
                options, total, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (PostgresFaults.Classify(exception) is { } unavailable)
        {
            throw unavailable;
        }

        var remaining = await CountToRekeyAsync(current, cancellationToken).ConfigureAwait(false);
        return new RekeyResult(run.Rekeyed, run.HashesKept, remaining, run.Batches);
    }

    private async Task<(int Done, int HashesKept, long Last)> RekeyBatchAsync(
        NpgsqlConnection connection, IPseudonymRekeyer rekeyer, int current, long after, int batchSize, ContentHash hasher, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long first, last;
        await using (var range = new NpgsqlCommand(
            $"SELECT min(version_id), max(version_id), count(*) FROM (SELECT v.version_id FROM event_versions v WHERE {OlderKey} AND v.version_id > @after ORDER BY v.version_id LIMIT @limit) b",
            connection, transaction))
        {
            range.Parameters.AddWithValue("current", (short)current);
            range.Parameters.AddWithValue("after", after);
            range.Parameters.AddWithValue("limit", batchSize);
            await using var reader = await range.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (reader.GetInt64(2) == 0)
            {
                return (0, 0, after);
            }

            (first, last) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        // The versions of the batch are exactly those under an older key between its first and
        // last id, read back whole so that the content hash can be made again.
        var versions = await StoredVersionReader.ReadAsync(connection, Codes, $"{OlderKey} AND v.version_id BETWEEN @first AND @last",
            [new NpgsqlParameter("current", (short)current), new NpgsqlParameter("first", first), new NpgsqlParameter("last", last)], cancellationToken).ConfigureAwait(false);
        var ids = new long[versions.Count];
        var received = new DateTime[versions.Count];
        var olds = new short[versions.Count];
        var pseudonyms = new byte[versions.Count][];
        var hashes = new long[versions.Count];
        var kept = 0;
        for (var i = 0; i < versions.Count; i++)
        {
            var version = versions[i];
            var (client, hash, hashKept) = RekeyedVersion.Of(version.Record, rekeyer, hasher);
            kept += hashKept ? 1 : 0;
            ids[i] = version.VersionId;
            received[i] = DateTime.SpecifyKind(version.ReceivedAt.UtcDateTime, DateTimeKind.Unspecified);
            olds[i] = (short)version.Record.Client!.KeyVersion;
            pseudonyms[i] = client.Pseudonym.ToArray();
            hashes[i] = unchecked((long)hash);
        }

        // The old key version is checked again, so that two runs at once never chain a value twice.
        int done;
        await using (var update = new NpgsqlCommand("""
            UPDATE event_versions v SET pseudonym = u.pseudonym, key_version = @current, content_hash = u.content_hash
            FROM unnest(@ids, @received, @olds, @pseudonyms, @hashes) AS u(version_id, received_at, old_version, pseudonym, content_hash)
            WHERE v.version_id = u.version_id AND v.received_at = u.received_at AND v.key_version = u.old_version
            """, connection, transaction))
        {
            update.Parameters.AddWithValue("current", (short)current);
            update.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = ids });
            update.Parameters.Add(new NpgsqlParameter("received", NpgsqlDbType.Array | NpgsqlDbType.Timestamp) { Value = received });
            update.Parameters.Add(new NpgsqlParameter("olds", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = olds });
            update.Parameters.Add(new NpgsqlParameter("pseudonyms", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = pseudonyms });
            update.Parameters.Add(new NpgsqlParameter("hashes", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = hashes });
            done = await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (done, kept, last);
    }
}
