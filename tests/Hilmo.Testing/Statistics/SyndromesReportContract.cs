using System.Globalization;
using Hilmo.Notifications;
using Hilmo.Statistics;
using Hilmo.Statistics.Disclosure;
using Hilmo.Statistics.Signals;
using Hilmo.Storage;
using Hilmo.Testing.Statistics.Disclosure;

namespace Hilmo.Testing.Statistics;

/// <summary>
/// The <c>syndromes</c> report: on generated data sent through the real ingest, every figure in
/// every cell and margin equals what is worked out here in C# from the generated records (the
/// syndromes by <see cref="Hilmo.Statistics.Signals.SyndromeCatalogue.SyndromesOf"/>, the visit
/// dimensions by <see cref="IndependentFigures"/>), and the public table passes the
/// linear-programming audit; on hand-made visits, the counting edges. A backend's test class says
/// how to open an empty store.
/// </summary>
public abstract class SyndromesReportContract
{
    private const int RecordsPerYear = 15_000;
    private const string Total = "SSS";

    /// <summary>
    /// The weekly table by county and syndrome has some nine thousand cells: on a register much
    /// smaller than this its small counts are too scattered to protect, and it is rightly not published.
    /// </summary>
    private const int PublishedRecordsPerYear = 100_000;

    private static readonly string[][] Tables =
    [
        ["syndrome", "week"], ["county", "syndrome"], ["municipality", "month"], ["age_group", "sex", "syndrome"],
        ["infection", "county"], ["day", "infection"], ["syndrome", "quarter"],
    ];

    /// <summary>Opens an empty store of the backend's own, receiving by <paramref name="timeProvider"/>.</summary>
    protected abstract Task<IRegisterStore> OpenAsync(TimeProvider timeProvider);

    /// <summary>Why the backend cannot yet run the audit of the published weekly table; null when it can.</summary>
    protected virtual string? PublishedAuditNotYet => null;

    [Fact]
    public async Task Every_syndromes_figure_equals_the_count_worked_out_from_the_generated_records()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var store = await OpenAsync(new ManualTimeProvider());
        var register = await GeneratedRegister.FillAsync(store, RecordsPerYear, cancellationToken);
        var figures = new IndependentFigures(register.Context);
        var facts = Facts(register.Context, register.Current, GeneratedRegister.Period, restricted: true);

        // The data must exercise what the report tells apart: several syndromes. The generator gives a
        // visit one syndrome reason at most (its seasons and outbreaks are per syndrome), so a visit in
        // two syndromes at once is the counting-edges test's, on records made for it.
        Assert.True(facts.Select(f => f.Syndrome).Distinct().Count() >= 5, "the data has few syndromes");
        foreach (var by in Tables)
        {
            var table = await register.Reports.RunAsync(new ReportRequest("syndromes", GeneratedRegister.Period, by, Audience: ReportAudience.Entitled), cancellationToken);
            var restricted = !by.Contains("infection");
            var expected = HealthPromotionFigures.Tally(Facts(register.Context, register.Current, GeneratedRegister.Period, restricted), by,
                (fact, dimension) => dimension is "syndrome" or "infection" ? [fact.Syndrome] : figures.Codes(fact.Visit, dimension));
            AssertFigures(table, expected, $"syndromes by {string.Join(",", by)}");
        }
    }

    [Fact]
    public async Task The_public_table_passes_the_linear_programming_audit_and_never_shows_a_crisis_contact_by_county()
    {
        if (PublishedAuditNotYet is { } reason)
        {
            Assert.Skip(reason);
        }

        var cancellationToken = TestContext.Current.CancellationToken;
        await using var store = await OpenAsync(new ManualTimeProvider());
        var register = await GeneratedRegister.FillAsync(store, PublishedRecordsPerYear, cancellationToken);
        var year2025 = new ReportPeriod(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
        var now = DateTimeOffset.UtcNow;
        Assert.True(await store.CreateReleaseAsync(new Release("2025", now, now, "test"), cancellationToken));
        string[] by = ["week", "infection", "county"];

        var original = await register.Reports.RunAsync(new ReportRequest("syndromes", year2025, by, AsOf: now, Audience: ReportAudience.Entitled), cancellationToken);
        var published = await register.Reports.RunAsync(new ReportRequest("syndromes", year2025, by), cancellationToken);
        DisclosureChecks.AssertSafelyPublished(original, published, DisclosureRules.Default);
        Assert.True(Enumerable.Range(0, published.CellCount).Any(c => published.Status(c, 0) != CellStatus.Published), "the data set has no small counts, so the audit proved nothing");
        Assert.DoesNotContain("mental_crisis", published.Dimensions[1].Categories.Select(c => c.Code));

        // Every syndrome by county, daily counts and the municipality are the entitled's only.
        foreach (var refused in new[] { new[] { "week", "syndrome", "county" }, ["day", "infection"], ["week", "infection", "municipality"] })
        {
            await Assert.ThrowsAsync<ReportRequestException>(() => register.Reports.RunAsync(new ReportRequest("syndromes", year2025, refused), cancellationToken));
        }
    }

    [Fact]
    public async Task A_visit_counts_once_per_syndrome_on_its_visit_date_within_the_codes_dates()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var clock = new ManualTimeProvider(new DateTimeOffset(2020, 4, 20, 12, 0, 0, TimeSpan.Zero));
        await using var statistics = new StatisticsStore(await OpenAsync(clock));
        var visits = new (string Id, DateTime Start, VisitReason[] Reasons)[]
        {
            // Two codes of influenza-like illness, one of each code system: one ILI visit.
            ("1", new DateTime(2020, 3, 2, 9, 0, 0), [new VisitReason { Icd10 = "J10.1" }, new VisitReason { Icpc2 = "R80" }]),
            // Influenza and gastroenteritis: one visit of each.
            ("2", new DateTime(2020, 3, 3, 9, 0, 0), [new VisitReason { Icd10 = "J10.1" }, new VisitReason { Icd10 = "A09" }]),
            // Outside every range: a dorsalgia and an ICPC-2 cough.
            ("3", new DateTime(2020, 3, 3, 10, 0, 0), [new VisitReason { Icd10 = "M54.5" }, new VisitReason { Icpc2 = "R05" }]),
            // COVID-19 before its code came in force (2020-03-27), then after.
            ("4", new DateTime(2020, 3, 20, 9, 0, 0), [new VisitReason { Icd10 = "U07.1" }]),
            ("5", new DateTime(2020, 3, 30, 23, 50, 0), [new VisitReason { Icd10 = "U07.1" }]),
            // U07.0 (vaping) is outside U07.1–U07.2.
            ("6", new DateTime(2020, 3, 30, 9, 0, 0), [new VisitReason { Icd10 = "U07.0" }]),
            // Self-harm in the Finnish X69 group: a crisis contact.
            ("7", new DateTime(2020, 3, 31, 9, 0, 0), [new VisitReason { Icd10 = "T42.4", ExternalCause = "X69" }, new VisitReason { Icd10 = "X69" }]),
        };
        foreach (var (id, start, reasons) in visits)
        {
            await statistics.StoreAsync(TestRecords.Registered(Visit(id, start, reasons)));
        }

        var period = new ReportPeriod(new DateOnly(2020, 3, 1), new DateOnly(2020, 3, 31));
        var byDay = await statistics.Statistics.RunAsync(new ReportRequest("syndromes", period, ["syndrome", "day"], Audience: ReportAudience.Entitled), cancellationToken);
        Assert.Equal(1, StatisticsStore.Figure(byDay, "visits", "ili", "2020-03-02"));
        Assert.Equal(1, StatisticsStore.Figure(byDay, "visits", "ili", "2020-03-03"));
        Assert.Equal(1, StatisticsStore.Figure(byDay, "visits", "gastro", "2020-03-03"));
        Assert.Equal(0, StatisticsStore.Figure(byDay, "visits", "covid19", "2020-03-20"));
        Assert.Equal(1, StatisticsStore.Figure(byDay, "visits", "covid19", "2020-03-30"));
        Assert.Equal(1, StatisticsStore.Figure(byDay, "visits", "covid19", Total));
        Assert.Equal(1, StatisticsStore.Figure(byDay, "visits", "mental_crisis", "2020-03-31"));

        // By visit date, though every record was received on 20 April: nothing falls in April.
        Assert.Equal(4 + 1, StatisticsStore.Figure(byDay, "visits", Total, Total));
        var april = await statistics.Statistics.RunAsync(new ReportRequest("syndromes", new(new(2020, 4, 1), new(2020, 4, 30)), ["syndrome"], Audience: ReportAudience.Entitled), cancellationToken);
        Assert.Equal(0, StatisticsStore.Figure(april, "visits", Total));

        // The infectious syndromes leave the crisis contact out, totals included.
        var infections = await statistics.Statistics.RunAsync(new ReportRequest("syndromes", period, ["infection"], Audience: ReportAudience.Entitled), cancellationToken);
        Assert.Equal(4, StatisticsStore.Figure(infections, "visits", Total));
    }

    [Fact]
    public async Task Completeness_and_nowcast_come_from_the_delays_from_visit_to_first_receipt_in_the_reference_window()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var statistics = new StatisticsStore(await OpenAsync(clock));
        VisitReason[] ili = [new VisitReason { Icd10 = "J10.1" }];
        VisitReason[] gastro = [new VisitReason { Icpc2 = "D70" }];
        var receipts = new List<(DateTimeOffset At, ServiceEvent Record)>();
        void Add(string id, DateTime visit, int delayDays, VisitReason[] reasons, string municipality = "091", int hour = 12) =>
            receipts.Add((new DateTimeOffset(visit.Date.AddDays(delayDays).AddHours(hour), TimeSpan.Zero),
                Visit(id, visit, reasons) with { Client = new Client { HomeMunicipality = municipality, PostalCode = "00820" } }));

        // The reference window as of 31 March is 6 January to 2 March: 7 visits arrived the same
        // day, 4 the next, 1 three days later, and one after 40 days, beyond the 28 that make a day final.
        for (var i = 0; i < 6; i++)
        {
            Add($"r0{i}", new DateTime(2026, 2, 1 + i, 10, 0, 0), 0, ili);
        }

        Add("r0g", new DateTime(2026, 2, 7, 10, 0, 0), 0, gastro, municipality: "837");
        for (var i = 0; i < 3; i++)
        {
            Add($"r1{i}", new DateTime(2026, 2, 10 + i, 10, 0, 0), 1, ili);
        }

        Add("r1g", new DateTime(2026, 2, 13, 10, 0, 0), 1, gastro);
        Add("r3", new DateTime(2026, 2, 15, 10, 0, 0), 3, ili);
        Add("r40", new DateTime(2026, 1, 10, 10, 0, 0), 40, ili);

        // The recent days: 3 visits of 31 March arrived that morning; of 30 March one the same
        // day, one the next and one only on 2 April, after the as-of time.
        for (var i = 0; i < 3; i++)
        {
            Add($"n31{i}", new DateTime(2026, 3, 31, 10, 0, 0), 0, ili, hour: 11);
        }

        Add("n30a", new DateTime(2026, 3, 30, 10, 0, 0), 0, ili);
        Add("n30b", new DateTime(2026, 3, 30, 10, 0, 0), 1, ili, hour: 11);
        Add("n30c", new DateTime(2026, 3, 30, 10, 0, 0), 3, ili);

        // A visit of 29 March sent as influenza, corrected on 1 April to a back pain: it counts as of 31 March, not after.
        Add("n29", new DateTime(2026, 3, 29, 10, 0, 0), 0, ili);
        receipts.Add((new DateTimeOffset(2026, 4, 1, 12, 0, 0, TimeSpan.Zero), Visit("n29", new DateTime(2026, 3, 29, 10, 0, 0), [new VisitReason { Icd10 = "M54.5" }]) with
        {
            UpdatedAt = new DateTime(2026, 4, 1, 9, 0, 0),
        }));

        foreach (var (at, record) in receipts.OrderBy(r => r.At))
        {
            clock.Set(at);
            await statistics.StoreAsync(TestRecords.Registered(record));
        }

        var helsinki = StatisticsStore.Context.Regions.Municipalities["091"].County!;
        var service = new SyndromeSeriesService(statistics.Store, StatisticsStore.Context);
        var asOf = new DateTimeOffset(2026, 3, 31, 12, 0, 0, TimeSpan.Zero);
        var all = await service.DailyAsync(new DateOnly(2026, 3, 28), new DateOnly(2026, 3, 31), asOf, cancellationToken);
        Assert.Equal((StatisticsStore.Context.Regions.Counties.Count + 1) * StatisticsStore.Syndromes.Syndromes.Count, all.Count);
        var series = Assert.Single(all, s => s.County == helsinki && s.Syndrome == "ili");
        Assert.Equal(new DateOnly(2026, 3, 28), series.First);
        Assert.Equal([0, 1, 2, 3], series.Observed);

        // F(0) = 7/12; F(1) = F(2) = 11/12; three days and more are final.
        double[] completeness = [1, 11.0 / 12, 11.0 / 12, 7.0 / 12];
        Assert.Equal(completeness, series.Completeness, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal([0, 12.0 / 11, 24.0 / 11, 36.0 / 7], series.Nowcast, (a, b) => Math.Abs(a - b) < 1e-12);

        // Every series of the day shares the completeness; the other county's gastro visit is in no recent day.
        Assert.All(all, s => Assert.Equal(completeness, s.Completeness, (a, b) => Math.Abs(a - b) < 1e-12));
        Assert.All(all.Where(s => s != series), s => Assert.All(s.Observed, n => Assert.Equal(0, n)));

        // As of 3 April the 30 March visit received on 2 April counts and the corrected one of 29 March no longer does.
        var later = await service.DailyAsync(new DateOnly(2026, 3, 28), new DateOnly(2026, 3, 31), new DateTimeOffset(2026, 4, 3, 12, 0, 0, TimeSpan.Zero), cancellationToken);
        Assert.Equal([0, 0, 3, 3], Assert.Single(later, s => s.County == helsinki && s.Syndrome == "ili").Observed);

        // The observed counts are the report's daily counts as of the same moment.
        var report = await statistics.Statistics.RunAsync(new ReportRequest("syndromes", new(new(2026, 3, 28), new(2026, 3, 31)), ["county", "syndrome", "day"], AsOf: asOf, Audience: ReportAudience.Entitled), cancellationToken);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(series.Observed[i], StatisticsStore.Figure(report, "visits", helsinki, "ili", new DateOnly(2026, 3, 28).AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
    }

    private static ServiceEvent Visit(string id, DateTime start, VisitReason[] reasons) => TestRecords.Visit($"1.2.246.10.2345678.10.2020.{id}", updatedAt: start.AddHours(2)) with
    {
        Contact = null,
        Assessment = null,
        Appointment = null,
        Visit = TestRecords.Visit().Visit! with { Start = start, End = start.AddMinutes(20) },
        Reasons = [.. reasons],
    };

    /// <summary>
    /// The facts worked out in C#: a completed visit of the period once for every syndrome its
    /// reasons' codes are in on its date; without <paramref name="restricted"/>, the syndromes that may not be shown with place are left out.
    /// </summary>
    private static List<SyndromeFact> Facts(StatisticsContext context, IEnumerable<ClientVisit> current, ReportPeriod period, bool restricted) =>
    [
        .. current.Where(v => IndependentFigures.IsCompletedVisitIn(v, period))
            .SelectMany(v => v.Event.Reasons
                .SelectMany(r => new[] { ("icd10fi", r.Icd10), ("icpc2", r.Icpc2) })
                .Where(c => c.Item2 is not null)
                .SelectMany(c => context.Syndromes.SyndromesOf(c.Item1, c.Item2!, DateOnly.FromDateTime(v.Event.Visit!.Start!.Value)))
                .Distinct(StringComparer.Ordinal)
                .Where(s => restricted || s != "mental_crisis")
                .Select(s => new SyndromeFact(v, s))),
    ];

    /// <summary>Every cell holds its expected count and clients, and every cell the facts fall in is in the table.</summary>
    private static void AssertFigures(StatisticsTable table, IReadOnlyDictionary<string, CellFigures> expected, string label)
    {
        Assert.Equal(["visits", "clients"], table.Measures.Select(m => m.Code));
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            var key = string.Join("|", Enumerable.Range(0, table.Dimensions.Count).Select(d => table.Dimensions[d].Categories[table.CategoryOf(cell, d)].Code));
            seen.Add(key);
            expected.TryGetValue(key, out var figures);
            double[] want = [figures?.Visits ?? 0, figures?.Clients ?? 0];
            for (var m = 0; m < 2; m++)
            {
                if (table.Value(cell, m) != want[m])
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{key} {table.Measures[m].Code}: expected {want[m]}, got {table.Value(cell, m)}"));
                }
            }
        }

        problems.AddRange(expected.Where(e => !seen.Contains(e.Key)).Select(e => $"{e.Key}: {e.Value.Visits} facts, but no such cell"));
        Assert.True(problems.Count == 0, $"{label}: {problems.Count} figures differ:\n{string.Join("\n", problems.Take(30))}");
        Assert.True(expected.TryGetValue(string.Join("|", table.Dimensions.Select(_ => Total)), out var all) && all.Visits >= 300, $"{label}: too few facts to tell anything");
    }
}

/// <summary>A visit in one syndrome.</summary>
internal readonly record struct SyndromeFact(ClientVisit Visit, string Syndrome) : IFact;
