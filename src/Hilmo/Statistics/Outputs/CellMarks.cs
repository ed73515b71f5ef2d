namespace Hilmo.Statistics.Outputs;

/// <summary>
/// What a reader sees in place of a figure that is not published: the marks of Statistics
/// Finland and the PX format. Primary and secondary suppression share one mark, since telling
/// them apart would point at the small cells.
/// </summary>
public static class CellMarks
{
    /// <summary>A suppressed figure, whichever kind of suppression.</summary>
    public const string Suppressed = "..";

    /// <summary>A figure that does not exist.</summary>
    public const string NotApplicable = ".";

    /// <summary>The mark for <paramref name="status"/>, or null for a published figure.</summary>
    public static string? Of(CellStatus status) => status switch
    {
        CellStatus.Published => null,
        CellStatus.NotApplicable => NotApplicable,
        CellStatus.PrimarySuppressed or CellStatus.SecondarySuppressed => Suppressed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
