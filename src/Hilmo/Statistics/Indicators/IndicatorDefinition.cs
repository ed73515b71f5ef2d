namespace Hilmo.Statistics.Indicators;

/// <summary>
/// A count one of the register's reports computes, of the facts each filter keeps (a dimension
/// not filtered is not restricted): the report's SQL runs with the filters as its conditions, so
/// a count is a figure of its own and never a sum the program forms. A count of distinct clients
/// is a count of people, so that one person in two kept categories is one client, as the report's
/// SQL counts them.
/// </summary>
/// <param name="Report">The report (<c>visits</c>, <c>access-to-care</c>, ...).</param>
/// <param name="Measure">The report's measure code: an additive or a distinct count.</param>
/// <param name="Filters">Dimension code and the category codes it keeps.</param>
public sealed record IndicatorCount(string Report, string Measure, params IReadOnlyList<IndicatorFilter> Filters)
{
    /// <summary>Names the count by what it counts, the same for every indicator that uses it: a release protects it once.</summary>
    public string Key => $"{Report}:{Measure}" + string.Concat(Filters.OrderBy(f => f.Dimension, StringComparer.Ordinal)
        .Select(f => $"|{f.Dimension}={string.Join("+", f.Categories.Order(StringComparer.Ordinal))}"));

    /// <summary>The filters as the report request takes them.</summary>
    internal IReadOnlyList<ReportFilter> ReportFilters => [.. Filters.Select(f => new ReportFilter(f.Dimension, f.Categories))];
}

/// <summary>Keeps the categories <paramref name="Categories"/> of dimension <paramref name="Dimension"/>.</summary>
public sealed record IndicatorFilter(string Dimension, params IReadOnlyList<string> Categories);

/// <summary>What an indicator's numerator is divided by.</summary>
public abstract record IndicatorDenominator(double Scale);

/// <summary>
/// The population at 31 December of the year, of the region and sex, aged <paramref name="MinAge"/>
/// to <paramref name="MaxAge"/>; the value is per <paramref name="Scale"/> persons.
/// </summary>
public sealed record PopulationDenominator(int MinAge = 0, int MaxAge = Population.PopulationTable.OpenAge, double Scale = 1000) : IndicatorDenominator(Scale);

/// <summary>
/// Another count of the same report: a percentage of which the numerator is a part (scale 100),
/// or a ratio such as care days per discharge (scale 1).
/// </summary>
public sealed record CountDenominator(IndicatorCount Count, double Scale = 100) : IndicatorDenominator(Scale);

/// <summary>
/// An indicator in the manner of THL's Sotkanet and KUVA indicators: a number per region, year
/// and sex, with the metadata Sotkanet publishes (title, definition, interpretation, source,
/// unit, decimals, classifications). Adding one is a declaration in <see cref="IndicatorCatalogue"/>.
/// </summary>
/// <param name="Id">A stable number, as Sotkanet identifies its indicators (the register's own numbers, not Sotkanet's).</param>
/// <param name="Code">A stable short name.</param>
/// <param name="Title">Title.</param>
/// <param name="Description">Definition: what is counted and divided by what.</param>
/// <param name="Numerator">The count divided.</param>
/// <param name="Denominator">What it is divided by.</param>
/// <param name="Unit">Unit of the value ("per 1 000 inhabitants", "%").</param>
/// <param name="Decimals">Decimals the value is rounded to.</param>
/// <param name="Source">Who publishes the data.</param>
/// <param name="Interpretation">How to read the value, and its limits.</param>
public sealed record IndicatorDefinition(
    int Id,
    string Code,
    LocalizedText Title,
    LocalizedText Description,
    IndicatorCount Numerator,
    IndicatorDenominator Denominator,
    LocalizedText Unit,
    int Decimals,
    LocalizedText Source,
    LocalizedText Interpretation)
{
    /// <summary>
    /// The classifications the indicator uses: region (municipality within its wellbeing services
    /// county), sex and age group, by which every value is given, and the report dimensions its
    /// counts are restricted by.
    /// </summary>
    public IReadOnlyList<string> Classifications =>
    [
        .. IndicatorCounts.Breakdown,
        .. Numerator.Filters.Select(f => f.Dimension)
            .Concat(Denominator is CountDenominator c ? c.Count.Filters.Select(f => f.Dimension) : [])
            .Distinct(StringComparer.Ordinal),
    ];

    /// <summary>The counts the indicator divides: its numerator and, for a share, its denominator.</summary>
    public IReadOnlyList<IndicatorCount> Counts => Denominator is CountDenominator share ? [Numerator, share.Count] : [Numerator];
}
