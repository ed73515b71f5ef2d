namespace Hilmo.Statistics.Disclosure;

/// <summary>
/// Withholds further cells until every withheld one is protected: each of its additive counts
/// can move over the required width along some <see cref="ProtectingDirection"/> of withheld
/// cells, no line of a sum holds just two withheld singletons, and every group disclosure has
/// a withheld sibling that could hold part of the group.
/// </summary>
/// <remarks>
/// A direction found for one cell protects every cell it moves, and keeps doing so however
/// many more cells are withheld later, so most cells are settled by someone else's search. A
/// required width can grow when a margin above a cell is withheld later (it no longer bounds
/// the cell), so the whole pattern is checked again at the end, until nothing changes.
/// </remarks>
internal sealed class SecondarySuppression
{
    private readonly SuppressionPattern pattern;
    private readonly ProtectionSearch search;
    private readonly int measures;
    private readonly double[] certifiedWidths;
    private readonly int[] groupHidden;
    private readonly int[] groupDimensions;
    private readonly Queue<int> pending = new();
    private readonly double[] required;

    /// <param name="pattern">The pattern with its primary suppressions marked.</param>
    /// <param name="groupDimensions">
    /// For each cell, a bit for each dimension along which it is a group disclosure (the only
    /// non-zero category of its group); null when there are none.
    /// </param>
    public SecondarySuppression(SuppressionPattern pattern, int[]? groupDimensions)
    {
        this.pattern = pattern;
        search = new ProtectionSearch(pattern);
        measures = pattern.AdditiveMeasureCount;
        certifiedWidths = new double[pattern.CellCount * measures];
        groupHidden = new int[pattern.CellCount];
        this.groupDimensions = groupDimensions ?? new int[pattern.CellCount];
        required = new double[measures];
    }

    public void Run()
    {
        QueueUnprotected();
        while (pending.Count > 0)
        {
            while (pending.TryDequeue(out var cell))
            {
                Protect(cell);
            }

            SeparateSingletonPairs();
            if (pending.Count == 0)
            {
                QueueUnprotected();
            }
        }
    }

    private void QueueUnprotected()
    {
        for (var cell = 0; cell < pattern.CellCount; cell++)
        {
            if (pattern.IsSuppressed(cell) && !(WidthsProtected(cell) && GroupProtected(cell)))
            {
                pending.Enqueue(cell);
            }
        }
    }

    private void Protect(int cell)
    {
        if (!WidthsProtected(cell))
        {
            Accept(search.FindCheapest(cell, required, 0) ?? throw Unprotectable(cell));
        }

        // One dimension at a time: a cell alone in its group along two dimensions can usually not
        // trade with a sibling along both at once (the sibling of both is empty too).
        for (var d = 0; d < pattern.Trees.Length; d++)
        {
            if ((groupDimensions[cell] & ~groupHidden[cell] & (1 << d)) != 0)
            {
                Accept(search.FindCheapest(cell, new double[measures], 1 << d) ?? throw Unprotectable(cell));
            }
        }
    }

    /// <summary>Withholds the cells of <paramref name="direction"/> and records what it protects.</summary>
    private void Accept(ProtectingDirection direction)
    {
        for (var i = 0; i < direction.Cells.Length; i++)
        {
            var cell = direction.Cells[i];
            if (pattern.Suppress(cell, CellStatus.SecondarySuppressed))
            {
                pending.Enqueue(cell);
            }

            for (var m = 0; m < measures; m++)
            {
                ref var width = ref certifiedWidths[cell * measures + m];
                width = Math.Max(width, direction.Widths[m]);
            }

            if (!GroupProtected(cell))
            {
                groupHidden[cell] |= GroupsHidden(direction, cell, direction.Signs[i]);
            }
        }
    }

    /// <summary>
    /// The dimensions along which <paramref name="direction"/> lets a sibling of
    /// <paramref name="cell"/> take part of its count: those where the cell's category is one of
    /// the two siblings the direction trades, and the cell can fall.
    /// </summary>
    private int GroupsHidden(ProtectingDirection direction, int cell, sbyte sign)
    {
        if (measures > 0 && !(direction.FallRoom[sign > 0 ? 0 : 1] > 0))
        {
            return 0;
        }

        var hidden = 0;
        for (var d = 0; d < pattern.Trees.Length; d++)
        {
            var category = pattern.CategoryOf(cell, d);
            if (direction.NegativeTops[d] >= 0
                && (category == direction.PositiveTops[d] || category == direction.NegativeTops[d]))
            {
                hidden |= 1 << d;
            }
        }

        return hidden & groupDimensions[cell];
    }

    /// <summary>Whether every additive count of the cell can move over its required width; fills <see cref="required"/>.</summary>
    private bool WidthsProtected(int cell)
    {
        pattern.RequiredWidths(cell, required);
        for (var m = 0; m < measures; m++)
        {
            if (certifiedWidths[cell * measures + m] < required[m])
            {
                return false;
            }
        }

        return true;
    }

    private bool GroupProtected(int cell) => (groupDimensions[cell] & ~groupHidden[cell]) == 0;

    /// <summary>
    /// Two withheld singletons alone in the line of a sum tell each other's value: the one
    /// person in one cell subtracts themself from what the margins leave. A third withheld
    /// cell, the cheapest of the line, breaks that. A margin of one child is the same person as
    /// the child, so there is nothing to break.
    /// </summary>
    private void SeparateSingletonPairs()
    {
        if (measures == 0)
        {
            return;
        }

        for (var cell = 0; cell < pattern.CellCount; cell++)
        {
            if (!pattern.IsSuppressed(cell) || pattern.Additive(cell, 0) != 1)
            {
                continue;
            }

            for (var d = 0; d < pattern.Trees.Length; d++)
            {
                var tree = pattern.Trees[d];
                var own = pattern.CategoryOf(cell, d);
                var parent = tree.Parents[own];
                if (parent >= 0 && tree.Children[parent].Length > 1)
                {
                    SeparateSingletonPair(cell, tree, own, parent);
                }
            }
        }
    }

    private void SeparateSingletonPair(int cell, CategoryTree tree, int own, int parent)
    {
        var withheld = 0;
        var singletons = 0;
        var cheapest = -1;
        var children = tree.Children[parent];
        for (var i = -1; i < children.Length; i++)
        {
            var member = i < 0 ? parent : children[i];
            var lineCell = cell + (member - own) * tree.Stride;
            if (pattern.IsSuppressed(lineCell))
            {
                withheld++;
                singletons += pattern.Additive(lineCell, 0) == 1 ? 1 : 0;
            }
            else if (cheapest < 0 || pattern.CostOf(lineCell) < pattern.CostOf(cheapest))
            {
                cheapest = lineCell;
            }
        }

        if (withheld == 2 && singletons == 2 && cheapest >= 0)
        {
            pattern.Suppress(cheapest, CellStatus.SecondarySuppressed);
            pending.Enqueue(cheapest);
        }
    }

    private static UnprotectableCellException Unprotectable(int cell) => new(
        $"Cell {cell} cannot be protected: an additive count that is not applicable stands where the table's sums need a figure, or every way to protect it passes a cell that must stay published.");
}

/// <summary>A withheld cell no pattern of further withheld cells can protect, within the cells that may be withheld.</summary>
public sealed class UnprotectableCellException(string message) : InvalidOperationException(message);
