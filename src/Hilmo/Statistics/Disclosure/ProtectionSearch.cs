namespace Hilmo.Statistics.Disclosure;

/// <summary>
/// Finds, for one withheld cell, the cheapest <see cref="ProtectingDirection"/> that keeps it
/// wide enough: a generalised hypercube (Repsilber's method, as τ-ARGUS uses it) that may run
/// through every level of the dimensions' hierarchies.
/// </summary>
/// <remarks>
/// <para>
/// A direction is a product of one move per dimension. A move along a dimension either trades
/// the cell's category with a sibling (or an ancestor's sibling, for cousins under a common
/// grandparent), both sides carried down to a leaf so that every margin they fall under still
/// adds up; or it runs from the category up to its top category, changing the margins above
/// it the same way. Each move satisfies its dimension's sums, so their product satisfies every
/// sum of the table, across linked sub-tables too: that is what τ-ARGUS's backtracking between
/// sub-tables achieves, done here in one step.
/// </para>
/// <para>
/// The cost of a direction is what withholding its still-published cells loses (see
/// <see cref="SuppressionPattern.CostOf"/>). The search is a branch and bound over the
/// dimensions, those with the fewest moves first. A direction is built up one dimension at a
/// time and priced as it grows; each dimension's moves are sorted by the cost of the cells the
/// move alone changes next to the searched cell, which any direction using it pays, so the
/// first move that cannot beat the best so far ends that branch. A direction is dropped as
/// soon as one of its counts can no longer move far enough.
/// </para>
/// </remarks>
internal sealed class ProtectionSearch
{
    /// <summary>
    /// How many complete directions are weighed after a first usable one is found. Past this the
    /// cheapest so far is taken: it keeps the search fast in wide tables, at the price of now
    /// and then withholding somewhat more than the very cheapest pattern would.
    /// </summary>
    private const int DirectionsWeighedAfterFirst = 256;

    private readonly SuppressionPattern pattern;
    private readonly CategoryTree[] trees;
    private readonly int measures;
    private readonly List<int>[] entryCategories;
    private readonly List<sbyte>[] entrySigns;
    private readonly List<LineMove>[] moves;
    private readonly int[] categories;
    private readonly int[] chosen;
    private readonly int[] bestChosen;
    private readonly double[] required;
    private readonly double[] cheapestRemaining;
    private readonly int[] order;

    // The direction built so far, one level for each dimension chosen; the best complete one;
    // and a scratch one for weighing a single move.
    private readonly Level[] levels;
    private readonly Level best;
    private readonly Level adjacent;
    private int cell;
    private bool needsRoom;
    private int weighedAfterFirst;

    public ProtectionSearch(SuppressionPattern pattern)
    {
        this.pattern = pattern;
        trees = pattern.Trees;
        measures = pattern.AdditiveMeasureCount;
        entryCategories = [.. trees.Select(_ => new List<int>())];
        entrySigns = [.. trees.Select(_ => new List<sbyte>())];
        moves = [.. trees.Select(_ => new List<LineMove>())];
        categories = new int[trees.Length];
        chosen = new int[trees.Length];
        bestChosen = new int[trees.Length];
        required = new double[measures];
        cheapestRemaining = new double[trees.Length + 1];
        order = new int[trees.Length];
        levels = [.. Enumerable.Range(0, trees.Length + 1).Select(_ => new Level(measures))];
        best = new Level(measures);
        adjacent = new Level(measures);
    }

    /// <summary>
    /// The cheapest direction through <paramref name="target"/> that moves each of its additive
    /// counts over at least <paramref name="requiredWidths"/>; null when there is none.
    /// </summary>
    /// <param name="target">The withheld cell to protect.</param>
    /// <param name="requiredWidths">The least width for each additive count.</param>
    /// <param name="siblingDimensions">
    /// A bit for the dimensions along which the cell must trade with a sibling of its own, and
    /// be able to fall so that the sibling can rise: how a group disclosure is hidden.
    /// </param>
    public ProtectingDirection? FindCheapest(int target, ReadOnlySpan<double> requiredWidths, int siblingDimensions)
    {
        cell = target;
        requiredWidths.CopyTo(required);
        needsRoom = siblingDimensions != 0;
        for (var d = 0; d < trees.Length; d++)
        {
            categories[d] = pattern.CategoryOf(target, d);
        }

        for (var d = 0; d < trees.Length; d++)
        {
            ListMoves(d, (siblingDimensions & (1 << d)) != 0);
            if (moves[d].Count == 0)
            {
                return null;
            }
        }

        for (var d = 0; d < trees.Length; d++)
        {
            order[d] = d;
        }

        Array.Sort(order, (a, b) => moves[a].Count.CompareTo(moves[b].Count));
        cheapestRemaining[trees.Length] = 0;
        for (var depth = trees.Length - 1; depth >= 0; depth--)
        {
            cheapestRemaining[depth] = cheapestRemaining[depth + 1] + moves[order[depth]][0].AdjacentCost;
        }

        if (!levels[0].StartAt(cell, pattern, required, needsRoom))
        {
            return null;
        }

        best.Cost = double.PositiveInfinity;
        weighedAfterFirst = 0;
        Branch(0);
        return double.IsPositiveInfinity(best.Cost) ? null : Materialise();
    }

    /// <summary>Tries every usable move along the dimension branched on at <paramref name="depth"/>, on top of the direction built so far.</summary>
    private void Branch(int depth)
    {
        if (depth == trees.Length)
        {
            if (!double.IsPositiveInfinity(best.Cost))
            {
                weighedAfterFirst++;
            }

            best.CopyFrom(levels[depth]);
            chosen.CopyTo(bestChosen, 0);
            return;
        }

        var dimension = order[depth];
        var list = moves[dimension];
        var built = levels[depth];
        for (var i = 0; i < list.Count && weighedAfterFirst < DirectionsWeighedAfterFirst; i++)
        {
            // Moves are sorted by the cost next to the cell, which every extension pays at least.
            if (built.Cost + list[i].AdjacentCost + cheapestRemaining[depth + 1] >= best.Cost)
            {
                return;
            }

            if (Extend(depth, dimension, list[i]))
            {
                chosen[dimension] = i;
                Branch(depth + 1);
            }
        }
    }

    /// <summary>
    /// Builds the next level: every cell so far, moved to every category of <paramref name="move"/>.
    /// False as soon as it costs too much or leaves a count too little room.
    /// </summary>
    private bool Extend(int depth, int dimension, LineMove move)
    {
        var from = levels[depth];
        var to = levels[depth + 1];
        to.CopyFrom(from);
        var stride = trees[dimension].Stride;
        var own = categories[dimension];
        var entries = entryCategories[dimension];
        var signs = entrySigns[dimension];
        var bound = best.Cost - cheapestRemaining[depth + 1];
        for (var e = move.Start + 1; e < move.Start + move.Length; e++)
        {
            var offset = (entries[e] - own) * stride;
            for (var i = 0; i < from.Count; i++)
            {
                var moved = from.Cells[i] + offset;
                to.Cost += pattern.CostOf(moved);
                if (to.Cost >= bound || !to.Add(moved, (sbyte)(from.Signs[i] * signs[e]), pattern, required, needsRoom))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private ProtectingDirection Materialise()
    {
        var widths = new double[measures];
        for (var m = 0; m < measures; m++)
        {
            widths[m] = best.Unusable[m] ? 0 : best.LowestPositive[m] + best.LowestNegative[m];
        }

        double[] fallRoom = measures == 0 || best.Unusable[0] ? [0, 0] : [best.LowestPositive[0], best.LowestNegative[0]];
        var positiveTops = new int[trees.Length];
        var negativeTops = new int[trees.Length];
        for (var d = 0; d < trees.Length; d++)
        {
            positiveTops[d] = moves[d][bestChosen[d]].PositiveTop;
            negativeTops[d] = moves[d][bestChosen[d]].NegativeTop;
        }

        return new ProtectingDirection(best.Cells[..best.Count], best.Signs[..best.Count], widths, fallRoom, positiveTops, negativeTops);
    }

    /// <summary>Lists the usable moves along one dimension, cheapest first.</summary>
    private void ListMoves(int dimension, bool siblingsOnly)
    {
        var tree = trees[dimension];
        var own = categories[dimension];
        var list = moves[dimension];
        var entries = entryCategories[dimension];
        var signs = entrySigns[dimension];
        list.Clear();
        entries.Clear();
        signs.Clear();

        // The cell's own side always starts at its category and runs down to a leaf, so that a
        // margin that moves has a child moving with it.
        AppendDownPath(dimension, own, 1);
        var ownPathLength = entries.Count;
        var ancestors = tree.Ancestors[own];
        if (!siblingsOnly)
        {
            for (var k = 0; k < ancestors.Length; k++)
            {
                entries.Add(ancestors[k]);
                signs.Add(1);
            }

            AddMove(dimension, 0, entries.Count, -1, -1);
        }

        // Cousins too, through every ancestor (a municipality with a municipality of a
        // neighbouring county, the two counties moving with them), unless the cell must trade
        // with a sibling of its own.
        var generations = siblingsOnly ? Math.Min(1, ancestors.Length) : ancestors.Length;
        for (var level = 0; level < generations; level++)
        {
            var top = level == 0 ? own : ancestors[level - 1];
            foreach (var sibling in tree.Children[ancestors[level]])
            {
                if (sibling == top)
                {
                    continue;
                }

                var start = entries.Count;
                for (var i = 0; i < ownPathLength; i++)
                {
                    entries.Add(entries[i]);
                    signs.Add(1);
                }

                for (var k = 0; k < level; k++)
                {
                    entries.Add(ancestors[k]);
                    signs.Add(1);
                }

                AppendDownPath(dimension, sibling, -1);
                AddMove(dimension, start, entries.Count - start, top, sibling);
            }
        }

        list.Sort(static (a, b) => a.AdjacentCost != b.AdjacentCost ? a.AdjacentCost.CompareTo(b.AdjacentCost) : a.Start.CompareTo(b.Start));
    }

    /// <summary>
    /// Appends <paramref name="category"/> and a path from it down to a leaf. Along the cell's
    /// own line the child taken is one withheld already where there is one, else the largest,
    /// which leaves the most room to move.
    /// </summary>
    private void AppendDownPath(int dimension, int category, sbyte sign)
    {
        var tree = trees[dimension];
        var entries = entryCategories[dimension];
        var signs = entrySigns[dimension];
        entries.Add(category);
        signs.Add(sign);
        while (!tree.IsLeaf(category))
        {
            var next = -1;
            var nextWithheld = false;
            var nextValue = double.NegativeInfinity;
            foreach (var child in tree.Children[category])
            {
                var onLine = OnLine(dimension, child);
                var withheld = pattern.IsSuppressed(onLine);
                var value = pattern.PrimaryCount(onLine);
                value = double.IsNaN(value) ? -1 : value;
                if (next < 0 || (withheld && !nextWithheld) || (withheld == nextWithheld && value > nextValue))
                {
                    (next, nextWithheld, nextValue) = (child, withheld, value);
                }
            }

            category = next;
            entries.Add(category);
            signs.Add(sign);
        }
    }

    /// <summary>
    /// Adds a move whose categories are entries <paramref name="start"/> on, unless the cells it
    /// changes next to the searched cell already leave too little room to move.
    /// </summary>
    private void AddMove(int dimension, int start, int length, int positiveTop, int negativeTop)
    {
        var entries = entryCategories[dimension];
        var signs = entrySigns[dimension];
        var cost = 0.0;
        if (!adjacent.StartAt(cell, pattern, required, needsRoom))
        {
            return;
        }

        for (var e = start + 1; e < start + length; e++)
        {
            var neighbour = OnLine(dimension, entries[e]);
            cost += pattern.CostOf(neighbour);
            if (!adjacent.Add(neighbour, signs[e], pattern, required, needsRoom))
            {
                return;
            }
        }

        moves[dimension].Add(new LineMove(start, length, positiveTop, negativeTop, cost));
    }

    /// <summary>The cell on the searched cell's line along <paramref name="dimension"/> at <paramref name="category"/>.</summary>
    private int OnLine(int dimension, int category) => cell + (category - categories[dimension]) * trees[dimension].Stride;

    /// <summary>One dimension's part of a direction: entries <see cref="Start"/> on of that dimension's entry lists.</summary>
    /// <param name="Start">The first entry, always the searched cell's own category with sign +1.</param>
    /// <param name="Length">How many categories the move changes.</param>
    /// <param name="PositiveTop">The highest category of the cell's own side, or -1 for a move up to the top.</param>
    /// <param name="NegativeTop">The sibling traded with, or -1.</param>
    /// <param name="AdjacentCost">The cost of the cells this move changes on the searched cell's own line.</param>
    private readonly record struct LineMove(int Start, int Length, int PositiveTop, int NegativeTop, double AdjacentCost);

    /// <summary>A direction under construction: its cells with their signs, its cost, and how far each side can move.</summary>
    private sealed class Level(int measures)
    {
        public int[] Cells { get; private set; } = new int[16];

        public sbyte[] Signs { get; private set; } = new sbyte[16];

        public int Count { get; private set; }

        public double Cost { get; set; }

        /// <summary>For each additive count, the lowest value among the cells of sign +1: how far they can fall.</summary>
        public double[] LowestPositive { get; } = new double[measures];

        /// <summary>For each additive count, the lowest value among the cells of sign -1; infinite while there are none.</summary>
        public double[] LowestNegative { get; } = new double[measures];

        /// <summary>For each additive count, whether a cell has none (not applicable), so that the count cannot move.</summary>
        public bool[] Unusable { get; } = new bool[measures];

        public bool StartAt(int cell, SuppressionPattern pattern, double[] required, bool needsRoom)
        {
            Count = 0;
            Cost = 0;
            LowestPositive.AsSpan().Fill(double.PositiveInfinity);
            LowestNegative.AsSpan().Fill(double.PositiveInfinity);
            Unusable.AsSpan().Clear();
            return Add(cell, 1, pattern, required, needsRoom);
        }

        public void CopyFrom(Level other)
        {
            if (Cells.Length < other.Count)
            {
                Cells = new int[other.Cells.Length];
                Signs = new sbyte[other.Cells.Length];
            }

            Array.Copy(other.Cells, Cells, other.Count);
            Array.Copy(other.Signs, Signs, other.Count);
            Count = other.Count;
            Cost = other.Cost;
            other.LowestPositive.CopyTo(LowestPositive, 0);
            other.LowestNegative.CopyTo(LowestNegative, 0);
            other.Unusable.CopyTo(Unusable, 0);
        }

        /// <summary>
        /// Adds a cell. False when a count that must move its required width no longer can (the
        /// lowest values only fall as cells are added), or the first count of the positive side
        /// can no longer fall though it must.
        /// </summary>
        public bool Add(int cell, sbyte sign, SuppressionPattern pattern, double[] required, bool needsRoom)
        {
            if (Count == Cells.Length)
            {
                Cells = [.. Cells, .. new int[Count]];
                Signs = [.. Signs, .. new sbyte[Count]];
            }

            Cells[Count] = cell;
            Signs[Count++] = sign;
            for (var m = 0; m < LowestPositive.Length; m++)
            {
                var value = pattern.Additive(cell, m);
                var mustMove = required[m] > 0 || (m == 0 && needsRoom);
                if (double.IsNaN(value))
                {
                    Unusable[m] = true;
                    if (mustMove)
                    {
                        return false;
                    }

                    continue;
                }

                var lowest = sign > 0 ? LowestPositive : LowestNegative;
                if (value < lowest[m])
                {
                    lowest[m] = value;
                    if (LowestPositive[m] + LowestNegative[m] < required[m] || (m == 0 && needsRoom && !(LowestPositive[0] > 0)))
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }
}
