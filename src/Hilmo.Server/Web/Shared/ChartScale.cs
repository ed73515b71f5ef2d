namespace Hilmo.Server.Web.Shared;

/// <summary>A value axis from zero to a round number at or above the largest figure, with a few round ticks.</summary>
internal readonly record struct ChartScale(double Max, IReadOnlyList<double> Ticks)
{
    public static ChartScale For(IEnumerable<double?> values, double? fixedMax = null)
    {
        var largest = fixedMax ?? values.Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(0).Max();
        if (largest <= 0)
        {
            largest = 1;
        }

        // A step of 1, 2 or 5 times a power of ten gives four or five ticks people can read at a glance.
        var rough = largest / 4;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(f => f * power).First(s => s >= rough);
        var max = Math.Ceiling(largest / step) * step;
        var ticks = new List<double>();
        for (var t = 0.0; t <= max + step / 2; t += step)
        {
            ticks.Add(t);
        }

        return new ChartScale(max, ticks);
    }

    /// <summary>The position of <paramref name="value"/> on an axis of <paramref name="length"/> units.</summary>
    public double Position(double value, double length) => Max <= 0 ? 0 : value / Max * length;
}
