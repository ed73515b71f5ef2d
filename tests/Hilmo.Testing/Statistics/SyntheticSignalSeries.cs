namespace Hilmo.Testing.Statistics;

/// <summary>
/// A count series for the signal detection methods: counts drawn around a known in-control mean
/// (seasonal, weekday, trend and gamma-ish overdispersion), with outbreaks added on top, so the
/// methods have something to find and the GLR detector a true μ₀ to be given.
/// </summary>
/// <param name="Name">What the series is, for messages.</param>
/// <param name="Frequency">Periods per year: 52 weekly, 365 daily.</param>
/// <param name="Observed">The counts.</param>
/// <param name="InControlMean">The mean the counts were drawn from before the outbreaks.</param>
public sealed record SyntheticSignalSeries(string Name, int Frequency, int[] Observed, double[] InControlMean)
{
    /// <summary>
    /// Counts ~ Poisson(μ_t·e^{σZ}) with log μ_t = level + amplitude·sin(2πt/frequency) + trend·t
    /// (+ a weekday effect for daily series), and <paramref name="outbreaks"/> outbreaks of a few
    /// periods adding Poisson(size·μ_t) cases. Deterministic for a seed.
    /// </summary>
    public static SyntheticSignalSeries Generate(
        string name, int seed, int frequency, int length, double level, double amplitude,
        double trendPerYear = 0, double overdispersion = 0.2, int outbreaks = 3, double outbreakSize = 2)
    {
        var random = new Random(seed);
        var mean = new double[length];
        var observed = new int[length];
        for (var t = 0; t < length; t++)
        {
            var weekday = frequency == 365 ? 0.25 * Math.Cos(2 * Math.PI * t / 7) : 0;
            mean[t] = Math.Exp(level + amplitude * Math.Sin(2 * Math.PI * t / frequency) + trendPerYear * t / frequency + weekday);
            observed[t] = Poisson(random, mean[t] * Math.Exp(overdispersion * Normal(random)));
        }

        var outbreakLength = frequency == 365 ? 7 : 3;
        for (var o = 0; o < outbreaks; o++)
        {
            // The outbreaks fall in the later half, where the methods have a baseline.
            var start = length / 2 + random.Next(length / 2 - outbreakLength);
            for (var t = start; t < start + outbreakLength; t++)
            {
                observed[t] += Poisson(random, outbreakSize * mean[t]);
            }
        }

        return new SyntheticSignalSeries(name, frequency, observed, mean);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Knuth's product method for small means, a rounded normal for large ones: test data, not a sampler to rely on.</summary>
    private static int Poisson(Random random, double mean)
    {
        if (mean > 50)
        {
            return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * Normal(random)));
        }

        var limit = Math.Exp(-mean);
        var count = 0;
        for (var product = random.NextDouble(); product > limit; product *= random.NextDouble())
        {
            count++;
        }

        return count;
    }
}
