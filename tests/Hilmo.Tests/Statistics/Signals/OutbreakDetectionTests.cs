using Hilmo.Identity;
using Hilmo.Statistics.Signals;
using Hilmo.Statistics.Signals.Evaluation;
using Hilmo.Synthetic;
using Hilmo.Testing;
using Hilmo.Tests.Synthetic;

namespace Hilmo.Tests.Statistics.Signals;

/// <summary>
/// Issue 20's acceptance on generated data: two years of synthetic visits with outbreaks of factor 3
/// and more injected in the second, in different counties, syndromes and seasons; Farrington
/// (Noufaily's options on the daily series) must find each within 7 days of its start and raise fewer
/// than one false alarm per county-syndrome-year.
/// </summary>
public sealed class OutbreakDetectionTests
{
    private static readonly string Shipped = Path.Combine(RepositoryFolders.Root, "data", "statistics");

    private static readonly InjectedOutbreak[] Outbreaks =
    [
        new("ili", "90", new DateOnly(2025, 1, 20), 14, 3),
        new("gastro", "08", new DateOnly(2025, 2, 3), 14, 3),
        new("lri", "05", new DateOnly(2025, 3, 10), 14, 3),
        new("gastro", "90", new DateOnly(2025, 6, 16), 14, 4),
        new("uri", "19", new DateOnly(2025, 10, 6), 14, 3),
    ];

    [Fact]
    public void Farrington_detects_every_injected_outbreak_of_factor_three_within_a_week_with_less_than_one_false_alarm_per_county_syndrome_year()
    {
        var catalogue = SyndromeCatalogue.Load(Shipped);
        var counts = OutbreakExperiment.Generate(SyntheticData.Codes, new SyntheticIdentityCodes(), catalogue,
            2024, 2, 600_000, seed: 1, Outbreaks, new ManualTimeProvider(SyntheticData.Now));

        // The outbreaks are in the data: each window holds well over twice the visits of the same days a year before.
        foreach (var outbreak in Outbreaks)
        {
            var series = counts.Series(counts.CountyIndex(outbreak.County)!.Value, counts.SyndromeIndex(outbreak.Syndrome)!.Value);
            var start = outbreak.Start.DayNumber - counts.First.DayNumber;
            var during = Sum(series.Slice(start, outbreak.Days));
            var yearBefore = Sum(series.Slice(start - 364, outbreak.Days));
            Assert.True(during > 2 * yearBefore && yearBefore > 0, $"{outbreak}: {during} visits, {yearBefore} the year before");
        }

        var farrington = Assert.Single(DetectionEvaluation.Evaluate(counts, Outbreaks, [new FarringtonDetector(DailyDetector.DailyFarrington)]));
        Assert.Equal(Outbreaks.Length, farrington.Outbreaks);
        foreach (var (outbreak, days) in farrington.DaysToDetection)
        {
            Assert.True(days is <= 7, $"{outbreak}: Farrington's first alarm came {days?.ToString() ?? "never"} days after the start");
        }

        Assert.True(farrington.SeriesYears > 100, $"only {farrington.SeriesYears:F0} county-syndrome-years were monitored");
        Assert.True(farrington.FalseAlarmsPerSeriesYear < 1,
            $"{farrington.FalseAlarmEpisodes} false alarms ({farrington.FalseAlarmDays} days) in {farrington.SeriesYears:F0} county-syndrome-years");
    }

    [Fact]
    public void Alarms_inside_and_outside_the_outbreaks_are_scored_as_such()
    {
        // A series of 10 a day with an outbreak on days 20–24 and a method that alarms on days 22, 23 and 40, 41, 50.
        var counts = new SyndromeDailyCounts(new DateOnly(2025, 1, 1), 100, ["08"], ["gastro"]);
        var outbreak = new InjectedOutbreak("gastro", "08", new DateOnly(2025, 1, 21), 5, 3);
        var result = Assert.Single(DetectionEvaluation.Evaluate(counts, [outbreak, outbreak with { County = "05" }], [new FixedAlarms([22, 23, 40, 41, 50])]));
        Assert.Equal(1, result.Outbreaks);
        Assert.Equal(1, result.Detected);
        Assert.Equal(2, Assert.Single(result.DaysToDetection).DaysToDetection);
        Assert.Equal(2, result.FalseAlarmEpisodes);
        Assert.Equal(3, result.FalseAlarmDays);
        Assert.Equal(2.0, result.MedianDaysToDetection);
        Assert.Equal((100 - 10 - 5) / 365.25, result.SeriesYears, 12);
    }

    private static int Sum(ReadOnlySpan<int> values)
    {
        var sum = 0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum;
    }

    /// <summary>A method that alarms on the days it is given, from day 10: to check the scoring alone.</summary>
    private sealed class FixedAlarms(int[] days) : DailyDetector
    {
        public override string Name => "fixed";

        public override int FirstDetectableDay => 10;

        public override void Detect(ReadOnlySpan<int> observed, Span<bool> alarm)
        {
            alarm.Clear();
            foreach (var d in days)
            {
                alarm[d] = true;
            }
        }
    }
}
