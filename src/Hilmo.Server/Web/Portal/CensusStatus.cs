using Hilmo.Notifications;
using Hilmo.Server.Web.Shared;
using Hilmo.Statistics;

namespace Hilmo.Server.Web.Portal;

/// <summary>
/// One care-period register's 28 February completeness for a provider's year: the periods open
/// at the end of 31 December (those reported late included), how many have that year's census by
/// the deadline, how many only after it, how many none, and whether every census came in time.
/// </summary>
/// <param name="Register">The register.</param>
/// <param name="Open">Periods open at year end.</param>
/// <param name="WithCensus">Of those, with the census by the deadline.</param>
/// <param name="LateCensus">Of those, with the census received only after the deadline.</param>
/// <param name="WithoutCensus">Of those, without it.</param>
/// <param name="Complete">1 complete by the deadline, 0 not; not applicable when no period was open.</param>
public sealed record CensusStatus(Register Register, ChartPoint Open, ChartPoint WithCensus, ChartPoint LateCensus, ChartPoint WithoutCensus, ChartPoint Complete)
{
    /// <summary>Some of the register's census came after the deadline.</summary>
    public bool HasLate => LateCensus.Value > 0;

    /// <summary>The status of Terveys-Hilmo and Sosiaalihilmo from a data-quality table by register.</summary>
    /// <param name="table">The provider's data-quality table of one whole year, by register.</param>
    /// <param name="language">The reader's language.</param>
    internal static IReadOnlyList<CensusStatus> Of(StatisticsTable table, string language) =>
        [.. new[] { Register.TerveysHilmo, Register.Sosiaalihilmo }.Select(r =>
        {
            var at = new Dictionary<string, string> { ["register"] = Registers.WireName(r) };
            return new CensusStatus(r, TableSlice.At(table, "open_at_year_end", language, at), TableSlice.At(table, "with_census", language, at),
                TableSlice.At(table, "late_census", language, at), TableSlice.At(table, "without_census", language, at), TableSlice.At(table, "complete", language, at));
        })];
}
