using Hilmo.Notifications;
using Hilmo.Statistics;
using Hilmo.Statistics.Dimensions;
using Hilmo.Statistics.Disclosure;
using Hilmo.Statistics.Reports;
using Hilmo.Storage;
using Hilmo.Testing.Statistics.Disclosure;

namespace Hilmo.Testing.Statistics;

/// <summary>
/// What an anonymous caller can get of a register, attacked as a journalist or an analyst would:
/// a generated register, one release of it, a late visit of one new client, a second release,
/// and then every request of a family (as-of times, both releases and none, windows a day
/// longer or shorter, every breakdown of every published table and pairs across them, provider
/// against county). Every answer must be one of the publication's figures: the same cell the
/// same in every answer, and no withheld cell narrowed below the protection width by all the
/// answers together. A backend's test class derives from this and says how to open a store.
/// </summary>
public abstract class PublicationContract
{
    private const int RecordsPerYear = 20_000;

    /// <summary>Withheld cells the linear-programming audit bounds per measure, spread over every table of the publication, each against all of them.</summary>
    private const int AuditedCells = 400;

    private static readonly ReportPeriod Year2025 = new(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));

    /// <summary>The client who arrives late: born 15 June 1990, a woman, living in Helsinki, visiting in May 2025.</summary>
    private static readonly RegisteredNotification LateVisit = Late();

    /// <summary>Opens an empty store of the backend's own, receiving by <paramref name="timeProvider"/>.</summary>
    protected abstract Task<IRegisterStore> OpenAsync(TimeProvider timeProvider);

    [Fact]
    public async Task Two_times_a_late_visit_lies_between_publish_the_same_figures()
    {
        await using var store = await OpenAsync(clock);
        var (register, _) = await PublishAsync(store);
        var byPerson = new[] { "sex", "age_group" };

        // The attack of the issue: as of either side of the late visit, one cell differs by one person.
        var before = await register.Reports.RunAsync(new ReportRequest("visits", Year2025, byPerson, AsOf: register.FirstRelease, Audience: ReportAudience.Entitled), Cancel);
        var after = await register.Reports.RunAsync(new ReportRequest("visits", Year2025, byPerson, Audience: ReportAudience.Entitled), Cancel);
        var differences = Enumerable.Range(0, after.CellCount).Where(c => after.Value(c, 1) != before.Value(c, 1)).ToList();
        Assert.Contains(differences, c => after.Value(c, 1) - before.Value(c, 1) == 1);

        // The public cannot ask as of a moment, nor the issue's county by sex by age (a cut across
        // two published tables), and both releases and the latest give one set of figures.
        await Assert.ThrowsAsync<ReportRequestException>(() => register.Reports.RunAsync(new ReportRequest("visits", Year2025, byPerson, AsOf: register.FirstRelease), Cancel));
        await Assert.ThrowsAsync<ReportRequestException>(() => register.Reports.RunAsync(new ReportRequest("visits", Year2025, ["county", "sex", "age_group"]), Cancel));
        var first = await register.Reports.RunAsync(new ReportRequest("visits", Year2025, byPerson, Release: "first"), Cancel);
        foreach (var release in new[] { "second", null })
        {
            var later = await register.Reports.RunAsync(new ReportRequest("visits", Year2025, byPerson, Release: release), Cancel);
            Assert.Equal("first", later.Metadata.Release);
            for (var cell = 0; cell < first.CellCount; cell++)
            {
                for (var m = 0; m < first.Measures.Count; m++)
                {
                    Assert.Equal(first.Status(cell, m), later.Status(cell, m));
                    Assert.Equal(first.Value(cell, m), later.Value(cell, m));
                }
            }
        }
    }

    [Fact]
    public async Task Windows_that_differ_by_a_day_and_periods_of_two_years_are_refused()
    {
        await using var store = await OpenAsync(clock);
        var (register, _) = await PublishAsync(store);
        ReportPeriod[] windows =
        [
            new(new(2025, 1, 2), new(2025, 12, 31)), new(new(2025, 1, 1), new(2025, 12, 30)), new(new(2024, 12, 31), new(2025, 12, 31)),
            new(new(2025, 1, 1), new(2026, 1, 1)), new(new(2024, 1, 1), new(2025, 12, 31)), new(new(2025, 1, 1), new(2025, 6, 30)),
        ];
        foreach (var window in windows)
        {
            await Assert.ThrowsAsync<ReportRequestException>(() => register.Reports.RunAsync(new ReportRequest("visits", window, ["county"]), Cancel));
        }
    }

    [Fact]
    public async Task A_year_no_release_was_made_after_is_not_published()
    {
        await using var store = await OpenAsync(clock);
        var (register, _) = await PublishAsync(store);
        await Assert.ThrowsAsync<NotPublishedException>(() => register.Reports.RunAsync(
            new ReportRequest("visits", new(new(2026, 1, 1), new(2026, 12, 31)), ["county"]), Cancel));
        await Assert.ThrowsAsync<NotPublishedException>(() => register.Reports.RunAsync(new ReportRequest("visits", Year2025, ["county"], Release: "none-such"), Cancel));
    }

    [Theory]
    [InlineData("visits")]
    [InlineData("access-to-care")]
    [InlineData("vaccinations")]
    [InlineData("vaccination-coverage")]
    [InlineData("injuries")]
    [InlineData("health-promotion")]
    public async Task Every_answer_of_the_family_is_a_consistent_figure_of_one_protected_publication(string report)
    {
        await using var store = await OpenAsync(clock);
        var (register, definition) = await PublishAsync(store, report);
        var answers = new List<StatisticsTable>();
        var refused = 0;
        foreach (var request in Family(definition))
        {
            try
            {
                answers.Add(await register.Reports.RunAsync(request, Cancel));
            }
            catch (ReportRequestException)
            {
                refused++;
            }
        }

        Assert.True(refused > 0, "no request of the family was refused: the family asked nothing across tables");
        Assert.True(answers.Select(a => string.Join(",", a.Dimensions.Select(d => d.Code))).Distinct().Count() > 1, "the family got too few answers to compare");

        // Every published count is the register's own figure as of the release, and no small one is shown.
        foreach (var answer in answers)
        {
            var truth = await register.Reports.RunAsync(new ReportRequest(report, Year2025, [.. answer.Dimensions.Take(answer.Dimensions.Count - definition.FixedDimensions.Count).Select(d => d.Code)],
                AsOf: register.FirstRelease, Audience: ReportAudience.Entitled), Cancel);
            Assert.Equal(truth.Dimensions.Select(d => string.Join(",", d.Categories.Select(c => c.Code))), answer.Dimensions.Select(d => string.Join(",", d.Categories.Select(c => c.Code))));
            DisclosureChecks.AssertPublishedFiguresUnchanged(truth, answer);
            DisclosureChecks.AssertSensitiveCellsWithheld(truth, answer, DisclosureRules.Default);
        }

        // The count every cell is protected by (visits): the within-limit count is a second system
        // of sums over the same cells, audited table by table in GeneratedDataReportsContract.
        foreach (var measure in definition.Measures.Where(m => m.Kind == MeasureKind.AdditiveCount).Take(1))
        {
            using var audit = new PublicationAudit(answers, measure.Code, code => code == "provider" ? "unit" : code);
            Assert.Empty(audit.Inconsistencies);
            Assert.True(audit.Size.Withheld > 0, "nothing is withheld, so the audit proved nothing");
            Assert.Empty(audit.Failures(DisclosureRules.Default, most: AuditedCells));
        }
    }

    /// <summary>
    /// The attack of issue 18: a provider reads its own figures unsuppressed and subtracts them
    /// from a published cell, which leaves the count of all the other providers. That remainder
    /// must never be a small count, for any provider and any cell of any published table.
    /// </summary>
    [Theory]
    [InlineData("visits")]
    [InlineData("access-to-care")]
    [InlineData("vaccinations")]
    [InlineData("vaccination-coverage")]
    [InlineData("injuries")]
    [InlineData("health-promotion")]
    public async Task No_provider_learns_a_small_count_of_the_others_by_subtracting_its_own_figures(string report)
    {
        await using var store = await OpenAsync(clock);
        var (register, definition) = await PublishAsync(store, report);
        var providers = (await register.Reports.RunAsync(new ReportRequest(report, Year2025, ["provider"], AsOf: register.FirstRelease, Audience: ReportAudience.Entitled), Cancel))
            .Dimensions[0].Categories.Select(c => c.Code).Where(code => code != ReportDimension.TotalCode).ToList();
        Assert.True(providers.Count > 5, "too few providers to attack");
        var threshold = DisclosureRules.Default.Threshold;
        var compared = 0;
        var dominatedWithheld = 0;
        foreach (var by in definition.Publication.Where(t => !t.Contains("unit")))
        {
            StatisticsTable published;
            try
            {
                published = await register.Reports.RunAsync(new ReportRequest(report, Year2025, by, Release: "first"), Cancel);
            }
            catch (NotPublishedException)
            {
                continue;
            }

            var truth = await register.Reports.RunAsync(new ReportRequest(report, Year2025, by, AsOf: register.FirstRelease, Audience: ReportAudience.Entitled), Cancel);
            var measures = Enumerable.Range(0, published.Measures.Count).Where(m => published.Measures[m].Kind == MeasureKind.AdditiveCount).ToList();
            foreach (var provider in providers)
            {
                var own = await register.Reports.RunAsync(new ReportRequest(report, Year2025, by, AsOf: register.FirstRelease, Provider: provider, Audience: ReportAudience.Entitled), Cancel);
                for (var cell = 0; cell < own.CellCount; cell++)
                {
                    var codes = Enumerable.Range(0, own.Dimensions.Count).Select(d => own.Dimensions[d].Categories[own.CategoryOf(cell, d)].Code).ToArray();
                    var at = published.CellOf([.. codes.Select((code, d) => published.Dimensions[d].IndexOf(code))]);
                    foreach (var m in measures)
                    {
                        var others = truth.Value(at, m) - own.Value(cell, m);
                        if (others is > 0 and var small && small < threshold)
                        {
                            Assert.True(published.Status(at, m) != CellStatus.Published,
                                $"{report} by {string.Join(",", by)}: provider {provider} subtracts its own {own.Value(cell, m)} from the published {published.Value(at, m)} at ({string.Join(", ", codes)}) and gets the others' {small}");
                            dominatedWithheld++;
                        }

                        compared++;
                    }
                }
            }
        }

        Assert.True(compared > 1000, $"only {compared} figures compared");
        Assert.True(dominatedWithheld > 0, "no cell had a small remainder after one provider's part: the data do not exercise the rule");
    }

    /// <summary>
    /// The requests: every breakdown of every published table of the report (nested dimensions
    /// by either level), each with a dimension of another table added, each of the releases and
    /// none, and as of the two release times.
    /// </summary>
    private static IEnumerable<ReportRequest> Family(ReportDefinition report)
    {
        var tables = report.Publication.Select(t => t.SelectMany(code => code == "unit" ? new[] { "unit", "provider" } : [code]).ToList()).ToList();
        var breakdowns = new List<string[]>();
        foreach (var table in tables)
        {
            foreach (var subset in Subsets(table).Where(s => s.Length is > 0 and <= 3 && !(s.Contains("unit") && s.Contains("provider"))))
            {
                breakdowns.Add(subset);
                foreach (var other in tables.Where(t => t != table).Select(t => t[^1]))
                {
                    breakdowns.Add([.. subset, other]);
                }
            }
        }

        foreach (var by in breakdowns.DistinctBy(b => string.Join(",", b)))
        {
            yield return new ReportRequest(report.Name, Year2025, by, Release: by.Length % 2 == 0 ? "second" : null);
            yield return new ReportRequest(report.Name, Year2025, by, Release: "first");
        }

        yield return new ReportRequest(report.Name, Year2025, ["county"], AsOf: DateTimeOffset.UnixEpoch);
    }

    private static IEnumerable<string[]> Subsets(IReadOnlyList<string> items) =>
        Enumerable.Range(1, (1 << items.Count) - 1).Select(mask => items.Where((_, i) => (mask & (1 << i)) != 0).ToArray());

    /// <summary>Fills the store, makes the first release, sends the late visit, and makes the second.</summary>
    private async Task<(PublishedRegister Register, ReportDefinition Report)> PublishAsync(IRegisterStore store, string report = "visits")
    {
        var register = await GeneratedRegister.FillAsync(store, RecordsPerYear, Cancel);
        clock.Advance(TimeSpan.FromHours(1));
        var first = clock.GetUtcNow();
        Assert.True(await store.CreateReleaseAsync(new Release("first", first, first, "test"), Cancel));
        clock.Advance(TimeSpan.FromHours(1));
        await new StatisticsStore(store, register.Context).StoreAsync(LateVisit);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.True(await store.CreateReleaseAsync(new Release("second", clock.GetUtcNow(), clock.GetUtcNow(), "test"), Cancel));
        return (new PublishedRegister(register.Reports, first), ReportCatalogue.Find(report)!);
    }

    /// <summary>The store's clock: the data arrives in February 2026, after 2025 has ended.</summary>
    private readonly ManualTimeProvider clock = new(new DateTimeOffset(2026, 2, 1, 12, 0, 0, TimeSpan.Zero));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static RegisteredNotification Late()
    {
        var template = TestRecords.Visit("1.2.246.10.2345678.10.2025.late", updatedAt: new DateTime(2025, 5, 14, 12, 0, 0));
        var e = template with
        {
            Contact = new Contact { Time = new DateTime(2025, 5, 6, 8, 0, 0) },
            Assessment = template.Assessment! with { Time = new DateTime(2025, 5, 6, 8, 10, 0) },
            Appointment = new Appointment { BookedAt = new DateTime(2025, 5, 6, 8, 11, 0), ScheduledFor = new DateTime(2025, 5, 14, 9, 0, 0) },
            Visit = template.Visit! with { Start = new DateTime(2025, 5, 14, 9, 0, 0), End = new DateTime(2025, 5, 14, 9, 30, 0) },
        };
        return TestRecords.Registered(e, StatisticsStore.IdentityCode(new DateOnly(1990, 6, 15), 246));
    }

    /// <summary>The register's reports, and the time of its first release.</summary>
    private sealed record PublishedRegister(StatisticsService Reports, DateTimeOffset FirstRelease);
}
