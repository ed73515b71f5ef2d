namespace Hilmo.Statistics.Signals.Detection;

/// <summary>How the Farrington methods turn the fitted mean into a threshold (R: <c>thresholdMethod</c>).</summary>
public enum FarringtonThreshold
{
    /// <summary>
    /// Farrington et al. (1996): a normal approximation on the power-transformed scale, with the
    /// variance of the prediction by the delta method (R: <c>"delta"</c>).
    /// </summary>
    Delta,

    /// <summary>
    /// Noufaily et al. (2013): the 1 − α quantile of the negative binomial with mean exp(η̂) and
    /// variance φ·mean, the fitted values plugged in (R: <c>"nbPlugin"</c>).
    /// </summary>
    NegativeBinomialPlugin,

    /// <summary>
    /// As <see cref="NegativeBinomialPlugin"/>, but the mean taken at the 1 − α quantile of η̂'s
    /// asymptotic normal distribution, so the estimation error counts too (R: <c>"muan"</c>).
    /// </summary>
    NegativeBinomialAsymptoticMean,
}

/// <summary>The skewness-correcting power of the <see cref="FarringtonThreshold.Delta"/> threshold (R: <c>powertrans</c>).</summary>
public enum FarringtonPowerTransform
{
    /// <summary>The 2/3 power, Farrington et al.'s (1996) choice (R: <c>"2/3"</c>, the default).</summary>
    TwoThirds,

    /// <summary>The square root, variance stabilising for Poisson counts (R: <c>"1/2"</c>).</summary>
    SquareRoot,

    /// <summary>No transformation (R: <c>"none"</c>).</summary>
    None,
}

/// <summary>
/// Parameters of the Farrington methods, named and defaulted as R's
/// <c>surveillance::farringtonFlexible</c> (version 1.20.3) takes them in <c>control</c>.
/// Sources: Farrington CP, Andrews NJ, Beale AD, Catchpole MA (1996), "A statistical algorithm
/// for the early detection of outbreaks of infectious disease", J R Stat Soc A 159:547–563;
/// Noufaily A, Enki DG, Farrington P, Garthwaite P, Andrews N, Charlett A (2013), "An improved
/// algorithm for outbreak detection in multiple surveillance systems", Stat Med 32:1206–1222;
/// Salmon M, Schumacher D, Höhle M (2016), "Monitoring count time series in R: aberration
/// detection in public health surveillance", J Stat Softw 70(10).
/// </summary>
/// <remarks>
/// Periods are positions in the series, as R's <c>sts</c> without dates (<c>epochAsDate = FALSE</c>):
/// "a year back" is <see cref="Frequency"/> periods back, so a daily series with frequency 365
/// drifts by a day after a leap day. R's <c>populationOffset</c> is not offered (always FALSE):
/// the register's signals are counts of visits, not rates. R's <c>glmWarnings</c> and
/// <c>verbose</c> only print; a fit that does not converge is handled as R handles it (retried
/// without the trend, else no result for that period).
/// </remarks>
public sealed record FarringtonOptions
{
    /// <summary>Periods per year: 52 for weeks, 365 for days (R: the <c>sts</c> object's <c>freq</c>).</summary>
    public required int Frequency { get; init; }

    /// <summary>Years back in the baseline (R: <c>b</c>, default 5; Farrington et al. 1996).</summary>
    public int B { get; init; } = 5;

    /// <summary>Half-width, in periods, of the window around each year-back reference period (R: <c>w</c>, default 3).</summary>
    public int W { get; init; } = 3;

    /// <summary>Refit with past outbreaks downweighted by their Anscombe residuals (R: <c>reweight</c>, default TRUE; Farrington et al. 1996 §3.3).</summary>
    public bool Reweight { get; init; } = true;

    /// <summary>
    /// Anscombe residual above which a baseline period is downweighted by s⁻² (R:
    /// <c>weightsThreshold</c>, default 2.58 — Noufaily et al. 2013; Farrington et al. 1996 used 1).
    /// </summary>
    public double WeightsThreshold { get; init; } = 2.58;

    /// <summary>Error probability of the one-sided threshold (R: <c>alpha</c>, default 0.05); must be below 0.5.</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>Consider a linear time trend (R: <c>trend</c>, default TRUE).</summary>
    public bool Trend { get; init; } = true;

    /// <summary>
    /// The trend is kept only when its p-value is below this, at least three years are used, and
    /// the prediction does not exceed the largest baseline count (R: <c>pThresholdTrend</c>,
    /// default 0.05; Noufaily et al. 2013 keep every trend: 1).
    /// </summary>
    public double PThresholdTrend { get; init; } = 0.05;

    /// <summary>
    /// No threshold unless at least this many cases were observed in the last
    /// <see cref="Limit54Periods"/> periods (R: <c>limit54[1]</c>, default 5; Farrington et al.'s "5 in 4 weeks").
    /// </summary>
    public int Limit54Cases { get; init; } = 5;

    /// <summary>The periods <see cref="Limit54Cases"/> counts over, the current one included (R: <c>limit54[2]</c>, default 4).</summary>
    public int Limit54Periods { get; init; } = 4;

    /// <summary>Power transformation of the delta-method threshold (R: <c>powertrans</c>, default "2/3").</summary>
    public FarringtonPowerTransform PowerTransform { get; init; } = FarringtonPowerTransform.TwoThirds;

    /// <summary>
    /// Levels of the seasonal factor: 1 uses only the reference windows (Farrington et al. 1996);
    /// Noufaily et al. (2013) use 10 — the reference windows as one level and the rest of each
    /// year cut into nine (R: <c>noPeriods</c>, default 1).
    /// </summary>
    public int NoPeriods { get; init; } = 1;

    /// <summary>
    /// The most recent periods left out of the baseline, so an outbreak in progress does not raise
    /// its own threshold (R: <c>pastWeeksNotIncluded</c>, default NULL meaning <see cref="W"/>;
    /// Noufaily et al. 2013: 26).
    /// </summary>
    public int? PastWeeksNotIncluded { get; init; }

    /// <summary>How the threshold is computed (R: <c>thresholdMethod</c>, default "delta").</summary>
    public FarringtonThreshold ThresholdMethod { get; init; } = FarringtonThreshold.Delta;

    /// <summary>
    /// The improved method of Noufaily et al. (2013) as Salmon et al. (2016) set it in R:
    /// <c>noPeriods = 10, weightsThreshold = 2.58, pastWeeksNotIncluded = 26, pThresholdTrend = 1,
    /// thresholdMethod = "nbPlugin"</c>, with R's b = 5, w = 3, α = 0.05.
    /// </summary>
    public static FarringtonOptions Noufaily(int frequency) => new()
    {
        Frequency = frequency,
        NoPeriods = 10,
        WeightsThreshold = 2.58,
        PastWeeksNotIncluded = 26,
        PThresholdTrend = 1,
        ThresholdMethod = FarringtonThreshold.NegativeBinomialPlugin,
    };

    /// <summary>The baseline's excluded recent periods in effect.</summary>
    public int EffectivePastWeeksNotIncluded => PastWeeksNotIncluded ?? W;

    /// <summary>The first (0-based) period with <see cref="B"/> full years behind it: R's default <c>range</c> starts here.</summary>
    public int FirstDetectablePeriod => Frequency * B + W;

    internal void Validate()
    {
        static void Require(bool condition, string name, object value, string message)
        {
            if (!condition)
            {
                throw new ArgumentOutOfRangeException(name, value, message);
            }
        }

        Require(Frequency >= 1, nameof(Frequency), Frequency, "Farrington Frequency must be at least 1 (R: freq).");
        Require(B >= 1, nameof(B), B, "Farrington B must be at least 1 (R: b).");
        Require(W >= 0, nameof(W), W, "Farrington W must be zero or positive (R: w).");
        Require(NoPeriods >= 1, nameof(NoPeriods), NoPeriods, "Farrington NoPeriods must be at least 1 (R: noPeriods).");
        Require(NoPeriods == 1 || Frequency - 2 * W - 1 >= NoPeriods - 1, nameof(NoPeriods), NoPeriods,
            "Farrington NoPeriods is too big for the year between two reference windows (R: \"Number of factors too big!\").");
        Require(2 * W + 1 <= Frequency, nameof(W), W, "Farrington W must leave a window narrower than a year (R: w).");
        Require(Alpha > 0 && Alpha < 0.5, nameof(Alpha), Alpha, "Farrington Alpha must be between 0 and 0.5 (R: alpha).");
        Require(WeightsThreshold > 0, nameof(WeightsThreshold), WeightsThreshold, "Farrington WeightsThreshold must be positive (R: weightsThreshold).");
        Require(Limit54Cases >= 0 && Limit54Periods > 0, nameof(Limit54Cases), (Limit54Cases, Limit54Periods),
            "The limit54 arguments are out of bounds: cases >= 0 and period > 0 (R: limit54).");
        Require(EffectivePastWeeksNotIncluded >= 0 && EffectivePastWeeksNotIncluded < Frequency - W, nameof(PastWeeksNotIncluded), EffectivePastWeeksNotIncluded,
            "Farrington PastWeeksNotIncluded must be zero or positive and leave last year's reference window in the baseline (R: pastWeeksNotIncluded).");
    }
}

/// <summary>
/// The Farrington outbreak detection methods as <c>surveillance::farringtonFlexible</c> defines
/// them: for each period t, a quasi-Poisson log-linear model is fitted to the baseline (the
/// <c>b</c> years back, with an optional trend and, with <c>noPeriods</c> &gt; 1, a seasonal
/// factor); past outbreaks are downweighted by their Anscombe residuals
/// a = 1.5(y^{2/3}μ^{-1/6} − μ^{1/2}) / √(φ(1 − h)) and the model refitted; the threshold is
/// derived from the prediction for t (<see cref="FarringtonThreshold"/>); an alarm is a
/// non-zero count with exceedance score (y − fit)/(threshold − fit) above 1, as long as the
/// "5 in 4 weeks" rule is met.
/// </summary>
/// <remarks>
/// An instance keeps its regression workspace, so it allocates nothing per period; it is not
/// thread-safe — use one per thread.
/// </remarks>
public sealed class FarringtonFlexible
{
    private readonly FarringtonOptions options;
    private readonly QuasiPoissonRegression regression = new();
    private readonly double normalQuantile;
    private int[] blockOfPeriod = [];
    private int[] compactLevel = [];

    public FarringtonFlexible(FarringtonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
        normalQuantile = Distributions.NormalQuantile(1 - options.Alpha);
    }

    public FarringtonOptions Options => options;

    /// <summary>
    /// Expected counts, thresholds (R's <c>upperbound</c>) and alarms for every period. Periods
    /// before <see cref="FarringtonOptions.FirstDetectablePeriod"/>, periods failing the
    /// "5 in 4 weeks" rule and periods whose model does not converge get NaN and no alarm (R: NA).
    /// </summary>
    public void Detect(ReadOnlySpan<int> observed, Span<double> expected, Span<double> threshold, Span<bool> alarm)
    {
        if (expected.Length != observed.Length || threshold.Length != observed.Length || alarm.Length != observed.Length)
        {
            throw new ArgumentException("expected, threshold and alarm must be as long as observed.", nameof(expected));
        }

        for (var t = 0; t < observed.Length; t++)
        {
            if (t < options.FirstDetectablePeriod)
            {
                expected[t] = threshold[t] = double.NaN;
                alarm[t] = false;
                continue;
            }

            (expected[t], threshold[t], alarm[t]) = DetectAt(observed, t);
        }
    }

    private (double Expected, double Threshold, bool Alarm) DetectAt(ReadOnlySpan<int> observed, int now)
    {
        var y = observed[now];
        var recent = 0;
        for (var i = Math.Max(0, now - options.Limit54Periods + 1); i <= now; i++)
        {
            recent += observed[i];
        }

        var enoughCases = recent >= options.Limit54Cases;
        var predictionLevel = PrepareBaseline(observed, now);
        // With fewer than three years R fits the trend model only to drop it and refit without; a
        // trend fit that does not converge falls back to that same model. Either way the result is
        // the model without trend, so it is fitted directly: same outputs, half the work.
        var model = FitFlexible(options.Trend && options.B >= 3);
        if (model is null)
        {
            return (double.NaN, double.NaN, false);
        }

        var typeIsResponse = options.ThresholdMethod == FarringtonThreshold.Delta;
        if (regression.HasTime)
        {
            // R (algo.farrington.glm): keep the trend only if significant, b ≥ 3 and the prediction is no extrapolation.
            var (etaTrend, _) = regression.Predict(predictionLevel, 0);
            var significant = Distributions.StudentTTwoSidedPValue(regression.TimeTStatistic(SummaryDispersion()), regression.ResidualDegreesOfFreedom) < options.PThresholdTrend;
            var maximum = 0.0;
            foreach (var value in regression.Response)
            {
                maximum = Math.Max(maximum, value);
            }

            var noExtrapolation = InverseLink(etaTrend) <= maximum;
            if (!(options.B >= 3 && significant && noExtrapolation))
            {
                model = FitFlexible(false);
                if (model is null)
                {
                    return (double.NaN, double.NaN, false);
                }
            }
        }

        var phi = model.Value;

        // predict.glm's standard error uses summary()'s dispersion, not φ = max(dispersion, 1): R passes φ inside newdata, where predict ignores it.
        var (eta, unscaledVariance) = regression.Predict(predictionLevel, 0);
        var seEta = Math.Sqrt(unscaledVariance * SummaryDispersion());

        double fit, upper;
        if (typeIsResponse)
        {
            fit = InverseLink(eta);
            var seFit = seEta * fit;
            upper = DeltaThreshold(fit, seFit, phi);
        }
        else
        {
            fit = eta;
            var meanForQuantile = options.ThresholdMethod == FarringtonThreshold.NegativeBinomialPlugin
                ? Math.Exp(eta)
                : Math.Exp(eta + normalQuantile * seEta);
            upper = double.IsPositiveInfinity(meanForQuantile)
                ? double.NaN
                : phi > 1
                    ? Distributions.NegativeBinomialQuantile(1 - options.Alpha, meanForQuantile / (phi - 1), 1 / phi)
                    : Distributions.PoissonQuantile(1 - options.Alpha, meanForQuantile);
        }

        // R's exceedance score uses the prediction on the scale it was made on: the link scale for nbPlugin and muan.
        var score = (y - fit) / (upper - fit);
        var alarm = enoughCases && score > 1 && y != 0;
        var expectedCount = double.IsNaN(upper) || !enoughCases ? double.NaN : typeIsResponse ? fit : Math.Exp(eta);
        return (expectedCount, enoughCases ? upper : double.NaN, alarm);
    }

    /// <summary>Farrington et al.'s (1996) threshold: (μ^e + z·√(Var of μ̂^e))^{1/e}, the variance by the delta method.</summary>
    private double DeltaThreshold(double mu, double seFit, double phi)
    {
        var tau = phi + seFit * seFit / mu;
        return options.PowerTransform switch
        {
            FarringtonPowerTransform.None => mu + normalQuantile * Math.Sqrt(mu * tau),
            FarringtonPowerTransform.SquareRoot => Math.Pow(Math.Sqrt(mu) + normalQuantile * Math.Sqrt(0.25 * tau), 2),
            _ => Math.Pow(Math.Pow(mu, 2.0 / 3) + normalQuantile * Math.Sqrt(4.0 / 9 * Math.Pow(mu, 1.0 / 3) * tau), 1.5),
        };
    }

    /// <summary>
    /// The dispersion R's <c>summary.glm</c> and <c>predict.glm</c> see for the fitted model. After
    /// reweighting, <c>algo.farrington.fitGLM.flexible</c> overwrites the model's <c>$weights</c>
    /// (the working weights) with the prior weights ω, so R's standard errors and trend test use
    /// Σ ω·r²/df rather than the quasi-likelihood dispersion; φ itself was taken before. Hilmo
    /// follows R here, to give the thresholds surveillance users know.
    /// </summary>
    private double SummaryDispersion() => options.Reweight ? regression.PriorWeightedDispersion : regression.Dispersion;

    private static readonly double[] TwoThirdsPowers = [.. Enumerable.Range(0, 1024).Select(y => Math.Pow(y, 2.0 / 3))];

    private static double TwoThirdsPower(double y) =>
        y < TwoThirdsPowers.Length && (int)y == y ? TwoThirdsPowers[(int)y] : Math.Pow(y, 2.0 / 3);

    private static double InverseLink(double eta) => Math.Max(Math.Exp(eta), 2.220446049250313e-16);

    /// <summary>
    /// R's <c>algo.farrington.fitGLM.flexible</c>: fit (retrying without the trend if it does not
    /// converge), then optionally refit with Anscombe-residual weights. Returns φ = max(dispersion, 1),
    /// or null when no model converged.
    /// </summary>
    private double? FitFlexible(bool withTime)
    {
        regression.PriorWeight.Fill(1);
        if (!regression.Fit(withTime))
        {
            if (!withTime || !regression.Fit(false))
            {
                return null;
            }
        }

        var phi = Math.Max(regression.Dispersion, 1);
        if (!options.Reweight)
        {
            return phi;
        }

        // Anscombe residuals, then weights γ·s⁻² above the threshold and γ below, γ making them sum to n (algo.farrington.assign.weights).
        var n = regression.Count;
        var weights = regression.PriorWeight;
        var fitted = regression.Fitted;
        var response = regression.Response;
        var sumInverse = 0.0;

        // Observations of a level share their mean when there is no trend: the powers are taken once per mean.
        double lastMean = double.NaN, meanPower = 0, meanRoot = 0;
        for (var i = 0; i < n; i++)
        {
            var mu = fitted[i];
            if (mu != lastMean)
            {
                (lastMean, meanPower, meanRoot) = (mu, Math.Pow(mu, -1.0 / 6), Math.Sqrt(mu));
            }

            var s = 1.5 * (TwoThirdsPower(response[i]) * meanPower - meanRoot) / Math.Sqrt(phi * (1 - regression.HatValue(i)));
            var downweighted = s > options.WeightsThreshold;
            weights[i] = downweighted ? 1 / (s * s) : double.NaN;
            sumInverse += downweighted ? 1 / (s * s) : 1;
        }

        var gamma = n / sumInverse;
        for (var i = 0; i < n; i++)
        {
            weights[i] = double.IsNaN(weights[i]) ? gamma : gamma * weights[i];
        }

        // R refits with the weights without checking convergence again.
        regression.Fit(regression.HasTime);
        return Math.Max(regression.Dispersion, 1);
    }

    /// <summary>
    /// R's <c>blocks</c> and <c>algo.farrington.data.glm</c>: assigns the baseline periods to the
    /// levels of the seasonal factor — level <c>noPeriods</c> for the windows of ±w around each
    /// reference period t − i·freq, levels 1 … noPeriods−1 for equal parts of the rest of each year
    /// (the first parts one longer when it does not divide) — drops the most recent
    /// <c>pastWeeksNotIncluded</c> + 1 periods and fills the regression. Levels without any baseline
    /// period are dropped, as R's factor drops them. Returns the compact index of the prediction level.
    /// </summary>
    private int PrepareBaseline(ReadOnlySpan<int> observed, int now)
    {
        int b = options.B, w = options.W, p = options.NoPeriods, frequency = options.Frequency;
        var start = now - b * frequency - w;
        var length = now - start + 1;
        if (blockOfPeriod.Length < length)
        {
            blockOfPeriod = new int[length];
        }

        var blocks = blockOfPeriod.AsSpan(0, length);
        blocks.Clear();
        blocks[(length - 1 - w)..].Fill(p);
        for (var i = 1; i <= b; i++)
        {
            var reference = now - i * frequency - start;
            blocks.Slice(reference - w, 2 * w + 1).Fill(p);
            if (p != 1)
            {
                var period = frequency - 2 * w - 1;
                int blockLength = period / (p - 1), rest = period % (p - 1);
                var position = reference + w + 1;
                for (var j = 1; j <= p - 1; j++)
                {
                    var size = blockLength + (j <= rest ? 1 : 0);
                    blocks.Slice(position, size).Fill(j);
                    position += size;
                }
            }
        }

        var excludedFrom = Math.Max(0, length - 1 - options.EffectivePastWeeksNotIncluded);
        blocks[excludedFrom..].Clear();

        if (compactLevel.Length < p + 1)
        {
            compactLevel = new int[p + 1];
        }

        var levels = compactLevel.AsSpan(0, p + 1);
        levels.Fill(-1);
        var count = 0;
        foreach (var block in blocks)
        {
            if (block != 0)
            {
                levels[block] = 0;
                count++;
            }
        }

        var levelCount = 0;
        for (var j = 1; j <= p; j++)
        {
            if (levels[j] == 0)
            {
                levels[j] = levelCount++;
            }
        }

        regression.Prepare(count, levelCount);
        var response = regression.Response;
        var time = regression.Time;
        var level = regression.Level;
        var row = 0;
        for (var i = 0; i < length; i++)
        {
            if (blocks[i] != 0)
            {
                response[row] = observed[start + i];

                // Time relative to now, in years: the same fits as R's absolute period numbers (the
                // level indicators span the intercept), better conditioned, and the prediction at 0.
                time[row] = (double)(start + i - now) / frequency;
                level[row] = levels[blocks[i]];
                row++;
            }
        }

        return levels[p];
    }
}
