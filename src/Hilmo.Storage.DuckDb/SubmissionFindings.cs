using System.Text.Json;
using DuckDB.NET.Data;
using Hilmo.Validation;

namespace Hilmo.Storage.DuckDb;

/// <summary>
/// A submission's findings in <c>submission_findings</c>, so its feedback can be read again. The
/// message itself is not stored, only the code and the values for its template: the feedback is
/// rendered in whichever language the reader asks for.
/// </summary>
internal static class SubmissionFindings
{
    public static void Append(DuckDBConnection connection, long submissionId, long firstOrdinal, IReadOnlyList<Finding> findings)
    {
        using var appender = connection.CreateAppender("submission_findings");
        var ordinal = firstOrdinal;
        foreach (var finding in findings)
        {
            var row = appender.CreateRow()
                .AppendValue(submissionId)
                .AppendValue(ordinal++)
                .AppendValue(finding.Index)
                .AppendValue(finding.RecordId)
                .AppendValue(finding.Code)
                .AppendValue(finding.Path)
                .AppendValue(JsonSerializer.Serialize(finding.Arguments, StoreJson.Default.IReadOnlyListString));
            if (finding.Position is { } position)
            {
                row.AppendValue(position.Line).AppendValue(position.Column).AppendValue(position.ByteOffset);
            }
            else
            {
                row.AppendNullValue().AppendNullValue().AppendNullValue();
            }

            row.AppendValue(finding.Provider).EndRow();
        }
    }

    public static List<Finding> Read(DuckDBConnection connection, long submissionId, long offset, int limit)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT record_index, record_id, code, path, arguments, line, col, byte_offset, provider
            FROM submission_findings WHERE submission_id = $1
            ORDER BY ordinal LIMIT $2 OFFSET $3
            """;
        command.Parameters.Add(new DuckDBParameter(submissionId));
        command.Parameters.Add(new DuckDBParameter((long)limit));
        command.Parameters.Add(new DuckDBParameter(offset));
        using var reader = command.ExecuteReader();
        var findings = new List<Finding>();
        while (reader.Read())
        {
            // Codes are never removed from the catalogue; one that is unknown comes from a newer program.
            if (FindingCatalogue.Find(reader.GetString(2)) is not { } definition)
            {
                continue;
            }

            var arguments = JsonSerializer.Deserialize(reader.GetString(4), StoreJson.Default.IReadOnlyListString) ?? [];
            TextPosition? position = reader.IsDBNull(5) ? null
                : new TextPosition(reader.GetInt64(5), reader.GetInt64(6), reader.IsDBNull(7) ? null : reader.GetInt64(7));
            findings.Add(new Finding(definition,
                reader.IsDBNull(0) ? null : reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                arguments, position) { Provider = reader.IsDBNull(8) ? null : reader.GetString(8) });
        }

        return findings;
    }
}
