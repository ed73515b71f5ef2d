using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Hilmo.Statistics;
using Hilmo.Statistics.Outputs;

namespace Hilmo.Tests.Statistics.Outputs;

/// <summary>
/// A figure withheld by disclosure control appears in no format: each file is read back and
/// every suppressed position holds the mark, and the withheld figures occur nowhere in it.
/// </summary>
public sealed class SuppressedFiguresTests
{
    /// <summary>The withheld figures as any format could print them.</summary>
    private static readonly string[] WithheldTexts = ["918273", "918 273", "64.75", "64,75", "64.8", "64,8"];

    private static readonly double[] WithheldFigures = [SampleTables.SuppressedVisits, SampleTables.SuppressedShare, 64.8];

    private static IEnumerable<(int Cell, int Measure)> Suppressed => SampleTables.Marked
        .Where(m => m.Status is CellStatus.PrimarySuppressed or CellStatus.SecondarySuppressed)
        .Select(m => (m.Cell, m.Measure));

    [Theory]
    [InlineData(StatisticsFormat.Csv)]
    [InlineData(StatisticsFormat.CsvFinnishExcel)]
    [InlineData(StatisticsFormat.Px)]
    [InlineData(StatisticsFormat.JsonStat)]
    public async Task No_text_format_holds_a_withheld_figure(StatisticsFormat format)
    {
        foreach (var language in TableLanguages.All)
        {
            var text = Encoding.UTF8.GetString(await SampleTables.WriteAsync(SampleTables.ThreeDimensions(), format, language));

            Assert.All(WithheldTexts, withheld => Assert.DoesNotContain(withheld, text, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Every_suppressed_position_reads_back_as_the_one_suppression_mark_in_every_format()
    {
        var table = SampleTables.ThreeDimensions();
        var measures = table.Measures.Count;

        var csv = CsvTableWriterTests.Read(await SampleTables.WriteAsync(table, StatisticsFormat.Csv), ',');
        var finnishCsv = CsvTableWriterTests.Read(await SampleTables.WriteAsync(table, StatisticsFormat.CsvFinnishExcel), ';');
        var px = PxFile.Parse(await SampleTables.WriteAsync(table, StatisticsFormat.Px));
        using var json = JsonDocument.Parse(await SampleTables.WriteAsync(table, StatisticsFormat.JsonStat));
        using var workbook = new XLWorkbook(new MemoryStream(await SampleTables.WriteAsync(table, StatisticsFormat.Xlsx)));
        var sheet = workbook.Worksheet(1);
        var headerRow = sheet.Column(1).CellsUsed().Single(c => c.GetString() == "Maakunta (koodi)").Address.RowNumber;

        foreach (var (cell, m) in Suppressed)
        {
            var index = (cell * measures) + m;
            Assert.Equal("..", csv[cell + 1][6 + m]);
            Assert.Equal("..", finnishCsv[cell + 1][6 + m]);
            Assert.Equal("..", px.Data[index]);
            Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("value")[index].ValueKind);
            Assert.Equal("..", json.RootElement.GetProperty("status").GetProperty(index.ToString(CultureInfo.InvariantCulture)).GetString());
            Assert.Equal("..", sheet.Cell(headerRow + 1 + cell, 7 + m).GetString());
        }
    }

    [Fact]
    public async Task The_workbook_holds_no_withheld_figure_in_any_cell_or_part()
    {
        var bytes = await SampleTables.WriteAsync(SampleTables.ThreeDimensions(), StatisticsFormat.Xlsx);

        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        Assert.All(workbook.Worksheets.SelectMany(s => s.CellsUsed()), cell =>
        {
            Assert.DoesNotContain(cell.GetString(), WithheldTexts);
            if (cell.DataType == XLDataType.Number)
            {
                Assert.DoesNotContain(cell.GetDouble(), WithheldFigures);
            }
        });
        using var package = new ZipArchive(new MemoryStream(bytes));
        foreach (var part in package.Entries)
        {
            using var reader = new StreamReader(part.Open());
            var xml = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
            Assert.All(WithheldTexts, withheld => Assert.DoesNotContain(">" + withheld + "<", xml, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Primary_and_secondary_suppression_are_written_alike()
    {
        var table = SampleTables.ThreeDimensions();

        using var json = JsonDocument.Parse(await SampleTables.WriteAsync(table, StatisticsFormat.JsonStat));

        var marks = json.RootElement.GetProperty("status").EnumerateObject().Select(s => s.Value.GetString()).Distinct().Order();
        Assert.Equal([".", ".."], marks);
    }
}
