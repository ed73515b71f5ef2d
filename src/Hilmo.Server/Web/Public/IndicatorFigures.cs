using Hilmo.Server.Reports;
using Hilmo.Server.Web.Shared;
using Hilmo.Statistics;
using Hilmo.Statistics.Dimensions;
using Hilmo.Statistics.Indicators;

namespace Hilmo.Server.Web.Public;

/// <summary>An indicator's published values of one year, all ages, by region and sex.</summary>
/// <param name="Year">The year.</param>
/// <param name="Values">The public's values of the year (<see cref="ReportAudience.Public"/>), all ages only.</param>
public sealed record IndicatorYear(int Year, IReadOnlyList<IndicatorValue> Values)
{
    /// <summary>The value of the region (the country is <see cref="ReportDimension.TotalCode"/>) and sex; null when the year has none for it.</summary>
    public IndicatorValue? Of(IndicatorRegionKind kind, string region, IndicatorGender gender = IndicatorGender.Total) =>
        Values.FirstOrDefault(v => v.RegionKind == kind && v.Region == region && v.Gender == gender);
}

/// <summary>
/// Reads the indicators' values for the pages exactly as the Sotkanet API does: through
/// <see cref="IndicatorService"/> with <see cref="ReportAudience.Public"/>, under the report
/// limiter, from the releases' protected counts. Nothing is computed here but the choice of
/// which published values to show; a withheld value stays withheld.
/// </summary>
internal sealed class IndicatorFigures(RegisterServices register, ReportRunner reports)
{
    private readonly IndicatorService indicators = new(register.Statistics);

    /// <summary>The indicator's published years, oldest first, each with its values; every year when <paramref name="allYears"/>, else the latest only.</summary>
    public async Task<IReadOnlyList<IndicatorYear>> YearsAsync(IndicatorDefinition indicator, bool allYears, CancellationToken cancellationToken)
    {
        var published = await reports.ComputeAsync(token => indicators.PublishedYearsAsync(indicator, token), cancellationToken).ConfigureAwait(false);
        var years = new List<IndicatorYear>();
        foreach (var year in allYears ? published.Order() : published.Order().TakeLast(1))
        {
            try
            {
                var values = await reports.ComputeAsync(token => indicators.ComputeAsync(indicator, year, ReportAudience.Public, token), cancellationToken).ConfigureAwait(false);
                years.Add(new IndicatorYear(year, [.. values.Where(v => v.AgeGroup == ReportDimension.TotalCode && v.RegionKind != IndicatorRegionKind.Municipality)]));
            }
            catch (NotPublishedException)
            {
                // A year the report's releases list but that no release publishes any more: no values, as in Sotkanet.
            }
        }

        return years;
    }

    /// <summary>
    /// A value as a chart and a table draw it: withheld is written <c>..</c> (the indicator does
    /// not say whether a count was withheld first or to protect another, and both read the same),
    /// no value (no population, a zero denominator) <c>.</c>, never a number for either.
    /// </summary>
    public static ChartPoint Point(IndicatorValue? value, string code, string label) => value switch
    {
        { Withheld: true } => new ChartPoint(code, label, null, CellStatus.PrimarySuppressed),
        { Value: { } figure } => new ChartPoint(code, label, figure, CellStatus.Published),
        _ => new ChartPoint(code, label, null, CellStatus.NotApplicable),
    };
}

/// <summary>An indicator's numerator and denominator in the reader's words, from the catalogue's own declarations (report, measure, filters).</summary>
internal static class IndicatorWording
{
    /// <summary>The count as "measure (report); dimension: categories", each label in <paramref name="language"/>.</summary>
    public static string Count(IndicatorCount count, StatisticsContext context, string language)
    {
        // The catalogue's counts name reports and measures that exist: IndicatorService checks each before it computes one.
        var report = Hilmo.Statistics.Reports.ReportCatalogue.Find(count.Report)!;
        var measure = report.Measures.First(m => m.Code == count.Measure);
        var parts = new List<string> { $"{measure.Label.In(language)} ({report.Title.In(language)})" };
        foreach (var filter in count.Filters)
        {
            var dimension = report.Dimensions.Concat(report.FixedDimensions).FirstOrDefault(d => d.Code == filter.Dimension);
            if (dimension is null)
            {
                parts.Add($"{filter.Dimension}: {string.Join(", ", filter.Categories)}");
                continue;
            }

            // The filters restrict class and code dimensions, whose labels come from their first level.
            var categories = dimension.Categories([[.. filter.Categories.Select(c => (c, (string?)null))]], Years.Whole(Years.First), context);
            var labels = filter.Categories.Select(c => categories.FirstOrDefault(k => k.Code == c)?.Label.In(language) ?? c);
            parts.Add($"{dimension.Label.In(language)}: {string.Join(", ", labels)}");
        }

        return string.Join("; ", parts);
    }

    /// <summary>What the numerator is divided by; per how many is the indicator's unit.</summary>
    public static string Denominator(IndicatorDenominator denominator, StatisticsContext context, string language) => denominator switch
    {
        CountDenominator share => Count(share.Count, context, language),
        PopulationDenominator population => Population(population).In(language),
        _ => "",
    };

    private static LocalizedText Population(PopulationDenominator population) => (population.MinAge, population.MaxAge) switch
    {
        (0, Hilmo.Statistics.Population.PopulationTable.OpenAge) => new("Alueen väestö 31.12.", "Områdets befolkning 31.12", "The area's population on 31 December"),
        (var from, Hilmo.Statistics.Population.PopulationTable.OpenAge) => new($"Alueen {from} vuotta täyttänyt väestö 31.12.", $"Områdets befolkning i åldern {from} år och äldre 31.12", $"The area's population aged {from} and over on 31 December"),
        var (from, to) => new($"Alueen {from}–{to}-vuotias väestö 31.12.", $"Områdets befolkning i åldern {from}–{to} år 31.12", $"The area's population aged {from}–{to} on 31 December"),
    };
}
