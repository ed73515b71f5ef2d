using BenchmarkDotNet.Attributes;
using Hilmo.Statistics.Signals.Detection;
using Hilmo.Testing.Statistics;

namespace Hilmo.Benchmarks;

/// <summary>
/// The signal detection methods over what the register's epidemic signals will run on: 10
/// syndromes × 22 counties (21 wellbeing services counties and Helsinki) × 730 days, daily counts
/// from a few a day to a few dozen. Each benchmark runs one method over all 220 series, every day
/// it can evaluate; <see cref="AllMethods"/> runs them all, the figure the issue sets at 2 s.
/// </summary>
[MemoryDiagnoser]
public class SignalDetectionBenchmarks
{
    private const int Syndromes = 10;
    private const int Counties = 22;
    private const int Days = 730;

    private static readonly GlrNegativeBinomialOptions Glr = new() { Alpha = 0.1, M = 28 };

    private SyntheticSignalSeries[] series = [];
    private double[] expected = [];
    private double[] threshold = [];
    private bool[] alarm = [];
    private FarringtonFlexible noufaily = null!;

    [GlobalSetup]
    public void CreateSeries()
    {
        series = [.. Enumerable.Range(0, Syndromes * Counties).Select(i => SyntheticSignalSeries.Generate(
            $"syndrome {i / Counties} county {i % Counties}", seed: i, frequency: 365, length: Days,
            level: 0.3 + 2.7 * (i % 7) / 6, amplitude: 0.2 + 0.1 * (i % 4), overdispersion: 0.25, outbreaks: 2))];
        expected = new double[Days];
        threshold = new double[Days];
        alarm = new bool[Days];

        // Daily, a year back: the register holds two years.
        noufaily = new FarringtonFlexible(FarringtonOptions.Noufaily(365) with { B = 1 });
    }

    [Benchmark]
    public int EarsC1C2C3()
    {
        var alarms = 0;
        foreach (var s in series)
        {
            foreach (var method in (ReadOnlySpan<EarsMethod>)[EarsMethod.C1, EarsMethod.C2, EarsMethod.C3])
            {
                EarsC.Detect(s.Observed, new EarsOptions { Method = method }, threshold, alarm);
                alarms += Count(alarm);
            }
        }

        return alarms;
    }

    [Benchmark]
    public int Noufaily()
    {
        var alarms = 0;
        foreach (var s in series)
        {
            noufaily.Detect(s.Observed, expected, threshold, alarm);
            alarms += Count(alarm);
        }

        return alarms;
    }

    /// <summary>The negative binomial GLR with change points up to four weeks back, on the known in-control means.</summary>
    [Benchmark]
    public int GlrNegativeBinomialFourWeeks()
    {
        var alarms = 0;
        foreach (var s in series)
        {
            GlrNegativeBinomial.Detect(s.Observed, s.InControlMean, Glr, threshold, alarm);
            alarms += Count(alarm);
        }

        return alarms;
    }

    [Benchmark]
    public int AllMethods() => EarsC1C2C3() + Noufaily() + GlrNegativeBinomialFourWeeks();

    /// <summary>All methods with the series spread over the cores: a detector instance per thread, as the methods are written for.</summary>
    [Benchmark]
    public int AllMethodsParallel()
    {
        var alarms = 0;
        Parallel.For(
            0,
            series.Length,
            () => (Farrington: new FarringtonFlexible(noufaily.Options), Expected: new double[Days], Threshold: new double[Days], Alarm: new bool[Days], Alarms: 0),
            (i, _, worker) =>
            {
                var s = series[i];
                foreach (var method in (ReadOnlySpan<EarsMethod>)[EarsMethod.C1, EarsMethod.C2, EarsMethod.C3])
                {
                    EarsC.Detect(s.Observed, new EarsOptions { Method = method }, worker.Threshold, worker.Alarm);
                    worker.Alarms += Count(worker.Alarm);
                }

                worker.Farrington.Detect(s.Observed, worker.Expected, worker.Threshold, worker.Alarm);
                worker.Alarms += Count(worker.Alarm);
                GlrNegativeBinomial.Detect(s.Observed, s.InControlMean, Glr, worker.Threshold, worker.Alarm);
                worker.Alarms += Count(worker.Alarm);
                return worker;
            },
            worker => Interlocked.Add(ref alarms, worker.Alarms));
        return alarms;
    }

    private static int Count(bool[] alarms)
    {
        var count = 0;
        foreach (var raised in alarms)
        {
            count += raised ? 1 : 0;
        }

        return count;
    }
}
