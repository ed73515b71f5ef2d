using Hilmo.Notifications;
using Hilmo.Statistics;

namespace Hilmo.Testing.Statistics;

/// <summary>
/// The facts of the <c>injuries</c> and <c>health-promotion</c> reports worked out in C# from the
/// records, by the definitions of <c>docs/statistics.md</c> and none of the reports' SQL or
/// dimension code, and their sums by any dimensions: what the report contracts and the indicator
/// contracts compare every cell with.
/// </summary>
internal static class HealthPromotionFigures
{
    private const string Total = "SSS";

    /// <summary>The ICD-10 chapter XX blocks, by the first three characters of the external cause.</summary>
    private static readonly (string Group, string From, string To)[] CauseBlocks =
    [
        ("transport", "V01", "V99"), ("falls", "W00", "W19"), ("other_accidents", "W20", "X59"), ("self_harm", "X60", "X84"),
        ("assault", "X85", "Y09"), ("undetermined", "Y10", "Y34"), ("other", "Y35", "Y98"),
    ];

    /// <summary>The health checks by SPAT code, as <c>docs/statistics.md</c> lists them.</summary>
    private static readonly Dictionary<string, string> CheckClasses = new(StringComparer.Ordinal)
    {
        ["SPAT1381"] = "4_months", ["SPAT1382"] = "18_months", ["SPAT1383"] = "4_years",
        ["SPAT1384"] = "grade_1", ["SPAT1385"] = "grade_5", ["SPAT1386"] = "grade_8",
        ["SPAT1197"] = "expecting_family", ["SPAT1388"] = "individual_need", ["SPAT1379"] = "pregnancy",
        ["SPAT1315"] = "periodic", ["SPAT1317"] = "periodic",
        ["SPAT1363"] = "students", ["SPAT1364"] = "students", ["SPAT1365"] = "students", ["SPAT1366"] = "students", ["SPAT1367"] = "students",
    };

    /// <summary>Maternity clinic, child health clinic, school and student health care.</summary>
    private static readonly string[] HealthPromotionForms = ["T21", "T22", "T26", "T27"];

    /// <summary>The chapter XX block of an external cause; null when there is none or it is outside V01–Y98.</summary>
    public static string? CauseGroup(string? cause) => cause is { Length: >= 3 } && cause[..3] is var head
        ? CauseBlocks.Where(b => string.CompareOrdinal(head, b.From) >= 0 && string.CompareOrdinal(head, b.To) <= 0).Select(b => b.Group).FirstOrDefault()
        : null;

    /// <summary>The completed visits of the period with a reason that has an external cause, each with the first such reason.</summary>
    public static List<InjuryFact> Injuries(IEnumerable<ClientVisit> current, ReportPeriod period) =>
    [
        .. current.Where(v => IndependentFigures.IsCompletedVisitIn(v, period))
            .Select(v => (Visit: v, Reason: v.Event.Reasons.FirstOrDefault(r => CauseGroup(r.ExternalCause) is not null)))
            .Where(i => i.Reason is not null)
            .Select(i => new InjuryFact(i.Visit, i.Reason!)),
    ];

    /// <summary>
    /// The completed visits of the period of a health-promotion service form or with a health
    /// check, each with the class of its first procedure that is a health check ("none" without).
    /// </summary>
    public static List<HealthCheckFact> HealthChecks(IEnumerable<ClientVisit> current, ReportPeriod period) =>
    [
        .. current.Where(v => IndependentFigures.IsCompletedVisitIn(v, period))
            .Select(v => new HealthCheckFact(v, v.Event.Procedures.Select(p => p.Spat is { } s && CheckClasses.TryGetValue(s, out var c) ? c : null).FirstOrDefault(c => c is not null) ?? "none"))
            .Where(f => f.Check != "none" || HealthPromotionForms.Contains(f.Visit.Event.Visit!.ServiceForm)),
    ];

    /// <summary>The sums of the facts of <paramref name="report"/> by <paramref name="by"/>, every dimension of the visit as <see cref="IndependentFigures"/> gives it.</summary>
    public static Dictionary<string, CellFigures> Tally(IndependentFigures figures, IEnumerable<ClientVisit> current, ReportPeriod period, string report, IReadOnlyList<string> by) => report switch
    {
        "injuries" => Tally(Injuries(current, period), by, (fact, dimension) => dimension switch
        {
            "external_cause" => [CauseGroup(fact.Reason.ExternalCause)!],
            "accident_type" => [fact.Reason.AccidentType ?? "X"],
            _ => figures.Codes(fact.Visit, dimension),
        }),
        "health-promotion" => Tally(HealthChecks(current, period), by, (fact, dimension) => dimension == "health_check" ? [fact.Check] : figures.Codes(fact.Visit, dimension)),
        _ => throw new ArgumentException($"No independent facts of the report {report}.", nameof(report)),
    };

    /// <summary>The sums of one table over the facts: each fact counts once in every cell it falls in, margins included.</summary>
    public static Dictionary<string, CellFigures> Tally<T>(IEnumerable<T> facts, IReadOnlyList<string> by, Func<T, string, IReadOnlyList<string>> codes)
        where T : IFact
    {
        var cells = new Dictionary<string, CellFigures>(StringComparer.Ordinal);
        foreach (var fact in facts)
        {
            IEnumerable<string> keys = [""];
            for (var d = 0; d < by.Count; d++)
            {
                var choices = new[] { Total }.Concat(codes(fact, by[d])).Distinct(StringComparer.Ordinal).ToList();
                var separator = d == 0 ? "" : "|";
                keys = keys.SelectMany(k => choices.Select(c => k + separator + c)).ToList();
            }

            foreach (var key in keys)
            {
                if (!cells.TryGetValue(key, out var cell))
                {
                    cells[key] = cell = new CellFigures();
                }

                cell.Add(fact.Visit, 0, null);
            }
        }

        return cells;
    }
}

/// <summary>A fact of a health-promotion report: one item of a visit.</summary>
internal interface IFact
{
    ClientVisit Visit { get; }
}

/// <summary>A vaccination: a medication item marked rokotus, at its visit.</summary>
internal readonly record struct VaccinationFact(ClientVisit Visit, Medication Medication) : IFact;

/// <summary>An injury visit: a visit with its first reason that has an external cause.</summary>
internal readonly record struct InjuryFact(ClientVisit Visit, VisitReason Reason) : IFact;

/// <summary>A visit of the health-promotion report with the class of its health check.</summary>
internal readonly record struct HealthCheckFact(ClientVisit Visit, string Check) : IFact;
