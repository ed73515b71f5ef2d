using System.Globalization;
using Hilmo.Statistics;
using Hilmo.Statistics.Disclosure;
using Hilmo.Storage;
using Hilmo.Testing.Statistics.Disclosure;

namespace Hilmo.Testing.Statistics;

/// <summary>
/// The health-promotion reports on data from the generator, sent through the real ingest: every
/// figure of <c>vaccinations</c>, <c>injuries</c> and <c>health-promotion</c> in every cell and margin equals what is worked out here in C#
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

    private static readonly string[][] HealthPromotionTables =
    [
        ["county", "month"], ["health_check", "service_form"], ["municipality", "quarter"], ["age_group", "sex", "health_check"],
        ["unit", "month"], ["profession", "contact_type", "year"],
    ];

    /// <summary>A breakdown of each table a release publishes of the reports.</summary>
    private static readonly (string Report, string[] By)[] PublicTables =
    [
        ("vaccinations", ["county"]), ("vaccinations", ["vaccine", "dose_number"]), ("vaccinations", ["age_group", "sex"]),
        ("injuries", ["county"]), ("injuries", ["external_cause", "accident_type"]), ("injuries", ["age_group", "sex"]),
        ("health-promotion", ["month", "county"]), ("health-promotion", ["month", "service_form"]), ("health-promotion", ["month", "health_check"]),
        ("health-promotion", ["month", "age_group", "sex"]),
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
            var expected = HealthPromotionFigures.Tally(vaccinations, by, (fact, dimension) => dimension switch
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
        var injuries = HealthPromotionFigures.Injuries(register.Current, GeneratedRegister.Period);
        Assert.True(injuries.Select(i => HealthPromotionFigures.CauseGroup(i.Reason.ExternalCause)).Distinct().Count() >= 2, "the data has one kind of external cause only");
        foreach (var by in InjuryTables)
        {
            var table = await register.Reports.RunAsync(new ReportRequest("injuries", GeneratedRegister.Period, by, Audience: ReportAudience.Entitled), cancellationToken);
            var expected = HealthPromotionFigures.Tally(figures, register.Current, GeneratedRegister.Period, "injuries", by);
            AssertFigures(table, expected, ["injury_visits", "clients"], $"injuries by {string.Join(",", by)}", minimum: 300);
        }
    }

    [Fact]
    public async Task Every_health_promotion_figure_equals_the_count_worked_out_from_the_generated_records()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var store = await OpenAsync(new ManualTimeProvider());
        var register = await GeneratedRegister.FillAsync(store, RecordsPerYear, cancellationToken);
        var figures = new IndependentFigures(register.Context);
        var facts = HealthPromotionFigures.HealthChecks(register.Current, GeneratedRegister.Period);

        // The data must exercise what the report tells apart: all six extensive checks, other checks and visits without one, and visits of several procedures.
        Assert.Superset(new HashSet<string> { "4_months", "18_months", "4_years", "grade_1", "grade_5", "grade_8", "none", "periodic" }, facts.Select(f => f.Check).ToHashSet());
        Assert.Contains(facts, f => f.Visit.Event.Procedures.Length > 1);
        foreach (var by in HealthPromotionTables)
        {
            var table = await register.Reports.RunAsync(new ReportRequest("health-promotion", GeneratedRegister.Period, by, Audience: ReportAudience.Entitled), cancellationToken);
            var expected = HealthPromotionFigures.Tally(figures, register.Current, GeneratedRegister.Period, "health-promotion", by);
            AssertFigures(table, expected, ["visits", "clients"], $"health-promotion by {string.Join(",", by)}", minimum: 1_000);
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

    [Theory]
    [InlineData("health_check", "county")]
    [InlineData("health_check", "municipality")]
    [InlineData("health_check", "age_group")]
    public async Task The_public_gets_no_health_check_by_region_or_age(string check, string other)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var store = await OpenAsync(new ManualTimeProvider());
        // Enough records that every monthly total is published and so the check's own table.
        var register = await GeneratedRegister.FillAsync(store, RecordsPerYear, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        Assert.True(await store.CreateReleaseAsync(new Release("2025", now, now, "test"), cancellationToken));
        var year = new ReportPeriod(new(2025, 1, 1), new(2025, 12, 31));

        // The check alone is published; with the place or the age it is refused.
        Assert.NotNull(await register.Reports.RunAsync(new ReportRequest("health-promotion", year, [check]), cancellationToken));
        await Assert.ThrowsAsync<ReportRequestException>(() =>
            register.Reports.RunAsync(new ReportRequest("health-promotion", year, [check, other]), cancellationToken));
    }

    /// <summary>The dose class of <c>docs/statistics.md</c>: 1–4, other whole numbers 5+, else unknown.</summary>
    private static string DoseClass(string? dose) =>
        dose is { Length: >= 1 and <= 3 } && dose.All(char.IsAsciiDigit) && int.Parse(dose, CultureInfo.InvariantCulture) is var n and > 0
            ? (n <= 4 ? n.ToString(CultureInfo.InvariantCulture) : "5+")
            : "X";

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
