using System.Globalization;
using Hilmo.Notifications;
using Hilmo.Statistics;

namespace Hilmo.Testing.Statistics;

/// <summary>
/// The figures of the <c>visits</c> and <c>access-to-care</c> reports worked out in C# from the
/// records themselves, by the definitions of the specification and the README, with none of the
/// reports' SQL or dimension code: what every cell of a table must hold, margins included.
/// </summary>
/// <param name="context">Where municipalities and providers belong, and the legal limits.</param>
public sealed class IndependentFigures(StatisticsContext context)
{
    private const string Total = "SSS";
    private const string Unknown = "X";

    private static readonly string[] NoClientContacts = ["R60", "R70", "R71", "R72", "R80"];

    /// <summary>The sums of one table: per cell key (category codes joined by <c>|</c>), what fell in it.</summary>
    public IReadOnlyDictionary<string, CellFigures> Tally(IEnumerable<ClientVisit> current, ReportPeriod period, string report, IReadOnlyList<string> by)
    {
        var accessToCare = report == "access-to-care";
        var dimensions = accessToCare ? [.. by, "waiting_time"] : by;
        var cells = new Dictionary<string, CellFigures>(StringComparer.Ordinal);
        foreach (var visit in current.Where(v => IsCompletedVisitIn(v, period) && (!accessToCare || IsAccessToCareVisit(v))))
        {
            var choices = dimensions.Select(d => (IReadOnlyList<string>)[Total, .. Codes(visit, d)]).ToList();
            foreach (var key in Keys(choices, 0, ""))
            {
                if (!cells.TryGetValue(key, out var figures))
                {
                    cells[key] = figures = new CellFigures();
                }

                figures.Add(visit, accessToCare ? WaitingDays(visit) : 0, accessToCare ? WithinLimit(visit) : null);
            }
        }

        return cells;
    }

    /// <summary>A completed visit of the period: current (the caller's), begun in the period, not cancelled.</summary>
    public static bool IsCompletedVisitIn(ClientVisit visit, ReportPeriod period) =>
        visit.Event.Visit?.Start is { } start && DateOnly.FromDateTime(start) is var day && day >= period.From && day <= period.To && visit.Event.Cancellation?.Time is null;

    /// <summary>Non-urgent, preceded by an assessment, and with the client there (not a consultation or a record entry).</summary>
    public static bool IsAccessToCareVisit(ClientVisit visit) =>
        visit.Event.Assessment?.Time is not null && Urgency(visit) != "K" && !NoClientContacts.Contains(visit.Event.Visit?.ContactType);

    /// <summary>Calendar days from the assessment to the visit, in the local time the submitter reported.</summary>
    public static int WaitingDays(ClientVisit visit) =>
        DateOnly.FromDateTime(visit.Event.Visit!.Start!.Value).DayNumber - DateOnly.FromDateTime(visit.Event.Assessment!.Time!.Value).DayNumber;

    /// <summary>Within the limit in force on the visit's day for its care and the client's age; null when none was in force.</summary>
    public bool? WithinLimit(ClientVisit visit)
    {
        var day = DateOnly.FromDateTime(visit.Event.Visit!.Start!.Value);
        var assessed = DateOnly.FromDateTime(visit.Event.Assessment!.Time!.Value);
        var age = visit.Age;
        var oral = IsOral(visit);
        foreach (var limit in context.LegalLimits.Limits)
        {
            var applies = day >= limit.InForceFrom && (limit.InForceTo is not { } to || day <= to)
                && (limit.Care == CareKind.Oral) == oral
                && (limit.AgeFrom is not { } from || age >= from)

                // An unknown age gets the stricter limit, the one for the young.
                && (limit.AgeTo is not { } upTo || age is null || age <= upTo);
            if (applies)
            {
                var lastDay = limit.Limit.Months > 0 ? assessed.AddMonths(limit.Limit.Months) : assessed.AddDays(limit.Limit.Days);
                return day <= lastDay;
            }
        }

        return null;
    }

    /// <summary>The category codes of a record in one dimension: its own, then the group it belongs to, if any.</summary>
    public IReadOnlyList<string> Codes(ClientVisit visit, string dimension)
    {
        var e = visit.Event;
        var day = DateOnly.FromDateTime(e.Visit!.Start!.Value);
        return dimension switch
        {
            "day" => [day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
            "week" => [string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(day.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(day.ToDateTime(TimeOnly.MinValue)):00}")],
            "month" => [day.ToString("yyyy-MM", CultureInfo.InvariantCulture)],
            "quarter" => [string.Create(CultureInfo.InvariantCulture, $"{day.Year}-Q{(day.Month - 1) / 3 + 1}")],
            "year" => [day.Year.ToString(CultureInfo.InvariantCulture)],
            "county" => [County(e.Client?.HomeMunicipality) ?? Unknown],
            "municipality" => [e.Client?.HomeMunicipality ?? Unknown + "." + (County(null) ?? "XX"), County(e.Client?.HomeMunicipality) ?? "XX"],
            "provider" => [e.Provider!],
            "provider_county" => [context.Providers.ByCode.TryGetValue(e.Provider!, out var provider) && provider.County is { } c ? c : Unknown],
            "unit" => [e.Unit ?? Unknown + "." + e.Provider, e.Provider!],
            "profession" => [ProfessionGroup(e.Visit.Profession)],
            "service_form" => [e.Visit.ServiceForm ?? Unknown],
            "contact_type" => [ContactGroup(e.Visit.ContactType)],
            "urgency" => [Urgency(visit) ?? Unknown],
            "nature" => [e.Visit.Nature ?? e.Assessment?.Nature ?? Unknown],
            "age_group" => [AgeGroup(visit.Age)],
            "sex" => [visit.Sex switch { Sex.Male => "1", Sex.Female => "2", _ => Unknown }],
            "care" => [IsOral(visit) ? "oral" : "primary"],
            "waiting_time" => [Band(WaitingDays(visit))],
            _ => throw new ArgumentException($"No independent definition of the dimension {dimension}.", nameof(dimension)),
        };
    }

    private string? County(string? municipality) =>
        municipality is not null && context.Regions.Municipalities.TryGetValue(municipality, out var m) ? m.County : null;

    private static string? Urgency(ClientVisit visit) => visit.Event.Visit?.Urgency ?? visit.Event.Assessment?.Urgency;

    /// <summary>Oral care: the service form of oral care, or a dentist or dental hygienist at the visit.</summary>
    private static bool IsOral(ClientVisit visit) => visit.Event.Visit is { } v
        && (v.ServiceForm == "T60" || v.Profession?.StartsWith("2222", StringComparison.Ordinal) == true || v.Profession?.StartsWith("3225", StringComparison.Ordinal) == true);

    private static string ProfessionGroup(string? profession) => profession switch
    {
        null => Unknown,
        _ when profession.StartsWith("2221", StringComparison.Ordinal) => "physician",
        _ when profession.StartsWith("2222", StringComparison.Ordinal) => "dentist",
        _ when profession.StartsWith("323", StringComparison.Ordinal) => "nurse",
        _ => "other",
    };

    private static string ContactGroup(string? contactType) => contactType switch
    {
        null => Unknown,
        "R10" or "R20" or "R30" or "R40" or "R41" => "in_person",
        "R50" or "R51" or "R52" or "R55" or "R56" => "remote",
        "R60" or "R70" or "R71" or "R72" => "consultation",
        _ => "other",
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

    private static string Band(int days) => days switch
    {
        0 => "0",
        <= 7 => "1-7",
        <= 14 => "8-14",
        <= 28 => "15-28",
        <= 90 => "29-90",
        _ => "91-",
    };

    private static IEnumerable<string> Keys(List<IReadOnlyList<string>> choices, int dimension, string prefix)
    {
        if (dimension == choices.Count)
        {
            yield return prefix;
            yield break;
        }

        foreach (var code in choices[dimension].Distinct(StringComparer.Ordinal))
        {
            foreach (var key in Keys(choices, dimension + 1, dimension == 0 ? code : prefix + "|" + code))
            {
                yield return key;
            }
        }
    }
}

/// <summary>What fell in one cell.</summary>
public sealed class CellFigures
{
    private readonly HashSet<string> clients = new(StringComparer.Ordinal);
    private readonly List<int> waits = [];

    public long Visits { get; private set; }

    public long Clients => clients.Count;

    public long WithinLimit { get; private set; }

    public long AssessedSameDay { get; private set; }

    public long ContactKnown { get; private set; }

    internal void Add(ClientVisit visit, int waitingDays, bool? withinLimit)
    {
        Visits++;
        if (visit.Client is { } client)
        {
            clients.Add(client);
        }

        waits.Add(waitingDays);
        WithinLimit += withinLimit == true ? 1 : 0;
        if (visit.Event.Contact?.Time is { } contact && visit.Event.Assessment?.Time is { } assessed)
        {
            ContactKnown++;
            AssessedSameDay += DateOnly.FromDateTime(contact) == DateOnly.FromDateTime(assessed) ? 1 : 0;
        }
    }

    /// <summary>The quantile as <c>percentile_cont</c> gives it: linear between the closest ranks.</summary>
    public double? Percentile(double p)
    {
        if (waits.Count == 0)
        {
            return null;
        }

        var sorted = waits.Order().ToArray();
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        return low + 1 < sorted.Length ? sorted[low] + (rank - low) * (sorted[low + 1] - sorted[low]) : sorted[low];
    }
}
