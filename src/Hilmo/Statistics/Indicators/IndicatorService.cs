using Hilmo.Notifications;
using Hilmo.Statistics.Dimensions;

namespace Hilmo.Statistics.Indicators;

/// <summary>Where a value is: the whole country, a wellbeing services county or a municipality.</summary>
public enum IndicatorRegionKind
{
    Country,
    County,
    Municipality,
}

/// <summary>The sex a value is of; <see cref="Total"/> counts everyone, the unknown sex included.</summary>
public enum IndicatorGender
{
    Total,
    Male,
    Female,
}

/// <summary>
/// One value of an indicator: for a region, year, sex and age group (<c>SSS</c> all ages; the
/// public's values are of all ages only, see <see cref="IndicatorCounts.PublishedBreakdown"/>), the
/// value and the numerator count it comes from (Sotkanet's <c>absolute value</c>); both null and
/// <paramref name="Withheld"/> when disclosure control withholds a count it is computed from; the
/// value alone null when the denominator is zero or unknown (no population for the year).
/// </summary>
public sealed record IndicatorValue(IndicatorRegionKind RegionKind, string Region, int Year, IndicatorGender Gender, string AgeGroup, double? Value, double? AbsoluteValue, bool Withheld);

/// <summary>
/// Computes indicators. Each count is a report's table by municipality (with its county and the
/// country), sex and age group, computed with the report's own SQL on either engine, with the
/// count's filters as its conditions; a rate's denominator is the population at 31 December.
/// For the public, the counts are those of the release that publishes the year, protected as
/// tables of the report's publication (<see cref="Publishing.PublishedTables"/>): a value
/// whose count is withheld is withheld, and no value is derived from a withheld count.
/// </summary>
public sealed class IndicatorService(StatisticsService statistics)
{
    /// <summary>The indicator's values for the year: every region, sex and age group.</summary>
    /// <exception cref="NotPublishedException">A public request for a year no release publishes.</exception>
    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorDefinition indicator, int year, ReportAudience audience, CancellationToken cancellationToken = default) =>
        (await ComputeDatedAsync(indicator, year, audience, cancellationToken).ConfigureAwait(false)).Values;

    /// <summary>The indicator's values for the year, and the latest receipt time of the data they count (an answer's Last-Modified).</summary>
    /// <exception cref="NotPublishedException">A public request for a year no release publishes.</exception>
    public async Task<(IReadOnlyList<IndicatorValue> Values, DateTimeOffset Updated)> ComputeDatedAsync(IndicatorDefinition indicator, int year, ReportAudience audience, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var tables = new List<StatisticsTable>();
        foreach (var count in indicator.Counts)
        {
            tables.Add(await CountAsync(count, year, audience, cancellationToken).ConfigureAwait(false));
        }

        return (Values(indicator, tables[0], tables.Count > 1 ? tables[1] : null, year), tables.Max(t => t.Metadata.Updated));
    }

    /// <summary>The years the public can read of the indicator: those its report publishes (see <see cref="StatisticsService.PublishedYearsAsync"/>).</summary>
    public Task<IReadOnlyList<int>> PublishedYearsAsync(IndicatorDefinition indicator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return statistics.PublishedYearsAsync(IndicatorCounts.ReportOf(indicator.Numerator), cancellationToken);
    }

    /// <summary>
    /// A count's table: for the public the release's protected one; for the entitled and the
    /// authority, the figures as they are, over everything received.
    /// </summary>
    /// <exception cref="NotPublishedException">A public request for a year no release publishes.</exception>
    public async Task<StatisticsTable> CountAsync(IndicatorCount count, int year, ReportAudience audience, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(count);
        if (audience == ReportAudience.Public)
        {
            return await statistics.PublishedCountAsync(count, year, cancellationToken).ConfigureAwait(false);
        }

        var report = IndicatorCounts.ReportOf(count);
        var request = IndicatorCounts.Request(count, IndicatorCounts.Breakdown, year, null, null, audience);
        return IndicatorCounts.Project(await statistics.ComputeAsync(report, request, limitSize: false, cancellationToken).ConfigureAwait(false), IndicatorCounts.Breakdown.Count, count);
    }

    private List<IndicatorValue> Values(IndicatorDefinition indicator, StatisticsTable numerators, StatisticsTable? denominators, int year)
    {
        var population = statistics.Context.Population;
        var municipalities = statistics.Context.Regions.Municipalities;
        var values = new List<IndicatorValue>();
        var ageGroups = AgeGroups(indicator.Denominator as PopulationDenominator, byAge: numerators.Dimensions.Count > 2);
        // A count published by county (a vaccine's coverage) has no municipality: those values are withheld.
        var byCounty = numerators.Dimensions[0].Code == DimensionCatalogue.County.Code;
        foreach (var (kind, code) in Regions())
        {
            var region = kind == IndicatorRegionKind.County && code == ReportDimension.UnknownCode && !byCounty ? NestedCodeDimension.UnknownGroupCode : code;
            var notPublished = byCounty && kind == IndicatorRegionKind.Municipality;
            foreach (var gender in Enum.GetValues<IndicatorGender>())
            {
                var sex = gender switch { IndicatorGender.Male => "1", IndicatorGender.Female => "2", _ => ReportDimension.TotalCode };
                foreach (var (ageGroup, fromAge, toAge) in ageGroups)
                {
                    // Each table has the categories its own facts fell into: found by code, and
                    // a region, sex or age group it has none for had no facts, a count of zero.
                    var cell = CellOf(numerators, region, sex, ageGroup);
                    var denominatorCell = denominators is null ? null : CellOf(denominators, region, sex, ageGroup);
                    var withheld = notPublished || (cell is { } c && IsWithheld(numerators, c)) || (denominatorCell is { } dc && IsWithheld(denominators!, dc));
                    var numerator = cell is { } n ? numerators.Value(n, 0) ?? 0 : 0;
                    double? denominator = indicator.Denominator switch
                    {
                        CountDenominator => denominatorCell is { } d ? denominators!.Value(d, 0) ?? 0 : 0,
                        PopulationDenominator when population.Has(year) => population.Count(year,
                            kind switch
                            {
                                IndicatorRegionKind.Country => null,
                                IndicatorRegionKind.County => municipalities.Where(m => m.Value.County == code).Select(m => m.Key),
                                _ => [code],
                            },
                            gender switch { IndicatorGender.Male => Sex.Male, IndicatorGender.Female => Sex.Female, _ => null },
                            fromAge, toAge),
                        _ => null,
                    };
                    var value = !withheld && denominator is > 0
                        ? Math.Round(numerator / denominator.Value * indicator.Denominator.Scale, indicator.Decimals, MidpointRounding.AwayFromZero)
                        : (double?)null;
                    values.Add(new IndicatorValue(kind, code, year, gender, ageGroup, value, withheld ? null : numerator, withheld));
                }
            }
        }

        return values;

        // The country, every county and municipality of the code lists; the unknown county is no region.
        IEnumerable<(IndicatorRegionKind Kind, string Code)> Regions()
        {
            yield return (IndicatorRegionKind.Country, ReportDimension.TotalCode);
            foreach (var (code, _) in statistics.Context.Regions.Counties)
            {
                yield return (IndicatorRegionKind.County, code);
            }

            foreach (var code in municipalities.Keys.Order(StringComparer.Ordinal))
            {
                yield return (IndicatorRegionKind.Municipality, code);
            }
        }
    }

    /// <summary>
    /// The age groups a value is given for, with the ages of their population: all ages first,
    /// then (when the counts are by age) the report's groups; for a rate of some ages only, those
    /// ages and the groups within them.
    /// Unknown ages count in all ages only: no population is of an unknown age.
    /// </summary>
    private static List<(string Code, int From, int To)> AgeGroups(PopulationDenominator? population, bool byAge)
    {
        var (from, to) = population is null ? (0, Population.PopulationTable.OpenAge) : (population.MinAge, population.MaxAge);
        var groups = new List<(string, int, int)> { (ReportDimension.TotalCode, from, to) };
        if (!byAge)
        {
            return groups;
        }

        groups.AddRange(DimensionCatalogue.AgeGroupBounds
            .Select(g => (g.Code, g.From, g.To ?? Population.PopulationTable.OpenAge))
            .Where(g => g.From >= from && g.Item3 <= to));
        return groups;
    }

    private static int? CellOf(StatisticsTable table, string region, string sex, string ageGroup)
    {
        Span<int> at = [table.Dimensions[0].IndexOf(region), table.Dimensions[1].IndexOf(sex), table.Dimensions.Count > 2 ? table.Dimensions[2].IndexOf(ageGroup) : 0];
        return at[0] >= 0 && at[1] >= 0 && at[2] >= 0 ? table.CellOf(at[..table.Dimensions.Count]) : null;
    }

    private static bool IsWithheld(StatisticsTable table, int cell) =>
        table.Status(cell, 0) is CellStatus.PrimarySuppressed or CellStatus.SecondarySuppressed;
}
