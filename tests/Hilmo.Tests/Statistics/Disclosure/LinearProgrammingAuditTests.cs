using Hilmo.Statistics;
using Hilmo.Statistics.Disclosure;
using Hilmo.Testing.Statistics.Disclosure;

namespace Hilmo.Tests.Statistics.Disclosure;

/// <summary>The audit finds what an attacker finds, so that passing it means something.</summary>
public sealed class LinearProgrammingAuditTests
{
    [Fact]
    public void Geurts_example_narrows_the_first_cell_to_three_to_six()
    {
        // Row totals 7, 3, 6; column totals 9, 7; grand total 16; the third row (3, 3)
        // published and the other four cells withheld (privacy.md).
        var table = TestTables.TwoWay(new double[,] { { 4, 3 }, { 2, 1 }, { 3, 3 } });
        foreach (var (row, column) in new[] { (1, 1), (1, 2), (2, 1), (2, 2) })
        {
            table.Suppress(table.CellOf([row, column]), 0, CellStatus.SecondarySuppressed);
        }

        using var audit = new LinearProgrammingAudit(table);
        var bounds = audit.Interval(table.CellOf([1, 1]), 0);

        Assert.Equal(3, bounds.Lower, 1e-9);
        Assert.Equal(6, bounds.Upper, 1e-9);
    }

    [Fact]
    public void Withholding_only_the_small_count_fails_and_disclosure_control_passes()
    {
        var inner = new double[,] { { 20, 3, 15 }, { 12, 30, 9 }, { 8, 11, 25 } };
        var naive = TestTables.TwoWay(inner);
        var small = naive.CellOf([1, 2]);
        naive.Suppress(small, 0, CellStatus.PrimarySuppressed);
        using (var audit = new LinearProgrammingAudit(naive))
        {
            Assert.Equal(0, audit.Interval(small, 0).Width, 1e-9);
            Assert.NotEmpty(audit.Failures(DisclosureRules.Default));
        }

        var controlled = TestTables.TwoWay(inner);
        DisclosureControl.Apply(controlled, DisclosureRules.Default);

        Assert.Equal(CellStatus.PrimarySuppressed, controlled.Status(small, 0));
        using var controlledAudit = new LinearProgrammingAudit(controlled);
        Assert.Empty(controlledAudit.Failures(DisclosureRules.Default));
        Assert.True(controlledAudit.Interval(small, 0).Width >= 5);
    }

    [Fact]
    public void A_cell_no_published_sum_bounds_is_unbounded_above()
    {
        var table = TestTables.TwoWay(new double[,] { { 4, 3 }, { 2, 1 } });
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            table.Suppress(cell, 0, CellStatus.SecondarySuppressed);
        }

        using var audit = new LinearProgrammingAudit(table);

        Assert.Equal(double.PositiveInfinity, audit.Interval(table.CellOf([1, 1]), 0).Upper);
    }
}
