using DuckDB.NET.Data;
using Hilmo.Validation;

namespace Hilmo.Storage.DuckDb;

public sealed partial class DuckDbRegisterStore
{
    private const string RecordOfProvider =
        "v.provider = (SELECT code_id FROM code_values WHERE code_system = 'tuottaja' AND code = $provider) AND v.record_id = $record";

    public async Task<StoredRecordVersions> GetRecordVersionsAsync(string provider, string recordId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(recordId);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        DuckDBParameter[] parameters = [new("provider", provider), new("record", recordId)];
        var versions = StoredVersionReader.Read(connection, Codes.Published, RecordOfProvider, parameters);

        var spans = new Dictionary<long, (DateTimeOffset? From, DateTimeOffset? Until)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT v.version_id, v.current_from, v.current_until FROM event_versions v WHERE {RecordOfProvider}";
            command.Parameters.Add(new DuckDBParameter("provider", provider));
            command.Parameters.Add(new DuckDBParameter("record", recordId));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                spans[reader.GetInt64(0)] = (reader.IsDBNull(1) ? null : Utc(reader.GetDateTime(1)), reader.IsDBNull(2) ? null : Utc(reader.GetDateTime(2)));
            }
        }

        var conflicts = new List<RefusedConflict>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT DISTINCT f.submission_id, s.received_at FROM submission_findings f JOIN submissions s USING (submission_id)
                WHERE f.code = $code AND f.provider = $provider AND f.record_id = $record ORDER BY f.submission_id
                """;
            command.Parameters.Add(new DuckDBParameter("code", FindingCatalogue.ConflictingVersion.Code));
            command.Parameters.Add(new DuckDBParameter("provider", provider));
            command.Parameters.Add(new DuckDBParameter("record", recordId));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                conflicts.Add(new RefusedConflict(reader.GetInt64(0), Utc(reader.GetDateTime(1))));
            }
        }

        return new StoredRecordVersions(
            [.. versions.Select(v => spans.TryGetValue(v.VersionId, out var span) ? new VersionSpan(v, span.From, span.Until) : new VersionSpan(v, null, null))],
            conflicts);
    }
}
