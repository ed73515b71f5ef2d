using System.Globalization;
using Hilmo.Notifications;
using Hilmo.Statistics;

namespace Hilmo.Testing.Statistics;

/// <summary>
/// The figures of the care-period reports and of the 28 February completeness worked out in C#
/// from the stored versions themselves, by the definitions of docs/statistics.md and
/// docs/registers/README.md, with none of the reports' SQL or dimension code. A client is the
/// identity code at a provider, not the pseudonym; the age and sex come from the identity code.
/// </summary>
/// <param name="context">Where municipalities belong.</param>
/// <param name="data">The versions and their receipt times.</param>
public sealed class PeriodFigures(StatisticsContext context, PeriodTestData data)
{
    private const string Total = "SSS";
    private const string Unknown = "X";

    /// <summary>One fact: its date, the period's current version, and what it adds to each measure.</summary>
    private sealed record Fact(DateOnly Date, PeriodTestData.Version Version, int? StayDays, IReadOnlyDictionary<string, double> Counts);

    /// <summary>The sums of one table: per cell key (category codes joined by <c>|</c>), per measure.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double?>> Tally(string report, ReportPeriod period, IReadOnlyList<string> by, DateTime? asOf = null)
    {
        var facts = Facts(report, period, asOf).ToList();
        var sums = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        var clients = new Dictionary<string, HashSet<(string?, string?)>>(StringComparer.Ordinal);
        foreach (var fact in facts)
        {
            var choices = by.Select(d => (IReadOnlyList<string>)[Total, .. Codes(fact, d)]).ToList();
            foreach (var key in Keys(choices, 0, ""))
            {
                if (!sums.TryGetValue(key, out var cell))
                {
                    sums[key] = cell = new Dictionary<string, double>(StringComparer.Ordinal);
                    clients[key] = [];
                }

                foreach (var (measure, value) in fact.Counts)
                {
                    cell[measure] = cell.GetValueOrDefault(measure) + value;
                }

                if (fact.Version.IdentityCode is { } person)
                {
                    clients[key].Add((fact.Version.Record.Notification.Provider, person));
                }
            }
        }

        return sums.ToDictionary(s => s.Key, s => Measures(report, s.Value, clients[s.Key].Count), StringComparer.Ordinal);
    }

    /// <summary>The measures of a cell from its sums, as each report defines them; an empty cell has sums of zero.</summary>
    public static IReadOnlyDictionary<string, double?> Measures(string report, IReadOnlyDictionary<string, double> sums, int clients)
    {
        double Sum(string measure) => sums.GetValueOrDefault(measure);
        return report switch
        {
            "care-periods" => new Dictionary<string, double?>
            {
                ["discharges"] = Sum("discharges"), ["care_days"] = Sum("care_days"), ["clients"] = clients,
                ["mean_length_of_stay"] = Sum("discharges") > 0 ? Sum("care_days") / Sum("discharges") : null,
                ["day_surgery"] = Sum("day_surgery"), ["surgical_periods"] = Sum("surgical_periods"),
                ["day_surgery_percent"] = Sum("surgical_periods") > 0 ? 100 * Sum("day_surgery") / Sum("surgical_periods") : null,
            },
            "social-care-periods" => new Dictionary<string, double?>
            {
                ["periods_started"] = Sum("periods_started"), ["periods_ended"] = Sum("periods_ended"), ["care_days"] = Sum("care_days"),
                ["mean_length_of_stay"] = Sum("periods_ended") > 0 ? Sum("care_days") / Sum("periods_ended") : null,
            },
            "social-care-clients" => new Dictionary<string, double?> { ["clients"] = clients, ["periods"] = Sum("periods") },
            _ => new Dictionary<string, double?>
            {
                ["records_received"] = Sum("records_received"), ["late_versions"] = Sum("late_versions"), ["withdrawals"] = Sum("withdrawals"),
                ["open_at_year_end"] = Sum("open_at_year_end"), ["with_census"] = Sum("with_census"), ["late_census"] = Sum("late_census"),
                ["without_census"] = Sum("open_at_year_end") - Sum("with_census") - Sum("late_census"),
                ["complete"] = Sum("open_at_year_end") > 0 ? (Sum("open_at_year_end") == Sum("with_census") ? 1 : 0) : null,
            },
        };
    }

    private IEnumerable<Fact> Facts(string report, ReportPeriod period, DateTime? asOf)
    {
        bool In(DateOnly? day) => day >= period.From && day <= period.To;
        var current = data.CurrentAt(asOf ?? DateTime.MaxValue).Where(v => !v.Record.Notification.Withdrawn).ToList();
        var yearEnds = Enumerable.Range(period.From.Year, period.To.Year - period.From.Year + 1).Select(y => new DateOnly(y, 12, 31)).Where(d => In(d)).ToList();
        switch (report)
        {
            case "care-periods":
                foreach (var v in current.Where(v => v.Period is HealthCarePeriod && In(v.Period.DischargeDate)))
                {
                    var p = (HealthCarePeriod)v.Period;
                    var stay = p.DischargeDate!.Value.DayNumber - p.ArrivalDate!.Value.DayNumber;
                    var surgical = p.Urgency is "4" or "E" && p.Procedures.Length > 0;
                    yield return new Fact(p.DischargeDate.Value, v, stay, new Dictionary<string, double>
                    {
                        ["discharges"] = 1, ["care_days"] = Math.Max(1, stay),
                        ["surgical_periods"] = surgical ? 1 : 0, ["day_surgery"] = surgical && stay == 0 ? 1 : 0,
                    });
                }

                break;
            case "social-care-periods":
                foreach (var v in current.Where(v => v.Period is SocialCarePeriod))
                {
                    int? stay = v.Period.DischargeDate is { } d ? d.DayNumber - v.Period.ArrivalDate!.Value.DayNumber : null;
                    if (In(v.Period.ArrivalDate))
                    {
                        yield return new Fact(v.Period.ArrivalDate!.Value, v, stay, new Dictionary<string, double> { ["periods_started"] = 1 });
                    }

                    if (In(v.Period.DischargeDate))
                    {
                        yield return new Fact(v.Period.DischargeDate!.Value, v, stay, new Dictionary<string, double> { ["periods_ended"] = 1, ["care_days"] = Math.Max(1, stay!.Value) });
                    }
                }

                break;
            case "social-care-clients":
                foreach (var yearEnd in yearEnds)
                {
                    foreach (var v in current.Where(v => v.Period is SocialCarePeriod && IsOpenAt(v.Period, yearEnd)))
                    {
                        yield return new Fact(yearEnd, v, null, new Dictionary<string, double> { ["periods"] = 1 });
                    }
                }

                break;
            case "data-quality":
                foreach (var v in data.Versions.Where(v => In(DateOnly.FromDateTime(v.ReceivedAt)) && (asOf is null || v.ReceivedAt <= asOf)))
                {
                    yield return new Fact(DateOnly.FromDateTime(v.ReceivedAt), v, null, new Dictionary<string, double>
                    {
                        ["records_received"] = 1, ["late_versions"] = v.ReceivedAt > v.Record.UpdatedAt.AddDays(7) ? 1 : 0, ["withdrawals"] = v.Record.Notification.Withdrawn ? 1 : 0,
                    });
                }

                // A year counts once its 31 December has passed, at the as-of time (the tests read after 2025).
                foreach (var yearEnd in yearEnds.Where(e => asOf is not { } t || e < DateOnly.FromDateTime(t)))
                {
                    // The deadline: the end of 28 February in Finland, the last microsecond before 22:00 UTC (EET); or the as-of time, if earlier.
                    var deadline = new DateTime(yearEnd.Year + 1, 2, 28, 22, 0, 0).AddTicks(-10);
                    var at = asOf < deadline ? asOf.Value : deadline;
                    // Which periods were open is known from the data as it stands now (or as of), however late it came.
                    foreach (var v in current.Where(v => IsOpenAt(v.Period, yearEnd)))
                    {
                        var census = data.Versions.Where(c => c.Record.Key == v.Record.Key && c.Period.CensusDate == yearEnd && (asOf is null || c.ReceivedAt <= asOf)).ToList();
                        var withCensus = census.Any(c => c.ReceivedAt <= at);
                        var lateCensus = !withCensus && census.Count > 0;
                        yield return new Fact(yearEnd, v, null, new Dictionary<string, double>
                        {
                            ["open_at_year_end"] = 1, ["with_census"] = withCensus ? 1 : 0, ["late_census"] = lateCensus ? 1 : 0,
                        });
                    }
                }

                break;
            default:
                throw new ArgumentException($"No independent figures for {report}.", nameof(report));
        }
    }

    /// <summary>Open at the end of the day: arrived on or before it, and not discharged on or before it.</summary>
    private static bool IsOpenAt(CarePeriod period, DateOnly day) => period.ArrivalDate <= day && (period.DischargeDate is null || period.DischargeDate > day);

    /// <summary>The category codes of a fact in one dimension: its own, then the group it belongs to, if any.</summary>
    private IReadOnlyList<string> Codes(Fact fact, string dimension)
    {
        var day = fact.Date;
        var record = fact.Version.Record.Notification;
        var period = record as CarePeriod;
        var age = fact.Version.IdentityCode is { } code ? IndependentAge.On(code, day) : (int?)null;
        return dimension switch
        {
            "day" => [day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
            "week" => [string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(day.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(day.ToDateTime(TimeOnly.MinValue)):00}")],
            "month" => [day.ToString("yyyy-MM", CultureInfo.InvariantCulture)],
            "quarter" => [string.Create(CultureInfo.InvariantCulture, $"{day.Year}-Q{(day.Month - 1) / 3 + 1}")],
            "year" => [day.Year.ToString(CultureInfo.InvariantCulture)],
            "county" => [County(record.Client?.HomeMunicipality) ?? Unknown],
            "municipality" => record.Client?.HomeMunicipality is { } municipality ? [municipality, County(municipality) ?? "XX"] : [Unknown + ".XX", "XX"],
            "provider" => [record.Provider!],
            "register" => [record.Register == Register.TerveysHilmo ? "terveyshilmo" : "sosiaalihilmo"],
            "age_group" => [AgeGroup(age)],
            "sex" => [fact.Version.IdentityCode is { } c ? ((c[9] - '0') % 2 == 1 ? "1" : "2") : Unknown],
            "specialty" => ((HealthCarePeriod)record).Specialty is { } s
                ? [s.Length == 2 ? s + ".0" : s, s[..2]]
                : ["X.XX", "XX"],
            "service_area" => ((SocialCarePeriod)record).ServiceArea is { } a ? [a, ServiceAreaGroup(a)] : ["X.XX", "XX"],
            "length_of_stay" => [fact.StayDays is { } days ? StayBand(days) : "open"],
            _ => throw new ArgumentException($"No independent definition of the dimension {dimension} ({period?.RecordId}).", nameof(dimension)),
        };
    }

    private string? County(string? municipality) =>
        municipality is not null && context.Regions.Municipalities.TryGetValue(municipality, out var m) ? m.County : null;

    private static string ServiceAreaGroup(string area) => area switch
    {
        "31" or "32" or "33" or "34" or "38" => "older",
        "41" or "42" or "43" or "44" or "84" or "88" => "disability",
        "5" => "substance_abuse",
        "82" or "85" => "mental_health",
        _ => "other",
    };

    private static string StayBand(int days) => days switch
    {
        0 => "0",
        1 => "1",
        <= 3 => "2-3",
        <= 7 => "4-7",
        <= 14 => "8-14",
        <= 30 => "15-30",
        <= 90 => "31-90",
        <= 365 => "91-365",
        _ => "366-",
    };

    private static string AgeGroup(int? age) => age switch
    {
        null => Unknown,
        <= 6 => "0-6",
        <= 12 => "7-12",
        <= 17 => "13-17",
        <= 22 => "18-22",
        <= 44 => "23-44",
        <= 64 => "45-64",
        <= 74 => "65-74",
        _ => "75-",
    };

    private static IEnumerable<string> Keys(List<IReadOnlyList<string>> choices, int dimension, string prefix)
    {
        if (dimension == choices.Count)
        {
            yield return prefix;
            yield break;
        }

        foreach (var code in choices[dimension])
        {
            foreach (var key in Keys(choices, dimension + 1, dimension == 0 ? code : prefix + "|" + code))
            {
                yield return key;
            }
        }
    }
}
