using DuckDB.NET.Data;

namespace Hilmo.Storage.DuckDb;

/// <summary>
/// DuckDB's own load of an NDJSON file into a table, with nothing of the register around it: no
/// validation, no pseudonyms, no versions. The yardstick <c>hilmo bench ingest</c> measures the
/// register's ingest against, in the same run on the same file.
/// </summary>
public static class DuckDbRawLoad
{
    /// <summary>Loads <paramref name="ndjsonPath"/> into a new table of a new database; returns the rows loaded.</summary>
    public static long Load(string ndjsonPath, string databasePath)
    {
        using var connection = new DuckDBConnection($"Data Source={Path.GetFullPath(databasePath)}");
        connection.Open();
        using var command = connection.CreateCommand();
        // Lines DuckDB cannot parse are skipped, as the register rejects them; the load is otherwise as given.
        command.CommandText = "CREATE TABLE raw_events AS SELECT * FROM read_ndjson($path, ignore_errors = true)";
        command.Parameters.Add(new DuckDBParameter("path", Path.GetFullPath(ndjsonPath)));
        command.ExecuteNonQuery();
        command.Parameters.Clear();
        command.CommandText = "SELECT count(*) FROM raw_events";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
