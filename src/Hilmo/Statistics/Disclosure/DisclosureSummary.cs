namespace Hilmo.Statistics.Disclosure;

/// <summary>How many cells disclosure control withheld, for the report's log and its notes.</summary>
/// <param name="PrimaryCells">Cells withheld because they are sensitive themselves: a small count, or a group disclosure.</param>
/// <param name="SecondaryCells">Cells withheld only so that the primary ones cannot be worked out from the sums.</param>
public sealed record DisclosureSummary(int PrimaryCells, int SecondaryCells);
