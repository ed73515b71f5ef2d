using Hilmo.Statistics;
using Hilmo.Statistics.Disclosure;
using Hilmo.Testing.Statistics.Disclosure;
using Hilmo.Testing.Statistics;

namespace Hilmo.Tests.Statistics.Disclosure;

/// <summary>
/// Disclosure control on random sparse tables of many shapes, each checked by the linear
/// programming audit and the rules that do not need it. Seeds are fixed, so a failure repeats.
/// </summary>
public sealed class RandomTableTests
{
    public static TheoryData<string, int> ShapesAndSeeds()
    {
        var data = new TheoryData<string, int>();
        foreach (var shape in Shapes.Keys)
        {
            for (var seed = 1; seed <= 6; seed++)
            {
                data.Add(shape, seed);
            }
        }

        return data;
    }

    private static readonly Dictionary<string, Func<TableDimension[]>> Shapes = new()
    {
        ["area × month"] = () => [SyntheticTables.Flat("area", 7), SyntheticTables.Flat("month", 6)],
        ["area × age × sex"] = () => [SyntheticTables.Flat("area", 5), SyntheticTables.Flat("age", 4), SyntheticTables.Flat("sex", 2)],
        ["municipality in county × month"] = () => [SyntheticTables.Grouped("region", [3, 4, 2]), SyntheticTables.Flat("month", 5)],
        ["municipality in county × age × sex"] = () => [SyntheticTables.Grouped("region", [2, 3]), SyntheticTables.Flat("age", 3), SyntheticTables.Flat("sex", 2)],
        ["county of one municipality × month"] = () => [SyntheticTables.Grouped("region", [1, 4, 3]), SyntheticTables.Flat("month", 4)],
        ["area × year without total"] = () => [SyntheticTables.Flat("area", 6), SyntheticTables.Flat("year", 2, withTotal: false)],
        ["two hierarchies"] = () => [SyntheticTables.Grouped("region", [3, 2]), SyntheticTables.Grouped("service", [2, 3])],
    };

    [Theory]
    [MemberData(nameof(ShapesAndSeeds))]
    public void Every_withheld_count_keeps_its_width_and_every_rule_holds(string shape, int seed)
    {
        var rules = DisclosureRules.Default;
        var original = SyntheticTables.Random(seed, Shapes[shape](), meanVisits: 9, zeroShare: 0.15);
        var published = SyntheticTables.Random(seed, Shapes[shape](), meanVisits: 9, zeroShare: 0.15);

        var summary = DisclosureControl.Apply(published, rules);

        DisclosureChecks.AssertSafelyPublished(original, published, rules);
        Assert.True(summary.PrimaryCells > 0, "the table should have small counts to protect");
        Assert.Equal(CountCells(published, CellStatus.SecondarySuppressed), summary.SecondaryCells);
        Assert.Equal(CountCells(published, CellStatus.PrimarySuppressed), summary.PrimaryCells);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    public void Group_disclosure_along_person_dimensions_is_hidden(int seed)
    {
        var rules = DisclosureRules.Default with { PersonDimensions = ["age", "sex"] };
        TableDimension[] Shape() => [SyntheticTables.Grouped("region", [2, 3]), SyntheticTables.Flat("age", 3), SyntheticTables.Flat("sex", 2)];
        var original = SyntheticTables.Random(seed, Shape(), meanVisits: 14, zeroShare: 0.4);
        var published = SyntheticTables.Random(seed, Shape(), meanVisits: 14, zeroShare: 0.4);

        DisclosureControl.Apply(published, rules);

        DisclosureChecks.AssertSafelyPublished(original, published, rules);
    }

    [Theory]
    [InlineData(21, 3, 5)]
    [InlineData(22, 5, 8)]
    [InlineData(23, 3, 3)]
    public void Other_thresholds_and_widths_hold_too(int seed, int threshold, int width)
    {
        var rules = DisclosureRules.Default with { Threshold = threshold, ProtectionWidth = width };
        TableDimension[] Shape() => [SyntheticTables.Grouped("region", [3, 2, 2]), SyntheticTables.Flat("month", 4)];
        var original = SyntheticTables.Random(seed, Shape(), meanVisits: 9, zeroShare: 0.15);
        var published = SyntheticTables.Random(seed, Shape(), meanVisits: 9, zeroShare: 0.15);

        DisclosureControl.Apply(published, rules);

        DisclosureChecks.AssertSafelyPublished(original, published, rules);
    }

    private static int CountCells(StatisticsTable table, CellStatus status) =>
        Enumerable.Range(0, table.CellCount).Count(cell => table.Status(cell, 0) == status);
}
