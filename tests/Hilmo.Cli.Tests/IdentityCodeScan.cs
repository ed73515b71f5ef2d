using System.Buffers;
using System.Text;
using DuckDB.NET.Data;

namespace Hilmo.Cli.Tests;

/// <summary>
/// Looks for identity codes in what the register wrote: the bytes of files (UTF-8 and UTF-16), and
/// every text and binary column of the database through SQL, which sees through DuckDB's compression.
/// </summary>
internal sealed class IdentityCodeScan(IEnumerable<string> codes)
{
    private static readonly SearchValues<char> CenturySigns = SearchValues.Create("+-ABCDEFYXWVU");

    private readonly HashSet<string> codes = [.. codes];

    public int Count => codes.Count;

    /// <summary>Every code found in the bytes of <paramref name="path"/>.</summary>
    public IReadOnlyList<string> InFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var found = new List<string>();
        FindUtf8(bytes, found);
        FindUtf16(bytes, found);
        return found;
    }

    public IReadOnlyList<string> InText(string text)
    {
        var found = new List<string>();
        Find(text, found);
        return found;
    }

    /// <summary>Every code found in any VARCHAR or BLOB value of any table of the database.</summary>
    public IReadOnlyList<string> InDatabase(string databaseFile)
    {
        var found = new List<string>();
        using var connection = new DuckDBConnection($"Data Source={databaseFile};ACCESS_MODE=READ_ONLY");
        connection.Open();
        var columns = new List<(string Table, string Column, bool IsText)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT table_name, column_name, data_type = 'VARCHAR' FROM information_schema.columns
                WHERE table_schema = 'main' AND data_type IN ('VARCHAR', 'BLOB')
                  AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE')
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
            }
        }

        foreach (var (table, column, isText) in columns)
        {
            // encode() gives a text's UTF-8 bytes as they are; a cast to BLOB would read backslashes as escapes.
            var bytes = isText ? $"encode(\"{column}\")" : $"\"{column}\"";
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT DISTINCT {bytes} FROM \"{table}\" WHERE \"{column}\" IS NOT NULL";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                using var value = reader.GetStream(0);
                using var copy = new MemoryStream();
                value.CopyTo(copy);
                FindUtf8(copy.ToArray(), found);
            }
        }

        return found;
    }

    private void FindUtf8(byte[] bytes, List<string> found) => Find(Encoding.Latin1.GetString(bytes), found);

    private void FindUtf16(byte[] bytes, List<string> found)
    {
        Find(Encoding.Unicode.GetString(bytes), found);
        if (bytes.Length > 1)
        {
            Find(Encoding.Unicode.GetString(bytes, 1, bytes.Length - 1), found);
        }
    }

    /// <summary>A code has its century sign at offset 6, after six digits; only such places are looked up.</summary>
    private void Find(ReadOnlySpan<char> text, List<string> found)
    {
        var at = text.IndexOfAny(CenturySigns);
        while (at >= 0)
        {
            var start = at - 6;
            if (start >= 0 && start + 11 <= text.Length && IsDigits(text.Slice(start, 6)))
            {
                var candidate = text.Slice(start, 11).ToString();
                if (codes.Contains(candidate))
                {
                    found.Add(candidate);
                }
            }

            var next = text[(at + 1)..].IndexOfAny(CenturySigns);
            at = next < 0 ? -1 : at + 1 + next;
        }
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
