namespace Hilmo.Statistics.Signals.Detection;

/// <summary>
/// The few distribution functions the detection methods need, written here rather than taken
/// from a numerics package: the methods call them hundreds of thousands of times per run, so they
/// work on plain doubles without allocating, and each is the published algorithm R itself uses
/// (the oracle test compares the methods' outputs with R's to 1e-6).
/// </summary>
internal static class Distributions
{
    /// <summary>
    /// The standard normal quantile by Wichura's algorithm AS 241 (PPND16, Applied Statistics 37,
    /// 1988), accurate to about 1e-16 — the algorithm of R's <c>qnorm</c>.
    /// </summary>
    public static double NormalQuantile(double p)
    {
        if (!(p > 0 && p < 1))
        {
            return p == 0 ? double.NegativeInfinity : p == 1 ? double.PositiveInfinity : double.NaN;
        }

        var q = p - 0.5;
        double r, value;
        if (Math.Abs(q) <= 0.425)
        {
            r = 0.180625 - q * q;
            return q * (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r
                        + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
                        + 133.14166789178437745) * r + 3.387132872796366608)
                   / (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r
                        + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
                        + 42.313330701600911252) * r + 1.0);
        }

        r = Math.Sqrt(-Math.Log(q < 0 ? p : 1 - p));
        if (r <= 5)
        {
            r -= 1.6;
            value = (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
                        + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r
                        + 4.6303378461565452959) * r + 1.42343711074968357734)
                    / (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r
                        + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r
                        + 2.05319162663775882187) * r + 1.0);
        }
        else
        {
            r -= 5;
            value = (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
                        + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r
                        + 5.4637849111641143699) * r + 6.6579046435011037772)
                    / (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
                        + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
                        + 0.59983220655588793769) * r + 1.0);
        }

        return q < 0 ? -value : value;
    }

    /// <summary>
    /// The two-sided p-value of a t statistic with <paramref name="degreesOfFreedom"/>, as
    /// R's <c>summary.glm</c> gives it for a quasi family (<c>2 * pt(-|t|, df)</c>): the
    /// regularised incomplete beta I_{df/(df+t²)}(df/2, 1/2).
    /// </summary>
    public static double StudentTTwoSidedPValue(double t, double degreesOfFreedom)
    {
        if (double.IsNaN(t) || !(degreesOfFreedom > 0))
        {
            return double.NaN;
        }

        return RegularizedIncompleteBeta(degreesOfFreedom / (degreesOfFreedom + t * t), degreesOfFreedom / 2, 0.5);
    }

    /// <summary>
    /// The lower α-quantile of the negative binomial with R's (size, prob) parameters, as
    /// <c>qnbinom(probability, size, prob)</c>: the smallest count whose distribution function
    /// reaches <paramref name="probability"/>.
    /// </summary>
    public static double NegativeBinomialQuantile(double probability, double size, double prob) =>
        DiscreteQuantile(probability, size, 1 - prob, poissonMean: double.NaN);

    /// <summary>The Poisson quantile, as R's <c>qpois(probability, mean)</c>.</summary>
    public static double PoissonQuantile(double probability, double mean) =>
        DiscreteQuantile(probability, double.NaN, double.NaN, mean);

    /// <summary>
    /// One search for both count distributions, by the ratio of successive probabilities
    /// (Poisson λ/(x+1), negative binomial (x+size)(1−prob)/(x+1)): the terms are summed outwards
    /// from the mode relative to the mode's term, so no gamma function is evaluated and neither
    /// tail underflows for large means; normalising by the total makes the cumulative sums exact
    /// to rounding.
    /// </summary>
    private static double DiscreteQuantile(double probability, double size, double failure, double poissonMean)
    {
        var poisson = !double.IsNaN(poissonMean);
        if (double.IsNaN(probability) || (poisson ? !(poissonMean >= 0) : !(size >= 0 && failure >= 0 && failure < 1)))
        {
            return double.NaN;
        }

        var mean = poisson ? poissonMean : size * failure / (1 - failure);
        if (double.IsInfinity(mean))
        {
            return double.PositiveInfinity;
        }

        if (mean == 0)
        {
            return 0;
        }

        double Ratio(double x) => poisson ? poissonMean / (x + 1) : (x + size) * failure / (x + 1);

        // The mode: the largest x whose ratio to its predecessor is at least one.
        var mode = poisson ? Math.Floor(poissonMean) : size > 1 ? Math.Floor((size - 1) * failure / (1 - failure)) : 0;
        const double Negligible = 1e-18;

        // Below the mode, downwards: term(x-1) = term(x) / ratio(x-1).
        double lowerSum = 0, term = 1;
        var lowest = mode;
        for (var x = mode; x > 0; x--)
        {
            term /= Ratio(x - 1);
            lowerSum += term;
            lowest = x - 1;
            if (term < Negligible * lowerSum)
            {
                break;
            }
        }

        double upperSum = 1;
        term = 1;
        for (var x = mode; ; x++)
        {
            term *= Ratio(x);
            upperSum += term;
            if (term < Negligible * upperSum || term == 0)
            {
                break;
            }
        }

        var total = lowerSum + upperSum;

        // R fuzzes the probability by a few ulps towards the left so that a quantile sitting
        // exactly on a step is found, not the next count (qDiscrete_search in R's nmath).
        const double MachineEpsilon = 2.220446049250313e-16;
        var target = probability * (1 - 64 * MachineEpsilon) * total;

        // Upwards from the lowest term kept, accumulating, to the first count reaching the target.
        term = 1;
        for (var x = mode; x > lowest; x--)
        {
            term /= Ratio(x - 1);
        }

        var cumulative = 0.0;
        for (var x = lowest; ; x++)
        {
            cumulative += term;
            if (cumulative >= target)
            {
                return x;
            }

            term *= Ratio(x);
            if (term == 0 || double.IsInfinity(x))
            {
                return x + 1;
            }
        }
    }

    /// <summary>
    /// The regularised incomplete beta function I_x(a, b) by its continued fraction (modified
    /// Lentz; Press et al., Numerical Recipes, 3rd ed., 6.4), accurate to about 1e-14 — enough
    /// for the trend test, which only compares a p-value with a threshold.
    /// </summary>
    private static double RegularizedIncompleteBeta(double x, double a, double b)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        return x < (a + 1) / (a + b + 2)
            ? front * BetaContinuedFraction(x, a, b) / a
            : 1 - front * BetaContinuedFraction(1 - x, b, a) / b;
    }

    private static double BetaContinuedFraction(double x, double a, double b)
    {
        const double Tiny = 1e-300;
        double qab = a + b, qap = a + 1, qam = a - 1, c = 1, d = 1 - qab * x / qap;
        d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
        var h = d;
        for (var m = 1; m <= 10000; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = 1 + aa / c;
            c = Math.Abs(c) < Tiny ? Tiny : c;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = 1 + aa / c;
            c = Math.Abs(c) < Tiny ? Tiny : c;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-15)
            {
                break;
            }
        }

        return h;
    }

    /// <summary>log Γ(x) for x &gt; 0 by the Lanczos approximation (g = 7, nine terms), about 1e-15 relative.</summary>
    private static double LogGamma(double x)
    {
        ReadOnlySpan<double> coefficients =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (x < 0.5)
        {
            // Reflection: Γ(x)Γ(1−x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = coefficients[0];
        for (var i = 1; i < coefficients.Length; i++)
        {
            sum += coefficients[i] / (x + i);
        }

        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
