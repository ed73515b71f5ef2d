using Hilmo.Statistics;
using Hilmo.Statistics.Disclosure;
using Hilmo.Testing.Statistics.Disclosure;
using Hilmo.Testing.Statistics;

namespace Hilmo.Tests.Statistics.Disclosure;

/// <summary>The rules of disclosure control one at a time, on tables small enough to check by hand.</summary>
public sealed class DisclosureControlTests
{
    private static readonly TableMeasure Visits = SyntheticTables.Measure(SyntheticTables.Visits, MeasureKind.AdditiveCount);
    private static readonly TableMeasure WithinLimit = SyntheticTables.Measure(SyntheticTables.VisitsWithinLimit, MeasureKind.AdditiveCount);
    private static readonly TableMeasure Persons = SyntheticTables.Measure(SyntheticTables.Persons, MeasureKind.DistinctCount);
    private static readonly TableMeasure MedianDays = SyntheticTables.Measure(SyntheticTables.MedianDays, MeasureKind.Derived);

    [Fact]
    public void Zero_and_large_counts_are_published_as_they_are()
    {
        var table = TestTables.TwoWay(new double[,] { { 0, 12 }, { 7, 0 } });

        var summary = DisclosureControl.Apply(table, DisclosureRules.Default);

        Assert.Equal(new DisclosureSummary(0, 0), summary);
        Assert.Equal(0, table.Value(table.CellOf([1, 1]), 0));
    }

    [Fact]
    public void A_small_count_of_persons_withholds_the_whole_cell()
    {
        var table = TestTables.TwoWay(new double[,] { { 40, 30, 25 }, { 20, 35, 30 }, { 25, 20, 45 } }, Visits, Persons, MedianDays);
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            table.SetValue(cell, 1, table.Value(cell, 0));
            table.SetValue(cell, 2, 12);
        }

        var fewPersons = table.CellOf([1, 1]);
        table.SetValue(fewPersons, 1, 3);

        DisclosureControl.Apply(table, DisclosureRules.Default);

        Assert.All([0, 1, 2], m => Assert.Equal(CellStatus.PrimarySuppressed, table.Status(fewPersons, m)));
        using var audit = new LinearProgrammingAudit(table);
        Assert.Empty(audit.Failures(DisclosureRules.Default));
    }

    [Fact]
    public void A_derived_figure_follows_its_cell_and_is_withheld_where_there_are_no_events()
    {
        var table = TestTables.TwoWay(new double[,] { { 3, 30, 25 }, { 0, 35, 30 }, { 0, 20, 45 } }, Visits, MedianDays);
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            table.SetValue(cell, 1, table.Value(cell, 0) == 0 ? null : 14);
        }

        var small = table.CellOf([1, 1]);
        var emptyWithMedian = table.CellOf([2, 1]);
        var emptyWithout = table.CellOf([3, 1]);
        table.SetValue(emptyWithMedian, 1, 0);

        DisclosureControl.Apply(table, DisclosureRules.Default);

        Assert.Equal(CellStatus.PrimarySuppressed, table.Status(small, 1));
        Assert.Null(table.Value(small, 1));
        Assert.Equal(CellStatus.PrimarySuppressed, table.Status(emptyWithMedian, 1));
        Assert.Equal(CellStatus.NotApplicable, table.Status(emptyWithout, 1));
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            if (table.Status(cell, 0) != CellStatus.Published)
            {
                Assert.Contains(table.Status(cell, 1), new[] { table.Status(cell, 0), CellStatus.NotApplicable });
            }
        }
    }

    [Fact]
    public void A_not_applicable_figure_of_a_withheld_cell_stays_not_applicable()
    {
        var table = TestTables.TwoWay(new double[,] { { 2, 30 }, { 25, 35 } }, Visits, MedianDays);
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            table.SetValue(cell, 1, 9);
        }

        var small = table.CellOf([1, 1]);
        table.SetValue(small, 1, null);

        var summary = DisclosureControl.Apply(table, DisclosureRules.Default);

        Assert.Equal(CellStatus.PrimarySuppressed, table.Status(small, 0));
        Assert.Equal(CellStatus.NotApplicable, table.Status(small, 1));
        Assert.Equal(1, summary.PrimaryCells);
    }

    [Fact]
    public void A_partner_must_leave_room_in_every_additive_count()
    {
        // The cheapest partner by visits, (1, 2), has no visits within the limit: trading with it
        // would leave the withheld cell's within-limit count exactly known.
        var visits = new double[,] { { 3, 20, 30 }, { 20, 20, 20 }, { 30, 20, 20 } };
        var withinLimit = new double[,] { { 2, 0, 25 }, { 15, 0, 10 }, { 20, 0, 12 } };
        var table = TestTables.TwoWay(visits, Visits, WithinLimit);
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                table.SetValue(table.CellOf([i + 1, j + 1]), 1, withinLimit[i, j]);
            }
        }

        SyntheticTables.AddUpMargins(table, 1);

        DisclosureControl.Apply(table, DisclosureRules.Default);

        using var audit = new LinearProgrammingAudit(table);
        Assert.Empty(audit.Failures(DisclosureRules.Default));
        Assert.Equal(CellStatus.Published, table.Status(table.CellOf([1, 2]), 0));
    }

    [Fact]
    public void Two_withheld_singletons_alone_in_a_line_get_a_third_cell()
    {
        // With a protection width of 1 the two singletons would protect each other; each knows
        // the other's value from the published total and the large cell.
        var table = SyntheticTables.Empty([SyntheticTables.Flat("area", 3)], [Visits]);
        table.SetValue(1, 0, 1);
        table.SetValue(2, 0, 1);
        table.SetValue(3, 0, 10);
        SyntheticTables.AddUpMargins(table, 0);
        var rules = DisclosureRules.Default with { ProtectionWidth = 1 };

        var summary = DisclosureControl.Apply(table, rules);

        Assert.Equal(new DisclosureSummary(2, 1), summary);
        Assert.Equal(CellStatus.SecondarySuppressed, table.Status(3, 0));
        Assert.Equal(12, table.Value(0, 0));
    }

    [Fact]
    public void Group_disclosure_is_hidden_only_along_a_person_dimension()
    {
        // Every one of the 12 visits of row 1 is a woman's (column 2): publishing 0 men and 12
        // women tells it of each of them.
        var inner = new double[,] { { 0, 12 }, { 20, 25 }, { 18, 30 } };
        var structural = TestTables.TwoWay(inner);
        var persons = TestTables.TwoWay(inner);
        var rules = DisclosureRules.Default with { PersonDimensions = ["column"] };

        var structuralSummary = DisclosureControl.Apply(structural, DisclosureRules.Default);
        var personsSummary = DisclosureControl.Apply(persons, rules);

        Assert.Equal(new DisclosureSummary(0, 0), structuralSummary);
        Assert.Equal(1, personsSummary.PrimaryCells);
        Assert.Equal(CellStatus.PrimarySuppressed, persons.Status(persons.CellOf([1, 2]), 0));
        using var audit = new LinearProgrammingAudit(persons);
        Assert.True(audit.Interval(persons.CellOf([1, 1]), 0).Upper > 0, "the men's cell could hold part of the visits");
        Assert.Empty(audit.Failures(rules));
    }

    [Fact]
    public void Disclosure_control_runs_once_on_a_table()
    {
        var table = TestTables.TwoWay(new double[,] { { 2, 30 }, { 25, 35 } });
        DisclosureControl.Apply(table, DisclosureRules.Default);

        Assert.Throws<InvalidOperationException>(() => DisclosureControl.Apply(table, DisclosureRules.Default));
    }

    [Fact]
    public void Rules_refuse_a_threshold_below_one_and_a_negative_width()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DisclosureRules.Default with { Threshold = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => DisclosureRules.Default with { ProtectionWidth = -1 });
    }

    [Fact]
    public void A_parent_code_that_names_no_category_is_refused()
    {
        var dimension = new TableDimension("area", new LocalizedText("area"), [new TableCategory("a", new LocalizedText("a"), "missing")]);
        var table = SyntheticTables.Empty([dimension], [Visits]);
        table.SetValue(0, 0, 3);

        Assert.Throws<ArgumentException>(() => DisclosureControl.Apply(table, DisclosureRules.Default));
    }
}
