using System.Globalization;
using Hilmo.Notifications;
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

    private static readonly string[][] CoverageTables =
    [
        ["vaccine_group", "dose_number"], ["year", "county", "vaccine_group", "dose_number"], ["municipality", "sex"], ["provider", "dose_number"],
        ["age_group", "dose_number", "year"],
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
        ("vaccination-coverage", ["county", "vaccine_group", "dose_number"]),
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
    public async Task Every_vaccination_coverage_figure_equals_the_count_worked_out_from_the_generated_records()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var store = await OpenAsync(new ManualTimeProvider());
        var register = await GeneratedRegister.FillAsync(store, RecordsPerYear, cancellationToken);
        var figures = new IndependentFigures(register.Context);
        var facts = CoverageFigures.Facts(register.Current, GeneratedRegister.Period.From.Year, GeneratedRegister.Period.To.Year);
        Assert.Contains(facts, f => f.Age == 2 && f.CohortYear == 2025 && CoverageFigures.Group(f.Medication.Atc) == "J07CA" && f.Medication.DoseNumber == "3");
        Assert.Contains(facts, f => f.Age == 2 && f.CohortYear == 2025 && CoverageFigures.Group(f.Medication.Atc) == "J07BD" && f.Medication.DoseNumber == "1");
        var measures = CoverageFigures.Ages.Select(CoverageFigures.Measure).ToArray();
        foreach (var by in CoverageTables)
        {
            var table = await register.Reports.RunAsync(new ReportRequest("vaccination-coverage", GeneratedRegister.Period, by, Audience: ReportAudience.Entitled), cancellationToken);
            Assert.Equal(measures, table.Measures.Select(m => m.Code));
            var expected = CoverageFigures.Tally(facts, by, figures);
            var problems = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var cell = 0; cell < table.CellCount; cell++)
            {
                var key = string.Join("|", Enumerable.Range(0, table.Dimensions.Count).Select(d => table.Dimensions[d].Categories[table.CategoryOf(cell, d)].Code));
                seen.Add(key);
                var want = expected.TryGetValue(key, out var counts) ? counts : new int[measures.Length];
                for (var m = 0; m < measures.Length; m++)
                {
                    if (table.Value(cell, m) != want[m])
                    {
                        problems.Add(string.Create(CultureInfo.InvariantCulture, $"{key} {measures[m]}: expected {want[m]}, got {table.Value(cell, m)}"));
                    }
                }
            }

            problems.AddRange(expected.Where(e => !seen.Contains(e.Key)).Select(e => $"{e.Key}: {e.Value.Sum()} facts, but no such cell"));
            Assert.True(problems.Count == 0, $"vaccination-coverage by {string.Join(",", by)}: {problems.Count} figures differ:\n{string.Join("\n", problems.Take(30))}");
            Assert.True(expected[string.Join("|", by.Select(_ => Total))].Sum() >= 100, $"vaccination-coverage by {string.Join(",", by)}: too few facts to tell anything");
        }
    }

    /// <summary>
    /// The cohort edges of issue 19, in 2025 (children born in 2023 turning 2): born on 31
    /// December or 1 January and given the dose the day before or on the second birthday; a
    /// child of the cohort before and one of the cohort after; a child who moved between doses,
    /// counted where they lived at the dose; a dose given twice, counted at its first visit; and
    /// a visit stored without the year-end age (a store of before schema version 5), in no cohort.
    /// </summary>
    [Fact]
    public async Task Coverage_counts_a_dose_before_the_nth_birthday_in_the_cohorts_year_where_the_child_lived_when_given_it()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var statistics = new StatisticsStore(await OpenAsync(new ManualTimeProvider()));
        var id = 0;
        RegisteredNotification Dose(DateOnly born, int individual, DateOnly day, string atc, string dose, string municipality = "091")
        {
            var template = TestRecords.Visit(string.Create(CultureInfo.InvariantCulture, $"1.2.246.10.2345678.10.coverage.{++id}"), updatedAt: day.ToDateTime(new TimeOnly(18, 0)));
            var visit = template with
            {
                Client = template.Client! with { HomeMunicipality = municipality },
                Visit = template.Visit! with { Start = day.ToDateTime(new TimeOnly(10, 0)), End = day.ToDateTime(new TimeOnly(10, 20)), ServiceForm = "T22" },
                Medications = [template.Medications[0] with { Atc = atc, DoseNumber = dose, PrescribedAt = day.ToDateTime(new TimeOnly(10, 5)) }],
            };
            return TestRecords.Registered(visit, StatisticsStore.IdentityCode(born, individual));
        }

        const string Mmr = "J07BD52", Hexyon = "J07CA09";
        var unknownCohort = Dose(new(2023, 3, 3), 130, new(2024, 4, 4), Mmr, "1");
        await statistics.StoreAsync(
            Dose(new(2023, 12, 31), 101, new(2025, 12, 30), Mmr, "1"), // The day before the second birthday: before 2.
            Dose(new(2023, 12, 31), 103, new(2025, 12, 31), Mmr, "1"), // On the second birthday: not before 2.
            Dose(new(2023, 1, 1), 105, new(2024, 12, 31), Mmr, "1"), // The day before the second birthday, the year before.
            Dose(new(2023, 1, 1), 107, new(2025, 1, 1), Mmr, "1"), // On the second birthday.
            Dose(new(2022, 12, 31), 109, new(2024, 6, 1), Mmr, "1"), // Turns 2 in 2024: that year's cohort.
            Dose(new(2024, 1, 1), 111, new(2025, 6, 1), Mmr, "1"), // Turns 2 in 2026.
            Dose(new(2023, 5, 5), 113, new(2023, 8, 5), Hexyon, "1"), // Moved from Helsinki to Tampere between doses,
            Dose(new(2023, 5, 5), 113, new(2024, 5, 10), Hexyon, "3", "837"),
            Dose(new(2023, 5, 5), 113, new(2024, 7, 1), Hexyon, "3", "049"), // and the third dose recorded again in Espoo.
            new RegisteredNotification(unknownCohort.Notification, unknownCohort.Client! with { Ages = unknownCohort.Client.Ages with { AtEventYearEnd = null } }, unknownCohort.ContentHash));

        var year2025 = new ReportPeriod(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
        var table = await statistics.Statistics.RunAsync(new ReportRequest("vaccination-coverage", year2025, ["municipality", "vaccine_group", "dose_number"], Audience: ReportAudience.Entitled), cancellationToken);
        var before2 = CoverageFigures.Measure(2);
        Assert.Equal<double?>(2, StatisticsStore.Figure(table, before2, "SSS", "J07BD", "1"));
        Assert.Equal<double?>(2, StatisticsStore.Figure(table, before2, "091", "J07BD", "1"));
        Assert.Equal<double?>(1, StatisticsStore.Figure(table, before2, "837", "J07CA", "3"));
        Assert.Equal<double?>(0, StatisticsStore.Figure(table, before2, "091", "J07CA", "3"));
        Assert.Equal<double?>(1, StatisticsStore.Figure(table, before2, "091", "J07CA", "1"));
        Assert.Equal<double?>(1, StatisticsStore.Figure(table, before2, "SSS", "J07CA", "3"));

        // Before 1 in 2025 is the cohort of 2024: none of these; in 2024, the moved child's first dose.
        Assert.Equal<double?>(0, StatisticsStore.Figure(table, CoverageFigures.Measure(1), "SSS", "SSS", "SSS"));
        var year2024 = await statistics.Statistics.RunAsync(new ReportRequest("vaccination-coverage", new(new(2024, 1, 1), new(2024, 12, 31)), ["municipality", "vaccine_group", "dose_number"], Audience: ReportAudience.Entitled), cancellationToken);
        Assert.Equal<double?>(1, StatisticsStore.Figure(year2024, before2, "SSS", "J07BD", "1"));
        Assert.Equal<double?>(1, StatisticsStore.Figure(year2024, CoverageFigures.Measure(1), "091", "J07CA", "1"));
        Assert.Equal<double?>(0, StatisticsStore.Figure(year2024, CoverageFigures.Measure(1), "SSS", "J07BD", "SSS"));

        // Cohorts are counted in whole years.
        var refused = await Assert.ThrowsAsync<ReportRequestException>(() => statistics.Statistics.RunAsync(
            new ReportRequest("vaccination-coverage", new(new(2025, 1, 1), new(2025, 6, 30)), ["vaccine_group"], Audience: ReportAudience.Entitled), cancellationToken));
        Assert.Contains("period", refused.Message, StringComparison.Ordinal);
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

    [Fact]
    public async Task The_public_gets_vaccination_coverage_by_county_but_never_by_municipality_or_provider()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var store = await OpenAsync(new ManualTimeProvider());
        var register = await GeneratedRegister.FillAsync(store, 2_000, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        Assert.True(await store.CreateReleaseAsync(new Release("2025", now, now, "test"), cancellationToken));
        var year2025 = new ReportPeriod(new(2025, 1, 1), new(2025, 12, 31));
        var byCounty = await register.Reports.RunAsync(new ReportRequest("vaccination-coverage", year2025, ["county", "vaccine_group"]), cancellationToken);
        Assert.Equal(["county", "vaccine_group"], byCounty.Dimensions.Select(d => d.Code));
        foreach (var by in new[] { new[] { "municipality", "vaccine_group" }, ["provider"], ["sex", "vaccine_group"] })
        {
            await Assert.ThrowsAsync<ReportRequestException>(() => register.Reports.RunAsync(new ReportRequest("vaccination-coverage", year2025, by), cancellationToken));
        }
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
