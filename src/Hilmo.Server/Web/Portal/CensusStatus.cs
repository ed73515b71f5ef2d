using Hilmo.Notifications;
using Hilmo.Server.Web.Shared;
using Hilmo.Statistics;

namespace Hilmo.Server.Web.Portal;

/// <summary>
/// One care-period register's 28 February completeness for a provider's year: the periods open
/// at the end of 31 December, how many have that year's census by the deadline, and whether none lacks it.
/// </summary>
/// <param name="Register">The register.</param>
/// <param name="Open">Periods open at year end.</param>
/// <param name="WithCensus">Of those, with the census.</param>
/// <param name="WithoutCensus">Of those, without it.</param>
/// <param name="Complete">1 complete, 0 not; not applicable when no period was open.</param>
public sealed record CensusStatus(Register Register, ChartPoint Open, ChartPoint WithCensus, ChartPoint WithoutCensus, ChartPoint Complete)
{
    /// <summary>The status of Terveys-Hilmo and Sosiaalihilmo from a data-quality table by register.</summary>
    /// <param name="table">The provider's data-quality table of one whole year, by register.</param>
    /// <param name="language">The reader's language.</param>
    internal static IReadOnlyList<CensusStatus> Of(StatisticsTable table, string language) =>
        [.. new[] { Register.TerveysHilmo, Register.Sosiaalihilmo }.Select(r =>
        {
            var at = new Dictionary<string, string> { ["register"] = Registers.WireName(r) };
            return new CensusStatus(r, TableSlice.At(table, "open_at_year_end", language, at), TableSlice.At(table, "with_census", language, at),
                TableSlice.At(table, "without_census", language, at), TableSlice.At(table, "complete", language, at));
        })];
}
