namespace Hilmo.Statistics;

/// <summary>The dates a report covers, both included.</summary>
public readonly record struct ReportPeriod(DateOnly From, DateOnly To)
{
    /// <summary>Whether the period is whole calendar years, the only periods published to the public.</summary>
    public bool IsWholeYears => From.Month == 1 && From.Day == 1 && To.Month == 12 && To.Day == 31;

    public override string ToString() => $"{From:yyyy-MM-dd}–{To:yyyy-MM-dd}";
}
