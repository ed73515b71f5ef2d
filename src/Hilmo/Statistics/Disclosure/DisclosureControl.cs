namespace Hilmo.Statistics.Disclosure;

/// <summary>
/// Decides which figures of a table may be published: withholds small counts (primary
/// suppression) and then enough other cells that none of them can be worked out, or narrowed
/// down too far, from what is published and the table's sums (secondary suppression).
/// docs/disclosure-control.md describes the rules and the method.
/// </summary>
public static class DisclosureControl
{
    /// <summary>
    /// Marks <paramref name="table"/> in place: every measure of a withheld cell is set
    /// <see cref="CellStatus.PrimarySuppressed"/> or <see cref="CellStatus.SecondarySuppressed"/>,
    /// except those not applicable, which stay so. Published figures are not changed. The
    /// table's margins must be the sums of their children, as a report computes them: the
    /// protection reasons with those sums and does not check them.
    /// </summary>
    /// <param name="table">The table, every figure still there.</param>
    /// <param name="rules">Threshold and protection width.</param>
    /// <param name="published">
    /// Cells that stay published, none of them a small count: other tables of the same
    /// publication publish them, so withholding them here would protect nothing.
    /// </param>
    /// <param name="sensitive">
    /// Further cells to withhold as small counts are, for a reason the table's figures do not show
    /// (one provider's part leaves a small count of the others').
    /// </param>
    /// <exception cref="InvalidOperationException">
    /// The table has a suppressed figure already (disclosure control runs once, on all the
    /// figures), or an additive count is not applicable where the sums need it.
    /// </exception>
    /// <exception cref="UnprotectableCellException">A small count could only be protected by withholding a cell of <paramref name="published"/>.</exception>
    public static DisclosureSummary Apply(StatisticsTable table, DisclosureRules rules, IReadOnlyCollection<int>? published = null, IReadOnlyCollection<int>? sensitive = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rules);
        EnsureNothingWithheld(table);

        var pattern = new SuppressionPattern(table, rules);
        foreach (var cell in published ?? [])
        {
            pattern.KeepPublished(cell);
        }

        WithholdSmallCounts(table, pattern);
        foreach (var cell in sensitive ?? [])
        {
            pattern.Suppress(cell, CellStatus.PrimarySuppressed);
        }
        var groupDimensions = GroupDisclosure.Withhold(table, pattern);
        new SecondarySuppression(pattern, groupDimensions).Run();
        return Write(table, pattern);
    }

    private static void EnsureNothingWithheld(StatisticsTable table)
    {
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            for (var m = 0; m < table.Measures.Count; m++)
            {
                if (table.Status(cell, m) is CellStatus.PrimarySuppressed or CellStatus.SecondarySuppressed)
                {
                    throw new InvalidOperationException(
                        "Disclosure control runs once, on a table whose figures are all still there; this one has withheld figures already.");
                }
            }
        }
    }

    /// <summary>A cell is sensitive when any of its counts, of events or of people, is 1 to <see cref="DisclosureRules.Threshold"/> - 1.</summary>
    private static void WithholdSmallCounts(StatisticsTable table, SuppressionPattern pattern)
    {
        var threshold = pattern.Rules.Threshold;
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            for (var m = 0; m < table.Measures.Count; m++)
            {
                if (table.Measures[m].Kind is MeasureKind.AdditiveCount or MeasureKind.DistinctCount
                    && table.Value(cell, m) is > 0 and var value
                    && value < threshold)
                {
                    pattern.Suppress(cell, CellStatus.PrimarySuppressed);
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Copies the pattern into the table. A derived figure (a share, a median) of a published
    /// cell whose count is below the threshold is withheld too: only a zero count gets here,
    /// and a figure derived from no events is no figure to show.
    /// </summary>
    private static DisclosureSummary Write(StatisticsTable table, SuppressionPattern pattern)
    {
        var primary = 0;
        var secondary = 0;
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            var mark = pattern.Mark(cell);
            var fewEvents = pattern.PrimaryCount(cell) < pattern.Rules.Threshold;
            primary += mark == CellStatus.PrimarySuppressed ? 1 : 0;
            secondary += mark == CellStatus.SecondarySuppressed ? 1 : 0;
            for (var m = 0; m < table.Measures.Count; m++)
            {
                if (table.Status(cell, m) == CellStatus.NotApplicable)
                {
                    continue;
                }

                if (mark != CellStatus.Published)
                {
                    table.Suppress(cell, m, mark);
                }
                else if (fewEvents && table.Measures[m].Kind == MeasureKind.Derived)
                {
                    table.Suppress(cell, m, CellStatus.PrimarySuppressed);
                }
            }
        }

        return new DisclosureSummary(primary, secondary);
    }
}
