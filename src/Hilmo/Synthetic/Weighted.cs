namespace Hilmo.Synthetic;

/// <summary>
/// Draws items in proportion to their weights from a cumulative table, by bisection: one random
/// number and a few comparisons per draw, whatever the number of items.
/// </summary>
internal sealed class Weighted<T>
{
    private readonly T[] items;
    private readonly double[] cumulative;

    public Weighted(IEnumerable<(T Item, double Weight)> entries)
    {
        var positive = entries.Where(e => e.Weight > 0).ToArray();
        if (positive.Length == 0)
        {
            throw new ArgumentException("At least one item needs a positive weight.", nameof(entries));
        }

        items = new T[positive.Length];
        cumulative = new double[positive.Length];
        var sum = 0.0;
        for (var i = 0; i < positive.Length; i++)
        {
            sum += positive[i].Weight;
            items[i] = positive[i].Item;
            cumulative[i] = sum;
        }

        Total = sum;
    }

    public double Total { get; }

    public IReadOnlyList<T> Items => items;

    /// <summary>A table of the entries with a positive weight; null when there are none.</summary>
    public static Weighted<T>? Of(IEnumerable<(T Item, double Weight)> entries)
    {
        var positive = entries.Where(e => e.Weight > 0).ToArray();
        return positive.Length == 0 ? null : new Weighted<T>(positive);
    }

    public T Next(Random random)
    {
        var x = random.NextDouble() * Total;
        var i = Array.BinarySearch(cumulative, x);

        // An exact hit on a boundary belongs to the next item: item i covers [cumulative[i-1], cumulative[i]).
        i = i < 0 ? ~i : i + 1;
        return items[Math.Min(i, items.Length - 1)];
    }
}
