using Hilmo.Validation;
using Npgsql;
using NpgsqlTypes;

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
        await using var copy = await connection.BeginBinaryImportAsync("""
            COPY submission_findings (submission_id, ordinal, record_index, record_id, code, path, arguments, line, col, byte_offset, provider)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken).ConfigureAwait(false);
        var ordinal = firstOrdinal;
        foreach (var finding in findings)
        {
            await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(submissionId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(ordinal++, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await Nullable(copy, finding.Index, cancellationToken).ConfigureAwait(false);
            await Text(copy, finding.RecordId, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(finding.Code, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await Text(copy, finding.Path, cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(StoredRows.Arguments(finding.Arguments), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await Nullable(copy, finding.Position?.Line, cancellationToken).ConfigureAwait(false);
            await Nullable(copy, finding.Position?.Column, cancellationToken).ConfigureAwait(false);
            await Nullable(copy, finding.Position?.ByteOffset, cancellationToken).ConfigureAwait(false);
            await Text(copy, finding.Provider, cancellationToken).ConfigureAwait(false);
        }

        await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
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

    private static Task Nullable(NpgsqlBinaryImporter copy, long? value, CancellationToken cancellationToken) =>
        value is { } v ? copy.WriteAsync(v, NpgsqlDbType.Bigint, cancellationToken) : copy.WriteNullAsync(cancellationToken);

    private static Task Text(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken) =>
        value is not null ? copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken) : copy.WriteNullAsync(cancellationToken);
}
