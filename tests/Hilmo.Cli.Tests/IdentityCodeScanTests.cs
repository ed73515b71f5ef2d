using System.Text;
using DuckDB.NET.Data;

namespace Hilmo.Cli.Tests;

/// <summary>The leak scan must find a code wherever one would hide, or its silence proves nothing.</summary>
public sealed class IdentityCodeScanTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hilmo-scan-").FullName;
    private readonly IdentityCodeScan scan = new(["131052-308T", "010594Y9032"]);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_code_in_a_file_is_found_in_UTF8_and_in_UTF16()
    {
        var utf8 = Path.Combine(folder, "a.log");
        var utf16 = Path.Combine(folder, "b.log");
        File.WriteAllText(utf8, "client 131052-308T visited", Encoding.UTF8);
        File.WriteAllText(utf16, "x010594Y9032", Encoding.Unicode);

        Assert.Equal(["131052-308T"], scan.InFile(utf8));
        Assert.Equal(["010594Y9032"], scan.InFile(utf16));
        Assert.Empty(scan.InText("131052-308U and 131052Y308T are other codes"));
    }

    [Fact]
    public void A_code_in_a_compressed_database_column_is_found_through_SQL()
    {
        var database = Path.Combine(folder, "x.duckdb");
        using (var connection = new DuckDBConnection($"Data Source={database}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE t (note VARCHAR, data BLOB);
                INSERT INTO t SELECT 'row ' || range, NULL FROM range(100000);
                INSERT INTO t VALUES ('see 010594Y9032', NULL), (NULL, '131052-308T'::BLOB);
                CHECKPOINT;
                """;
            command.ExecuteNonQuery();
        }

        Assert.Equal(["010594Y9032", "131052-308T"], scan.InDatabase(database).Order(StringComparer.Ordinal));
    }
}
