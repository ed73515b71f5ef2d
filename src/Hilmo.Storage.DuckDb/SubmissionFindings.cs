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
                .AppendValue(StoredRows.Arguments(finding.Arguments));
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
        command.CommandText = $$"""
            SELECT {{StoredRows.FindingColumns}}
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
            if (StoredRows.Finding(reader) is { } finding)
            {
                findings.Add(finding);
            }
        }

        return findings;
    }
}
