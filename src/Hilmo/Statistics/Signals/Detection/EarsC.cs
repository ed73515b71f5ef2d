namespace Hilmo.Statistics.Signals.Detection;

/// <summary>The three EARS methods of Hutwagner et al. (2003), R's <c>control$method</c>.</summary>
public enum EarsMethod
{
    /// <summary>Baseline: the <c>baseline</c> periods just before the current one.</summary>
    C1,

    /// <summary>Baseline lagged by two periods (a guard band).</summary>
    C2,

    /// <summary>C2's statistic summed over the current and the two previous periods.</summary>
    C3,
}

/// <summary>
/// Parameters of the EARS C1–C2–C3 methods, named and defaulted as R's
/// <c>surveillance::earsC</c> (version 1.20.3) takes them in <c>control</c>. Sources: Hutwagner L,
/// Thompson W, Seeman GM, Treadwell T (2003), "The bioterrorism preparedness and response Early
/// Aberration Reporting System (EARS)", J Urban Health 80(2 Suppl 1):i89–96; Fricker RD, Hegler BL,
/// Dunfee DA (2008), "Comparing syndromic surveillance detection methods: EARS' versus a CUSUM-based
/// methodology", Stat Med 27:3407–3429, the definitions R's documentation cites.
/// </summary>
public sealed record EarsOptions
{
    /// <summary>C1, C2 or C3 (R: <c>method</c>, default <c>"C1"</c>).</summary>
    public EarsMethod Method { get; init; } = EarsMethod.C1;

    /// <summary>Number of periods in the baseline, at least 3 (R: <c>baseline</c>, default 7 — Hutwagner et al.'s seven days).</summary>
    public int Baseline { get; init; } = 7;

    /// <summary>
    /// Floor of the baseline standard deviation, so a baseline of identical counts does not give a
    /// zero-width threshold (R: <c>minSigma</c>, default 0; R's documentation gives Howard Burkom's
    /// suggestion of 0.5 or 1 for sparse data).
    /// </summary>
    public double MinSigma { get; init; }

    /// <summary>
    /// One-sided error probability; the threshold uses the normal 1 − α quantile (R: <c>alpha</c>,
    /// default 0.001 for C1 and C2, 0.025 for C3). Null takes R's default for the method.
    /// </summary>
    public double? Alpha { get; init; }

    /// <summary>The α in effect: <see cref="Alpha"/> or R's default for the method.</summary>
    public double EffectiveAlpha => Alpha ?? (Method == EarsMethod.C3 ? 0.025 : 0.001);

    /// <summary>The first (0-based) period with a full baseline: R's default <c>range</c> starts here.</summary>
    public int FirstDetectablePeriod => Method switch
    {
        EarsMethod.C1 => Baseline,
        EarsMethod.C2 => Baseline + 2,
        _ => Baseline + 4,
    };

    internal void Validate()
    {
        if (Baseline < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(Baseline), Baseline, "EARS Baseline must be at least 3 (R: baseline).");
        }

        if (!(MinSigma >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(MinSigma), MinSigma, "EARS MinSigma must be zero or positive (R: minSigma).");
        }

        if (!(EffectiveAlpha > 0 && EffectiveAlpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "EARS Alpha must be between 0 and 1 (R: alpha).");
        }
    }
}

/// <summary>
/// EARS C1, C2 and C3 as <c>surveillance::earsC</c> defines them. With m and s the mean and
/// standard deviation (n − 1 denominator) of the baseline and z the normal 1 − α quantile:
/// C1's threshold is m + z·max(s, minSigma) over the <c>baseline</c> periods before t; C2's the
/// same over the baseline lagged by two periods (t−baseline−2 … t−3); C3's is
/// x_t + max(s_t, minSigma)·(z − Σ_{j=1,2} max(0, C2_{t−j} − 1)), floored at 0, where
/// C2_u = (x_u − m_u)/max(s_u, minSigma) is C2's statistic. An alarm is x_t above the threshold.
/// </summary>
public static class EarsC
{
    /// <summary>
    /// Thresholds and alarms for every period of <paramref name="observed"/>. Periods before
    /// <see cref="EarsOptions.FirstDetectablePeriod"/> get NaN and no alarm, as do periods whose
    /// threshold is undefined (C3 over a constant baseline with minSigma 0, where R gives NA).
    /// </summary>
    public static void Detect(ReadOnlySpan<int> observed, EarsOptions options, Span<double> threshold, Span<bool> alarm)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (threshold.Length != observed.Length || alarm.Length != observed.Length)
        {
            throw new ArgumentException("threshold and alarm must be as long as observed.", nameof(threshold));
        }

        var z = Distributions.NormalQuantile(1 - options.EffectiveAlpha);
        var first = options.FirstDetectablePeriod;
        var baseline = options.Baseline;
        for (var t = 0; t < observed.Length; t++)
        {
            if (t < first)
            {
                threshold[t] = double.NaN;
                alarm[t] = false;
                continue;
            }

            double bound;
            if (options.Method == EarsMethod.C1)
            {
                var (mean, sd) = MeanAndSd(observed.Slice(t - baseline, baseline));
                bound = mean + z * Math.Max(sd, options.MinSigma);
            }
            else if (options.Method == EarsMethod.C2)
            {
                var (mean, sd) = MeanAndSd(observed.Slice(t - baseline - 2, baseline));
                bound = mean + z * Math.Max(sd, options.MinSigma);
            }
            else
            {
                var (_, sd) = MeanAndSd(observed.Slice(t - baseline - 2, baseline));
                var lag2 = Math.Max(0, C2Statistic(observed, t - 2, baseline, options.MinSigma) - 1);
                var lag1 = Math.Max(0, C2Statistic(observed, t - 1, baseline, options.MinSigma) - 1);
                bound = Math.Max(0, observed[t] + Math.Max(sd, options.MinSigma) * (z - (lag2 + lag1)));
            }

            threshold[t] = bound;
            alarm[t] = observed[t] > bound;
        }
    }

    private static double C2Statistic(ReadOnlySpan<int> observed, int u, int baseline, double minSigma)
    {
        var (mean, sd) = MeanAndSd(observed.Slice(u - baseline - 2, baseline));
        return (observed[u] - mean) / Math.Max(sd, minSigma);
    }

    /// <summary>Two-pass mean and sample standard deviation, as R's <c>mean</c> and <c>sd</c>.</summary>
    private static (double Mean, double Sd) MeanAndSd(ReadOnlySpan<int> values)
    {
        double sum = 0;
        foreach (var value in values)
        {
            sum += value;
        }

        var mean = sum / values.Length;
        double squares = 0;
        foreach (var value in values)
        {
            squares += (value - mean) * (value - mean);
        }

        return (mean, Math.Sqrt(squares / (values.Length - 1)));
    }
}
