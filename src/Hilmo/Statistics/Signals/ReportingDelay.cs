namespace Hilmo.Statistics.Signals;

/// <summary>
/// The register's own reporting delay: how many days after a visit its record first arrives, as
/// an empirical distribution over the visits of a reference window of days that are final, and the
/// completeness and nowcast of recent days it gives.
/// </summary>
/// <remarks>
/// <para>
/// The delay of a visit is the receipt date (UTC) of its record's first stored version minus the
/// visit's date (Finnish time, as submitted), at least 0. A day is final <see cref="FinalAfterDays"/>
/// days after it: records arriving later still count in the report, but the nowcast targets the
/// count as it stands then. With <c>n(k)</c> the reference visits of delay <c>k</c>, the
/// completeness of a day <c>e</c> days old is <c>F(e) = Σ_{k ≤ min(e, D)} n(k) / Σ_{k ≤ D} n(k)</c>
/// (<c>D</c> = <see cref="FinalAfterDays"/>): the share of its final count already received.
/// </para>
/// <para>
/// The nowcast is the observed count divided by the completeness, the multiplicative
/// empirical-CDF nowcast ("chain-ladder" without strata): the point estimate of the reporting-
/// triangle methods of Höhle and an der Heiden, "Bayesian nowcasting during the STEC O104:H4
/// outbreak in Germany, 2011", Biometrics 70 (2014) 993–1002, section 2, under a delay distribution
/// that does not change over the window and is the same for every county and syndrome (the delay is
/// the providers' and their systems', not the illness's). A day whose completeness is 0 (nothing of
/// its kind has arrived so soon in the reference window) has no nowcast (NaN), nor has any day when
/// the reference window has no visits.
/// </para>
/// </remarks>
public sealed class ReportingDelay
{
    /// <summary>Days after which a day's count is taken as final: four weeks, by which nearly every AvoHILMO record arrives (the records are due daily).</summary>
    public const int FinalAfterDays = 28;

    /// <summary>Days of the reference window, before the latest final day: eight weeks, long enough for a stable distribution, short enough to follow changes in the providers' sending.</summary>
    public const int ReferenceDays = 56;

    private readonly double[] cumulative;

    /// <param name="counts">The reference visits by delay in days, index 0 the same day; longer delays than <see cref="FinalAfterDays"/> are ignored.</param>
    public ReportingDelay(IReadOnlyList<long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        cumulative = new double[FinalAfterDays + 1];
        double sum = 0;
        for (var k = 0; k <= FinalAfterDays; k++)
        {
            if (k < counts.Count && counts[k] < 0)
            {
                throw new ArgumentException($"The count of delay {k} days is negative.", nameof(counts));
            }

            sum += k < counts.Count ? counts[k] : 0;
            cumulative[k] = sum;
        }

        ReferenceVisits = (long)sum;
    }

    /// <summary>The reference visits that arrived within <see cref="FinalAfterDays"/>.</summary>
    public long ReferenceVisits { get; }

    /// <summary>The first day of the reference window for data as of <paramref name="asOfDate"/> (UTC date of the as-of time).</summary>
    public static DateOnly ReferenceFrom(DateOnly asOfDate) => asOfDate.AddDays(-FinalAfterDays - ReferenceDays);

    /// <summary>The last day of the reference window: the latest day that is final on <paramref name="asOfDate"/>.</summary>
    public static DateOnly ReferenceTo(DateOnly asOfDate) => asOfDate.AddDays(-FinalAfterDays - 1);

    /// <summary>
    /// The share of a day's final count received when it is <paramref name="elapsedDays"/> old:
    /// 1 when final, NaN before the day (negative) or without reference visits.
    /// </summary>
    public double Completeness(int elapsedDays)
    {
        if (elapsedDays < 0)
        {
            return double.NaN;
        }

        if (elapsedDays >= FinalAfterDays)
        {
            return 1;
        }

        return ReferenceVisits == 0 ? double.NaN : cumulative[elapsedDays] / cumulative[FinalAfterDays];
    }

    /// <summary>The nowcast of a day's final count: observed / completeness; NaN when the completeness is 0 or unknown.</summary>
    public double Nowcast(int observed, int elapsedDays)
    {
        var completeness = Completeness(elapsedDays);
        return completeness > 0 ? observed / completeness : double.NaN;
    }
}
