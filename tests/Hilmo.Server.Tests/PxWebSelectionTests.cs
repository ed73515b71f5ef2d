using Hilmo.Server.PxWeb;
using Hilmo.Statistics;

namespace Hilmo.Server.Tests;

/// <summary>
/// How the PxWeb API reads a selection off a cube, and how it lays the years' protected tables
/// side by side: figures and withheld marks copied, never computed.
/// </summary>
public sealed class PxWebSelectionTests
{
    private static readonly TableMeasure Visits = new("visits", new("Käynnit"), new("käyntiä"), 0, MeasureKind.AdditiveCount);

    private static readonly LocalizedText Label = new("x");

    private static TableCategory Category(string code, string? parent = "SSS") => new(code, Label, parent);

    /// <summary>A table by month (with the year's total) and county, visits = the cell's position, the county 02 of March withheld.</summary>
    private static StatisticsTable Year(int year, params string[] counties)
    {
        var months = new TableDimension("month", Label, [Category("SSS", null), .. Enumerable.Range(1, 3).Select(m => Category($"{year}-{m:00}"))], DimensionRole.Time);
        var county = new TableDimension("county", Label, [Category("SSS", null), .. counties.Select(c => Category(c))]);
        var table = new StatisticsTable(new ReportMetadata("visits", Label, Label, Label, new DateTimeOffset(year + 1, 1, 2, 0, 0, 0, TimeSpan.Zero), null, null, []), [months, county], [Visits]);
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            table.SetValue(cell, 0, year * 1000 + cell);
        }

        if (county.IndexOf("02") is >= 0 and var at)
        {
            table.Suppress(table.CellOf([months.IndexOf($"{year}-03"), at]), 0, CellStatus.SecondarySuppressed);
        }

        return table;
    }

    private static string[] Codes(StatisticsTable table, PxPick pick, int dimension) =>
        [.. pick.Categories[dimension].Select(i => table.Dimensions[dimension].Categories[i].Code)];

    [Fact]
    public void Years_join_along_time_without_their_totals_and_keep_every_figure_and_mark()
    {
        var (earlier, later) = (Year(2024, "01"), Year(2025, "01", "02"));
        var cube = ReportTables.YearsJoined([earlier, later]);

        Assert.Equal(["2024-01", "2024-02", "2024-03", "2025-01", "2025-02", "2025-03"], cube.Dimensions[0].Categories.Select(c => c.Code));
        Assert.All(cube.Dimensions[0].Categories, c => Assert.Null(c.Parent));
        Assert.Equal(["SSS", "01", "02"], cube.Dimensions[1].Categories.Select(c => c.Code));
        Assert.Equal(later.Metadata.Updated, cube.Metadata.Updated);

        for (var cell = 0; cell < cube.CellCount; cell++)
        {
            var month = cube.Dimensions[0].Categories[cube.CategoryOf(cell, 0)].Code;
            var county = cube.Dimensions[1].Categories[cube.CategoryOf(cell, 1)].Code;
            var source = month.StartsWith("2024", StringComparison.Ordinal) ? earlier : later;
            var at = source.Dimensions[1].IndexOf(county);
            if (at < 0)
            {
                // A county the year's table lacks has no figure that year, and is not given one.
                Assert.Equal(CellStatus.NotApplicable, cube.Status(cell, 0));
                Assert.Null(cube.Value(cell, 0));
                continue;
            }

            var from = source.CellOf([source.Dimensions[0].IndexOf(month), at]);
            Assert.Equal(source.Status(from, 0), cube.Status(cell, 0));
            Assert.Equal(source.Value(from, 0), cube.Value(cell, 0));
        }

        Assert.Contains(Enumerable.Range(0, cube.CellCount), cell => cube.Status(cell, 0) == CellStatus.SecondarySuppressed);
    }

    [Fact]
    public void Top_and_bottom_count_from_the_latest_period_and_from_the_first_value()
    {
        var cube = ReportTables.YearsJoined([Year(2024, "01", "02", "03"), Year(2025, "01", "02", "03")]);
        var pick = PxVariables.Pick(cube, [new("month", ["top(2)"]), new("county", ["top(2,1)"])], out var problem);
        Assert.Null(problem);
        Assert.Equal(["2025-02", "2025-03"], Codes(cube, pick!, 0));
        Assert.Equal(["01", "02"], Codes(cube, pick!, 1));

        pick = PxVariables.Pick(cube, [new("month", ["bottom(1)", "to(2024-02)"]), new("county", ["bottom(1)"])], out problem);
        Assert.Null(problem);
        Assert.Equal(["2024-01", "2024-02"], Codes(cube, pick!, 0));
        Assert.Equal(["03"], Codes(cube, pick!, 1));
    }

    [Fact]
    public void Wildcards_pick_matching_codes_in_the_tables_order_and_a_variable_left_out_is_its_total()
    {
        var cube = ReportTables.YearsJoined([Year(2024, "01", "02", "11"), Year(2025, "01", "02", "11")]);
        var pick = PxVariables.Pick(cube, [new("month", ["2025*", "2024-0?"]), new("county", ["?1"])], out var problem);
        Assert.Null(problem);
        Assert.Equal(["2024-01", "2024-02", "2024-03", "2025-01", "2025-02", "2025-03"], Codes(cube, pick!, 0));
        Assert.Equal(["01", "11"], Codes(cube, pick!, 1));

        pick = PxVariables.Pick(cube, [new("month", ["from(2025-02)"])], out problem);
        Assert.Equal(["2025-02", "2025-03"], Codes(cube, pick!, 0));
        Assert.Equal(["SSS"], Codes(cube, pick!, 1));
        Assert.Equal(2, pick!.CellCount);
    }

    [Fact]
    public void A_cut_copies_withheld_cells_as_withheld_and_drops_parents_it_leaves_out()
    {
        var cube = ReportTables.YearsJoined([Year(2025, "01", "02")]);
        var pick = PxVariables.Pick(cube, [new("month", ["2025-03"]), new("county", ["02"])], out _)!;
        var cut = PxVariables.Cut(cube, pick);
        Assert.Equal(1, cut.CellCount);
        Assert.Equal(CellStatus.SecondarySuppressed, cut.Status(0, 0));
        Assert.Null(cut.Value(0, 0));
        Assert.Null(cut.Dimensions[1].Categories[0].Parent);
    }

    [Theory]
    [InlineData("top(x)")]
    [InlineData("top(1,-1)")]
    [InlineData("range(2025-01)")]
    [InlineData("from(1999-01)")]
    [InlineData("1999-01")]
    public void A_value_the_table_does_not_have_or_an_expression_it_cannot_read_is_refused(string value)
    {
        var cube = ReportTables.YearsJoined([Year(2025, "01")]);
        Assert.Null(PxVariables.Pick(cube, [new("month", [value])], out var problem));
        Assert.Contains("month", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_split_at_commas_outside_expressions()
    {
        Assert.Equal(["01", "range(2025-01,2025-03)", "top(2, 1)", "*"], PxVariables.SplitValues(["01,range(2025-01,2025-03)", "top(2, 1),*"]));
    }
}
