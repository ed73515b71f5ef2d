using Hilmo.Statistics;
using Hilmo.Statistics.Disclosure;

namespace Hilmo.Testing.Statistics.Disclosure;

/// <summary>What must hold of every table disclosure control has marked, checked against the table as it was.</summary>
public static class DisclosureChecks
{
    public static void AssertSafelyPublished(StatisticsTable original, StatisticsTable published, DisclosureRules rules)
    {
        AssertPublishedFiguresUnchanged(original, published);
        AssertSensitiveCellsWithheld(original, published, rules);
        AssertSingletonsNeverPaired(original, published);
        using var audit = new LinearProgrammingAudit(published);
        Assert.Empty(audit.Failures(rules));
        AssertGroupsHidden(original, published, rules, audit);
    }

    /// <summary>
    /// A published figure is the original one, a withheld one has no figure, a not applicable
    /// one is still not applicable, and a cell is withheld as a whole.
    /// </summary>
    public static void AssertPublishedFiguresUnchanged(StatisticsTable original, StatisticsTable published)
    {
        for (var cell = 0; cell < original.CellCount; cell++)
        {
            var applicable = Enumerable.Range(0, original.Measures.Count).Where(m => original.Status(cell, m) != CellStatus.NotApplicable).ToList();
            for (var m = 0; m < original.Measures.Count; m++)
            {
                if (!applicable.Contains(m))
                {
                    Assert.Equal(CellStatus.NotApplicable, published.Status(cell, m));
                }
                else if (published.Status(cell, m) == CellStatus.Published)
                {
                    Assert.Equal(original.Value(cell, m), published.Value(cell, m));
                }
                else
                {
                    Assert.Null(published.Value(cell, m));
                }
            }

            var countStatuses = applicable.Where(m => original.Measures[m].Kind != MeasureKind.Derived).Select(m => published.Status(cell, m)).Distinct().ToList();
            Assert.True(countStatuses.Count <= 1, $"cell {cell} is withheld in part");
            if (countStatuses is [not CellStatus.Published])
            {
                Assert.All(applicable, m => Assert.NotEqual(CellStatus.Published, published.Status(cell, m)));
            }
        }
    }

    /// <summary>Every count of 1 to threshold - 1 is withheld: none is shown, and none is shown as zero.</summary>
    public static void AssertSensitiveCellsWithheld(StatisticsTable original, StatisticsTable published, DisclosureRules rules)
    {
        for (var cell = 0; cell < original.CellCount; cell++)
        {
            for (var m = 0; m < original.Measures.Count; m++)
            {
                if (original.Measures[m].Kind != MeasureKind.Derived && original.Value(cell, m) is > 0 and var value && value < rules.Threshold)
                {
                    Assert.Equal(CellStatus.PrimarySuppressed, published.Status(cell, m));
                }
            }
        }
    }

    /// <summary>
    /// No sum's line (a margin and its children) holds exactly two withheld cells that are both
    /// singletons, unless the margin has one child only: the two are then the same person.
    /// </summary>
    public static void AssertSingletonsNeverPaired(StatisticsTable original, StatisticsTable published)
    {
        var first = FirstAdditive(original);
        for (var d = 0; d < original.Dimensions.Count; d++)
        {
            var categories = original.Dimensions[d].Categories;
            for (var margin = 0; margin < original.CellCount; margin++)
            {
                var code = categories[original.CategoryOf(margin, d)].Code;
                var children = Enumerable.Range(0, categories.Count).Where(c => categories[c].Parent == code).ToList();
                var line = children
                    .Select(c => original.WithCategory(margin, d, c))
                    .Prepend(margin)
                    .Where(c => children.Count > 1 && published.Status(c, first) != CellStatus.Published)
                    .ToList();
                Assert.False(line.Count == 2 && line.All(c => original.Value(c, first) == 1), $"singletons {string.Join(" and ", line)} are alone in a line");
            }
        }
    }

    /// <summary>
    /// Where a margin's whole count falls into one category of a person dimension, some other
    /// category of that group could hold part of it, as far as the published figures tell.
    /// </summary>
    public static void AssertGroupsHidden(StatisticsTable original, StatisticsTable published, DisclosureRules rules, LinearProgrammingAudit audit)
    {
        var first = FirstAdditive(original);
        for (var d = 0; d < original.Dimensions.Count; d++)
        {
            if (!rules.PersonDimensions.Contains(original.Dimensions[d].Code))
            {
                continue;
            }

            var categories = original.Dimensions[d].Categories;
            for (var margin = 0; margin < original.CellCount; margin++)
            {
                var code = categories[original.CategoryOf(margin, d)].Code;
                var group = Enumerable.Range(0, categories.Count)
                    .Where(c => categories[c].Parent == code)
                    .Select(c => original.WithCategory(margin, d, c))
                    .ToList();
                var nonZero = group.Where(c => original.Value(c, first) != 0).ToList();
                if (group.Count < 2 || !(original.Value(margin, first) > 0) || nonZero.Count != 1)
                {
                    continue;
                }

                Assert.Contains(group, c => c != nonZero[0] && audit.Interval(c, first).Upper > 0);
            }
        }
    }

    private static int FirstAdditive(StatisticsTable table) =>
        Enumerable.Range(0, table.Measures.Count).First(m => table.Measures[m].Kind == MeasureKind.AdditiveCount);
}
