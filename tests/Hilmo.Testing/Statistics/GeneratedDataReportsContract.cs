using System.Globalization;
using Hilmo.Statistics;
using Hilmo.Statistics.Disclosure;
using Hilmo.Storage;
using Hilmo.Testing.Statistics.Disclosure;

namespace Hilmo.Testing.Statistics;

/// <summary>
/// The reports on data from the generator, sent through the real ingest: every figure of
/// <c>visits</c> and <c>access-to-care</c>, in every cell and margin of tables by many dimensions,
/// equals what <see cref="IndependentFigures"/> works out from the generated records; and every
/// public table of the data passes the linear-programming audit that a naively suppressed one
/// fails. A backend's test class derives from this and says how to open an empty store.
/// </summary>
public abstract class GeneratedDataReportsContract
{
    private const int RecordsPerYear = 15_000;

    /// <summary>Tables by one to three dimensions: every time grain, the region, provider and unit hierarchies, each classification.</summary>
    private static readonly string[][] VisitsTables =
    [
        ["day"], ["week"], ["county", "month"], ["municipality", "quarter"], ["provider_county", "provider", "year"],
        ["unit", "profession"], ["age_group", "sex", "care"], ["contact_type", "service_form", "urgency"], ["nature", "year"],
    ];

    /// <summary>The same for access to care, which has no urgency or nature (it is of non-urgent visits); each ends with the waiting-time bands.</summary>
    private static readonly string[][] AccessToCareTables =
    [
        ["day"], ["week"], ["county", "month"], ["municipality", "quarter"], ["provider_county", "provider", "year"],
        ["unit", "profession"], ["age_group", "sex", "care"], ["contact_type", "service_form"],
    ];

    /// <summary>The tables published from the data: a breakdown of each table a release publishes, for the public.</summary>
    private static readonly (string Report, string[] By)[] PublicTables =
    [
        ("visits", ["county", "month"]), ("visits", ["age_group", "sex"]), ("visits", ["provider"]), ("visits", ["profession", "contact_type"]),
        ("visits", ["care", "urgency"]), ("access-to-care", ["county"]), ("access-to-care", ["care", "age_group"]), ("access-to-care", ["unit"]),
    ];

    /// <summary>Opens an empty store of the backend's own, receiving by <paramref name="timeProvider"/>.</summary>
    protected abstract Task<IRegisterStore> OpenAsync(TimeProvider timeProvider);

    [Fact]
    public Task Every_visits_figure_equals_the_count_worked_out_from_the_generated_records() => AssertEveryFigureAsync("visits", VisitsTables);

    [Fact]
    public Task Every_access_to_care_figure_equals_the_one_worked_out_from_the_generated_records() => AssertEveryFigureAsync("access-to-care", AccessToCareTables);

    [Fact]
    public async Task Every_public_table_of_the_data_passes_the_linear_programming_audit()
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
            StatisticsTable published;
            try
            {
                published = await register.Reports.RunAsync(new ReportRequest(report, year2025, by), cancellationToken);
            }
            catch (NotPublishedException)
            {
                // Small data publishes only some of a report's tables; those it does must be safe.
                continue;
            }

            audited.Add(report);
            DisclosureChecks.AssertSafelyPublished(original, published, DisclosureRules.Default);
            withheld += Enumerable.Range(0, published.CellCount).Count(c => published.Status(c, 0) != CellStatus.Published);
        }

        Assert.True(withheld > 0, "the data set has no small counts, so the audit proved nothing");
        Assert.Equal(PublicTables.Select(t => t.Report).ToHashSet(StringComparer.Ordinal), audited);
    }

    [Fact]
    public async Task A_table_of_the_data_with_only_its_small_counts_withheld_fails_the_audit()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var store = await OpenAsync(new ManualTimeProvider());
        var register = await GeneratedRegister.FillAsync(store, RecordsPerYear, cancellationToken);
        var naive = await register.Reports.RunAsync(
            new ReportRequest("access-to-care", new(new(2025, 1, 1), new(2025, 12, 31)), ["provider_county", "care"], Audience: ReportAudience.Entitled), cancellationToken);
        var small = 0;
        for (var cell = 0; cell < naive.CellCount; cell++)
        {
            if (naive.Value(cell, 0) is > 0 and < 5)
            {
                small++;
                for (var m = 0; m < naive.Measures.Count; m++)
                {
                    naive.Suppress(cell, m, CellStatus.PrimarySuppressed);
                }
            }
        }

        Assert.True(small > 0, "the table has no small counts to withhold");
        using var audit = new LinearProgrammingAudit(naive);
        Assert.NotEmpty(audit.Failures(DisclosureRules.Default));
    }

    private async Task AssertEveryFigureAsync(string report, string[][] tables)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var store = await OpenAsync(new ManualTimeProvider());
        var register = await GeneratedRegister.FillAsync(store, RecordsPerYear, cancellationToken);
        var figures = new IndependentFigures(register.Context);
        foreach (var by in tables)
        {
            var table = await register.Reports.RunAsync(new ReportRequest(report, GeneratedRegister.Period, by, Audience: ReportAudience.Entitled), cancellationToken);
            var expected = figures.Tally(register.Current, GeneratedRegister.Period, report, by);
            AssertFigures(table, expected, $"{report} by {string.Join(",", by)}");
        }
    }

    /// <summary>Every cell holds its expected figures, and every cell the records fall in is in the table.</summary>
    private static void AssertFigures(StatisticsTable table, IReadOnlyDictionary<string, CellFigures> expected, string label)
    {
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            var codes = Enumerable.Range(0, table.Dimensions.Count).Select(d => table.Dimensions[d].Categories[table.CategoryOf(cell, d)].Code).ToList();
            var key = string.Join("|", codes);
            seen.Add(key);
            expected.TryGetValue(key, out var figures);
            var isBandTotal = table.Dimensions[^1].Code != "waiting_time" || codes[^1] == "SSS";
            for (var m = 0; m < table.Measures.Count; m++)
            {
                var want = Expected(table.Measures[m].Code, figures, isBandTotal);
                var got = table.Value(cell, m);
                if (want is null != got is null || (want is { } w && Math.Abs(w - got!.Value) > 1e-9))
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{key} {table.Measures[m].Code}: expected {want}, got {got}"));
                }
            }
        }

        problems.AddRange(expected.Where(e => e.Value.Visits > 0 && !seen.Contains(e.Key)).Select(e => $"{e.Key}: {e.Value.Visits} visits, but no such cell"));
        Assert.True(problems.Count == 0, $"{label}: {problems.Count} figures differ:\n{string.Join("\n", problems.Take(30))}");
        Assert.True(expected.TryGetValue(string.Join("|", table.Dimensions.Select(_ => "SSS")), out var all) && all.Visits > 1000, $"{label}: too few visits to tell anything");
    }

    private static double? Expected(string measure, CellFigures? figures, bool isBandTotal)
    {
        var visits = figures?.Visits ?? 0;
        return measure switch
        {
            "visits" => visits,
            "clients" => figures?.Clients ?? 0,
            "visits_within_limit" => figures?.WithinLimit ?? 0,
            "within_limit_percent" => visits > 0 ? 100.0 * figures!.WithinLimit / visits : null,
            "median_days" => isBandTotal ? figures?.Percentile(0.5) : null,
            "p90_days" => isBandTotal ? figures?.Percentile(0.9) : null,
            "assessed_same_day_percent" => isBandTotal && figures is { ContactKnown: > 0 } f ? 100.0 * f.AssessedSameDay / f.ContactKnown : null,
            _ => throw new ArgumentException($"No independent figure for the measure {measure}.", nameof(measure)),
        };
    }
}
