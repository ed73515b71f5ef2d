using Hilmo.Testing;
using System.Text;
using System.Text.Json.Nodes;
using Hilmo.Statistics;
using Hilmo.Statistics.Outputs;

namespace Hilmo.Tests.Statistics.Outputs;

/// <summary>
/// The files read by readers Hilmo shares no code with (<see cref="ThirdPartyReaders"/>): the
/// official JSON-stat 2.0 schema, jsonstat-toolkit and pyaxis must each read back the table.
/// </summary>
public sealed class ThirdPartyReaderTests
{
    public static TheoryData<string, string> TablesAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var table in Tables.Keys)
        {
            foreach (var language in TableLanguages.All)
            {
                data.Add(table, language);
            }
        }

        return data;
    }

    private static readonly Dictionary<string, Func<StatisticsTable>> Tables = new()
    {
        ["county × month × sex, marked cells"] = SampleTables.ThreeDimensions,
        ["nested areas × months with the span's total"] = NestedAreasByMonth,
    };

    [Theory]
    [MemberData(nameof(TablesAndLanguages))]
    public async Task JSON_stat_validates_against_the_official_schema(string name, string language)
    {
        var results = ThirdPartyReaders.Validate(await SampleTables.WriteAsync(Tables[name](), StatisticsFormat.JsonStat, language));

        Assert.True(results.IsValid, ThirdPartyReaders.Errors(results));
    }

    [Fact]
    public async Task The_schema_refuses_a_dataset_that_breaks_it()
    {
        var json = JsonNode.Parse(await SampleTables.WriteAsync(SampleTables.ThreeDimensions(), StatisticsFormat.JsonStat))!;
        json["version"] = "3.0";
        json["size"]!.AsArray().Add("four");

        Assert.False(ThirdPartyReaders.Validate(Encoding.UTF8.GetBytes(json.ToJsonString())).IsValid);
    }

    [Theory]
    [MemberData(nameof(TablesAndLanguages))]
    public async Task JSON_stat_loads_in_jsonstat_toolkit_with_every_label_figure_and_mark(string name, string language)
    {
        var table = Tables[name]();

        var read = await ThirdPartyReaders.ReadJsonStatAsync(await SampleTables.WriteAsync(table, StatisticsFormat.JsonStat, language));

        Assert.Equal(table.Metadata.Title.In(language), (string?)read["label"]);
        Assert.Equal("2025-04-01T09:30:00Z", (string?)read["updated"]);
        var dimensions = read["dimensions"]!.AsArray();
        Assert.Equal([.. table.Dimensions.Select(d => d.Code), JsonStatWriter.MeasureDimensionId], dimensions.Select(d => (string?)d!["id"]));
        for (var d = 0; d < table.Dimensions.Count; d++)
        {
            Assert.Equal(table.Dimensions[d].Label.In(language), (string?)dimensions[d]!["label"]);
            Assert.Equal(table.Dimensions[d].Categories.Select(c => c.Label.In(language)), dimensions[d]!["categories"]!.AsArray().Select(c => (string?)c!["label"]));
        }

        Assert.Equal(table.Measures.Select(m => m.Code), dimensions[^1]!["categories"]!.AsArray().Select(c => (string?)c!["code"]));
        var cells = read["cells"]!.AsArray();
        Assert.Equal(table.CellCount * table.Measures.Count, cells.Count);
        for (var i = 0; i < cells.Count; i++)
        {
            var expected = SampleTables.Expected(table, i / table.Measures.Count, i % table.Measures.Count);
            var cell = cells[i]!;
            Assert.Equal(expected, cell["value"] is { } value ? ((double)value).ToString("F" + table.Measures[i % table.Measures.Count].Decimals, System.Globalization.CultureInfo.InvariantCulture) : (string?)cell["status"]);
        }
    }

    [Theory]
    [MemberData(nameof(TablesAndLanguages))]
    public async Task PX_loads_in_pyaxis_with_every_figure_and_mark(string name, string language)
    {
        var table = Tables[name]();
        var held = HeldCells(table);

        var read = await ThirdPartyReaders.ReadPxAsync(await SampleTables.WriteAsync(table, StatisticsFormat.Px, language));

        var metadata = read["metadata"]!;
        Assert.Equal(table.Metadata.Title.In(language), metadata["TITLE"]![0]!.ToString());
        Assert.Equal("utf-8", metadata["CODEPAGE"]![0]!.ToString());
        var measures = language switch { "sv" => "Uppgifter", "en" => "Information", _ => "Tiedot" };
        Assert.Equal([.. table.Dimensions.Select(d => d.Label.In(language)), measures, "DATA"], read["columns"]!.AsArray().Select(c => (string?)c));
        var rows = read["rows"]!.AsArray();
        Assert.Equal(held.Count * table.Measures.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var cell = held[i / table.Measures.Count];
            var measure = i % table.Measures.Count;
            var row = rows[i]!.AsArray();
            for (var d = 0; d < table.Dimensions.Count; d++)
            {
                Assert.Equal(table.Dimensions[d].Categories[table.CategoryOf(cell, d)].Label.In(language).Replace('"', '”'), (string?)row[d]);
            }

            Assert.Equal(table.Measures[measure].Label.In(language), (string?)row[table.Dimensions.Count]);

            // pyaxis reads "." as an empty value and ".." as not a number.
            var expected = SampleTables.Expected(table, cell, measure) switch { "." => "", ".." => "nan", var figure => figure };
            Assert.Equal(expected, (string?)row[^1]);
        }
    }

    /// <summary>The cells a PX file holds: all but those in a time dimension's total over the span.</summary>
    private static List<int> HeldCells(StatisticsTable table) =>
        [.. Enumerable.Range(0, table.CellCount).Where(cell => Enumerable.Range(0, table.Dimensions.Count)
            .All(d => table.Dimensions[d].Role != DimensionRole.Time || table.Dimensions[d].Categories[table.CategoryOf(cell, d)].Parent is not null
                || table.Dimensions[d].Categories.All(c => c.Parent is null)))];

    /// <summary>Areas in three levels by months with their total first, as the register's reports come, a few cells withheld.</summary>
    private static StatisticsTable NestedAreasByMonth()
    {
        var area = new TableDimension("municipality", new LocalizedText("Alue", "Område", "Area"),
        [
            new TableCategory("SSS", new LocalizedText("Koko maa", "Hela landet", "Whole country")),
            new TableCategory("01", new LocalizedText("Uusimaa", "Nyland", "Uusimaa"), "SSS"),
            new TableCategory("091", new LocalizedText("Helsinki", "Helsingfors", "Helsinki"), "01"),
            new TableCategory("049", new LocalizedText("Espoo", "Esbo", "Espoo"), "01"),
            new TableCategory("02", new LocalizedText("Varsinais-Suomi", "Egentliga Finland", "Southwest Finland"), "SSS"),
            new TableCategory("853", SampleTables.AwkwardCounty, "02"),
        ],
        DimensionRole.Region);
        var months = SampleTables.Month with
        {
            Categories = [new TableCategory("SSS", new LocalizedText("1.1.2025–31.3.2025")), .. SampleTables.Month.Categories.Select(c => c with { Parent = "SSS" })],
        };
        var table = new StatisticsTable(SampleTables.Metadata, [area, months], [SampleTables.Measures[0], SampleTables.Measures[1]]);
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            table.SetValue(cell, 0, 50 + (7 * cell));
            table.SetValue(cell, 1, cell * 1.25);
        }

        table.Suppress(9, 0, CellStatus.PrimarySuppressed);
        table.Suppress(10, 0, CellStatus.SecondarySuppressed);
        table.SetValue(13, 1, null);
        return table;
    }
}
