using System.Globalization;
using Hilmo.Notifications;
using Hilmo.Statistics;
using Hilmo.Statistics.Disclosure;
using Hilmo.Storage;
using Hilmo.Testing.Statistics.Disclosure;

namespace Hilmo.Testing.Statistics;

/// <summary>
/// The health-promotion reports on data from the generator, sent through the real ingest: every
/// figure of <c>vaccinations</c> and <c>injuries</c> in every cell and margin equals what is worked out here in C#
/// from the generated records (the visit dimensions by <see cref="IndependentFigures"/>, the
/// vaccine and dose by the definitions in <c>docs/statistics.md</c>); and every public table
/// passes the linear-programming audit. A backend's test class says how to open an empty store.
/// </summary>
public abstract class HealthPromotionReportsContract
{
    private const int RecordsPerYear = 15_000;
    private const string Total = "SSS";

    private static readonly string[][] VaccinationTables =
    [
        ["vaccine", "dose_number"], ["county", "month"], ["municipality", "quarter"], ["age_group", "sex", "year"],
        ["provider", "service_form"], ["vaccine", "age_group"],
    ];

    private static readonly string[][] InjuryTables =
    [
        ["external_cause", "accident_type"], ["county", "year"], ["municipality", "quarter"], ["age_group", "sex", "external_cause"], ["provider", "month"],
    ];

    /// <summary>The ICD-10 chapter XX blocks, by the first three characters of the external cause.</summary>
    private static readonly (string Group, string From, string To)[] CauseBlocks =
    [
        ("transport", "V01", "V99"), ("falls", "W00", "W19"), ("other_accidents", "W20", "X59"), ("self_harm", "X60", "X84"),
        ("assault", "X85", "Y09"), ("undetermined", "Y10", "Y34"), ("other", "Y35", "Y98"),
    ];

    /// <summary>A breakdown of each table a release publishes of the reports.</summary>
    private static readonly (string Report, string[] By)[] PublicTables =
    [
        ("vaccinations", ["county"]), ("vaccinations", ["vaccine", "dose_number"]), ("vaccinations", ["age_group", "sex"]),
        ("injuries", ["county"]), ("injuries", ["external_cause", "accident_type"]), ("injuries", ["age_group", "sex"]),
    ];

    /// <summary>Opens an empty store of the backend's own, receiving by <paramref name="timeProvider"/>.</summary>
    protected abstract Task<IRegisterStore> OpenAsync(TimeProvider timeProvider);

    [Fact]
    public async Task Every_vaccinations_figure_equals_the_count_worked_out_from_the_generated_records()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var store = await OpenAsync(new ManualTimeProvider());
        var register = await GeneratedRegister.FillAsync(store, RecordsPerYear, cancellationToken);
        var figures = new IndependentFigures(register.Context);
        var vaccinations = register.Current
            .Where(v => IndependentFigures.IsCompletedVisitIn(v, GeneratedRegister.Period))
            .SelectMany(v => v.Event.Medications.Where(m => m.Vaccination == true).Select(m => new VaccinationFact(v, m)))
            .ToList();
        Assert.Contains(vaccinations, v => v.Medication.DoseNumber is "2" or "3");
        foreach (var by in VaccinationTables)
        {
            var table = await register.Reports.RunAsync(new ReportRequest("vaccinations", GeneratedRegister.Period, by, Audience: ReportAudience.Entitled), cancellationToken);
            var expected = Tally(vaccinations, by, (fact, dimension) => dimension switch
            {
                "vaccine" => [fact.Medication.Atc ?? "X"],
                "dose_number" => [DoseClass(fact.Medication.DoseNumber)],
                _ => figures.Codes(fact.Visit, dimension),
            });
            AssertFigures(table, expected, ["vaccinations", "clients"], $"vaccinations by {string.Join(",", by)}", minimum: 300);
        }
    }

    [Fact]
    public async Task Every_injuries_figure_equals_the_count_worked_out_from_the_generated_records()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var store = await OpenAsync(new ManualTimeProvider());
        var register = await GeneratedRegister.FillAsync(store, RecordsPerYear, cancellationToken);
        var figures = new IndependentFigures(register.Context);
        var injuries = register.Current
            .Where(v => IndependentFigures.IsCompletedVisitIn(v, GeneratedRegister.Period))
            .Select(v => (Visit: v, Reason: v.Event.Reasons.FirstOrDefault(r => CauseGroup(r.ExternalCause) is not null)))
            .Where(i => i.Reason is not null)
            .Select(i => new InjuryFact(i.Visit, i.Reason!))
            .ToList();
        Assert.True(injuries.Select(i => CauseGroup(i.Reason.ExternalCause)).Distinct().Count() >= 2, "the data has one kind of external cause only");
        foreach (var by in InjuryTables)
        {
            var table = await register.Reports.RunAsync(new ReportRequest("injuries", GeneratedRegister.Period, by, Audience: ReportAudience.Entitled), cancellationToken);
            var expected = Tally(injuries, by, (fact, dimension) => dimension switch
            {
                "external_cause" => [CauseGroup(fact.Reason.ExternalCause)!],
                "accident_type" => [fact.Reason.AccidentType ?? "X"],
                _ => figures.Codes(fact.Visit, dimension),
            });
            AssertFigures(table, expected, ["injury_visits", "clients"], $"injuries by {string.Join(",", by)}", minimum: 300);
        }
    }

    [Fact]
    public async Task Every_public_table_of_the_reports_passes_the_linear_programming_audit()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var store = await OpenAsync(new ManualTimeProvider());
        var register = await GeneratedRegister.FillAsync(store, RecordsPerYear, cancellationToken);
        var year2025 = new ReportPeriod(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
        var now = DateTimeOffset.UtcNow;
        Assert.True(await store.CreateReleaseAsync(new Release("2025", now, now, "test"), cancellationToken));
        var withheld = 0;
        var audited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (report, by) in PublicTables)
        {
            var original = await register.Reports.RunAsync(new ReportRequest(report, year2025, by, AsOf: now, Audience: ReportAudience.Entitled), cancellationToken);
            var published = await register.Reports.RunAsync(new ReportRequest(report, year2025, by), cancellationToken);
            audited.Add(report);
            DisclosureChecks.AssertSafelyPublished(original, published, DisclosureRules.Default);
            withheld += Enumerable.Range(0, published.CellCount).Count(c => published.Status(c, 0) != CellStatus.Published);
        }

        Assert.True(withheld > 0, "the data set has no small counts, so the audit proved nothing");
        Assert.Equal(PublicTables.Select(t => t.Report).ToHashSet(StringComparer.Ordinal), audited);
    }

    [Fact]
    public async Task The_public_gets_no_vaccine_by_region()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var store = await OpenAsync(new ManualTimeProvider());
        var register = await GeneratedRegister.FillAsync(store, 2_000, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        Assert.True(await store.CreateReleaseAsync(new Release("2025", now, now, "test"), cancellationToken));
        await Assert.ThrowsAsync<ReportRequestException>(() =>
            register.Reports.RunAsync(new ReportRequest("vaccinations", new(new(2025, 1, 1), new(2025, 12, 31)), ["vaccine", "county"]), cancellationToken));
    }

    /// <summary>The chapter XX block of an external cause; null when there is none or it is outside V01–Y98.</summary>
    private static string? CauseGroup(string? cause) => cause is { Length: >= 3 } && cause[..3] is var head
        ? CauseBlocks.Where(b => string.CompareOrdinal(head, b.From) >= 0 && string.CompareOrdinal(head, b.To) <= 0).Select(b => b.Group).FirstOrDefault()
        : null;

    /// <summary>The dose class of <c>docs/statistics.md</c>: 1–4, other whole numbers 5+, else unknown.</summary>
    private static string DoseClass(string? dose) =>
        dose is { Length: >= 1 and <= 3 } && dose.All(char.IsAsciiDigit) && int.Parse(dose, CultureInfo.InvariantCulture) is var n and > 0
            ? (n <= 4 ? n.ToString(CultureInfo.InvariantCulture) : "5+")
            : "X";

    /// <summary>The sums of one table over the facts: each fact counts once in every cell it falls in, margins included.</summary>
    private static Dictionary<string, CellFigures> Tally<T>(IEnumerable<T> facts, IReadOnlyList<string> by, Func<T, string, IReadOnlyList<string>> codes)
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
                if (!cells.TryGetValue(key, out var figures))
                {
                    cells[key] = figures = new CellFigures();
                }

                figures.Add(fact.Visit, 0, null);
            }
        }

        return cells;
    }

    /// <summary>Every cell holds its expected count and clients, and every cell the facts fall in is in the table.</summary>
    private static void AssertFigures(StatisticsTable table, IReadOnlyDictionary<string, CellFigures> expected, string[] measures, string label, int minimum)
    {
        Assert.Equal(measures, table.Measures.Select(m => m.Code));
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            var key = string.Join("|", Enumerable.Range(0, table.Dimensions.Count).Select(d => table.Dimensions[d].Categories[table.CategoryOf(cell, d)].Code));
            seen.Add(key);
            expected.TryGetValue(key, out var figures);
            double[] want = [figures?.Visits ?? 0, figures?.Clients ?? 0];
            for (var m = 0; m < measures.Length; m++)
            {
                if (table.Value(cell, m) != want[m])
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{key} {measures[m]}: expected {want[m]}, got {table.Value(cell, m)}"));
                }
            }
        }

        problems.AddRange(expected.Where(e => !seen.Contains(e.Key)).Select(e => $"{e.Key}: {e.Value.Visits} facts, but no such cell"));
        Assert.True(problems.Count == 0, $"{label}: {problems.Count} figures differ:\n{string.Join("\n", problems.Take(30))}");
        Assert.True(expected.TryGetValue(string.Join("|", table.Dimensions.Select(_ => Total)), out var all) && all.Visits >= minimum, $"{label}: too few facts to tell anything");
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
