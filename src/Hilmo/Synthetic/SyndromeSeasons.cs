using System.Globalization;
using Hilmo.Codes;

namespace Hilmo.Synthetic;

/// <summary>
/// An outbreak to put into the synthetic data: the visits of <paramref name="Syndrome"/> by residents
/// of <paramref name="County"/> (<c>hyvinvointialue_code</c>) are <paramref name="Factor"/> times
/// their seasonal expectation for <paramref name="Days"/> days from <paramref name="Start"/>.
/// </summary>
public sealed record InjectedOutbreak(string Syndrome, string County, DateOnly Start, int Days, double Factor)
{
    /// <summary>The last day of the outbreak.</summary>
    public DateOnly End => Start.AddDays(Days - 1);

    public bool Covers(DateOnly day) => day >= Start && day <= End;

    /// <summary>
    /// Reads <c>SYNDROME:COUNTY:START:DAYS:FACTOR</c>, e.g. <c>gastro:06:2024-02-05:14:3</c>. Only the
    /// form is checked here; whether the syndrome and county exist is checked against the generator's lists.
    /// </summary>
    /// <exception cref="FormatException">The text is not of that form; the message names the part that is wrong.</exception>
    public static InjectedOutbreak Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        if (parts.Length != 5)
        {
            throw new FormatException($"Outbreak '{text}' must be SYNDROME:COUNTY:START:DAYS:FACTOR, e.g. gastro:06:2024-02-05:14:3.");
        }

        if (parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new FormatException($"Outbreak '{text}': the syndrome and the county must be given.");
        }

        if (!DateOnly.TryParseExact(parts[2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            throw new FormatException($"Outbreak '{text}': START '{parts[2]}' is not an ISO date (yyyy-mm-dd).");
        }

        if (!int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days < 1)
        {
            throw new FormatException($"Outbreak '{text}': DAYS '{parts[3]}' must be a whole number of days, at least 1.");
        }

        if (!double.TryParse(parts[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) || !(factor > 0) || double.IsInfinity(factor))
        {
            throw new FormatException($"Outbreak '{text}': FACTOR '{parts[4]}' must be a number above 0.");
        }

        return new InjectedOutbreak(parts[0], parts[1], start, days, factor);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Syndrome}:{County}:{Start:yyyy-MM-dd}:{Days}:{Factor}");
}

/// <summary>
/// The seasonal baselines of the syndromes of syndromic surveillance in the synthetic data: the share
/// of primary-care visits whose first reason is one of a syndrome's codes, by day of the year and
/// weekday. Ids are those of <c>data/statistics/syndromes.csv</c> and every code lies in its syndrome's
/// ranges of <c>syndrome-codes.csv</c> (checked by a test), so the counts the register makes of the
/// generated data are the baselines here, times the injected outbreaks.
/// </summary>
/// <remarks>
/// The shape of a season is a von Mises peak, Level·(Floor + (1 − Floor)·e^{κ(cos(2π(d − Peak)/365.25) − 1)}):
/// the share is Level at the peak day and Level·Floor half a year away. The figures are rough
/// readings of Finnish primary care (THL's influenza and norovirus seasons peak in February, tick-borne
/// infections in July–August, respiratory infections are a fifth of winter visits to health stations).
/// Weekends carry more acute infections among the fewer visits, as on-call clinics see them.
/// </remarks>
internal sealed class SyndromeSeasons
{
    // Sunday … Saturday: the share of infections among weekend (on-call) visits is higher.
    private static readonly double[] weekdayShare = [1.25, 1.1, 1.0, 0.97, 0.97, 1.0, 1.25];

    internal static readonly SyndromeSeason[] Seasons =
    [
        new("ili", 0.05, 0.03, 45, 6, [("J11.1", 6), ("J10.1", 2)], [("R80", 1)]),
        new("uri", 0.15, 0.4, 20, 1.5, [("J06.9", 12), ("J02.9", 3), ("J01.9", 3), ("J03.9", 2)], [("R74", 12), ("R75", 3), ("R76", 2)]),
        new("lri", 0.035, 0.35, 30, 2, [("J20.9", 3), ("J18.9", 1), ("J21.9", 1)], [("R78", 3), ("R81", 1)]),
        new("covid19", 0.02, 0.4, 350, 1.5, [("U07.1", 3), ("U07.2", 1)], [], new DateOnly(2020, 3, 27)),
        new("gastro", 0.03, 0.3, 40, 2, [("A09", 3), ("A08.1", 1)], [("D11", 2), ("D73", 2), ("D70", 1)]),
        new("conjunctivitis", 0.006, 0.6, 100, 1, [("H10.9", 3), ("H10.0", 1)], [("F70", 1)]),
        new("rash", 0.004, 0.7, 120, 1, [("R21", 3), ("B09", 2), ("B05.9", 0.1)], [("S07", 2), ("A76", 1)]),
        new("tick_borne", 0.006, 0.02, 215, 8, [("A69.2", 5), ("A84.1", 1)], []),
        new("mental_crisis", 0.008, 0.9, 300, 1, [("F43.0", 1)], [("P02", 2), ("P77", 1)]),
    ];

    private readonly DateOnly first;
    private readonly int days;
    private readonly int counties;

    // Cumulative shares of the syndromes, per day and county: [(day · counties + county) · syndromes + s].
    private readonly double[] cumulative;
    private readonly Weighted<string>?[] icd10;
    private readonly Weighted<string>?[] icpc2;

    public SyndromeSeasons(CodeWindow window, IReadOnlyList<string> countyCodes, IReadOnlyList<InjectedOutbreak> outbreaks)
    {
        first = window.First;
        days = window.Last.DayNumber - window.First.DayNumber + 1;
        counties = countyCodes.Count;
        Counties = countyCodes;
        icd10 = [.. Seasons.Select(s => window.Visit(KnownClassifications.Icd10, s.Icd10))];
        icpc2 = [.. Seasons.Select(s => window.Visit(KnownClassifications.Icpc2, s.Icpc2))];
        foreach (var outbreak in outbreaks)
        {
            if (Array.FindIndex(Seasons, s => s.Syndrome == outbreak.Syndrome) < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(outbreaks), outbreak.Syndrome,
                    $"Outbreak {outbreak}: syndrome '{outbreak.Syndrome}' is unknown; the syndromes are {string.Join(", ", Seasons.Select(s => s.Syndrome))}.");
            }

            if (!countyCodes.Contains(outbreak.County))
            {
                throw new ArgumentOutOfRangeException(nameof(outbreaks), outbreak.County,
                    $"Outbreak {outbreak}: county '{outbreak.County}' is not a wellbeing services county code of the period (hyvinvointialue: {string.Join(", ", countyCodes)}).");
            }

            if (!(outbreak.Factor > 0) || outbreak.Days < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(outbreaks), outbreak.Factor, $"Outbreak {outbreak}: the factor must be above 0 and the days at least 1.");
            }
        }

        var n = Seasons.Length;
        cumulative = new double[days * counties * n];
        var shares = new double[n];
        for (var d = 0; d < days; d++)
        {
            var day = first.AddDays(d);
            for (var s = 0; s < n; s++)
            {
                shares[s] = Seasons[s].Share(day) * weekdayShare[(int)day.DayOfWeek];
            }

            for (var c = 0; c < counties; c++)
            {
                var sum = 0.0;
                for (var s = 0; s < n; s++)
                {
                    var factor = 1.0;
                    foreach (var outbreak in outbreaks)
                    {
                        if (outbreak.Syndrome == Seasons[s].Syndrome && outbreak.County == countyCodes[c] && outbreak.Covers(day))
                        {
                            factor *= outbreak.Factor;
                        }
                    }

                    // Shares past one cannot be drawn: an outbreak that would need more visits than
                    // there are is cut at all of them.
                    sum = Math.Min(1, sum + (shares[s] * factor));
                    cumulative[(((d * counties) + c) * n) + s] = sum;
                }
            }
        }
    }

    public IReadOnlyList<string> Counties { get; }

    /// <summary>
    /// The syndrome code of a visit on <paramref name="day"/> by a resident of county index
    /// <paramref name="county"/>, in the code system asked for when the syndrome has codes in it;
    /// null when the visit is for something else. <paramref name="u"/> is a uniform draw in [0, 1)
    /// scaled by the service's share of syndromic visits.
    /// </summary>
    public (string Code, bool Icd10)? Draw(DateOnly day, int county, double u, bool wantIcd10, Random random)
    {
        var d = day.DayNumber - first.DayNumber;
        if ((uint)d >= (uint)days || (uint)county >= (uint)counties)
        {
            return null;
        }

        var n = Seasons.Length;
        var row = ((d * counties) + county) * n;
        if (u >= cumulative[row + n - 1])
        {
            return null;
        }

        var s = 0;
        while (u >= cumulative[row + s])
        {
            s++;
        }

        var preferred = wantIcd10 ? icd10[s] : icpc2[s];
        if (preferred is not null)
        {
            return (preferred.Next(random), wantIcd10);
        }

        var other = wantIcd10 ? icpc2[s] : icd10[s];
        return other is null ? null : (other.Next(random), !wantIcd10);
    }
}

/// <summary>One syndrome's season in the synthetic data, and the codes its visits carry.</summary>
internal sealed record SyndromeSeason(
    string Syndrome, double Level, double Floor, int PeakDay, double Kappa,
    (string Code, double Weight)[] Icd10, (string Code, double Weight)[] Icpc2, DateOnly? From = null)
{
    /// <summary>The share of primary-care visits of the syndrome on <paramref name="day"/>, before the weekday.</summary>
    public double Share(DateOnly day)
    {
        if (From is { } from && day < from)
        {
            return 0;
        }

        var peak = Math.Exp(Kappa * (Math.Cos(2 * Math.PI * (day.DayOfYear - PeakDay) / 365.25) - 1));
        return Level * (Floor + ((1 - Floor) * peak));
    }
}
