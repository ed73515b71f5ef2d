using System.Globalization;
using System.Text.Json;
using Hilmo.Statistics;
using Hilmo.Statistics.Outputs;

namespace Hilmo.Tests.Statistics.Outputs;

/// <summary>JSON-stat documents checked against the structure JSON-stat 2.0 requires of a dataset, and against the table.</summary>
public sealed class JsonStatWriterTests
{
    [Fact]
    public async Task The_dataset_has_the_structure_JSON_stat_2_requires()
    {
        var table = SampleTables.ThreeDimensions();

        using var document = JsonDocument.Parse(await SampleTables.WriteAsync(table, StatisticsFormat.JsonStat));
        var dataset = document.RootElement;

        Assert.Equal("2.0", dataset.GetProperty("version").GetString());
        Assert.Equal("dataset", dataset.GetProperty("class").GetString());
        var ids = dataset.GetProperty("id").EnumerateArray().Select(i => i.GetString()!).ToList();
        var sizes = dataset.GetProperty("size").EnumerateArray().Select(s => s.GetInt32()).ToList();
        Assert.Equal(ids.Count, sizes.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var dimensions = dataset.GetProperty("dimension");
        Assert.Equal(ids.Order(), dimensions.EnumerateObject().Select(p => p.Name).Order());
        for (var i = 0; i < ids.Count; i++)
        {
            var dimension = dimensions.GetProperty(ids[i]);
            Assert.False(string.IsNullOrEmpty(dimension.GetProperty("label").GetString()));
            var category = dimension.GetProperty("category");
            var index = category.GetProperty("index").EnumerateArray().Select(c => c.GetString()!).ToList();
            Assert.Equal(sizes[i], index.Count);
            var labels = category.GetProperty("label");
            Assert.All(index, code => Assert.False(string.IsNullOrEmpty(labels.GetProperty(code).GetString())));
            if (category.TryGetProperty("child", out var children))
            {
                Assert.All(children.EnumerateObject(), parent =>
                {
                    Assert.Contains(parent.Name, index);
                    Assert.All(parent.Value.EnumerateArray(), child => Assert.Contains(child.GetString(), index));
                });
            }
        }

        var cells = sizes.Aggregate(1, (product, size) => product * size);
        Assert.Equal(cells, dataset.GetProperty("value").GetArrayLength());
        Assert.All(dataset.GetProperty("status").EnumerateObject(), status =>
        {
            Assert.InRange(int.Parse(status.Name, CultureInfo.InvariantCulture), 0, cells - 1);
            Assert.Contains(status.Value.GetString(), new[] { "..", "." });
        });
        foreach (var role in dataset.GetProperty("role").EnumerateObject())
        {
            Assert.Contains(role.Name, new[] { "time", "geo", "metric" });
            Assert.All(role.Value.EnumerateArray(), id => Assert.Contains(id.GetString(), ids));
        }

        Assert.True(DateTimeOffset.TryParseExact(dataset.GetProperty("updated").GetString(), "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var updated));
        Assert.Equal(SampleTables.Updated, updated);
    }

    [Fact]
    public async Task Values_follow_the_tables_order_with_null_and_a_status_for_every_unpublished_figure()
    {
        var table = SampleTables.ThreeDimensions();

        using var document = JsonDocument.Parse(await SampleTables.WriteAsync(table, StatisticsFormat.JsonStat));
        var values = document.RootElement.GetProperty("value");
        var statuses = document.RootElement.GetProperty("status");

        for (var cell = 0; cell < table.CellCount; cell++)
        {
            for (var m = 0; m < table.Measures.Count; m++)
            {
                var index = cell * table.Measures.Count + m;
                var expected = SampleTables.Expected(table, cell, m);
                var value = values[index];
                var hasStatus = statuses.TryGetProperty(index.ToString(CultureInfo.InvariantCulture), out var status);
                if (table.Status(cell, m) == CellStatus.Published)
                {
                    Assert.Equal(double.Parse(expected, CultureInfo.InvariantCulture), value.GetDouble());
                    Assert.False(hasStatus);
                }
                else
                {
                    Assert.Equal(JsonValueKind.Null, value.ValueKind);
                    Assert.Equal(expected, status.GetString());
                }
            }
        }
    }

    [Fact]
    public async Task Measures_are_the_metric_dimension_with_units_and_dimensions_carry_their_roles_and_totals()
    {
        var table = SampleTables.ThreeDimensions();

        using var document = JsonDocument.Parse(await SampleTables.WriteAsync(table, StatisticsFormat.JsonStat, "sv"));
        var dataset = document.RootElement;
        var role = dataset.GetProperty("role");

        Assert.Equal(["county", "month", "sex", "measure"], dataset.GetProperty("id").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal("measure", role.GetProperty("metric")[0].GetString());
        Assert.Equal("month", role.GetProperty("time")[0].GetString());
        Assert.Equal("county", role.GetProperty("geo")[0].GetString());
        var measure = dataset.GetProperty("dimension").GetProperty("measure");
        Assert.Equal("Uppgifter", measure.GetProperty("label").GetString());
        var median = measure.GetProperty("category").GetProperty("unit").GetProperty("median_days");
        Assert.Equal("dygn", median.GetProperty("label").GetString());
        Assert.Equal(2, median.GetProperty("decimals").GetInt32());
        Assert.Equal("Medianväntetid", measure.GetProperty("category").GetProperty("label").GetProperty("median_days").GetString());
        var county = dataset.GetProperty("dimension").GetProperty("county").GetProperty("category");
        Assert.Equal(["01", "02", "17"], county.GetProperty("child").GetProperty("SSS").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(SampleTables.AwkwardCounty.Sv, county.GetProperty("label").GetProperty("17").GetString());
        Assert.Equal("Besök och brådskande vård", dataset.GetProperty("label").GetString());
        Assert.Equal(
            [.. SampleTables.Metadata.Notes.Select(n => n.Sv), ". Logiskt omöjlig uppgift.", ".. Uppgiften är skyddad av sekretesskäl."],
            dataset.GetProperty("note").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(["Klassen ”Hela landet” omfattar alla andra klasser."], dataset.GetProperty("dimension").GetProperty("county").GetProperty("note").EnumerateArray().Select(n => n.GetString()));
        Assert.False(dataset.GetProperty("dimension").GetProperty("month").TryGetProperty("note", out _), "months have no total");
        var measureNotes = measure.GetProperty("category").GetProperty("note");
        Assert.StartsWith("Klassernas tal summeras", measureNotes.GetProperty("visits")[0].GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Talet beräknas", measureNotes.GetProperty("median_days")[0].GetString(), StringComparison.Ordinal);
        var extension = dataset.GetProperty("extension");
        Assert.Equal("/api/v1/statistics/access-to-care/metadata", extension.GetProperty("links").GetProperty("metadata").GetString());
        Assert.Equal("access-to-care", extension.GetProperty("report").GetString());
        Assert.Equal("2025-04-01T00:00:00Z", extension.GetProperty("asOf").GetString());
        Assert.Equal("2025-04", extension.GetProperty("release").GetString());
    }

    [Fact]
    public async Task A_table_computed_over_everything_received_has_no_as_of_and_a_fully_published_one_no_status()
    {
        var table = new StatisticsTable(SampleTables.Metadata with { AsOf = null, Release = null, Notes = [] }, [SampleTables.Sex], [SampleTables.Measures[0]]);
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            table.SetValue(cell, 0, 10 + cell);
        }

        using var document = JsonDocument.Parse(await SampleTables.WriteAsync(table, StatisticsFormat.JsonStat));
        var dataset = document.RootElement;

        Assert.False(dataset.TryGetProperty("status", out _));
        Assert.False(dataset.TryGetProperty("note", out _));
        Assert.False(dataset.GetProperty("extension").TryGetProperty("asOf", out _));
        Assert.False(dataset.GetProperty("role").TryGetProperty("time", out _));
        Assert.Equal([10, 11, 12], dataset.GetProperty("value").EnumerateArray().Select(v => v.GetInt32()));
    }
}
