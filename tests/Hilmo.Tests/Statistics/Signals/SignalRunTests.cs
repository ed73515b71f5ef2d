using Hilmo.Statistics.Signals;
using Hilmo.Statistics.Signals.Alerts;

namespace Hilmo.Tests.Statistics.Signals;

/// <summary>
/// The alerts of a run on series made by hand: a flat series gives none, an outbreak of five
/// times the usual count gives each method's alarm inside the outbreak and none outside it, at
/// both resolutions; a day not yet final is judged on its nowcast.
/// </summary>
public sealed class SignalRunTests
{
    private const int Usual = 12;
    private static readonly DateOnly First = new(2023, 1, 2);
    private static readonly DateTimeOffset AsOf = new(2026, 1, 10, 6, 0, 0, TimeSpan.Zero);

    /// <summary>Three years of days, so that Farrington has two years of baseline.</summary>
    private const int Days = 3 * 365;

    private static SyndromeSeries Series(int[] observed, double[]? completeness = null, double[]? nowcast = null) =>
        new("06", "ili", First, observed, completeness ?? [.. observed.Select(_ => 1.0)], nowcast ?? [.. observed.Select(o => (double)o)]);

    private static int[] Flat() => [.. Enumerable.Repeat(Usual, Days)];

    [Fact]
    public void A_flat_series_gives_no_alert_from_any_method()
    {
        var result = new SignalRun().Run([Series(Flat())], AsOf);
        Assert.Empty(result.Alerts);

        // Not for want of evaluating: every method had a threshold on the last day.
        foreach (var trace in new SignalRun().Evaluate(Series(Flat()), SignalResolution.Daily))
        {
            Assert.False(double.IsNaN(trace.Threshold[^1]), $"{trace.Method} has no threshold on the last day");
        }
    }

    [Fact]
    public void An_outbreak_is_alerted_by_every_method_inside_it_and_nowhere_else()
    {
        var observed = Flat();
        var start = Days - 40;
        const int length = 7;
        for (var d = start; d < start + length; d++)
        {
            observed[d] = 5 * Usual;
        }

        var result = new SignalRun().Run([Series(observed)], AsOf);
        var outbreakFrom = First.AddDays(start);
        var outbreakTo = First.AddDays(start + length - 1);
        foreach (var method in SignalCodes.Methods)
        {
            var daily = result.Alerts.Where(a => a.Method == method && a.Resolution == SignalResolution.Daily).ToList();
            Assert.NotEmpty(daily);
            // C3 sums the two previous periods' C2 statistics: by its definition it stays in alarm two periods after.
            // R's windowed GLR first evaluates a restarted chart a period after the restart, over both
            // periods: an outbreak going on after its first alarm is alarmed a period late.
            var after = method switch { SignalMethod.EarsC3 => 2, SignalMethod.Glr => 1, _ => 0 };
            Assert.All(daily, a => Assert.InRange(a.Period, outbreakFrom, outbreakTo.AddDays(after)));
            Assert.All(daily, a => Assert.True(a.Score > 1 || (method == SignalMethod.Glr && a.Score >= 1), $"{method} alarm with score {a.Score}"));

            var weekly = result.Alerts.Where(a => a.Method == method && a.Resolution == SignalResolution.Weekly).ToList();
            Assert.NotEmpty(weekly);
            Assert.All(weekly, a => Assert.Equal(DayOfWeek.Monday, a.Period.DayOfWeek));
            Assert.All(weekly, a => Assert.True(a.Period >= outbreakFrom.AddDays(-6) && a.Period <= outbreakTo.AddDays(7 * after), $"{method} week of {a.Period} observed {a.Observed} threshold {a.Threshold}"));
        }

        var farrington = result.Alerts.First(a => a.Method == SignalMethod.Farrington && a.Resolution == SignalResolution.Daily);
        Assert.Equal(5 * Usual, farrington.Observed);
        Assert.InRange(farrington.Expected!.Value, Usual - 0.5, Usual + 0.5);
        Assert.InRange(farrington.Threshold, Usual, 5 * Usual);
        Assert.Equal(AsOf, farrington.AsOf);
        Assert.Contains("b=2", farrington.Parameters, StringComparison.Ordinal);
        Assert.Contains("noPeriods=10", farrington.Parameters, StringComparison.Ordinal);
    }

    [Fact]
    public void A_recent_day_is_judged_on_its_nowcast_and_the_same_as_of_gives_the_same_alerts()
    {
        // The last two days have a quarter of their visits in: the registered count looks usual, the nowcast is five times it.
        var observed = Flat();
        var completeness = observed.Select(_ => 1.0).ToArray();
        var nowcast = observed.Select(o => (double)o).ToArray();
        for (var d = Days - 2; d < Days; d++)
        {
            completeness[d] = 0.25;
            nowcast[d] = 5 * Usual;
        }

        var run = new SignalRun();
        var result = run.Run([Series(observed, completeness, nowcast)], AsOf);
        var last = First.AddDays(Days - 1);
        var alert = Assert.Single(result.Alerts, a => a.Method == SignalMethod.EarsC1 && a.Resolution == SignalResolution.Daily && a.Period >= last.AddDays(-1));
        Assert.Equal(5 * Usual, alert.Observed);

        // Taken as final, the same registered counts raise nothing.
        Assert.Empty(new SignalRun(new SignalOptions { FinalCompleteness = 0.2 }).Run([Series(observed, completeness, nowcast)], AsOf).Alerts);
        Assert.Equal(result.Alerts, run.Run([Series(observed, completeness, nowcast)], AsOf).Alerts);
    }

    [Fact]
    public void Weeks_are_whole_iso_weeks_summed()
    {
        // 2023-01-04 is a Wednesday: the first whole week starts on Monday 2023-01-09.
        var series = new SyndromeSeries("06", "ili", new DateOnly(2023, 1, 4), [.. Enumerable.Range(1, 20)], [.. Enumerable.Repeat(1.0, 20)], [.. Enumerable.Range(1, 20).Select(i => (double)i)]);
        var (periods, counts) = new SignalRun().Counts(series, SignalResolution.Weekly);
        Assert.Equal([new DateOnly(2023, 1, 9), new DateOnly(2023, 1, 16)], periods);
        Assert.Equal([6 + 7 + 8 + 9 + 10 + 11 + 12, 13 + 14 + 15 + 16 + 17 + 18 + 19], counts);
    }
}
