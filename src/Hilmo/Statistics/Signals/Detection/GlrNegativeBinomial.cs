namespace Hilmo.Statistics.Signals.Detection;

/// <summary>Which shift of the intercept the GLR detector looks for (R: <c>dir</c>).</summary>
public enum GlrDirection
{
    /// <summary>An increase of the mean (R: <c>"inc"</c>, the default).</summary>
    Increase = 1,

    /// <summary>A decrease of the mean (R: <c>"dec"</c>).</summary>
    Decrease = -1,
}

/// <summary>
/// Parameters of the GLR detector for a change in the intercept of negative binomial (or, with
/// <see cref="Alpha"/> 0, Poisson) counts, named and defaulted as R's <c>surveillance::glrnb</c>
/// (version 1.20.3) takes them in <c>control</c> with <c>change = "intercept"</c>, <c>theta = NULL</c>
/// and <c>ret = "value"</c>. Source: Höhle M, Paul M (2008), "Count data regression charts for
/// the monitoring of surveillance time series", Comput Stat Data Anal 52:4357–4368; the Poisson
/// case: Höhle M (2007), "surveillance: An R package for the monitoring of infectious diseases",
/// Comput Stat 22:571–582.
/// </summary>
public sealed record GlrNegativeBinomialOptions
{
    /// <summary>
    /// The negative binomial dispersion: Var = μ + α·μ² (R: <c>alpha</c>, as in Lawless 1987);
    /// 0 is the Poisson chart of <c>glrpois</c>. Taken as known, not estimated.
    /// </summary>
    public required double Alpha { get; init; }

    /// <summary>Alarm threshold of the GLR statistic (R: <c>c.ARL</c>, default 5).</summary>
    public double CArl { get; init; } = 5;

    /// <summary>How far back a change point may be, in periods; −1 is unlimited (R: <c>M</c>, default −1).</summary>
    public int M { get; init; } = -1;

    /// <summary>Observations needed to estimate a change, at least 1 (R: <c>Mtilde</c>, default 1).</summary>
    public int Mtilde { get; init; } = 1;

    /// <summary>The direction of the change looked for (R: <c>dir</c>, default "inc").</summary>
    public GlrDirection Direction { get; init; } = GlrDirection.Increase;

    internal void Validate()
    {
        if (!(Alpha >= 0) || double.IsInfinity(Alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "GLR Alpha must be zero or positive (R: alpha).");
        }

        if (!(CArl > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(CArl), CArl, "GLR CArl must be positive (R: c.ARL).");
        }

        if (Mtilde < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Mtilde), Mtilde, "GLR Mtilde must be at least 1 (R: Mtilde).");
        }

        if (M != -1 && M < Mtilde)
        {
            throw new ArgumentOutOfRangeException(nameof(M), M, "GLR M must be -1 (unlimited) or at least Mtilde (R: M).");
        }
    }
}

/// <summary>
/// The generalised likelihood ratio detector of <c>surveillance::glrnb</c> for a known in-control
/// mean μ₀,t: at each n, max over change points k of sup_κ Σ_{t=k}^{n} log f(x_t; μ₀,t·e^κ)/f(x_t; μ₀,t),
/// κ restricted to the chosen direction; an alarm when the statistic reaches <c>c.ARL</c>, after
/// which the detector starts afresh at the next period. For the negative binomial, κ is found
/// for each k by Newton–Raphson from R's starting values and with its stopping rule (|Δκ| ≤ 1e-6,
/// at most 1000 steps); for the Poisson it has the closed form log(Σx/Σμ₀).
/// </summary>
public static class GlrNegativeBinomial
{
    /// <summary>
    /// The GLR statistic (R's <c>upperbound</c> with <c>ret = "value"</c>; the threshold is
    /// <see cref="GlrNegativeBinomialOptions.CArl"/>) and alarms for each period of
    /// <paramref name="observed"/>, whose in-control means are <paramref name="mu0"/>.
    /// </summary>
    public static void Detect(ReadOnlySpan<int> observed, ReadOnlySpan<double> mu0, GlrNegativeBinomialOptions options, Span<double> statistic, Span<bool> alarm)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (mu0.Length != observed.Length)
        {
            throw new ArgumentException("mu0 must be as long as observed (R: mu0).", nameof(mu0));
        }

        if (statistic.Length != observed.Length || alarm.Length != observed.Length)
        {
            throw new ArgumentException("statistic and alarm must be as long as observed.", nameof(statistic));
        }

        foreach (var mean in mu0)
        {
            if (!(mean > 0) || double.IsInfinity(mean))
            {
                throw new ArgumentOutOfRangeException(nameof(mu0), mean, "GLR in-control means mu0 must be positive and finite (R: mu0).");
            }
        }

        statistic.Clear();
        alarm.Clear();
        var start = 0;
        while (start < observed.Length)
        {
            var x = observed[start..];
            var mu = mu0[start..];
            var values = statistic[start..];
            var alarmAt = options.Alpha == 0
                ? options.M > 0 ? PoissonWindowed(x, mu, options, values) : PoissonUnlimited(x, mu, options, values)
                : NegativeBinomial(x, mu, options, values);
            if (alarmAt < 0)
            {
                break;
            }

            alarm[start + alarmAt] = true;
            start += alarmAt + 1;
        }

        // R: upperbound[is.na(upperbound)] <- 0; upperbound[upperbound < 0] <- 0.
        for (var i = 0; i < statistic.Length; i++)
        {
            if (double.IsNaN(statistic[i]) || statistic[i] < 0)
            {
                statistic[i] = 0;
            }
        }
    }

    /// <summary>One run of R's <c>glr_nb_window</c> from the start of <paramref name="x"/>; the alarm's index or −1.</summary>
    private static int NegativeBinomial(ReadOnlySpan<int> x, ReadOnlySpan<double> mu0, GlrNegativeBinomialOptions options, Span<double> values)
    {
        double alpha = options.Alpha, direction = (int)options.Direction;
        for (var n = Math.Max(options.Mtilde - 1, 0); n < x.Length; n++)
        {
            var maximum = -1e99;
            var kappaMl = 0.5;
            var low = options.M == -1 ? 0 : Math.Max(0, n - options.M);
            var up = n - (options.Mtilde - 1);
            for (var k = low; k <= up; k++)
            {
                // Newton–Raphson for κ on x[k..n], started from the previous k's estimate as R does.
                double kappaOld = 0.4, kappa = kappaMl;
                for (var iteration = 0; kappa > -18 && Math.Abs(kappa - kappaOld) > 1e-6 && iteration < 1000; iteration++)
                {
                    kappaOld = kappa;
                    var growth = Math.Exp(kappaOld);
                    double score = 0, information = 0;
                    for (var i = k; i <= n; i++)
                    {
                        var denominator = 1 + alpha * growth * mu0[i];
                        score += (x[i] - growth * mu0[i]) / denominator;
                        information += mu0[i] * (alpha * x[i] + 1) / (denominator * denominator);
                    }

                    kappa = kappaOld + score / (growth * information);
                }

                kappaMl = direction * CMax(0, direction * kappa);
                var changeGrowth = Math.Exp(kappaMl);
                var logLikelihoodRatio = 0.0;
                for (var i = k; i <= n; i++)
                {
                    logLikelihoodRatio += kappaMl * x[i] + (x[i] + 1 / alpha) * Math.Log((1 + alpha * mu0[i]) / (1 + alpha * mu0[i] * changeGrowth));
                }

                if (logLikelihoodRatio > maximum)
                {
                    maximum = logLikelihoodRatio;
                }
            }

            values[n] = maximum;
            if (maximum >= options.CArl)
            {
                return n;
            }
        }

        return -1;
    }

    /// <summary>R's <c>glr_cusum</c>: every change point back to the start.</summary>
    private static int PoissonUnlimited(ReadOnlySpan<int> x, ReadOnlySpan<double> mu0, GlrNegativeBinomialOptions options, Span<double> values)
    {
        for (var n = Math.Max(options.Mtilde - 1, 0); n < x.Length; n++)
        {
            double sumX = 0, sumMu = 0, maximum = -1e99;
            for (var k = n; k >= 0; k--)
            {
                sumX += x[k];
                sumMu += mu0[k];
                maximum = PoissonMaximum(sumX, sumMu, (int)options.Direction, maximum);
            }

            values[n] = maximum;
            if (maximum >= options.CArl)
            {
                return n;
            }
        }

        return -1;
    }

    /// <summary>R's <c>glr_cusum_window</c>: change points from n−M to n−Mtilde (so at least Mtilde + 1 periods), first evaluated at n = Mtilde.</summary>
    private static int PoissonWindowed(ReadOnlySpan<int> x, ReadOnlySpan<double> mu0, GlrNegativeBinomialOptions options, Span<double> values)
    {
        for (var n = options.Mtilde; n < x.Length; n++)
        {
            double sumX = 0, sumMu = 0, maximum = -1e99;
            for (var l = n - options.Mtilde + 1; l <= n; l++)
            {
                sumX += x[l];
                sumMu += mu0[l];
            }

            for (var k = n - options.Mtilde; k >= Math.Max(0, n - options.M); k--)
            {
                sumX += x[k];
                sumMu += mu0[k];
                maximum = PoissonMaximum(sumX, sumMu, (int)options.Direction, maximum);
            }

            values[n] = maximum;
            if (maximum >= options.CArl)
            {
                return n;
            }
        }

        return -1;
    }

    private static double PoissonMaximum(double sumX, double sumMu, int direction, double maximum)
    {
        var kappa = direction * CMax(0, direction * Math.Log(sumX / sumMu));
        var ratio = kappa * sumX + (1 - Math.Exp(kappa)) * sumMu;
        return ratio > maximum ? ratio : maximum;
    }

    /// <summary>C's <c>fmax</c>, which R's code uses: a NaN argument yields the other one (Math.Max would yield NaN).</summary>
    private static double CMax(double a, double b) => double.IsNaN(b) ? a : double.IsNaN(a) ? b : Math.Max(a, b);
}
