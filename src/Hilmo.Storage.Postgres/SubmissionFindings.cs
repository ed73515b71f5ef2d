using Hilmo.Validation;
using Npgsql;

namespace Hilmo.Storage.Postgres;

/// <summary>
/// A submission's findings in <c>submission_findings</c>, so its feedback can be read again: the
/// code and the values for its template, never the message, which is rendered in whichever
/// language the reader asks for.
/// </summary>
internal static class SubmissionFindings
{
    public static async Task CopyAsync(NpgsqlConnection connection, long submissionId, long firstOrdinal, IReadOnlyList<Finding> findings, CancellationToken cancellationToken)
    {
        using var rows = new CopyRows();
        var ordinal = firstOrdinal;
        foreach (var finding in findings)
        {
            rows.StartRow(11);
            rows.Int64(submissionId);
            rows.Int64(ordinal++);
            Nullable(rows, finding.Index);
            rows.Text(finding.RecordId);
            rows.Text(finding.Code);
            rows.Text(finding.Path);
            rows.Text(StoredRows.Arguments(finding.Arguments));
            Nullable(rows, finding.Position?.Line);
            Nullable(rows, finding.Position?.Column);
            Nullable(rows, finding.Position?.ByteOffset);
            rows.Text(finding.Provider);
        }

        await rows.CopyAsync(connection, """
            COPY submission_findings (submission_id, ordinal, record_index, record_id, code, path, arguments, line, col, byte_offset, provider)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<List<Finding>> ReadAsync(NpgsqlConnection connection, long submissionId, long offset, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($$"""
            SELECT {{StoredRows.FindingColumns}}
            FROM submission_findings WHERE submission_id = $1
            ORDER BY ordinal LIMIT $2 OFFSET $3
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = submissionId });
        command.Parameters.Add(new NpgsqlParameter { Value = (long)limit });
        command.Parameters.Add(new NpgsqlParameter { Value = offset });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var findings = new List<Finding>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (StoredRows.Finding(reader) is { } finding)
            {
                findings.Add(finding);
            }
        }

        return findings;
    }

    private static void Nullable(CopyRows rows, long? value)
    {
        if (value is { } v)
        {
            rows.Int64(v);
        }
        else
        {
            rows.Null();
        }
    }
}
