using Hilmo.Validation;
using Npgsql;

namespace Hilmo.Storage.Postgres;

public sealed partial class PostgresRegisterStore
{
    public async Task<StoredRecordVersions> GetRecordVersionsAsync(string provider, string recordId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(recordId);
        try
        {
            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var conflicts = new List<RefusedConflict>();
            await using (var command = new NpgsqlCommand("""
                SELECT DISTINCT f.submission_id, s.received_at FROM submission_findings f JOIN submissions s USING (submission_id)
                WHERE f.code = @code AND f.provider = @provider AND f.record_id = @record ORDER BY f.submission_id
                """, connection))
            {
                command.Parameters.AddWithValue("code", FindingCatalogue.ConflictingVersion.Code);
                command.Parameters.AddWithValue("provider", provider);
                command.Parameters.AddWithValue("record", recordId);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    conflicts.Add(new RefusedConflict(reader.GetInt64(0), Utc(reader.GetDateTime(1))));
                }
            }

            // A provider the code table does not know has no versions (its conflicts, if any, are in the findings all the same).
            if (await Codes.FindAsync(CodeDomain.Provider, provider, cancellationToken).ConfigureAwait(false) is not { } providerId)
            {
                return new StoredRecordVersions([], conflicts);
            }

            const string filter = "v.provider = @provider AND v.record_id = @record";
            var versions = await StoredVersionReader.ReadAsync(connection, Codes, filter,
                [new NpgsqlParameter("provider", providerId), new NpgsqlParameter("record", recordId)], cancellationToken).ConfigureAwait(false);

            var spans = new Dictionary<long, (DateTimeOffset? From, DateTimeOffset? Until)>();
            await using (var command = new NpgsqlCommand($"SELECT v.version_id, v.current_from, v.current_until FROM event_versions v WHERE {filter}", connection))
            {
                command.Parameters.AddWithValue("provider", providerId);
                command.Parameters.AddWithValue("record", recordId);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    spans[reader.GetInt64(0)] = (reader.IsDBNull(1) ? null : Utc(reader.GetDateTime(1)), reader.IsDBNull(2) ? null : Utc(reader.GetDateTime(2)));
                }
            }

            return new StoredRecordVersions(
                [.. versions.Select(v => spans.TryGetValue(v.VersionId, out var span) ? new VersionSpan(v, span.From, span.Until) : new VersionSpan(v, null, null))],
                conflicts);
        }
        catch (Exception exception) when (PostgresFaults.Classify(exception) is { } unavailable)
        {
            throw unavailable;
        }
    }
}
