namespace Hilmo.Statistics.Outputs;

/// <summary>One measure of one cell as the formats print it: a rounded figure, or the mark that stands in for it.</summary>
/// <param name="Status">Whether the figure is published.</param>
/// <param name="Value">The figure rounded to the measure's decimals; 0 when not published.</param>
internal readonly record struct PublishedEntry(CellStatus Status, double Value)
{
    public bool IsPublished => Status == CellStatus.Published;

    /// <summary><c>..</c> or <c>.</c>, or null for a published figure.</summary>
    public string? Mark => CellMarks.Of(Status);
}
