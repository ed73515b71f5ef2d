using System.Globalization;
using Hilmo.Statistics.Signals.Detection;

namespace Hilmo.Statistics.Signals.Alerts;

/// <summary>The time resolution a series is evaluated at.</summary>
public enum SignalResolution
{
    /// <summary>One period a visit day.</summary>
    Daily,

    /// <summary>One period an ISO week (Monday to Sunday), the days summed; only whole weeks of the series.</summary>
    Weekly,
}

/// <summary>The detection methods a run applies (see <see cref="Detection"/> for their definitions and sources).</summary>
public enum SignalMethod
{
    EarsC1,
    EarsC2,
    EarsC3,

    /// <summary>The improved Farrington method of Noufaily et al. (2013), <see cref="FarringtonOptions.Noufaily"/>.</summary>
    Farrington,

    /// <summary>The negative-binomial GLR detector of Höhle and Paul (2008), <see cref="GlrNegativeBinomial"/>.</summary>
    Glr,
}

/// <summary>The codes the API, the store and the command line name methods and resolutions by.</summary>
public static class SignalCodes
{
    public static readonly IReadOnlyList<SignalMethod> Methods = Enum.GetValues<SignalMethod>();

    public static string Code(this SignalMethod method) => method switch
    {
        SignalMethod.EarsC1 => "ears-c1",
        SignalMethod.EarsC2 => "ears-c2",
        SignalMethod.EarsC3 => "ears-c3",
        SignalMethod.Farrington => "farrington-noufaily",
        _ => "glr-nb",
    };

    public static string Code(this SignalResolution resolution) => resolution == SignalResolution.Daily ? "day" : "week";

    public static bool TryParseMethod(string? code, out SignalMethod method)
    {
        foreach (var candidate in Methods)
        {
            if (string.Equals(candidate.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                method = candidate;
                return true;
            }
        }

        method = default;
        return false;
    }

    public static SignalResolution ParseResolution(string code) => code switch
    {
        "day" => SignalResolution.Daily,
        "week" => SignalResolution.Weekly,
        _ => throw new FormatException($"Signal resolution {code} is neither day nor week."),
    };

    /// <summary>The method's name for people, fi/sv/en.</summary>
    public static LocalizedText Name(this SignalMethod method) => method switch
    {
        SignalMethod.EarsC1 => new("EARS C1", "EARS C1", "EARS C1"),
        SignalMethod.EarsC2 => new("EARS C2", "EARS C2", "EARS C2"),
        SignalMethod.EarsC3 => new("EARS C3", "EARS C3", "EARS C3"),
        SignalMethod.Farrington => new("Farrington (Noufaily ym. 2013)", "Farrington (Noufaily m.fl. 2013)", "Farrington (Noufaily et al. 2013)"),
        _ => new("GLR, negatiivinen binomijakauma", "GLR, negativ binomialfördelning", "GLR, negative binomial"),
    };
}

/// <summary>
/// An alarm of one method on one period of one county's series of one syndrome.
/// </summary>
/// <param name="Period">The day, or the Monday of the ISO week.</param>
/// <param name="Resolution">Daily or weekly.</param>
/// <param name="County">The wellbeing services county's code.</param>
/// <param name="Syndrome">The syndrome's id (<see cref="SyndromeCatalogue"/>).</param>
/// <param name="Method">The method that gave the alarm.</param>
/// <param name="Observed">The count the method was run on: the registered count, or for a day not yet
/// final at the as-of time (completeness below <see cref="SignalOptions.FinalCompleteness"/>) its nowcast, rounded.</param>
/// <param name="Expected">The method's expected count: the baseline mean (EARS), the fitted mean
/// (Farrington), the in-control mean μ₀ (GLR); null where the method has none.</param>
/// <param name="Threshold">The upper threshold: a count for EARS and Farrington; for GLR the
/// alarm limit c.ARL of its statistic.</param>
/// <param name="Score">How far past the threshold: observed ÷ threshold for EARS and Farrington (the
/// count itself when the threshold is 0), the GLR statistic ÷ c.ARL; an alarm's score is above 1 (GLR: at least 1).</param>
/// <param name="AsOf">The receipt time the series were read as of: the same series and parameters give the same alerts.</param>
/// <param name="Parameters">The method's parameters in effect, in R's names, so the alert can be recomputed.</param>
public sealed record SignalAlert(DateOnly Period, SignalResolution Resolution, string County, string Syndrome, SignalMethod Method,
    int Observed, double? Expected, double Threshold, double Score, DateTimeOffset AsOf, string Parameters);

/// <summary>The alerts of one run over a set of series, all computed as of one receipt time: stored as one unit.</summary>
public sealed record SignalRunResult(DateTimeOffset AsOf, IReadOnlyList<SignalAlert> Alerts);

/// <summary>One method's evaluation of every period of one series: what the signals chart draws.</summary>
/// <param name="Method">The method.</param>
/// <param name="Resolution">Daily or weekly.</param>
/// <param name="Periods">Each period's day, or the Monday of its week.</param>
/// <param name="Counts">The counts the method ran on (see <see cref="SignalAlert.Observed"/>).</param>
/// <param name="Expected">Expected counts, NaN where the method has none.</param>
/// <param name="Threshold">Upper thresholds, NaN where the method has none (GLR: c.ARL everywhere it ran).</param>
/// <param name="Score">Scores (see <see cref="SignalAlert.Score"/>), NaN where none.</param>
/// <param name="Alarm">The periods in alarm.</param>
/// <param name="Parameters">The method's parameters in effect (<see cref="SignalAlert.Parameters"/>).</param>
public sealed record SignalTrace(SignalMethod Method, SignalResolution Resolution, DateOnly[] Periods, int[] Counts,
    double[] Expected, double[] Threshold, double[] Score, bool[] Alarm, string Parameters);

/// <summary>
/// How a run applies the methods. Defaults follow the methods' published definitions as R's
/// <c>surveillance</c> sets them, with these choices of Hilmo's, each for a reason given:
/// </summary>
public sealed record SignalOptions
{
    /// <summary>
    /// A day whose completeness is at least this is taken as final and its registered count used;
    /// a more recent day is evaluated on its nowcast, so that the reporting delay neither hides an
    /// outbreak's first days nor reads as a drop.
    /// </summary>
    public double FinalCompleteness { get; init; } = 0.95;

    /// <summary>
    /// EARS's floor of the baseline standard deviation (R: <c>minSigma</c>). R's default 0 makes
    /// a single case after a week of none an alarm; 0.5 is Howard Burkom's suggestion for sparse
    /// counts that R's documentation gives.
    /// </summary>
    public double EarsMinSigma { get; init; } = 0.5;

    /// <summary>
    /// Years back of the Farrington baseline: Noufaily et al.'s 5, or as many whole years as the
    /// series has before its last periods when it is shorter (a register of two years gets 1),
    /// recorded in each alert's parameters.
    /// </summary>
    public int FarringtonYears { get; init; } = 5;

    /// <summary>GLR alarm limit (R: <c>c.ARL</c>, default 5).</summary>
    public double GlrLimit { get; init; } = 5;

    /// <summary>
    /// How far back the GLR looks for the change point (R: <c>M</c>): 28 days or 8 weeks. R's
    /// unlimited −1 costs a time cubic in the series' length; an epidemic signal is about recent change.
    /// </summary>
    public int GlrWindowDays { get; init; } = 28;

    /// <inheritdoc cref="GlrWindowDays"/>
    public int GlrWindowWeeks { get; init; } = 8;

    /// <summary>
    /// The least in-control mean μ₀ given to the GLR (it needs a positive one): a syndrome with
    /// no expected case would otherwise make any case an infinite change.
    /// </summary>
    public double GlrMinimumMean { get; init; } = 0.5;
}

/// <summary>
/// Runs the detection methods over syndrome series at daily and weekly resolution and yields the
/// alarms as <see cref="SignalAlert"/>s, each with the as-of time and the parameters it was
/// computed with. The GLR's in-control mean μ₀ is the Farrington fit's expected count (a seasonal
/// prediction that leaves out the recent 26 periods and downweights past outbreaks), and its
/// negative-binomial dispersion α is estimated by moments, E(x − μ₀)² = μ₀ + α·μ₀², over the
/// periods Farrington did not flag.
/// </summary>
public sealed class SignalRun(SignalOptions? options = null)
{
    private readonly SignalOptions options = options ?? new SignalOptions();

    public SignalOptions Options => options;

    /// <summary>Every method at both resolutions over every series; the alarms, in series, resolution, method and period order.</summary>
    public SignalRunResult Run(IEnumerable<SyndromeSeries> series, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(series);

        // Both stores keep microseconds: the as-of is cut to them so a stored run reads back equal.
        asOf = new DateTimeOffset(asOf.UtcTicks - (asOf.UtcTicks % 10), TimeSpan.Zero);
        var alerts = new List<SignalAlert>();
        foreach (var one in series)
        {
            foreach (var resolution in new[] { SignalResolution.Daily, SignalResolution.Weekly })
            {
                foreach (var trace in Evaluate(one, resolution))
                {
                    for (var i = 0; i < trace.Periods.Length; i++)
                    {
                        if (trace.Alarm[i])
                        {
                            alerts.Add(new SignalAlert(trace.Periods[i], resolution, one.County, one.Syndrome, trace.Method, trace.Counts[i],
                                double.IsNaN(trace.Expected[i]) ? null : trace.Expected[i], trace.Threshold[i], trace.Score[i], asOf, trace.Parameters));
                        }
                    }
                }
            }
        }

        return new SignalRunResult(asOf, alerts);
    }

    /// <summary>Every method's evaluation of one series at one resolution, in <see cref="SignalCodes.Methods"/> order.</summary>
    public IReadOnlyList<SignalTrace> Evaluate(SyndromeSeries series, SignalResolution resolution)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Completeness.Length != series.Observed.Length || series.Nowcast.Length != series.Observed.Length)
        {
            throw new ArgumentException($"The series of {series.Syndrome} in {series.County} has {series.Observed.Length} counts but {series.Completeness.Length} completeness and {series.Nowcast.Length} nowcast values.", nameof(series));
        }

        var (periods, counts) = Counts(series, resolution);
        var traces = new List<SignalTrace>(SignalCodes.Methods.Count);
        foreach (var method in new[] { SignalMethod.EarsC1, SignalMethod.EarsC2, SignalMethod.EarsC3 })
        {
            traces.Add(Ears(method, resolution, periods, counts));
        }

        var farrington = Farrington(resolution, periods, counts, out var fittedMean);
        traces.Add(farrington);
        traces.Add(Glr(resolution, periods, counts, fittedMean, farrington.Alarm));
        return traces;
    }

    /// <summary>The periods and the counts the methods run on (<see cref="SignalAlert.Observed"/>).</summary>
    public (DateOnly[] Periods, int[] Counts) Counts(SyndromeSeries series, SignalResolution resolution)
    {
        var daily = new int[series.Observed.Length];
        for (var i = 0; i < daily.Length; i++)
        {
            daily[i] = series.Completeness[i] >= options.FinalCompleteness || double.IsNaN(series.Nowcast[i])
                ? series.Observed[i]
                : Math.Max(series.Observed[i], (int)Math.Round(series.Nowcast[i], MidpointRounding.AwayFromZero));
        }

        if (resolution == SignalResolution.Daily)
        {
            return ([.. Enumerable.Range(0, daily.Length).Select(series.First.AddDays)], daily);
        }

        // Whole ISO weeks only: a week cut by the series' ends would read as a drop.
        var offset = ((int)DayOfWeek.Monday - (int)series.First.DayOfWeek + 7) % 7;
        var weeks = Math.Max(0, (daily.Length - offset) / 7);
        var periods = new DateOnly[weeks];
        var counts = new int[weeks];
        for (var w = 0; w < weeks; w++)
        {
            periods[w] = series.First.AddDays(offset + 7 * w);
            for (var d = 0; d < 7; d++)
            {
                counts[w] += daily[offset + 7 * w + d];
            }
        }

        return (periods, counts);
    }

    private SignalTrace Ears(SignalMethod method, SignalResolution resolution, DateOnly[] periods, int[] counts)
    {
        var ears = new EarsOptions
        {
            Method = method switch { SignalMethod.EarsC1 => EarsMethod.C1, SignalMethod.EarsC2 => EarsMethod.C2, _ => EarsMethod.C3 },
            MinSigma = options.EarsMinSigma,
        };
        var n = counts.Length;
        double[] expected = new double[n], threshold = new double[n], score = new double[n];
        var alarm = new bool[n];
        EarsC.Detect(counts, ears, threshold, alarm);

        // The baseline C1 (just before) or C2 and C3 (lagged by two) compare with.
        var lag = ears.Method == EarsMethod.C1 ? 0 : 2;
        for (var t = 0; t < n; t++)
        {
            expected[t] = double.NaN;
            if (t >= ears.FirstDetectablePeriod)
            {
                double sum = 0;
                for (var i = t - lag - ears.Baseline; i < t - lag; i++)
                {
                    sum += counts[i];
                }

                expected[t] = sum / ears.Baseline;
            }

            score[t] = Score(counts[t], threshold[t]);
        }

        var parameters = string.Create(CultureInfo.InvariantCulture,
            $"{method.Code()} {resolution.Code()} baseline={ears.Baseline} alpha={ears.EffectiveAlpha:R} minSigma={ears.MinSigma:R} finalCompleteness={options.FinalCompleteness:R}");
        return new SignalTrace(method, resolution, periods, counts, expected, threshold, score, alarm, parameters);
    }

    private SignalTrace Farrington(SignalResolution resolution, DateOnly[] periods, int[] counts, out double[] fittedMean)
    {
        var frequency = resolution == SignalResolution.Daily ? 365 : 52;
        var noufaily = FarringtonOptions.Noufaily(frequency);
        var years = Math.Min(options.FarringtonYears, (counts.Length - noufaily.W - 1) / frequency);
        var n = counts.Length;
        double[] expected = new double[n], threshold = new double[n], score = new double[n];
        var alarm = new bool[n];
        fittedMean = new double[n];
        Array.Fill(expected, double.NaN);
        Array.Fill(threshold, double.NaN);
        Array.Fill(score, double.NaN);
        Array.Fill(fittedMean, double.NaN);
        var farrington = noufaily with { B = Math.Max(1, years) };
        var parameters = string.Create(CultureInfo.InvariantCulture,
            $"{SignalMethod.Farrington.Code()} {resolution.Code()} freq={frequency} b={farrington.B} w={farrington.W} noPeriods={farrington.NoPeriods} weightsThreshold={farrington.WeightsThreshold:R} pastWeeksNotIncluded={farrington.EffectivePastWeeksNotIncluded} pThresholdTrend={farrington.PThresholdTrend:R} thresholdMethod=nbPlugin alpha={farrington.Alpha:R} limit54={farrington.Limit54Cases},{farrington.Limit54Periods} finalCompleteness={options.FinalCompleteness:R}");
        if (years < 1)
        {
            return new SignalTrace(SignalMethod.Farrington, resolution, periods, counts, expected, threshold, score, alarm, parameters);
        }

        // Fitted without the "5 in 4" rule, which only withholds the result: the GLR takes its
        // in-control mean from every period's fit, and the rule is applied to the alarms below.
        new FarringtonFlexible(farrington with { Limit54Cases = 0 }).Detect(counts, fittedMean, threshold, alarm);
        var recent = 0;
        for (var t = 0; t < n; t++)
        {
            recent += counts[t] - (t >= farrington.Limit54Periods ? counts[t - farrington.Limit54Periods] : 0);
            if (recent < farrington.Limit54Cases)
            {
                alarm[t] = false;
                threshold[t] = double.NaN;
                continue;
            }

            expected[t] = fittedMean[t];
            score[t] = Score(counts[t], threshold[t]);
        }

        return new SignalTrace(SignalMethod.Farrington, resolution, periods, counts, expected, threshold, score, alarm, parameters);
    }

    private SignalTrace Glr(SignalResolution resolution, DateOnly[] periods, int[] counts, double[] fittedMean, bool[] farringtonAlarm)
    {
        var n = counts.Length;
        double[] expected = new double[n], threshold = new double[n], score = new double[n];
        var alarm = new bool[n];
        Array.Fill(expected, double.NaN);
        Array.Fill(threshold, double.NaN);
        Array.Fill(score, double.NaN);

        // From the first period with a fit on; a later period whose fit did not converge keeps the last μ₀.
        var first = Array.FindIndex(fittedMean, m => !double.IsNaN(m));
        var window = resolution == SignalResolution.Daily ? options.GlrWindowDays : options.GlrWindowWeeks;
        if (first < 0)
        {
            return new SignalTrace(SignalMethod.Glr, resolution, periods, counts, expected, threshold, score, alarm,
                string.Create(CultureInfo.InvariantCulture, $"{SignalMethod.Glr.Code()} {resolution.Code()} mu0=farrington-noufaily c.ARL={options.GlrLimit:R} M={window} Mtilde=1 dir=inc"));
        }

        var mu0 = new double[n - first];
        var last = options.GlrMinimumMean;
        for (var t = first; t < n; t++)
        {
            last = double.IsNaN(fittedMean[t]) ? last : Math.Max(options.GlrMinimumMean, fittedMean[t]);
            mu0[t - first] = last;
        }

        double squares = 0, means = 0;
        for (var t = first; t < n; t++)
        {
            if (!farringtonAlarm[t])
            {
                var m = mu0[t - first];
                squares += (counts[t] - m) * (counts[t] - m) - m;
                means += m * m;
            }
        }

        // Rounded so the parameters written with the alert give back the same α.
        var dispersion = Math.Round(means > 0 ? Math.Max(0, squares / means) : 0, 6);
        var glr = new GlrNegativeBinomialOptions { Alpha = dispersion, CArl = options.GlrLimit, M = window };
        var statistic = new double[n - first];
        var alarms = new bool[n - first];
        GlrNegativeBinomial.Detect(counts.AsSpan(first), mu0, glr, statistic, alarms);
        for (var t = first; t < n; t++)
        {
            expected[t] = mu0[t - first];
            threshold[t] = glr.CArl;
            score[t] = statistic[t - first] / glr.CArl;
            alarm[t] = alarms[t - first];
        }

        var parameters = string.Create(CultureInfo.InvariantCulture,
            $"{SignalMethod.Glr.Code()} {resolution.Code()} mu0=farrington-noufaily alpha={glr.Alpha:R} c.ARL={glr.CArl:R} M={glr.M} Mtilde={glr.Mtilde} dir=inc mu0Min={options.GlrMinimumMean:R} finalCompleteness={options.FinalCompleteness:R}");
        return new SignalTrace(SignalMethod.Glr, resolution, periods, counts, expected, threshold, score, alarm, parameters);
    }

    /// <summary>Observed ÷ threshold; the count itself over a zero threshold, where any case is past it.</summary>
    private static double Score(int observed, double threshold) =>
        double.IsNaN(threshold) ? double.NaN : threshold > 0 ? observed / threshold : observed;
}
