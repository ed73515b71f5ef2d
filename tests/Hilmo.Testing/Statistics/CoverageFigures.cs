using System.Globalization;
using Hilmo.Notifications;

namespace Hilmo.Testing.Statistics;

/// <summary>
/// The figures of the <c>vaccination-coverage</c> report worked out in C# from the records, by
/// the definitions of <c>docs/statistics.md</c>, with none of the report's SQL: the birth date
/// read from the identity code's characters (<see cref="IndependentAge"/>), a dose before age N
/// when the exact age on the visit's day is under N, each child (within a provider) once per
/// vaccine group, dose class and N at the first such visit, in the year the cohort turns N.
/// </summary>
public static class CoverageFigures
{
    private const string Total = "SSS";

    /// <summary>The ages N of the report, oldest last.</summary>
    public static readonly int[] Ages = [1, 2, 7, 16];

    /// <summary>The ATC level-4 groups the report names; any other vaccine is "other".</summary>
    private static readonly string[] Groups = ["J07AJ", "J07AL", "J07BB", "J07BD", "J07BH", "J07BM", "J07CA"];

    /// <summary>The measure code of age N.</summary>
    public static string Measure(int age) => string.Create(CultureInfo.InvariantCulture, $"vaccinated_before_{age}");

    /// <summary>
    /// The facts of the cohorts that turn N from <paramref name="fromYear"/> to <paramref name="toYear"/>:
    /// of the current completed visits of clients under the oldest N, each vaccination item given
    /// before an age N, the first per client, group, dose class and N.
    /// </summary>
    public static List<CoverageFact> Facts(IEnumerable<ClientVisit> current, int fromYear, int toYear)
    {
        var everything = new Hilmo.Statistics.ReportPeriod(new DateOnly(1900, 1, 1), new DateOnly(toYear, 12, 31));
        var doses = new List<CoverageFact>();
        foreach (var visit in current.Where(v => IndependentFigures.IsCompletedVisitIn(v, everything) && v.Client is not null && v.Age < Ages[^1]))
        {
            // A generated client is "provider/identity code": the code gives the birth date.
            var client = visit.Client!;
            var code = client[(client.IndexOf('/', StringComparison.Ordinal) + 1)..];
            var born = IndependentAge.BirthDate(code);
            var age = IndependentAge.On(born, DateOnly.FromDateTime(visit.Event.Visit!.Start!.Value));
            foreach (var medication in visit.Event.Medications.Where(m => m.Vaccination == true))
            {
                foreach (var n in Ages.Where(n => age < n && born.Year + n >= fromYear && born.Year + n <= toYear))
                {
                    doses.Add(new CoverageFact(visit, medication, n, born.Year + n));
                }
            }
        }

        return [.. doses.GroupBy(d => (d.Visit.Client, Group(d.Medication.Atc), DoseClass(d.Medication.DoseNumber), d.Age))
            .Select(g => g.MinBy(d => d.Visit.Event.Visit!.Start!.Value)!)];
    }

    /// <summary>The vaccine group of an ATC code: its level 4 when the report names it, else "other"; none is unknown.</summary>
    public static string Group(string? atc) => atc is null ? "X" : Groups.FirstOrDefault(g => atc.StartsWith(g, StringComparison.Ordinal)) ?? "other";

    /// <summary>The dose class of <c>docs/statistics.md</c>: 1–4, other whole numbers 5+, else unknown.</summary>
    public static string DoseClass(string? dose) =>
        dose is { Length: >= 1 and <= 3 } && dose.All(char.IsAsciiDigit) && int.Parse(dose, CultureInfo.InvariantCulture) is var n and > 0
            ? (n <= 4 ? n.ToString(CultureInfo.InvariantCulture) : "5+")
            : "X";

    /// <summary>The facts per cell (category codes joined by <c>|</c>, margins included) and age N.</summary>
    public static Dictionary<string, int[]> Tally(IEnumerable<CoverageFact> facts, IReadOnlyList<string> by, IndependentFigures figures)
    {
        var cells = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var fact in facts)
        {
            IEnumerable<string> keys = [""];
            for (var d = 0; d < by.Count; d++)
            {
                var choices = new[] { Total }.Concat(Codes(fact, by[d], figures)).Distinct(StringComparer.Ordinal).ToList();
                var separator = d == 0 ? "" : "|";
                keys = keys.SelectMany(k => choices.Select(c => k + separator + c)).ToList();
            }

            foreach (var key in keys)
            {
                if (!cells.TryGetValue(key, out var counts))
                {
                    cells[key] = counts = new int[Ages.Length];
                }

                counts[Array.IndexOf(Ages, fact.Age)]++;
            }
        }

        return cells;
    }

    private static IReadOnlyList<string> Codes(CoverageFact fact, string dimension, IndependentFigures figures) => dimension switch
    {
        "year" => [fact.CohortYear.ToString(CultureInfo.InvariantCulture)],
        "vaccine_group" => [Group(fact.Medication.Atc)],
        "dose_number" => [DoseClass(fact.Medication.DoseNumber)],
        _ => figures.Codes(fact.Visit, dimension),
    };
}

/// <summary>One child's dose before age <paramref name="Age"/>: the vaccination item and its visit, and the year the cohort turns that age.</summary>
public readonly record struct CoverageFact(ClientVisit Visit, Medication Medication, int Age, int CohortYear);
