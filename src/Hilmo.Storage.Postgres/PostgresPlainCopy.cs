using Npgsql;

namespace Hilmo.Storage.Postgres;

/// <summary>
/// PostgreSQL's own load of an NDJSON file, with nothing of the register around it: each line
/// copied by binary COPY as one <c>text</c> value into a table with no index, no key, no
/// versions. Text, not <c>jsonb</c>: generated files hold deliberately broken lines, which the
/// register rejects one by one but a COPY would fail on whole; and a yardstick that does less
/// makes the ratio stricter, not kinder; so does its encoding, the register's own (<see cref="CopyRows"/>). The yardstick <c>hilmo bench ingest --postgres</c> measures the register's ingest
/// against, on the same rows in the same run.
/// </summary>
public static class PostgresPlainCopy
{
    /// <summary>Loads <paramref name="ndjsonPath"/> into a new table <c>plain_copy</c> of the connection's schema; returns the rows loaded.</summary>
    public static async Task<long> LoadAsync(string connectionString, string ndjsonPath, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await PostgresSchema.ExecuteAsync(connection, "DROP TABLE IF EXISTS plain_copy; CREATE TABLE plain_copy (record text NOT NULL)", cancellationToken).ConfigureAwait(false);
        var copy = await CopyRows.BeginAsync(connection, "COPY plain_copy (record) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        using var rows = new CopyRows();
        using var reader = new StreamReader(ndjsonPath);
        var loaded = 0L;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            rows.StartRow(1);
            rows.Text(line);
            loaded++;
            if (rows.Length >= 1 << 16)
            {
                await rows.SendAsync(copy, cancellationToken).ConfigureAwait(false);
            }
        }

        await rows.SendAsync(copy, cancellationToken).ConfigureAwait(false);
        await CopyRows.EndAsync(copy, cancellationToken).ConfigureAwait(false);
        return loaded;
    }
}
