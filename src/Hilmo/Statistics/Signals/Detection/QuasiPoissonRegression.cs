namespace Hilmo.Statistics.Signals.Detection;

/// <summary>
/// A quasi-Poisson log-linear model with one factor and an optional linear time term — the only
/// models the Farrington methods fit — by iteratively reweighted least squares, step for step as
/// R's <c>glm.fit</c> (R 4.2) runs it: start at μ = y + 0.1, at most 25 iterations, converged
/// when |dev − dev_old| / (|dev| + 0.1) &lt; 1e-8. Stopping where R stops, rather than iterating
/// to the limit, is what makes the outputs agree with R to 1e-6: R's dispersion, hat values and
/// standard errors mix the last iteration's weights with the updated means.
/// </summary>
/// <remarks>
/// The design is a full set of level indicators (no separate intercept) and time, so a row has at
/// most two non-zero entries and XᵀWX is accumulated in O(n) per iteration; the small (levels + 1)
/// system is solved by Cholesky. Fitted values, dispersion and standard errors are invariant to
/// this choice of parametrisation, so they are R's, whose design is intercept + treatment contrasts.
/// The instance keeps its arrays between fits: one fit allocates nothing.
/// </remarks>
internal sealed class QuasiPoissonRegression
{
    private const int MaximumIterations = 25;
    private const double ConvergenceTolerance = 1e-8;
    private const double MachineEpsilon = 2.220446049250313e-16;

    private double[] response = [];
    private double[] time = [];
    private int[] level = [];
    private double[] priorWeight = [];
    private double[] mean = [];
    private double[] workingWeight = [];
    private double[] linearPredictor = [];
    private double[] workingResponse = [];
    private double[] matrix = [];
    private double[] inverse = [];
    private double[] rightSide = [];
    private double[] coefficients = [];
    private double[] levelSums = [];
    private double[] levelMean = [];

    public int Count { get; private set; }

    public int Levels { get; private set; }

    public bool HasTime { get; private set; }

    public bool Converged { get; private set; }

    /// <summary>R's <c>summary.glm(model)$dispersion</c>: Σ w·r² over working weights and residuals / residual df.</summary>
    public double Dispersion { get; private set; }

    /// <summary>
    /// The same sum with the prior weights in place of the working weights: what R's
    /// <c>summary.glm</c> computes for a model whose <c>$weights</c> were overwritten with the
    /// prior weights, as <c>algo.farrington.fitGLM.flexible</c> does after reweighting.
    /// </summary>
    public double PriorWeightedDispersion { get; private set; }

    private int Parameters => Levels + (HasTime ? 1 : 0);

    public Span<double> Response => response.AsSpan(0, Count);

    public Span<double> Time => time.AsSpan(0, Count);

    public Span<int> Level => level.AsSpan(0, Count);

    public Span<double> PriorWeight => priorWeight.AsSpan(0, Count);

    public ReadOnlySpan<double> Fitted => mean.AsSpan(0, Count);

    /// <summary>Makes room for <paramref name="count"/> observations of <paramref name="levels"/> levels; the caller fills the spans.</summary>
    public void Prepare(int count, int levels)
    {
        if (response.Length < count)
        {
            var capacity = Math.Max(count, response.Length * 2);
            response = new double[capacity];
            time = new double[capacity];
            level = new int[capacity];
            priorWeight = new double[capacity];
            mean = new double[capacity];
            workingWeight = new double[capacity];
            linearPredictor = new double[capacity];
            workingResponse = new double[capacity];
        }

        var parameters = levels + 1;
        if (coefficients.Length < parameters)
        {
            matrix = new double[parameters * parameters];
            inverse = new double[parameters * parameters];
            rightSide = new double[parameters];
            coefficients = new double[parameters];
            levelSums = new double[6 * parameters];
            levelMean = new double[parameters];
        }

        Count = count;
        Levels = levels;
    }

    /// <summary>Fits with or without the time term; false when R's glm would report no convergence.</summary>
    public bool Fit(bool withTime)
    {
        HasTime = withTime;
        var converged = withTime ? IterateGeneral() : IterateLevelsOnly();
        Converged = converged == true;
        if (converged is null)
        {
            return false;
        }

        var n = Count;

        // summary.glm's dispersion: the last iteration's working weights times the squared working residuals of the final means.
        double sum = 0;
        var used = 0;
        for (var i = 0; i < n; i++)
        {
            if (priorWeight[i] > 0)
            {
                used++;
            }

            if (workingWeight[i] > 0)
            {
                var residual = (response[i] - mean[i]) / mean[i];
                sum += workingWeight[i] * residual * residual;
            }
        }

        var residualDegrees = used - Parameters;
        Dispersion = residualDegrees > 0 ? sum / residualDegrees : double.NaN;

        double priorWeighted = 0;
        for (var i = 0; i < n; i++)
        {
            if (priorWeight[i] > 0)
            {
                var residual = (response[i] - mean[i]) / mean[i];
                priorWeighted += priorWeight[i] * residual * residual;
            }
        }

        PriorWeightedDispersion = residualDegrees > 0 ? priorWeighted / residualDegrees : double.NaN;
        return Converged;
    }

    /// <summary>Residual degrees of freedom, as R's <c>df.residual</c>.</summary>
    public int ResidualDegreesOfFreedom
    {
        get
        {
            var used = 0;
            for (var i = 0; i < Count; i++)
            {
                if (priorWeight[i] > 0)
                {
                    used++;
                }
            }

            return used - Parameters;
        }
    }

    /// <summary>The diagonal of the hat matrix of the last iteration, as R's <c>hatvalues</c>.</summary>
    public double HatValue(int i)
    {
        var p = Parameters;
        var j = level[i];
        var quadratic = inverse[j * p + j];
        if (HasTime)
        {
            var t = time[i];
            quadratic += 2 * t * inverse[j * p + Levels] + t * t * inverse[Levels * p + Levels];
        }

        return workingWeight[i] * quadratic;
    }

    /// <summary>The linear predictor at a level and time, and its unscaled variance x₀ᵀ(XᵀWX)⁻¹x₀.</summary>
    public (double Eta, double UnscaledVariance) Predict(int atLevel, double atTime)
    {
        var p = Parameters;
        var eta = coefficients[atLevel];
        var variance = inverse[atLevel * p + atLevel];
        if (HasTime)
        {
            eta += coefficients[Levels] * atTime;
            variance += 2 * atTime * inverse[atLevel * p + Levels] + atTime * atTime * inverse[Levels * p + Levels];
        }

        return (eta, variance);
    }

    /// <summary>The time coefficient's t statistic, as <c>summary.glm</c> computes it with the given dispersion.</summary>
    public double TimeTStatistic(double dispersion)
    {
        var p = Parameters;
        return coefficients[Levels] / Math.Sqrt(dispersion * inverse[Levels * p + Levels]);
    }

    /// <summary>glm.fit's iterations for the design with time; null when the system is singular or the deviance not finite.</summary>
    private bool? IterateGeneral()
    {
        var n = Count;
        var deviancePrevious = 0.0;
        for (var i = 0; i < n; i++)
        {
            var (eta, mu, unit) = Start(response[i]);
            linearPredictor[i] = eta;
            mean[i] = mu;
            deviancePrevious += 2 * priorWeight[i] * unit;
        }

        for (var iteration = 0; iteration < MaximumIterations; iteration++)
        {
            // Log link: dμ/dη = μ and V(μ) = μ (both max(e^η, ε) in R, so one value), hence the
            // working weight prior·μ and the working response η + (y − μ)/μ.
            for (var i = 0; i < n; i++)
            {
                workingWeight[i] = priorWeight[i] * mean[i];
                workingResponse[i] = linearPredictor[i] + (response[i] - mean[i]) / mean[i];
            }

            if (!SolveWeightedLeastSquares())
            {
                return null;
            }

            var deviance = 0.0;
            for (var i = 0; i < n; i++)
            {
                var eta = coefficients[level[i]] + coefficients[Levels] * time[i];
                linearPredictor[i] = eta;
                mean[i] = Math.Max(Math.Exp(eta), MachineEpsilon);
                deviance += DevianceResidual(response[i], mean[i], priorWeight[i]);
            }

            if (!double.IsFinite(deviance))
            {
                return null;
            }

            if (Math.Abs(deviance - deviancePrevious) / (Math.Abs(deviance) + 0.1) < ConvergenceTolerance)
            {
                return true;
            }

            deviancePrevious = deviance;
        }

        return false;
    }

    /// <summary>
    /// The same iterations for a design of level indicators alone, in closed form: after R's first
    /// step (from μ = y + 0.1, which differs within a level) every observation of a level shares its
    /// mean m, the weighted least squares step is η ← η + (Σwy − mΣw)/(mΣw), and the deviance is
    /// 2(Σwy·log y − Σwy·log m − Σwy + mΣw) per level. So each iteration costs O(levels), not O(n),
    /// with R's iterates and stopping rule; only rounding differs, far below the 1e-6 agreement.
    /// </summary>
    private bool? IterateLevelsOnly()
    {
        var n = Count;
        var levels = Levels;
        var sums = levelSums.AsSpan(0, 6 * levels);
        sums.Clear();
        var firstNumerator = sums[..levels];
        var firstDenominator = sums.Slice(levels, levels);
        var weight = sums.Slice(2 * levels, levels);
        var weightedResponse = sums.Slice(3 * levels, levels);
        var weightedResponseLog = sums.Slice(4 * levels, levels);
        var meanBefore = sums.Slice(5 * levels, levels);
        var deviancePrevious = 0.0;
        for (var i = 0; i < n; i++)
        {
            double y = response[i], w = priorWeight[i];
            var j = level[i];
            var (eta, mu, unit) = Start(y);
            deviancePrevious += 2 * w * unit;
            var workingWeightStart = w * mu;
            firstNumerator[j] += workingWeightStart * (eta + (y - mu) / mu);
            firstDenominator[j] += workingWeightStart;
            weight[j] += w;
            weightedResponse[j] += w * y;
            weightedResponseLog[j] += w * YLogY(y);
        }

        var lastIteration = 0;
        bool? converged = false;
        for (var iteration = 0; iteration < MaximumIterations; iteration++)
        {
            lastIteration = iteration;
            var deviance = 0.0;
            for (var j = 0; j < levels; j++)
            {
                if (iteration == 0)
                {
                    if (!(firstDenominator[j] > 0))
                    {
                        return null;
                    }

                    coefficients[j] = firstNumerator[j] / firstDenominator[j];
                }
                else
                {
                    var m = meanBefore[j] = levelMean[j];
                    coefficients[j] += (weightedResponse[j] - m * weight[j]) / (m * weight[j]);
                }

                var mu = levelMean[j] = Math.Max(Math.Exp(coefficients[j]), MachineEpsilon);
                deviance += 2 * (weightedResponseLog[j] - weightedResponse[j] * Math.Log(mu) - weightedResponse[j] + mu * weight[j]);
            }

            if (!double.IsFinite(deviance))
            {
                return null;
            }

            if (Math.Abs(deviance - deviancePrevious) / (Math.Abs(deviance) + 0.1) < ConvergenceTolerance)
            {
                converged = true;
                break;
            }

            deviancePrevious = deviance;
        }

        // The per-observation state R keeps: final means, and the working weights of the last step
        // (from the starting means if that was the first), whose inverse XᵀWX is diagonal.
        var p = Parameters;
        Array.Clear(inverse, 0, p * p);
        var levelWorkingWeight = firstDenominator;
        levelWorkingWeight.Clear();
        for (var i = 0; i < n; i++)
        {
            var j = level[i];
            linearPredictor[i] = coefficients[j];
            mean[i] = levelMean[j];
            workingWeight[i] = priorWeight[i] * (lastIteration == 0 ? Start(response[i]).Mean : meanBefore[j]);
            levelWorkingWeight[j] += workingWeight[i];
        }

        for (var j = 0; j < levels; j++)
        {
            inverse[j * p + j] = 1 / levelWorkingWeight[j];
        }

        return converged;
    }

    /// <summary>R's start for Poisson families, η = log(y + 0.1), μ = max(e^η, ε), with the deviance unit there; tabled for small counts.</summary>
    private static (double Eta, double Mean, double DevianceUnit) Start(double y)
    {
        if (y < StartTable.Size)
        {
            var index = (int)y;
            if (index == y)
            {
                return (StartTable.Eta[index], StartTable.Mean[index], StartTable.DevianceUnit[index]);
            }
        }

        return StartTable.Compute(y);
    }

    private static double YLogY(double y) =>
        y <= 0 ? 0 : y < StartTable.Size && (int)y == y ? StartTable.YLogY[(int)y] : y * Math.Log(y);

    /// <summary>Count-indexed values of the start and of y·log y: the fits evaluate them for every observation of every fit.</summary>
    private static class StartTable
    {
        public const int Size = 1024;
        public static readonly double[] Eta = new double[Size];
        public static readonly double[] Mean = new double[Size];
        public static readonly double[] DevianceUnit = new double[Size];
        public static readonly double[] YLogY = new double[Size];

        static StartTable()
        {
            for (var y = 0; y < Size; y++)
            {
                (Eta[y], Mean[y], DevianceUnit[y]) = Compute(y);
                YLogY[y] = y > 0 ? y * Math.Log(y) : 0;
            }
        }

        public static (double Eta, double Mean, double DevianceUnit) Compute(double y)
        {
            var eta = Math.Log(y + 0.1);
            var mu = Math.Max(Math.Exp(eta), MachineEpsilon);
            return (eta, mu, y > 0 ? y * Math.Log(y / mu) - (y - mu) : mu);
        }
    }

    private static double DevianceResidual(double y, double mu, double weight) =>
        2 * weight * (y > 0 ? y * Math.Log(y / mu) - (y - mu) : mu);

    /// <summary>β = (XᵀWX)⁻¹XᵀWz, keeping (XᵀWX)⁻¹ for the hat values and standard errors.</summary>
    private bool SolveWeightedLeastSquares()
    {
        var p = Parameters;
        var levels = Levels;
        Array.Clear(matrix, 0, p * p);
        Array.Clear(rightSide, 0, p);
        for (var i = 0; i < Count; i++)
        {
            var w = workingWeight[i];
            var j = level[i];
            var wz = w * workingResponse[i];
            matrix[j * p + j] += w;
            rightSide[j] += wz;
            if (HasTime)
            {
                var t = time[i];
                matrix[j * p + levels] += w * t;
                matrix[levels * p + levels] += w * t * t;
                rightSide[levels] += wz * t;
            }
        }

        if (HasTime)
        {
            for (var j = 0; j < levels; j++)
            {
                matrix[levels * p + j] = matrix[j * p + levels];
            }
        }

        // Cholesky A = LLᵀ in place (lower triangle); a non-positive pivot means the design is rank deficient.
        for (var j = 0; j < p; j++)
        {
            var diagonal = matrix[j * p + j];
            for (var k = 0; k < j; k++)
            {
                diagonal -= matrix[j * p + k] * matrix[j * p + k];
            }

            if (!(diagonal > 1e-300))
            {
                return false;
            }

            var root = Math.Sqrt(diagonal);
            matrix[j * p + j] = root;
            for (var i = j + 1; i < p; i++)
            {
                var value = matrix[i * p + j];
                for (var k = 0; k < j; k++)
                {
                    value -= matrix[i * p + k] * matrix[j * p + k];
                }

                matrix[i * p + j] = value / root;
            }
        }

        // A⁻¹ column by column: solve L y = e_c, then Lᵀ x = y.
        for (var c = 0; c < p; c++)
        {
            for (var i = 0; i < p; i++)
            {
                var value = i == c ? 1.0 : 0.0;
                for (var k = 0; k < i; k++)
                {
                    value -= matrix[i * p + k] * inverse[k * p + c];
                }

                inverse[i * p + c] = value / matrix[i * p + i];
            }

            for (var i = p - 1; i >= 0; i--)
            {
                var value = inverse[i * p + c];
                for (var k = i + 1; k < p; k++)
                {
                    value -= matrix[k * p + i] * inverse[k * p + c];
                }

                inverse[i * p + c] = value / matrix[i * p + i];
            }
        }

        for (var i = 0; i < p; i++)
        {
            var value = 0.0;
            for (var k = 0; k < p; k++)
            {
                value += inverse[i * p + k] * rightSide[k];
            }

            coefficients[i] = value;
        }

        return true;
    }
}
