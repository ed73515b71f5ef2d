using System.Globalization;
using System.Text;
using Hilmo.Statistics.Signals.Detection;
using Hilmo.Testing;
using Hilmo.Testing.Statistics;

namespace Hilmo.Tests.Statistics.Signals;

/// <summary>
/// The detection methods against R's surveillance package, whose definitions they were written
/// from: the same series and settings go through <c>tests/oracles/surveillance/run.R</c>, and the
/// expected counts, thresholds and alarms must agree to 1e-6 relative. Without Rscript or the
/// package the test fails, naming what to install: a skipped oracle would pass untested methods.
/// </summary>
public sealed class SurveillanceOracleTests
{
    private const double RelativeTolerance = 1e-6;

    private static readonly string Script = Path.Combine(RepositoryFolders.Root, "tests", "oracles", "surveillance", "run.R");

    private static readonly SyntheticSignalSeries[] Series =
    [
        // Six years of weeks, so b = 5 leaves a year and a half of detection.
        SyntheticSignalSeries.Generate("weekly-seasonal", seed: 11, frequency: 52, length: 52 * 6 + 40, level: 2.2, amplitude: 0.7, trendPerYear: 0.05, outbreaks: 4),
        SyntheticSignalSeries.Generate("weekly-low", seed: 12, frequency: 52, length: 52 * 6 + 40, level: -0.4, amplitude: 0.5, overdispersion: 0.4, outbreaks: 3, outbreakSize: 4),
        // Two years of days, as the register's signals have.
        SyntheticSignalSeries.Generate("daily", seed: 13, frequency: 365, length: 730, level: 2.5, amplitude: 0.4, outbreaks: 3),
        SyntheticSignalSeries.Generate("daily-low", seed: 14, frequency: 365, length: 730, level: 0, amplitude: 0.3, overdispersion: 0.3, outbreaks: 3, outbreakSize: 3),
    ];

    private static IEnumerable<OracleCase> Cases()
    {
        foreach (var series in Series)
        {
            foreach (var method in Enum.GetValues<EarsMethod>())
            {
                yield return new($"ears-{method}-{series.Name}", series, new EarsOptions { Method = method });
            }
        }

        yield return new("ears-C1-floor-weekly-low", Series[1], new EarsOptions { Method = EarsMethod.C1, MinSigma = 0.5, Alpha = 0.01 });
        yield return new("ears-C3-floor-daily-low", Series[3], new EarsOptions { Method = EarsMethod.C3, MinSigma = 0.5, Baseline = 5 });

        // Farrington et al. (1996) as first published: no seasonal factor, weights above 1.
        var original = new FarringtonOptions { Frequency = 52, WeightsThreshold = 1 };
        yield return new("farrington-weekly-seasonal", Series[0], original);
        yield return new("farrington-sqrt-b3-weekly-seasonal", Series[0], original with { B = 3, PowerTransform = FarringtonPowerTransform.SquareRoot });
        yield return new("farrington-none-weekly-low", Series[1], original with { PowerTransform = FarringtonPowerTransform.None, Reweight = false });
        yield return new("noufaily-weekly-seasonal", Series[0], FarringtonOptions.Noufaily(52));
        yield return new("noufaily-b3-trendtest-weekly-seasonal", Series[0], FarringtonOptions.Noufaily(52) with { B = 3, PThresholdTrend = 0.05 });
        yield return new("noufaily-weekly-low", Series[1], FarringtonOptions.Noufaily(52));
        yield return new("noufaily-muan-weekly-seasonal", Series[0], FarringtonOptions.Noufaily(52) with { ThresholdMethod = FarringtonThreshold.NegativeBinomialAsymptoticMean });
        yield return new("noufaily-daily", Series[2], FarringtonOptions.Noufaily(365) with { B = 1 });
        yield return new("noufaily-daily-low", Series[3], FarringtonOptions.Noufaily(365) with { B = 1, Alpha = 0.01 });
        yield return new("farrington-daily", Series[2], new FarringtonOptions { Frequency = 365, B = 1 });

        yield return new("glrnb-weekly-seasonal", Series[0], new GlrNegativeBinomialOptions { Alpha = 0.05 }, RangeStart: 53);
        yield return new("glrnb-dec-weekly-low", Series[1], new GlrNegativeBinomialOptions { Alpha = 0.2, Direction = GlrDirection.Decrease, CArl = 3 }, RangeStart: 53);
        yield return new("glrnb-window-daily", Series[2], new GlrNegativeBinomialOptions { Alpha = 0.05, M = 60, Mtilde = 2 }, RangeStart: 366);
        yield return new("glrpois-daily-low", Series[3], new GlrNegativeBinomialOptions { Alpha = 0 }, RangeStart: 366);
        yield return new("glrpois-window-daily-low", Series[3], new GlrNegativeBinomialOptions { Alpha = 0, M = 30 }, RangeStart: 366);
    }

    [Fact]
    public async Task Expected_threshold_and_alarm_agree_with_R_surveillance()
    {
        var cases = Cases().ToArray();
        string? folder = Directory.CreateTempSubdirectory("hilmo-surveillance-oracle-").FullName;
        try
        {
            WriteInputs(folder, cases);
            await RunRAsync(folder);
            var results = ReadResults(Path.Combine(folder, "results.csv"));

            var problems = new List<string>();
            var alarmsByMethod = new Dictionary<string, int>();
            foreach (var oracleCase in cases)
            {
                var mine = oracleCase.Detect();
                var theirs = results.GetValueOrDefault(oracleCase.Name) ?? [];
                var expectedRows = mine.Threshold.Length - oracleCase.FirstPeriod;
                if (theirs.Count != expectedRows)
                {
                    problems.Add($"{oracleCase.Name}: R gave {theirs.Count} periods, Hilmo {expectedRows}");
                    continue;
                }

                var method = oracleCase.Name.Split('-')[0];
                foreach (var row in theirs)
                {
                    var t = row.Period - 1;
                    void Compare(string what, double hilmo, double r)
                    {
                        if (!Agree(hilmo, r))
                        {
                            problems.Add($"{oracleCase.Name} t={row.Period} {what}: Hilmo {hilmo:R}, R {r:R}");
                        }
                    }

                    Compare("expected", mine.Expected[t], row.Expected);
                    Compare("threshold", mine.Threshold[t], row.Threshold);
                    if (mine.Alarm[t] != row.Alarm)
                    {
                        problems.Add($"{oracleCase.Name} t={row.Period} alarm: Hilmo {mine.Alarm[t]}, R {row.Alarm}");
                    }

                    alarmsByMethod[method] = alarmsByMethod.GetValueOrDefault(method) + (row.Alarm ? 1 : 0);
                }
            }

            var byCase = string.Join(", ", problems.GroupBy(p => p.Split(' ')[0]).Select(g => $"{g.Key} {g.Count()}"));
            Assert.True(problems.Count == 0, $"{problems.Count} disagreements with R ({byCase}); R's inputs and outputs are kept in {folder}:\n{string.Join('\n', problems.Take(40))}");

            // Agreement on series without alarms would not show that the alarm rules agree.
            foreach (var method in new[] { "ears", "farrington", "noufaily", "glrnb", "glrpois" })
            {
                Assert.True(alarmsByMethod.GetValueOrDefault(method) > 0, $"the series raised no {method} alarm in R: the comparison of alarms is empty");
            }
        }
        catch
        {
            // Kept for reading what R was given and what it said.
            folder = null;
            throw;
        }
        finally
        {
            if (folder is not null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>Both undefined (R's NA), or within 1e-6 of the larger; 1e-12 absolute for values that are zero to rounding.</summary>
    private static bool Agree(double hilmo, double r) =>
        double.IsNaN(hilmo) || double.IsNaN(r)
            ? double.IsNaN(hilmo) && double.IsNaN(r)
            : Math.Abs(hilmo - r) <= Math.Max(RelativeTolerance * Math.Max(Math.Abs(hilmo), Math.Abs(r)), 1e-12);

    private static void WriteInputs(string folder, OracleCase[] cases)
    {
        var series = new StringBuilder("series,frequency,t,observed,mu0\n");
        foreach (var s in Series)
        {
            for (var t = 0; t < s.Observed.Length; t++)
            {
                series.Append(CultureInfo.InvariantCulture, $"{s.Name},{s.Frequency},{t + 1},{s.Observed[t]},{s.InControlMean[t]:R}\n");
            }
        }

        File.WriteAllText(Path.Combine(folder, "series.csv"), series.ToString());

        string[] columns =
        [
            "case", "series", "method", "baseline", "minSigma", "alpha", "b", "w", "reweight", "weightsThreshold", "trend",
            "pThresholdTrend", "limitCases", "limitPeriods", "powertrans", "noPeriods", "pastWeeksNotIncluded",
            "thresholdMethod", "cARL", "M", "Mtilde", "dir", "rangeStart",
        ];
        var text = new StringBuilder(string.Join(',', columns)).Append('\n');
        foreach (var oracleCase in cases)
        {
            var values = oracleCase.RControl();
            text.Append(string.Join(',', columns.Select(column => values.GetValueOrDefault(column, "NA")))).Append('\n');
        }

        File.WriteAllText(Path.Combine(folder, "cases.csv"), text.ToString());
    }

    private static Task RunRAsync(string folder) =>
        OracleProcess.RunAsync("Rscript", [Script, folder], TimeSpan.FromMinutes(10),
            "is r-cran-surveillance installed? Run tests/oracles/ensure-oracles.sh (./test.sh runs it; Debian: apt-get install r-cran-surveillance).");

    private static Dictionary<string, List<ResultRow>> ReadResults(string path)
    {
        var results = new Dictionary<string, List<ResultRow>>();
        static double Number(string text) => text == "NA" ? double.NaN : double.Parse(text, CultureInfo.InvariantCulture);
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var fields = line.Split(',');
            var row = new ResultRow(int.Parse(fields[1], CultureInfo.InvariantCulture), Number(fields[2]), Number(fields[3]), fields[4] == "1");
            if (!results.TryGetValue(fields[0], out var rows))
            {
                results[fields[0]] = rows = [];
            }

            rows.Add(row);
        }

        return results;
    }

    /// <summary>One period of R's output; R's NA alarm (undefined threshold) reads as no alarm, as Hilmo gives it.</summary>
    private sealed record ResultRow(int Period, double Expected, double Threshold, bool Alarm);

    private sealed record Outputs(double[] Expected, double[] Threshold, bool[] Alarm);

    /// <summary>A method, its settings and a series; the settings are written for R from the same object Hilmo runs.</summary>
    private sealed record OracleCase(string Name, SyntheticSignalSeries Series, object Options, int RangeStart = 1)
    {
        public int FirstPeriod => Options switch
        {
            EarsOptions ears => ears.FirstDetectablePeriod,
            FarringtonOptions farrington => farrington.FirstDetectablePeriod,
            _ => RangeStart - 1,
        };

        public Outputs Detect()
        {
            var n = Series.Observed.Length;
            var outputs = new Outputs(new double[n], new double[n], new bool[n]);
            outputs.Expected.AsSpan().Fill(double.NaN);
            switch (Options)
            {
                case EarsOptions ears:
                    EarsC.Detect(Series.Observed, ears, outputs.Threshold, outputs.Alarm);
                    break;
                case FarringtonOptions farrington:
                    new FarringtonFlexible(farrington).Detect(Series.Observed, outputs.Expected, outputs.Threshold, outputs.Alarm);
                    break;
                case GlrNegativeBinomialOptions glr:
                    var from = RangeStart - 1;
                    GlrNegativeBinomial.Detect(Series.Observed.AsSpan(from), Series.InControlMean.AsSpan(from), glr, outputs.Threshold.AsSpan(from), outputs.Alarm.AsSpan(from));
                    Series.InControlMean.AsSpan(from).CopyTo(outputs.Expected.AsSpan(from));
                    break;
            }

            return outputs;
        }

        public Dictionary<string, string> RControl()
        {
            static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);
            static string B(bool value) => value ? "TRUE" : "FALSE";
            var control = new Dictionary<string, string> { ["case"] = Name, ["series"] = Series.Name };
            switch (Options)
            {
                case EarsOptions ears:
                    control["method"] = ears.Method.ToString();
                    control["baseline"] = N(ears.Baseline);
                    control["minSigma"] = N(ears.MinSigma);
                    control["alpha"] = N(ears.EffectiveAlpha);
                    break;
                case FarringtonOptions f:
                    control["method"] = "farringtonFlexible";
                    control["b"] = N(f.B);
                    control["w"] = N(f.W);
                    control["reweight"] = B(f.Reweight);
                    control["weightsThreshold"] = N(f.WeightsThreshold);
                    control["alpha"] = N(f.Alpha);
                    control["trend"] = B(f.Trend);
                    control["pThresholdTrend"] = N(f.PThresholdTrend);
                    control["limitCases"] = N(f.Limit54Cases);
                    control["limitPeriods"] = N(f.Limit54Periods);
                    control["powertrans"] = f.PowerTransform switch
                    {
                        FarringtonPowerTransform.TwoThirds => "2/3",
                        FarringtonPowerTransform.SquareRoot => "1/2",
                        _ => "none",
                    };
                    control["noPeriods"] = N(f.NoPeriods);
                    if (f.PastWeeksNotIncluded is { } past)
                    {
                        control["pastWeeksNotIncluded"] = N(past);
                    }

                    control["thresholdMethod"] = f.ThresholdMethod switch
                    {
                        FarringtonThreshold.Delta => "delta",
                        FarringtonThreshold.NegativeBinomialPlugin => "nbPlugin",
                        _ => "muan",
                    };
                    break;
                case GlrNegativeBinomialOptions g:
                    control["method"] = "glrnb";
                    control["alpha"] = N(g.Alpha);
                    control["cARL"] = N(g.CArl);
                    control["M"] = N(g.M);
                    control["Mtilde"] = N(g.Mtilde);
                    control["dir"] = g.Direction == GlrDirection.Increase ? "inc" : "dec";
                    control["rangeStart"] = N(RangeStart);
                    break;
            }

            return control;
        }
    }
}
