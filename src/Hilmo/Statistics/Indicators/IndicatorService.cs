using Hilmo.Notifications;
using Hilmo.Statistics.Dimensions;
using Hilmo.Statistics.Disclosure;
using Hilmo.Statistics.Reports;

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
/// One value of an indicator: for a region, year and sex, the value and the numerator count it
/// comes from (Sotkanet's <c>absValue</c>); both null and <paramref name="Withheld"/> when
/// disclosure control withholds the count; the value alone null when the denominator is zero or unknown.
/// </summary>
public sealed record IndicatorValue(IndicatorRegionKind RegionKind, string Region, int Year, IndicatorGender Gender, double? Value, double? AbsValue, bool Withheld);

/// <summary>
/// Computes indicators: the numerator (and a share's denominator) is a report's table by
/// municipality (with its county) and sex, computed by <see cref="StatisticsService"/> with the
/// report's own SQL on either engine; a rate's denominator is the population at 31 December.
/// For the public, the counts are those of the release that publishes the year, and the table of
/// counts the values come from is protected by <see cref="DisclosureControl"/> with the
/// publication's rules before any value is derived: a value whose count is withheld is withheld.
/// </summary>
public sealed class IndicatorService(StatisticsService statistics)
{
    /// <exception cref="NotPublishedException">A public request for a year no release publishes.</exception>
    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorDefinition indicator, int year, ReportAudience audience, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var report = ReportCatalogue.Find(indicator.Numerator.Report)
            ?? throw new InvalidOperationException($"Indicator {indicator.Id} counts report '{indicator.Numerator.Report}', which does not exist.");
        var share = indicator.Denominator as CountDenominator;
        var counts = share is null ? [indicator.Numerator] : new[] { indicator.Numerator, share.Count };
        var fixedCodes = report.FixedDimensions.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        var by = new List<string> { DimensionCatalogue.Municipality.Code, DimensionCatalogue.Sex.Code };
        by.AddRange(indicator.Classifications.Where(c => !fixedCodes.Contains(c)));

        DateTimeOffset? asOf = null;
        string? release = null;
        if (audience == ReportAudience.Public)
        {
            var published = await statistics.PublishingReleaseAsync(year, cancellationToken).ConfigureAwait(false);
            (asOf, release) = (published.AsOf, published.Release.Name);
        }

        var request = new ReportRequest(report.Name, new ReportPeriod(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)), by, asOf, release, Audience: audience)
        {
            AnsweredAt = asOf ?? DateTimeOffset.UtcNow,
        };
        var table = await statistics.ComputeAsync(report, request, limitSize: false, cancellationToken).ConfigureAwait(false);
        var counted = CountTable(table, counts);
        if (audience == ReportAudience.Public)
        {
            Protect(counted);
        }

        return Values(indicator, counted, year);
    }

    /// <summary>
    /// The counts by municipality and sex, each summed over the categories its filters keep: a table
    /// whose margins are still the sums of its cells, as disclosure control needs.
    /// </summary>
    private static StatisticsTable CountTable(StatisticsTable table, IReadOnlyList<IndicatorCount> counts)
    {
        var measures = counts.Select(c => table.Measures.FirstOrDefault(m => m.Code == c.Measure)
            ?? throw new InvalidOperationException($"Report {table.Metadata.Report} has no measure '{c.Measure}'.")).ToList();
        var result = new StatisticsTable(table.Metadata, [table.Dimensions[0], table.Dimensions[1]], measures);
        var sums = new double[result.CellCount, counts.Count];
        var measureAt = measures.Select(m => table.Measures.ToList().IndexOf(m)).ToList();
        var keeps = counts.Select(c => Enumerable.Range(2, table.Dimensions.Count - 2).Select(d =>
        {
            var filter = c.Filters.FirstOrDefault(f => f.Dimension == table.Dimensions[d].Code);
            return filter is null ? [ReportDimension.TotalCode] : filter.Categories.ToHashSet(StringComparer.Ordinal);
        }).ToList()).ToList();
        Span<int> at = stackalloc int[2];
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            at[0] = table.CategoryOf(cell, 0);
            at[1] = table.CategoryOf(cell, 1);
            var target = result.CellOf(at);
            for (var c = 0; c < counts.Count; c++)
            {
                var kept = true;
                for (var d = 2; d < table.Dimensions.Count && kept; d++)
                {
                    kept = keeps[c][d - 2].Contains(table.Dimensions[d].Categories[table.CategoryOf(cell, d)].Code);
                }

                if (kept)
                {
                    sums[target, c] += table.Value(cell, measureAt[c]) ?? 0;
                }
            }
        }

        for (var cell = 0; cell < result.CellCount; cell++)
        {
            for (var c = 0; c < counts.Count; c++)
            {
                result.SetValue(cell, c, sums[cell, c]);
            }
        }

        return result;
    }

    /// <summary>The publication's protection of the counts: small ones withheld, and enough others that none can be worked out from the margins.</summary>
    private void Protect(StatisticsTable counted)
    {
        try
        {
            DisclosureControl.Apply(counted, statistics.Rules);
        }
        catch (UnprotectableCellException)
        {
            // Too scattered to protect: nothing of it is published, as a report's table would not be.
            for (var cell = 0; cell < counted.CellCount; cell++)
            {
                for (var m = 0; m < counted.Measures.Count; m++)
                {
                    counted.Suppress(cell, m, CellStatus.SecondarySuppressed);
                }
            }
        }
    }

    private List<IndicatorValue> Values(IndicatorDefinition indicator, StatisticsTable counted, int year)
    {
        var regions = counted.Dimensions[0];
        var sexes = counted.Dimensions[1];
        var population = statistics.Context.Population;
        var municipalities = statistics.Context.Regions.Municipalities;
        var values = new List<IndicatorValue>();
        var seen = new HashSet<(IndicatorRegionKind, string)>();
        foreach (var (kind, code, position) in Regions())
        {
            seen.Add((kind, code));
            foreach (var gender in Enum.GetValues<IndicatorGender>())
            {
                var sexAt = sexes.IndexOf(gender switch { IndicatorGender.Male => "1", IndicatorGender.Female => "2", _ => ReportDimension.TotalCode });
                int? cell = position is { } p && sexAt >= 0 ? counted.CellOf([p, sexAt]) : null;
                var withheld = cell is { } c && counted.Status(c, 0) is CellStatus.PrimarySuppressed or CellStatus.SecondarySuppressed;
                var numerator = cell is { } n ? counted.Value(n, 0) ?? 0 : 0;
                double? denominator = indicator.Denominator switch
                {
                    CountDenominator => cell is { } d ? counted.Value(d, 1) ?? 0 : 0,
                    PopulationDenominator pop when population.Has(year) => population.Count(year,
                        kind switch
                        {
                            IndicatorRegionKind.Country => null,
                            IndicatorRegionKind.County => municipalities.Where(m => m.Value.County == code).Select(m => m.Key),
                            _ => [code],
                        },
                        gender switch { IndicatorGender.Male => Sex.Male, IndicatorGender.Female => Sex.Female, _ => null },
                        pop.MinAge, pop.MaxAge),
                    _ => null,
                };
                var value = !withheld && denominator is > 0 ? Math.Round(numerator / denominator.Value * indicator.Denominator.Scale, indicator.Decimals, MidpointRounding.AwayFromZero) : (double?)null;
                values.Add(new IndicatorValue(kind, code, year, gender, value, withheld ? null : numerator, withheld));
            }
        }

        return values;

        // The table's regions, known ones only, then every county and municipality of the catalogue it lacks (none of their events: zero).
        IEnumerable<(IndicatorRegionKind Kind, string Code, int? Position)> Regions()
        {
            for (var i = 0; i < regions.Categories.Count; i++)
            {
                var category = regions.Categories[i];
                if (category.Code == ReportDimension.TotalCode)
                {
                    yield return (IndicatorRegionKind.Country, category.Code, i);
                }
                else if (category.Parent == ReportDimension.TotalCode && statistics.Context.Regions.Counties.Any(c => c.Code == category.Code))
                {
                    yield return (IndicatorRegionKind.County, category.Code, i);
                }
                else if (category.Parent != ReportDimension.TotalCode && municipalities.ContainsKey(category.Code))
                {
                    yield return (IndicatorRegionKind.Municipality, category.Code, i);
                }
            }

            if (regions.IndexOf(ReportDimension.TotalCode) < 0)
            {
                yield return (IndicatorRegionKind.Country, ReportDimension.TotalCode, null);
            }

            foreach (var (code, _) in statistics.Context.Regions.Counties.Where(c => !seen.Contains((IndicatorRegionKind.County, c.Code))))
            {
                yield return (IndicatorRegionKind.County, code, null);
            }

            foreach (var code in municipalities.Keys.Where(m => !seen.Contains((IndicatorRegionKind.Municipality, m))).Order(StringComparer.Ordinal))
            {
                yield return (IndicatorRegionKind.Municipality, code, null);
            }
        }
    }
}
