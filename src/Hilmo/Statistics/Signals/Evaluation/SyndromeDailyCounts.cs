using Hilmo.Notifications;
using Hilmo.Synthetic;

namespace Hilmo.Statistics.Signals.Evaluation;

/// <summary>
/// Visits per day, wellbeing services county and syndrome: the series signal detection runs on.
/// The definition is that of the register's syndrome counts: a visit (an AvoHILMO service event with
/// a visit, its latest version, not withdrawn) counts on its visit date (not the day it arrived),
/// in the county of the client's home municipality by the municipality list's
/// <c>hyvinvointialue_code</c>, once in every syndrome one of its reasons (ICD-10 or ICPC-2) falls in
/// on that date by <see cref="SyndromeCatalogue"/>.
/// </summary>
public sealed class SyndromeDailyCounts
{
    private readonly int[] counts;
    private readonly Dictionary<string, int> countyIndex;
    private readonly Dictionary<string, int> syndromeIndex;

    public SyndromeDailyCounts(DateOnly first, int days, IReadOnlyList<string> counties, IReadOnlyList<string> syndromes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        First = first;
        Days = days;
        Counties = counties;
        Syndromes = syndromes;
        countyIndex = counties.Select((c, i) => (c, i)).ToDictionary(c => c.c, c => c.i, StringComparer.Ordinal);
        syndromeIndex = syndromes.Select((s, i) => (s, i)).ToDictionary(s => s.s, s => s.i, StringComparer.Ordinal);
        counts = new int[counties.Count * syndromes.Count * days];
    }

    public DateOnly First { get; }

    public int Days { get; }

    public DateOnly Last => First.AddDays(Days - 1);

    public IReadOnlyList<string> Counties { get; }

    public IReadOnlyList<string> Syndromes { get; }

    /// <summary>County × syndrome series, each of <see cref="Days"/> days.</summary>
    public int SeriesCount => Counties.Count * Syndromes.Count;

    public int? CountyIndex(string county) => countyIndex.TryGetValue(county, out var i) ? i : null;

    public int? SyndromeIndex(string syndrome) => syndromeIndex.TryGetValue(syndrome, out var i) ? i : null;

    /// <summary>The daily counts of one county and syndrome, from <see cref="First"/>.</summary>
    public ReadOnlySpan<int> Series(int county, int syndrome) => counts.AsSpan(((county * Syndromes.Count) + syndrome) * Days, Days);

    public void Add(DateOnly day, int county, int syndrome, int visits)
    {
        var d = day.DayNumber - First.DayNumber;
        if ((uint)d < (uint)Days)
        {
            counts[(((county * Syndromes.Count) + syndrome) * Days) + d] += visits;
        }
    }

    /// <summary>
    /// Counts the visits of <paramref name="records"/> as the register would store them: rejected
    /// records and exact resends add nothing, a later version with a visit adds it (its first version,
    /// made at booking, had none), and a withdrawal takes back the visit of the version it withdraws.
    /// Records of the care-period registers are not visits and are skipped.
    /// </summary>
    public void AddRecords(IEnumerable<GeneratedRecord> records, SyndromeCatalogue syndromes, RegionCatalogue regions)
    {
        var classifier = new SyndromeClassifier(syndromes);
        var matched = new List<string>(4);
        foreach (var record in records)
        {
            if (!record.IsValid || record.Submitted?.Notification is not ServiceEvent e || e.Visit?.Start is not { } start)
            {
                continue;
            }

            var sign = record.Kind switch
            {
                GeneratedRecordKind.Original or GeneratedRecordKind.Update => 1,
                GeneratedRecordKind.Withdrawal => -1,
                _ => 0,
            };
            if (sign == 0 || e.Client?.HomeMunicipality is not { } municipality
                || !regions.Municipalities.TryGetValue(municipality, out var home) || home.County is not { } county
                || CountyIndex(county) is not { } c)
            {
                continue;
            }

            var visitDate = DateOnly.FromDateTime(start);
            matched.Clear();
            foreach (var reason in e.Reasons)
            {
                classifier.Add(reason, visitDate, matched);
            }

            foreach (var syndrome in matched)
            {
                if (SyndromeIndex(syndrome) is { } s)
                {
                    Add(visitDate, c, s, sign);
                }
            }
        }
    }
}

/// <summary>
/// <see cref="SyndromeCatalogue.SyndromesOf"/> for many visits: the ranges that may cover a code are
/// looked up once per code, and only their dates are checked per visit.
/// </summary>
internal sealed class SyndromeClassifier(SyndromeCatalogue catalogue)
{
    private const string Icd10System = "icd10fi";
    private const string Icpc2System = "icpc2";

    private readonly Dictionary<(string System, string Code), SyndromeCodeRange[]> byCode = [];

    /// <summary>Adds to <paramref name="syndromes"/> each syndrome of <paramref name="reason"/> not in it yet.</summary>
    public void Add(VisitReason reason, DateOnly visitDate, List<string> syndromes)
    {
        if (reason.Icd10 is { } icd10)
        {
            Add(Icd10System, icd10, visitDate, syndromes);
        }

        if (reason.Icpc2 is { } icpc2)
        {
            Add(Icpc2System, icpc2, visitDate, syndromes);
        }
    }

    private void Add(string system, string code, DateOnly visitDate, List<string> syndromes)
    {
        if (!byCode.TryGetValue((system, code), out var ranges))
        {
            // Dates are checked per visit, so a range is a candidate whatever its dates.
            ranges = [.. catalogue.Ranges.Where(r => r.CodeSystem == system && r.Covers(code, r.ValidFrom))];
            byCode[(system, code)] = ranges;
        }

        foreach (var range in ranges)
        {
            if (range.Covers(code, visitDate) && !syndromes.Contains(range.Syndrome))
            {
                syndromes.Add(range.Syndrome);
            }
        }
    }
}
