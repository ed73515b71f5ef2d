namespace Hilmo.Server.Web.Shared;

/// <summary>The words a screen reader says for a chart: its range and extremes; the table beside it has every figure.</summary>
internal static class ChartText
{
    public static string Describe(WebPage page, IReadOnlyList<ChartPoint> points, string unit, int decimals)
    {
        var published = points.Where(p => p.Value is not null).ToList();
        if (published.Count == 0)
        {
            return page.T(Texts.NoFigures);
        }

        var highest = published.MaxBy(p => p.Value)!;
        var lowest = published.MinBy(p => p.Value)!;
        var withheld = points.Count - published.Count;
        var text = $"{page.T(Texts.Highest)} {highest.Label} {page.Figure(highest, decimals)} {unit}; {page.T(Texts.Lowest)} {lowest.Label} {page.Figure(lowest, decimals)} {unit}.";
        return withheld > 0 ? $"{text} {page.T(Texts.WithheldCount)}: {withheld}." : text;
    }
}
