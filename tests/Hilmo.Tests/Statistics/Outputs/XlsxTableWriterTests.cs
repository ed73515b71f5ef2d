using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using ClosedXML.Excel;
using Hilmo.Statistics;
using Hilmo.Statistics.Outputs;
using Hilmo.Testing;

namespace Hilmo.Tests.Statistics.Outputs;

/// <summary>Workbooks read back with ClosedXML and compared with the table and with the CSV layout.</summary>
public sealed class XlsxTableWriterTests
{
    [Fact]
    public async Task The_table_sheet_has_the_header_block_and_a_row_per_cell_with_numbers_as_numbers()
    {
        var table = SampleTables.ThreeDimensions();

        using var workbook = Open(await SampleTables.WriteAsync(table, StatisticsFormat.Xlsx));
        var sheet = workbook.Worksheet(1);

        Assert.Equal("Taulukko", sheet.Name);
        Assert.Equal("Käynnit ja kiireellisyys", sheet.Cell(1, 1).GetString());
        Assert.Equal("Tilanne: 2025-04-01 03:00 UTC+03:00", sheet.Cell(2, 1).GetString());
        Assert.Equal("Päivitetty: 2025-04-01 12:30 UTC+03:00", sheet.Cell(3, 1).GetString());
        Assert.Equal("Lähde: THL, hoitoilmoitusrekisteri", sheet.Cell(4, 1).GetString());
        Assert.Equal("Julkaisu: 2025-04", sheet.Cell(5, 1).GetString());
        var header = HeaderRow(sheet);
        Assert.Equal(7, header);
        Assert.Equal(header, sheet.SheetView.SplitRow);
        var csv = CsvTableWriterTests.Read(await SampleTables.WriteAsync(table, StatisticsFormat.Csv), ',');
        Assert.Equal(csv[0], Row(sheet, header, csv[0].Length));
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            var row = header + 1 + cell;
            Assert.Equal(csv[cell + 1][..6], Row(sheet, row, 6));
            Assert.Equal(XLDataType.Text, sheet.Cell(row, 1).DataType);
            for (var m = 0; m < table.Measures.Count; m++)
            {
                var target = sheet.Cell(row, 7 + m);
                var expected = SampleTables.Expected(table, cell, m);
                if (table.Status(cell, m) == CellStatus.Published)
                {
                    Assert.Equal(XLDataType.Number, target.DataType);
                    Assert.Equal(double.Parse(expected, CultureInfo.InvariantCulture), target.GetDouble());
                    Assert.Equal(m switch { 0 => "0", 1 => "0.0", _ => "0.00" }, target.Style.NumberFormat.Format);
                }
                else
                {
                    Assert.Equal(XLDataType.Text, target.DataType);
                    Assert.Equal(expected, target.GetString());
                    Assert.Equal(XLAlignmentHorizontalValues.Right, target.Style.Alignment.Horizontal);
                }
            }
        }

        Assert.Equal(header + table.CellCount, sheet.LastRowUsed()!.RowNumber());
        Assert.InRange(sheet.Column(4).Width, 14, 60);
    }

    [Fact]
    public async Task Codes_that_look_like_numbers_stay_text()
    {
        using var workbook = Open(await SampleTables.WriteAsync(SampleTables.ThreeDimensions(), StatisticsFormat.Xlsx));
        var sheet = workbook.Worksheet(1);
        var header = HeaderRow(sheet);

        var uusimaa = sheet.Column(1).CellsUsed().First(c => c.GetString() == "01");

        Assert.Equal(XLDataType.Text, uusimaa.DataType);
        Assert.Equal("2025-01", sheet.Cell(header + 1, 3).GetString());
        Assert.Equal(XLDataType.Text, sheet.Cell(header + 1, 3).DataType);
    }

    [Fact]
    public async Task The_notes_sheet_has_the_description_the_notes_and_the_legend_in_the_asked_language()
    {
        using var workbook = Open(await SampleTables.WriteAsync(SampleTables.ThreeDimensions(), StatisticsFormat.Xlsx, "en"));
        var notes = workbook.Worksheet(2);
        var texts = notes.CellsUsed().Select(c => c.GetString()).ToList();

        Assert.Equal("Notes", notes.Name);
        Assert.Contains("Outpatient visits by month.", texts);
        Assert.Contains("Counts below 5 visits are suppressed.", texts);
        var suppressed = notes.Column(1).CellsUsed().Single(c => c.GetString() == "..");
        Assert.Equal("Suppressed to protect confidentiality.", suppressed.CellRight().GetString());
        var notApplicable = notes.Column(1).CellsUsed().Single(c => c.GetString() == ".");
        Assert.Equal("Logically impossible to present.", notApplicable.CellRight().GetString());
    }

    [Theory]
    [InlineData("fi", "Käynnit ja kiireellisyys", "Avosairaanhoidon käynnit kuukausittain.", "Maakunta (koodi)")]
    [InlineData("sv", "Besök och brådskande vård", "Besök inom öppen sjukvård per månad.", "Landskap (kod)")]
    [InlineData("en", "Visits and urgency", "Outpatient visits by month.", "Region (code)")]
    public async Task The_document_properties_are_in_core_xml_in_the_files_language(string language, string title, string description, string firstHeading)
    {
        var made = new DateTimeOffset(2025, 5, 2, 8, 15, 30, TimeSpan.Zero);
        using var output = new MemoryStream();
        await XlsxTableWriter.WriteAsync(SampleTables.ThreeDimensions(), language, output, new ManualTimeProvider(made), TestContext.Current.CancellationToken);

        // Read as any program reads an OOXML package: the zip's core properties part, as XML.
        using var zip = new ZipArchive(new MemoryStream(output.ToArray()), ZipArchiveMode.Read);
        var entry = Assert.Single(zip.Entries, e => e.FullName == "docProps/core.xml");
        XDocument core;
        using (var stream = entry.Open())
        {
            core = XDocument.Load(stream);
        }

        XNamespace dc = "http://purl.org/dc/elements/1.1/";
        XNamespace dcterms = "http://purl.org/dc/terms/";
        XNamespace cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
        Assert.Equal(title, core.Root!.Element(dc + "title")?.Value);
        Assert.StartsWith("THL", core.Root.Element(dc + "creator")?.Value, StringComparison.Ordinal);
        Assert.Equal(description, core.Root.Element(dc + "description")?.Value);
        Assert.Equal(language, core.Root.Element(dc + "language")?.Value);
        Assert.Equal("access-to-care", core.Root.Element(cp + "keywords")?.Value);
        Assert.Equal(made, DateTimeOffset.Parse(core.Root.Element(dcterms + "created")!.Value, CultureInfo.InvariantCulture));

        using var workbook = Open(output.ToArray());
        Assert.Equal(firstHeading, workbook.Worksheet(1).Cell(HeaderRow(workbook.Worksheet(1), firstHeading), 1).GetString());
    }

    private static XLWorkbook Open(byte[] bytes) => new(new MemoryStream(bytes));

    private static int HeaderRow(IXLWorksheet sheet, string firstHeading = "Maakunta (koodi)") =>
        sheet.Column(1).CellsUsed().Single(c => c.GetString() == firstHeading).Address.RowNumber;

    private static string[] Row(IXLWorksheet sheet, int row, int columns) =>
        [.. Enumerable.Range(1, columns).Select(c => sheet.Cell(row, c).GetString())];
}
