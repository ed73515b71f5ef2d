using Hilmo.Statistics;
using Hilmo.Statistics.Dimensions;

namespace Hilmo.Server.Web.Shared;

/// <summary>
/// Reads a line of figures out of a <see cref="StatisticsTable"/>: one measure along one
/// dimension, every other dimension held at a chosen category (its total unless told). Pages
/// draw and tabulate exactly these figures, so a chart, its table and the API's download of the
/// same request cannot disagree.
/// </summary>
internal static class TableSlice
{
    /// <summary>
    /// The figures of <paramref name="measure"/> for the categories of <paramref name="along"/>
    /// whose parent is <paramref name="parent"/> (the members of a total, or the units of a
    /// provider), with the other dimensions at <paramref name="at"/> or their totals.
    /// </summary>
    public static IReadOnlyList<ChartPoint> Along(StatisticsTable table, string along, string measure, string language,
        IReadOnlyDictionary<string, string>? at = null, string parent = ReportDimension.TotalCode)
    {
        var alongIndex = DimensionIndex(table, along);
        var measureIndex = MeasureIndex(table, measure);
        var positions = new int[table.Dimensions.Count];
        for (var d = 0; d < positions.Length; d++)
        {
            var code = at is not null && at.TryGetValue(table.Dimensions[d].Code, out var chosen) ? chosen : ReportDimension.TotalCode;
            positions[d] = d == alongIndex ? 0 : table.Dimensions[d].IndexOf(code);
            if (positions[d] < 0)
            {
                // The category is not in this table (no data of it): nothing to read.
                return [];
            }
        }

        var points = new List<ChartPoint>();
        var categories = table.Dimensions[alongIndex].Categories;
        for (var c = 0; c < categories.Count; c++)
        {
            if (!string.Equals(categories[c].Parent, parent, StringComparison.Ordinal))
            {
                continue;
            }

            positions[alongIndex] = c;
            var cell = table.CellOf(positions);
            points.Add(new ChartPoint(categories[c].Code, categories[c].Label.In(language), table.Value(cell, measureIndex), table.Status(cell, measureIndex)));
        }

        return points;
    }

    /// <summary>One figure: every dimension at <paramref name="at"/> or its total.</summary>
    public static ChartPoint At(StatisticsTable table, string measure, string language, IReadOnlyDictionary<string, string>? at = null)
    {
        var positions = new int[table.Dimensions.Count];
        for (var d = 0; d < positions.Length; d++)
        {
            var code = at is not null && at.TryGetValue(table.Dimensions[d].Code, out var chosen) ? chosen : ReportDimension.TotalCode;
            positions[d] = table.Dimensions[d].IndexOf(code);
            if (positions[d] < 0)
            {
                return new ChartPoint(code, code, null, CellStatus.NotApplicable);
            }
        }

        var measureIndex = MeasureIndex(table, measure);
        var cell = table.CellOf(positions);
        return new ChartPoint(ReportDimension.TotalCode, table.Measures[measureIndex].Label.In(language), table.Value(cell, measureIndex), table.Status(cell, measureIndex));
    }

    public static TableMeasure Measure(StatisticsTable table, string measure) => table.Measures[MeasureIndex(table, measure)];

    private static int DimensionIndex(StatisticsTable table, string code)
    {
        for (var d = 0; d < table.Dimensions.Count; d++)
        {
            if (table.Dimensions[d].Code == code)
            {
                return d;
            }
        }

        throw new ArgumentException($"The table has no dimension '{code}'.", nameof(code));
    }

    private static int MeasureIndex(StatisticsTable table, string code)
    {
        for (var m = 0; m < table.Measures.Count; m++)
        {
            if (table.Measures[m].Code == code)
            {
                return m;
            }
        }

        throw new ArgumentException($"The table has no measure '{code}'.", nameof(code));
    }
}
