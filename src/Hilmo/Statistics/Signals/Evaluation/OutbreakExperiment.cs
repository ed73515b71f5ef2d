using Hilmo.Codes;
using Hilmo.Synthetic;

namespace Hilmo.Statistics.Signals.Evaluation;

/// <summary>
/// Synthetic data for measuring detection: consecutive years of AvoHILMO records from
/// <see cref="ServiceEventGenerator"/> with outbreaks injected, counted in memory into
/// <see cref="SyndromeDailyCounts"/> as the register counts its syndromes, never written out.
/// </summary>
public static class OutbreakExperiment
{
    /// <param name="codes">The code lists: the periods' codes, municipalities and counties.</param>
    /// <param name="identityCodes">Where the synthetic identity codes come from.</param>
    /// <param name="syndromes">The syndrome definitions the visits are counted by.</param>
    /// <param name="firstYear">The first year, complete by <paramref name="time"/>.</param>
    /// <param name="years">Consecutive years generated.</param>
    /// <param name="recordsPerYear">Records generated for each year; the counts grow with it.</param>
    /// <param name="seed">Seed of the first year; each later year takes the next seed, so years differ but a run repeats.</param>
    /// <param name="outbreaks">The outbreaks to inject; each year's generator applies those that fall in it.</param>
    /// <param name="time">The generators' clock; the system's by default.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option or outbreak is out of range; the message names it.</exception>
    public static SyndromeDailyCounts Generate(
        CodeServer codes, ISyntheticIdentityCodes identityCodes, SyndromeCatalogue syndromes,
        int firstYear, int years, long recordsPerYear, int seed, IReadOnlyList<InjectedOutbreak> outbreaks, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentOutOfRangeException.ThrowIfLessThan(years, 1);
        var regions = RegionCatalogue.From(codes);
        var first = new DateOnly(firstYear, 1, 1);
        var days = new DateOnly(firstYear + years, 1, 1).DayNumber - first.DayNumber;
        var counts = new SyndromeDailyCounts(first, days, [.. regions.Counties.Select(c => c.Code)], [.. syndromes.Syndromes.Select(s => s.Id)]);
        for (var y = 0; y < years; y++)
        {
            var generator = new ServiceEventGenerator(codes, identityCodes, new GeneratorOptions
            {
                Seed = seed + y,
                Year = firstYear + y,
                Outbreaks = [.. outbreaks],
            }, time);
            if (generator.LastDay != new DateOnly(firstYear + y, 12, 31))
            {
                throw new ArgumentOutOfRangeException(nameof(firstYear), firstYear + y, $"The year {firstYear + y} is not complete; the experiment needs whole years.");
            }

            counts.AddRecords(generator.Generate(recordsPerYear), syndromes, regions);
        }

        return counts;
    }
}
