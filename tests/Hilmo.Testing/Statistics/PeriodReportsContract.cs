using System.Globalization;
using Hilmo.Statistics;
using Hilmo.Statistics.Disclosure;
using Hilmo.Storage;
using Hilmo.Testing.Statistics.Disclosure;

namespace Hilmo.Testing.Statistics;

/// <summary>
/// The care-period reports and the 28 February completeness on <see cref="PeriodTestData"/>,
/// stored through the store one submission per receipt time: every figure, in every cell and
/// margin, equals what <see cref="PeriodFigures"/> works out from the versions; the public tables
/// pass the linear-programming audit. A backend's test class derives from this and says how to
/// open an empty store.
/// </summary>
public abstract class PeriodReportsContract
{
    private static readonly ReportPeriod Years2024And2025 = new(new DateOnly(2024, 1, 1), new DateOnly(2025, 12, 31));

    private static readonly (string Report, string[] By)[] Tables =
    [
        ("care-periods", ["specialty", "year"]), ("care-periods", ["county", "age_group"]), ("care-periods", ["length_of_stay", "sex"]),
        ("care-periods", ["provider", "quarter"]), ("care-periods", ["month"]),
        ("social-care-periods", ["service_area", "year"]), ("social-care-periods", ["length_of_stay", "provider"]),
        ("social-care-periods", ["county", "age_group", "sex"]), ("social-care-periods", ["month"]),
        ("social-care-clients", ["service_area", "year"]), ("social-care-clients", ["county", "provider"]), ("social-care-clients", ["age_group", "sex", "year"]),
        ("data-quality", ["provider", "register", "year"]), ("data-quality", ["register", "month"]),
    ];

    /// <summary>Opens an empty store of the backend's own, receiving by <paramref name="timeProvider"/>.</summary>
    protected abstract Task<IRegisterStore> OpenAsync(TimeProvider timeProvider);

    private async Task<(StatisticsStore Store, PeriodTestData Data)> FillAsync()
    {
        var clock = new ManualTimeProvider();
        var store = new StatisticsStore(await OpenAsync(clock));
        var data = PeriodTestData.Make();
        foreach (var (receivedAt, records) in data.Submissions())
        {
            clock.Set(new DateTimeOffset(receivedAt, TimeSpan.Zero));
            await store.StoreAsync(records);
        }

        clock.Set(new DateTimeOffset(2026, 4, 1, 12, 0, 0, TimeSpan.Zero));
        return (store, data);
    }

    [Fact]
    public async Task Every_figure_of_the_period_reports_and_the_census_completeness_equals_the_count_worked_out_from_the_stored_versions()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (store, data) = await FillAsync();
        await using var _ = store;
        var figures = new PeriodFigures(store.Statistics.Context, data);
        foreach (var (report, by) in Tables)
        {
            var table = await store.Statistics.RunAsync(new ReportRequest(report, Years2024And2025, by, Audience: ReportAudience.Entitled), cancellationToken);
            AssertFigures(table, figures.Tally(report, Years2024And2025, by), report, $"{report} by {string.Join(",", by)}");
        }

        // As of 20 January, the census of 2025 is only partly in, and the versions current then count.
        var asOf = new DateTime(2026, 1, 20, 0, 0, 0, DateTimeKind.Utc);
        var quality = new[] { "provider", "register", "year" };
        var early = await store.Statistics.RunAsync(new ReportRequest("data-quality", Years2024And2025, quality, AsOf: new DateTimeOffset(asOf), Audience: ReportAudience.Entitled), cancellationToken);
        AssertFigures(early, figures.Tally("data-quality", Years2024And2025, quality, asOf), "data-quality", "data-quality as of 2026-01-20");

        // A year not yet ended has no census to check: as of 20 January 2026, the end of 2026 counts no open periods.
        var years2025And2026 = new ReportPeriod(new DateOnly(2025, 1, 1), new DateOnly(2026, 12, 31));
        var unfinished = await store.Statistics.RunAsync(new ReportRequest("data-quality", years2025And2026, quality, AsOf: new DateTimeOffset(asOf), Audience: ReportAudience.Entitled), cancellationToken);
        AssertFigures(unfinished, figures.Tally("data-quality", years2025And2026, quality, asOf), "data-quality", "data-quality of 2025-2026 as of 2026-01-20");
        Assert.Equal(0.0, StatisticsStore.Figure(unfinished, "open_at_year_end", "SSS", "SSS", "2026"));

        // The data has census versions late and missing: some provider-register-years are incomplete.
        var final = await store.Statistics.RunAsync(new ReportRequest("data-quality", Years2024And2025, quality, Audience: ReportAudience.Entitled), cancellationToken);
        var complete = (from provider in PeriodTestData.Providers
                        from register in new[] { "terveyshilmo", "sosiaalihilmo" }
                        from year in new[] { "2024", "2025" }
                        select StatisticsStore.Figure(final, "complete", provider, register, year)).OfType<double>().ToList();
        Assert.Contains(0.0, complete);
        Assert.True(complete.Count >= 10, $"only {complete.Count} provider-register-years had open periods at year end");

        // A census that came after 28 February is counted as late, not as missing and not dropped;
        // as of a day before it came, the same period still lacks it.
        Assert.True(StatisticsStore.Figure(final, "late_census", "SSS", "SSS", "2025") > 0, "no census of 2025 came late, so lateness was not tested");
        var beforeLate = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        var onlyMissing = await store.Statistics.RunAsync(new ReportRequest("data-quality", Years2024And2025, quality, AsOf: new DateTimeOffset(beforeLate), Audience: ReportAudience.Entitled), cancellationToken);
        AssertFigures(onlyMissing, figures.Tally("data-quality", Years2024And2025, quality, beforeLate), "data-quality", "data-quality as of 2026-03-01");
        Assert.Equal(0.0, StatisticsStore.Figure(onlyMissing, "late_census", "SSS", "SSS", "2025"));
    }

    /// <summary>The public tables of the new reports: whole years, disclosure-controlled, and safe by the audit.</summary>
    [Fact]
    public async Task Every_public_table_of_the_period_reports_passes_the_linear_programming_audit()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (store, _) = await FillAsync();
        await using var _ = store;
        var year2025 = new ReportPeriod(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
        var now = DateTimeOffset.UtcNow;
        Assert.True(await store.Store.CreateReleaseAsync(new Release("2025", now, now, "test"), cancellationToken));
        var withheld = 0;
        var audited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (report, by) in PublicTables)
        {
            var original = await store.Statistics.RunAsync(new ReportRequest(report, year2025, by, AsOf: now, Audience: ReportAudience.Entitled), cancellationToken);
            StatisticsTable published;
            try
            {
                published = await store.Statistics.RunAsync(new ReportRequest(report, year2025, by), cancellationToken);
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

    /// <summary>The public tables of the period reports that the audit checks: a breakdown of each table a release publishes.</summary>
    public static readonly (string Report, string[] By)[] PublicTables =
    [
        ("care-periods", ["specialty"]), ("care-periods", ["length_of_stay"]), ("care-periods", ["age_group", "sex"]), ("care-periods", ["county"]),
        ("social-care-periods", ["service_area"]), ("social-care-periods", ["length_of_stay"]),
        ("social-care-clients", ["service_area"]), ("social-care-clients", ["county"]),
    ];

    /// <summary>Every cell holds its expected figures, and every cell the facts fall in is in the table.</summary>
    private static void AssertFigures(StatisticsTable table, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double?>> expected, string report, string label)
    {
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var empty = PeriodFigures.Measures(report, new Dictionary<string, double>(), 0);
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            var key = string.Join("|", Enumerable.Range(0, table.Dimensions.Count).Select(d => table.Dimensions[d].Categories[table.CategoryOf(cell, d)].Code));
            seen.Add(key);
            var figures = expected.GetValueOrDefault(key) ?? empty;
            for (var m = 0; m < table.Measures.Count; m++)
            {
                if (!figures.TryGetValue(table.Measures[m].Code, out var want))
                {
                    continue;
                }

                var got = table.Value(cell, m);
                if (want is null != got is null || (want is { } w && Math.Abs(w - got!.Value) > 1e-9))
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{key} {table.Measures[m].Code}: expected {want}, got {got}"));
                }
            }
        }

        problems.AddRange(expected.Keys.Where(k => !seen.Contains(k)).Select(k => $"{k}: facts fall in it, but the table has no such cell"));
        Assert.True(problems.Count == 0, $"{label}: {problems.Count} figures differ:\n{string.Join("\n", problems.Take(30))}");
        var all = expected.GetValueOrDefault(string.Join("|", table.Dimensions.Select(_ => "SSS")));
        Assert.True(all is not null && all.Values.First() > 50, $"{label}: too few facts to tell anything");
    }
}
