using Hilmo.Statistics.Dimensions;
using Hilmo.Statistics.Reports;

namespace Hilmo.Statistics.Indicators;

/// <summary>
/// The table of one indicator count for a year: by municipality within its wellbeing services
/// county (with the whole country), sex and, for the entitled, age group; the one measure counted, computed by the
/// count's report with the count's filters as conditions of its SQL.
/// </summary>
internal static class IndicatorCounts
{
    /// <summary>The dimensions a count is given by for the entitled: region, sex and age group.</summary>
    public static IReadOnlyList<string> Breakdown { get; } = [DimensionCatalogue.Municipality.Code, DimensionCatalogue.Sex.Code, DimensionCatalogue.AgeGroup.Code];

    /// <summary>
    /// The dimensions a count is published by: region and sex, as Sotkanet gives its values. A
    /// third dimension, age group, crossed with every municipality, leaves so many small counts
    /// that protecting them while the totals the report's tables publish stay published fails
    /// for most counts; the public gets values by age group through the report tables instead.
    /// </summary>
    public static IReadOnlyList<string> PublishedBreakdown { get; } = [DimensionCatalogue.Municipality.Code, DimensionCatalogue.Sex.Code];

    /// <summary>
    /// The dimensions a count of <paramref name="report"/> is published by: <see cref="PublishedBreakdown"/>
    /// with the report's <see cref="ReportDefinition.IndicatorRegion"/> for the region (a vaccine's
    /// coverage by county, never by municipality).
    /// </summary>
    public static IReadOnlyList<string> PublishedBreakdownOf(ReportDefinition report) =>
        [report.IndicatorRegion.Code, .. PublishedBreakdown.Skip(1)];

    /// <summary>The count's report, checked to have the measure and the filters' dimensions.</summary>
    /// <exception cref="InvalidOperationException">The count names what its report does not have: a bug of the catalogue.</exception>
    public static ReportDefinition ReportOf(IndicatorCount count)
    {
        var report = ReportCatalogue.Find(count.Report)
            ?? throw new InvalidOperationException($"Count {count.Key} is of report '{count.Report}', which does not exist.");
        var measure = report.Measures.FirstOrDefault(m => m.Code == count.Measure)
            ?? throw new InvalidOperationException($"Report {report.Name} has no measure '{count.Measure}' ({count.Key}).");
        if (measure.Kind == MeasureKind.Derived)
        {
            throw new InvalidOperationException($"{count.Key}: {measure.Code} is a derived figure, not a count an indicator can divide.");
        }

        foreach (var code in Breakdown.Concat(count.Filters.Select(f => f.Dimension)))
        {
            if (!report.Dimensions.Concat(report.FixedDimensions).Any(d => d.Code == code))
            {
                throw new InvalidOperationException($"{count.Key}: report {report.Name} has no dimension '{code}'.");
            }
        }

        return report;
    }

    /// <summary>The request of the count's table for <paramref name="year"/>, as of <paramref name="asOf"/>.</summary>
    public static ReportRequest Request(IndicatorCount count, IReadOnlyList<string> breakdown, int year, DateTimeOffset? asOf, string? release, ReportAudience audience) =>
        new(count.Report, new ReportPeriod(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)), breakdown, asOf, release, Audience: audience)
        {
            AnsweredAt = asOf ?? DateTimeOffset.UtcNow,
            Filters = count.ReportFilters,
        };

    /// <summary>
    /// The count's table: the report's table with its first <paramref name="kept"/> dimensions, its
    /// fixed dimensions (the waiting-time bands) read at their total, and only the counted measure.
    /// </summary>
    public static StatisticsTable Project(StatisticsTable table, int kept, IndicatorCount count)
    {
        var measure = table.Measures.ToList().FindIndex(m => m.Code == count.Measure);
        var result = new StatisticsTable(table.Metadata, [.. table.Dimensions.Take(kept)], [table.Measures[measure]]);
        Span<int> at = stackalloc int[table.Dimensions.Count];
        for (var d = kept; d < table.Dimensions.Count; d++)
        {
            at[d] = table.Dimensions[d].IndexOf(ReportDimension.TotalCode);
        }

        for (var cell = 0; cell < result.CellCount; cell++)
        {
            for (var d = 0; d < kept; d++)
            {
                at[d] = result.CategoryOf(cell, d);
            }

            result.SetValue(cell, 0, table.Value(table.CellOf(at), measure));
        }

        return result;
    }
}
