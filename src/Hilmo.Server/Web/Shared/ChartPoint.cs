using Hilmo.Statistics;

namespace Hilmo.Server.Web.Shared;

/// <summary>One figure of a chart: its category, the value when published, and why not when not.</summary>
/// <param name="Code">The category's code (<c>2025-03</c>, a county's code).</param>
/// <param name="Label">The category as the reader reads it.</param>
/// <param name="Value">The figure; null when withheld or not applicable, which the chart draws as a gap.</param>
/// <param name="Status">Published, withheld or not applicable.</param>
public sealed record ChartPoint(string Code, string Label, double? Value, CellStatus Status);

/// <summary>A named line of a chart.</summary>
/// <param name="Name">The series' name, shown in the legend.</param>
/// <param name="Points">The figures, in category order.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points);
