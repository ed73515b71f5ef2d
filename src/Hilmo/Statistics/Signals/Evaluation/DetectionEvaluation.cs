using System.Diagnostics;
using Hilmo.Statistics.Signals.Detection;
using Hilmo.Synthetic;

namespace Hilmo.Statistics.Signals.Evaluation;

/// <summary>A detection method as the evaluation runs it: alarms for every day of one daily series.</summary>
public abstract class DailyDetector
{
    public abstract string Name { get; }

    /// <summary>The first day (0-based) the method can raise an alarm on, given its baseline.</summary>
    public abstract int FirstDetectableDay { get; }

    /// <summary>Fills <paramref name="alarm"/> for every day of <paramref name="observed"/>; days before <see cref="FirstDetectableDay"/> get none.</summary>
    public abstract void Detect(ReadOnlySpan<int> observed, Span<bool> alarm);

    /// <summary>
    /// The methods of issue 20 with their daily settings:
    /// <list type="bullet">
    /// <item>EARS C1, C2, C3 with R's defaults (baseline 7 days, α 0.001 for C1/C2 and 0.025 for C3).</item>
    /// <item>
    /// Farrington with Noufaily et al.'s (2013) options (<see cref="FarringtonOptions.Noufaily"/>: 10-level
    /// seasonal factor, downweighting above Anscombe residual 2.58, negative binomial plug-in threshold,
    /// the most recent 26 periods left out of the baseline) on the daily series, with frequency 364 so
    /// that the day a year back is the same weekday, b = 1 year back (two years of data leave one to
    /// fit), w = 3 days either side, and α = 0.005: with a period a day, R's default α = 0.05 would give
    /// some 18 alarm days a year in every series. The "5 in 4" rule reads 5 visits in 4 days.
    /// </item>
    /// <item>
    /// GLR negative binomial (c.ARL 5, changes within the last 28 days) with an in-control mean fitted on
    /// the first year: for day t, the mean of the first year's counts within 14 days of t's day of the
    /// year, times the first year's ratio of t's weekday; the dispersion α by the method of moments on
    /// the first year. It runs from the second year on.
    /// </item>
    /// </list>
    /// </summary>
    public static IReadOnlyList<DailyDetector> Standard() =>
    [
        new EarsDetector(new EarsOptions { Method = EarsMethod.C1 }),
        new EarsDetector(new EarsOptions { Method = EarsMethod.C2 }),
        new EarsDetector(new EarsOptions { Method = EarsMethod.C3 }),
        new FarringtonDetector(DailyFarrington),
        new GlrDetector(),
    ];

    /// <summary>Noufaily's Farrington on daily series, as <see cref="Standard"/> explains.</summary>
    public static FarringtonOptions DailyFarrington { get; } = FarringtonOptions.Noufaily(364) with { B = 1, W = 3, Alpha = 0.005 };
}

internal sealed class EarsDetector(EarsOptions options) : DailyDetector
{
    private double[] threshold = [];

    public override string Name => $"EARS {options.Method}";

    public override int FirstDetectableDay => options.FirstDetectablePeriod;

    public override void Detect(ReadOnlySpan<int> observed, Span<bool> alarm)
    {
        if (threshold.Length != observed.Length)
        {
            threshold = new double[observed.Length];
        }

        EarsC.Detect(observed, options, threshold, alarm);
    }
}

internal sealed class FarringtonDetector(FarringtonOptions options) : DailyDetector
{
    private readonly FarringtonFlexible farrington = new(options);
    private double[] expected = [];
    private double[] threshold = [];

    public override string Name => "Farrington (Noufaily)";

    public override int FirstDetectableDay => options.FirstDetectablePeriod;

    public override void Detect(ReadOnlySpan<int> observed, Span<bool> alarm)
    {
        if (expected.Length != observed.Length)
        {
            expected = new double[observed.Length];
            threshold = new double[observed.Length];
        }

        farrington.Detect(observed, expected, threshold, alarm);
    }
}

internal sealed class GlrDetector : DailyDetector
{
    private const int BaselineDays = 364;
    private const int SeasonHalfWidth = 14;

    private double[] mu0 = [];
    private double[] statistic = [];
    private bool[] tail = [];

    public override string Name => "GLR negative binomial";

    public override int FirstDetectableDay => BaselineDays;

    public override void Detect(ReadOnlySpan<int> observed, Span<bool> alarm)
    {
        alarm.Clear();
        if (observed.Length <= BaselineDays)
        {
            return;
        }

        var monitored = observed.Length - BaselineDays;
        if (mu0.Length != monitored)
        {
            mu0 = new double[monitored];
            statistic = new double[monitored];
            tail = new bool[monitored];
        }

        var year = observed[..BaselineDays];
        var total = 0.0;
        Span<double> weekdaySum = stackalloc double[7];
        Span<int> weekdayDays = stackalloc int[7];
        for (var d = 0; d < BaselineDays; d++)
        {
            total += year[d];
            weekdaySum[d % 7] += year[d];
            weekdayDays[d % 7]++;
        }

        var mean = Math.Max(total / BaselineDays, 1e-3);
        Span<double> weekdayRatio = stackalloc double[7];
        for (var w = 0; w < 7; w++)
        {
            weekdayRatio[w] = Math.Max(weekdaySum[w] / weekdayDays[w] / mean, 0.05);
        }

        // The in-control mean of a day of the first year, from its season and weekday.
        static double Fitted(ReadOnlySpan<int> year, ReadOnlySpan<double> weekdayRatio, int d)
        {
            var from = Math.Max(0, d - SeasonHalfWidth);
            var to = Math.Min(BaselineDays - 1, d + SeasonHalfWidth);
            var sum = 0.0;
            for (var i = from; i <= to; i++)
            {
                sum += year[i];
            }

            // The window's own weekday mix is averaged out; 0.05 keeps a quiet syndrome's mean positive.
            return Math.Max(sum / (to - from + 1) * weekdayRatio[d % 7], 0.05);
        }

        double excess = 0, squares = 0;
        for (var d = 0; d < BaselineDays; d++)
        {
            var mu = Fitted(year, weekdayRatio, d);
            var r = year[d] - mu;
            excess += (r * r) - mu;
            squares += mu * mu;
        }

        var dispersion = Math.Max(excess / squares, 0);
        for (var t = 0; t < monitored; t++)
        {
            // Each later day takes the first year's day with the same place in the 364-day (52-week) cycle.
            mu0[t] = Fitted(year, weekdayRatio, (BaselineDays + t) % BaselineDays);
        }

        GlrNegativeBinomial.Detect(observed[BaselineDays..], mu0, new GlrNegativeBinomialOptions { Alpha = dispersion, CArl = 5, M = 28 }, statistic, tail);
        tail.CopyTo(alarm[BaselineDays..]);
    }
}

/// <summary>How well one method found the injected outbreaks.</summary>
/// <param name="Method">The method's name.</param>
/// <param name="Outbreaks">Outbreaks the method could see: in the counted series, starting on or after its first detectable day.</param>
/// <param name="Detected">Of those, outbreaks with an alarm on some day of the outbreak.</param>
/// <param name="DaysToDetection">For each outbreak the method could see, days from its start to the first alarm in it; null when none.</param>
/// <param name="FalseAlarmEpisodes">Runs of consecutive alarm days outside every outbreak of the series, each counted once.</param>
/// <param name="FalseAlarmDays">Alarm days outside every outbreak of the series.</param>
/// <param name="SeriesYears">County × syndrome years monitored outside outbreaks: the false alarms' denominator.</param>
/// <param name="Elapsed">Time the method took over all series.</param>
public sealed record MethodEvaluation(
    string Method,
    int Outbreaks,
    int Detected,
    IReadOnlyList<(InjectedOutbreak Outbreak, int? DaysToDetection)> DaysToDetection,
    long FalseAlarmEpisodes,
    long FalseAlarmDays,
    double SeriesYears,
    TimeSpan Elapsed)
{
    public double Sensitivity => Outbreaks == 0 ? double.NaN : (double)Detected / Outbreaks;

    /// <summary>False alarm episodes per county-syndrome-year.</summary>
    public double FalseAlarmsPerSeriesYear => SeriesYears == 0 ? double.NaN : FalseAlarmEpisodes / SeriesYears;

    public double MedianDaysToDetection
    {
        get
        {
            var delays = DaysToDetection.Where(d => d.DaysToDetection is not null).Select(d => (double)d.DaysToDetection!.Value).Order().ToArray();
            return delays.Length == 0 ? double.NaN
                : delays.Length % 2 == 1 ? delays[delays.Length / 2]
                : (delays[(delays.Length / 2) - 1] + delays[delays.Length / 2]) / 2;
        }
    }
}

/// <summary>
/// Runs detection methods over every county × syndrome × day of <see cref="SyndromeDailyCounts"/> and
/// scores them against the outbreaks injected into the data.
/// </summary>
public static class DetectionEvaluation
{
    public static IReadOnlyList<MethodEvaluation> Evaluate(SyndromeDailyCounts counts, IReadOnlyList<InjectedOutbreak> outbreaks, IReadOnlyList<DailyDetector> methods)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var results = new List<MethodEvaluation>(methods.Count);
        var alarm = new bool[counts.Days];
        var inOutbreak = new bool[counts.Days];
        foreach (var method in methods)
        {
            var first = method.FirstDetectableDay;
            var delays = new List<(InjectedOutbreak, int?)>();
            long episodes = 0, falseDays = 0, monitoredDays = 0;
            var clock = new Stopwatch();
            for (var c = 0; c < counts.Counties.Count; c++)
            {
                for (var s = 0; s < counts.Syndromes.Count; s++)
                {
                    clock.Start();
                    method.Detect(counts.Series(c, s), alarm);
                    clock.Stop();

                    Array.Clear(inOutbreak);
                    foreach (var outbreak in outbreaks)
                    {
                        if (outbreak.County != counts.Counties[c] || outbreak.Syndrome != counts.Syndromes[s])
                        {
                            continue;
                        }

                        var start = outbreak.Start.DayNumber - counts.First.DayNumber;
                        var end = Math.Min(start + outbreak.Days - 1, counts.Days - 1);
                        for (var d = Math.Max(0, start); d <= end; d++)
                        {
                            inOutbreak[d] = true;
                        }

                        if (start < first || start >= counts.Days)
                        {
                            continue;
                        }

                        int? delay = null;
                        for (var d = start; d <= end; d++)
                        {
                            if (alarm[d])
                            {
                                delay = d - start;
                                break;
                            }
                        }

                        delays.Add((outbreak, delay));
                    }

                    var previous = false;
                    for (var d = first; d < counts.Days; d++)
                    {
                        if (inOutbreak[d])
                        {
                            previous = false;
                            continue;
                        }

                        monitoredDays++;
                        if (alarm[d])
                        {
                            falseDays++;
                            if (!previous)
                            {
                                episodes++;
                            }
                        }

                        previous = alarm[d];
                    }
                }
            }

            results.Add(new MethodEvaluation(method.Name, delays.Count, delays.Count(d => d.Item2 is not null), delays,
                episodes, falseDays, monitoredDays / 365.25, clock.Elapsed));
        }

        return results;
    }
}
