using Hilmo.Statistics;
using Hilmo.Statistics.Outputs;

namespace Hilmo.Tests.Statistics.Outputs;

/// <summary>Format names as users give them, and what the entry point refuses.</summary>
public sealed class StatisticsFormatsTests
{
    [Theory]
    [InlineData("json-stat", StatisticsFormat.JsonStat)]
    [InlineData("JSONSTAT", StatisticsFormat.JsonStat)]
    [InlineData("json-stat2", StatisticsFormat.JsonStat)]
    [InlineData("csv", StatisticsFormat.Csv)]
    [InlineData(" csv-fi ", StatisticsFormat.CsvFinnishExcel)]
    [InlineData("csv-excel", StatisticsFormat.CsvFinnishExcel)]
    [InlineData("px", StatisticsFormat.Px)]
    [InlineData("XLSX", StatisticsFormat.Xlsx)]
    public void A_format_name_parses(string name, StatisticsFormat expected)
    {
        Assert.True(StatisticsFormats.TryParse(name, out var format));
        Assert.Equal(expected, format);
    }

    [Theory]
    [InlineData("xls")]
    [InlineData("")]
    [InlineData(null)]
    public void An_unknown_name_is_no_format(string? name) => Assert.False(StatisticsFormats.TryParse(name, out _));

    [Fact]
    public void Every_format_has_a_name_that_reads_back_a_content_type_and_an_extension()
    {
        Assert.All(Enum.GetValues<StatisticsFormat>(), format =>
        {
            Assert.True(StatisticsFormats.TryParse(StatisticsFormats.NameOf(format), out var parsed));
            Assert.Equal(format, parsed);
            Assert.NotEmpty(StatisticsFormats.ContentTypeOf(format));
            Assert.StartsWith(".", StatisticsFormats.FileExtensionOf(format), StringComparison.Ordinal);
        });
        Assert.Equal(["json-stat", "csv", "csv-fi", "px", "xlsx"], StatisticsFormats.CanonicalNames);
    }

    [Fact]
    public async Task A_language_other_than_the_three_is_refused_before_anything_is_written()
    {
        using var output = new MemoryStream();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            TableWriter.WriteAsync(SampleTables.ThreeDimensions(), StatisticsFormat.Csv, "de", output, TestContext.Current.CancellationToken));
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task A_cell_never_computed_is_refused_rather_than_printed()
    {
        var table = new StatisticsTable(SampleTables.Metadata, [SampleTables.Sex], [SampleTables.Measures[0]]);
        table.SetValue(0, 0, 5);
        using var output = new MemoryStream();

        foreach (var format in Enum.GetValues<StatisticsFormat>())
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() =>
                TableWriter.WriteAsync(table, format, "fi", output, TestContext.Current.CancellationToken));
        }

        Assert.Equal(0, output.Length);
    }
}
