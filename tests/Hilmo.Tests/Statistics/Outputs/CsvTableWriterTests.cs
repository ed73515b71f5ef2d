using System.Text;
using CsvHelper;
using Hilmo.Statistics.Outputs;

namespace Hilmo.Tests.Statistics.Outputs;

/// <summary>Both CSV dialects read back with CsvHelper and compared with the table.</summary>
public sealed class CsvTableWriterTests
{
    [Theory]
    [InlineData(StatisticsFormat.Csv, ',', ".")]
    [InlineData(StatisticsFormat.CsvFinnishExcel, ';', ",")]
    public async Task Every_row_reads_back_as_the_tables_cell(StatisticsFormat format, char separator, string decimalSeparator)
    {
        var table = SampleTables.ThreeDimensions();

        var rows = Read(await SampleTables.WriteAsync(table, format), separator);

        Assert.Equal(
            ["Maakunta (koodi)", "Maakunta", "Kuukausi (koodi)", "Kuukausi", "Sukupuoli (koodi)", "Sukupuoli", "Käynnit (käyntiä)", "Kiireelliset (%)", "Mediaaniodotus (vrk)"],
            rows[0]);
        Assert.Equal(table.CellCount + 1, rows.Count);
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            var row = rows[cell + 1];
            for (var d = 0; d < table.Dimensions.Count; d++)
            {
                var category = table.Dimensions[d].Categories[table.CategoryOf(cell, d)];
                Assert.Equal(category.Code, row[2 * d]);
                Assert.Equal(category.Label.Fi, row[(2 * d) + 1]);
            }

            for (var m = 0; m < table.Measures.Count; m++)
            {
                var expected = SampleTables.Expected(table, cell, m);
                Assert.Equal(expected is ".." or "." ? expected : expected.Replace(".", decimalSeparator, StringComparison.Ordinal), row[6 + m]);
            }
        }
    }

    [Fact]
    public async Task The_Finnish_Excel_dialect_has_a_byte_order_mark_and_the_international_one_none()
    {
        var table = SampleTables.ThreeDimensions();

        var finnish = await SampleTables.WriteAsync(table, StatisticsFormat.CsvFinnishExcel);
        var international = await SampleTables.WriteAsync(table, StatisticsFormat.Csv);

        Assert.True(finnish.AsSpan().StartsWith(Encoding.UTF8.Preamble));
        Assert.False(international.AsSpan().StartsWith(Encoding.UTF8.Preamble));
        Assert.StartsWith("Maakunta (koodi),", Encoding.UTF8.GetString(international), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sv", "Landskap (kod),Landskap,Månad (kod),Månad,Kön (kod),Kön,Besök (besök),Brådskande (%),Medianväntetid (dygn)")]
    [InlineData("en", "Region (code),Region,Month (code),Month,Sex (code),Sex,Visits (visits),Urgent (%),Median wait (days)")]
    public async Task The_header_row_is_in_the_files_language(string language, string header)
    {
        var csv = Encoding.UTF8.GetString(await SampleTables.WriteAsync(SampleTables.ThreeDimensions(), StatisticsFormat.Csv, language));

        Assert.Equal(header, csv.Split('\n')[0].TrimEnd('\r'));
    }

    [Fact]
    public async Task Figures_are_rounded_half_away_from_zero_with_a_decimal_comma_in_the_Finnish_dialect()
    {
        var rows = Read(await SampleTables.WriteAsync(SampleTables.ThreeDimensions(), StatisticsFormat.CsvFinnishExcel), ';');

        Assert.Equal(["1000", "0,3", "0,01"], rows[1][6..]);
        Assert.Equal(["..", "..", "0,13"], rows[2][6..]);
    }

    [Fact]
    public async Task Labels_with_separators_and_quotes_are_quoted_and_read_back_whole_in_the_asked_language()
    {
        var table = SampleTables.ThreeDimensions();

        var bytes = await SampleTables.WriteAsync(table, StatisticsFormat.Csv, "sv");
        var rows = Read(bytes, ',');

        Assert.Contains("\"Norra Österbotten, \"\"Uleåborg\"\"; åäö\"", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Contains(rows, r => r[1] == SampleTables.AwkwardCounty.Sv);
        Assert.Equal("Besök (besök)", rows[0][6]);
    }

    internal static List<string[]> Read(byte[] bytes, char separator)
    {
        using var reader = CsvReader.Create(bytes, CsvReaderOptions.Default with { Separator = separator, HasHeader = false });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

        return rows;
    }
}
