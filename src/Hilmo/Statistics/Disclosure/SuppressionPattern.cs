namespace Hilmo.Statistics.Disclosure;

/// <summary>
/// The working copy disclosure control decides on: the table's additive counts (which the
/// table drops as soon as a cell is suppressed, while protection still has to reason with them),
/// its category trees, and which cells are withheld so far. The pattern is per cell: every
/// measure of a withheld cell is withheld.
/// </summary>
internal sealed class SuppressionPattern
{
    private readonly StatisticsTable table;
    private readonly double[] additive;
    private readonly double[] primaryCounts;
    private readonly double[] costs;
    private readonly CellStatus[] marks;
    private readonly int[] additiveMeasures;

    public SuppressionPattern(StatisticsTable table, DisclosureRules rules)
    {
        this.table = table;
        Rules = rules;
        Trees = [.. Enumerable.Range(0, table.Dimensions.Count).Select(d => CategoryTree.Of(table, d))];
        CellCount = table.CellCount;
        additiveMeasures = [.. Enumerable.Range(0, table.Measures.Count).Where(m => table.Measures[m].Kind == MeasureKind.AdditiveCount)];
        PrimaryCountMeasure = additiveMeasures.Length > 0
            ? additiveMeasures[0]
            : FirstMeasure(table, MeasureKind.DistinctCount);
        additive = new double[CellCount * additiveMeasures.Length];
        primaryCounts = new double[CellCount];
        costs = new double[CellCount];
        marks = new CellStatus[CellCount];
        var zeroCost = 1.0 + 2 * Math.Max(rules.Threshold, rules.ProtectionWidth);
        for (var cell = 0; cell < CellCount; cell++)
        {
            for (var m = 0; m < additiveMeasures.Length; m++)
            {
                additive[cell * additiveMeasures.Length + m] = table.Value(cell, additiveMeasures[m]) ?? double.NaN;
            }

            // Withholding a cell loses about as much as its count (the information loss τ-ARGUS
            // minimises), plus one for the cell itself. A zero costs more than any small count:
            // hiding an empty cell misleads more than hiding a small one, though it is allowed.
            var count = PrimaryCountMeasure < 0 ? double.NaN : table.Value(cell, PrimaryCountMeasure) ?? double.NaN;
            primaryCounts[cell] = count;
            costs[cell] = count switch
            {
                0 => zeroCost,
                double.NaN => 1,
                _ => 1 + count,
            };
        }
    }

    public DisclosureRules Rules { get; }

    public CategoryTree[] Trees { get; }

    public int CellCount { get; }

    /// <summary>How many additive counts the table has: each is its own system of sums over the same cells.</summary>
    public int AdditiveMeasureCount => additiveMeasures.Length;

    /// <summary>
    /// The measure that counts what a cell is about: the first additive count, or the first
    /// distinct count when the table has no additive one; -1 when it has neither.
    /// </summary>
    public int PrimaryCountMeasure { get; }

    /// <summary>Additive count <paramref name="measure"/> (0 is the table's first additive count) of a cell; NaN when not applicable.</summary>
    public double Additive(int cell, int measure) => additive[cell * additiveMeasures.Length + measure];

    /// <summary>The cell's <see cref="PrimaryCountMeasure"/>; NaN when the table has none or the cell has no value.</summary>
    public double PrimaryCount(int cell) => primaryCounts[cell];

    public CellStatus Mark(int cell) => marks[cell];

    public bool IsSuppressed(int cell) => marks[cell] != CellStatus.Published;

    /// <summary>What withholding the cell would cost now: nothing when it is withheld already.</summary>
    public double CostOf(int cell) => marks[cell] == CellStatus.Published ? costs[cell] : 0;

    /// <summary>Keeps a cell published: no protection may withhold it (its cost is infinite).</summary>
    public void KeepPublished(int cell) => costs[cell] = double.PositiveInfinity;

    /// <summary>Withholds a published cell; a withheld one keeps the reason it was withheld first.</summary>
    /// <returns>Whether the cell was published until now.</returns>
    public bool Suppress(int cell, CellStatus reason)
    {
        if (marks[cell] != CellStatus.Published)
        {
            return false;
        }

        if (double.IsPositiveInfinity(costs[cell]))
        {
            throw new UnprotectableCellException($"Cell {cell} must stay published, but protecting the table would withhold it.");
        }

        marks[cell] = reason;
        return true;
    }

    public int CategoryOf(int cell, int dimension) => table.CategoryOf(cell, dimension);

    /// <summary>
    /// The interval width every additive count of <paramref name="cell"/> must keep: the rules'
    /// protection width, or less when a published margin the cell adds up into is smaller than
    /// that, since the cell can never range wider than such a margin.
    /// </summary>
    public void RequiredWidths(int cell, Span<double> widths)
    {
        Span<int> categories = stackalloc int[Trees.Length];
        for (var d = 0; d < Trees.Length; d++)
        {
            categories[d] = CategoryOf(cell, d);
        }

        for (var m = 0; m < widths.Length; m++)
        {
            widths[m] = double.IsNaN(Additive(cell, m)) ? 0 : Rules.ProtectionWidth;
        }

        // Every cell whose category in each dimension is the cell's own or one of its ancestors
        // (the cell itself left out) is a margin the cell adds up into.
        Span<int> level = stackalloc int[Trees.Length];
        while (NextAncestorCombination(categories, level))
        {
            var margin = cell;
            for (var d = 0; d < Trees.Length; d++)
            {
                if (level[d] > 0)
                {
                    margin += (Trees[d].Ancestors[categories[d]][level[d] - 1] - categories[d]) * Trees[d].Stride;
                }
            }

            if (IsSuppressed(margin))
            {
                continue;
            }

            for (var m = 0; m < widths.Length; m++)
            {
                var value = Additive(margin, m);
                if (value < widths[m])
                {
                    widths[m] = value;
                }
            }
        }
    }

    private bool NextAncestorCombination(ReadOnlySpan<int> categories, Span<int> level)
    {
        for (var d = level.Length - 1; d >= 0; d--)
        {
            if (level[d] < Trees[d].Ancestors[categories[d]].Length)
            {
                level[d]++;
                return true;
            }

            level[d] = 0;
        }

        return false;
    }

    private static int FirstMeasure(StatisticsTable table, MeasureKind kind)
    {
        for (var m = 0; m < table.Measures.Count; m++)
        {
            if (table.Measures[m].Kind == kind)
            {
                return m;
            }
        }

        return -1;
    }
}
