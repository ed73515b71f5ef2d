using Hilmo.Statistics;

namespace Hilmo.Testing.Statistics;

/// <summary>
/// Made-up statistics tables of any shape, their margins adding up exactly as a report's do:
/// for disclosure control's tests and benchmark.
/// </summary>
public static class SyntheticTables
{
    public const string Visits = "visits";
    public const string VisitsWithinLimit = "visits_within_limit";
    public const string Persons = "persons";
    public const string MedianDays = "median_days";

    private static readonly ReportMetadata Metadata = new(
        "synthetic",
        new LocalizedText("Synteettinen taulukko"),
        new LocalizedText("Tehty testejä varten."),
        new LocalizedText("Hilmo"),
        DateTimeOffset.UnixEpoch,
        null,
        null,
        []);

    /// <summary>A dimension of <paramref name="leaves"/> categories, with a total over them unless <paramref name="withTotal"/> is false.</summary>
    public static TableDimension Flat(string code, int leaves, bool withTotal = true)
    {
        var categories = new List<TableCategory>();
        if (withTotal)
        {
            categories.Add(Category("SSS", null));
        }

        for (var i = 1; i <= leaves; i++)
        {
            categories.Add(Category($"{code}{i}", withTotal ? "SSS" : null));
        }

        return new TableDimension(code, new LocalizedText(code), categories);
    }

    /// <summary>
    /// A two-level dimension: leaves in groups (as municipalities in counties), the groups in a
    /// total; <paramref name="leavesPerGroup"/> says how many leaves each group has.
    /// </summary>
    public static TableDimension Grouped(string code, IReadOnlyList<int> leavesPerGroup)
    {
        var categories = new List<TableCategory> { Category("SSS", null) };
        for (var g = 0; g < leavesPerGroup.Count; g++)
        {
            var group = $"{code}{g + 1}";
            categories.Add(Category(group, "SSS"));
            for (var i = 1; i <= leavesPerGroup[g]; i++)
            {
                categories.Add(Category($"{group}.{i}", group));
            }
        }

        return new TableDimension(code, new LocalizedText(code), categories);
    }

    /// <summary>The measures of <see cref="Random"/>: visits, visits within the legal limit, persons and the median wait.</summary>
    private static readonly TableMeasure[] CareMeasures =
    [
        Measure(Visits, MeasureKind.AdditiveCount),
        Measure(VisitsWithinLimit, MeasureKind.AdditiveCount),
        Measure(Persons, MeasureKind.DistinctCount),
        Measure(MedianDays, MeasureKind.Derived),
    ];

    public static TableMeasure Measure(string code, MeasureKind kind) =>
        new(code, new LocalizedText(code), new LocalizedText("kpl"), 0, kind);

    /// <summary>An empty table (every figure not applicable until set).</summary>
    public static StatisticsTable Empty(IReadOnlyList<TableDimension> dimensions, IReadOnlyList<TableMeasure> measures) =>
        new(Metadata, dimensions, measures);

    /// <summary>
    /// A table of visits, visits within the limit, persons and the median wait whose leaf cells hold random counts: a share
    /// <paramref name="zeroShare"/> of them zero, the rest spread about <paramref name="meanVisits"/>
    /// with many small ones, as in sparse care data. Margins add up; persons are about four in
    /// five visits in every cell (not a sum); the median wait is not applicable where there are no visits.
    /// </summary>
    public static StatisticsTable Random(int seed, IReadOnlyList<TableDimension> dimensions, double meanVisits, double zeroShare)
    {
        var random = new Random(seed);
        var table = Empty(dimensions, CareMeasures);
        var leaves = LeafCells(table);
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            table.SetValue(cell, 0, 0);
            table.SetValue(cell, 1, 0);
        }

        foreach (var cell in leaves)
        {
            var visits = random.NextDouble() < zeroShare ? 0 : 1 + Math.Floor(-Math.Log(1 - random.NextDouble()) * (meanVisits - 1));
            var withinLimit = 0;
            for (var v = 0; v < visits; v++)
            {
                withinLimit += random.NextDouble() < 0.7 ? 1 : 0;
            }

            table.SetValue(cell, 0, visits);
            table.SetValue(cell, 1, withinLimit);
        }

        AddUpMargins(table, 0);
        AddUpMargins(table, 1);
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            var visits = table.Value(cell, 0)!.Value;
            table.SetValue(cell, 2, Math.Ceiling(visits * 0.8));
            table.SetValue(cell, 3, visits == 0 ? null : 1 + (cell % 17));
        }

        return table;
    }

    /// <summary>
    /// Sets every margin of <paramref name="measure"/> to the sum of its children, from the leaf
    /// cells up: one dimension at a time, children before parents.
    /// </summary>
    public static void AddUpMargins(StatisticsTable table, int measure)
    {
        for (var d = 0; d < table.Dimensions.Count; d++)
        {
            var categories = table.Dimensions[d].Categories;
            foreach (var parent in Enumerable.Range(0, categories.Count).OrderByDescending(c => Depth(categories, c)))
            {
                var children = Enumerable.Range(0, categories.Count)
                    .Where(c => string.Equals(categories[c].Parent, categories[parent].Code, StringComparison.Ordinal))
                    .ToArray();
                if (children.Length == 0)
                {
                    continue;
                }

                for (var cell = 0; cell < table.CellCount; cell++)
                {
                    if (table.CategoryOf(cell, d) == parent)
                    {
                        table.SetValue(cell, measure, children.Sum(c => table.Value(table.WithCategory(cell, d, c), measure) ?? 0));
                    }
                }
            }
        }
    }

    /// <summary>The cells whose every category is a leaf: the ones all others add up from.</summary>
    private static IEnumerable<int> LeafCells(StatisticsTable table)
    {
        var isParent = table.Dimensions
            .Select(d => d.Categories.Select(c => d.Categories.Any(o => string.Equals(o.Parent, c.Code, StringComparison.Ordinal))).ToArray())
            .ToArray();
        return Enumerable.Range(0, table.CellCount)
            .Where(cell => Enumerable.Range(0, table.Dimensions.Count).All(d => !isParent[d][table.CategoryOf(cell, d)]));
    }

    private static int Depth(IReadOnlyList<TableCategory> categories, int category)
    {
        var depth = 0;
        for (var parent = categories[category].Parent; parent is not null; depth++)
        {
            parent = categories.First(c => string.Equals(c.Code, parent, StringComparison.Ordinal)).Parent;
        }

        return depth;
    }

    private static TableCategory Category(string code, string? parent) => new(code, new LocalizedText(code), parent);
}
