using Hilmo.Notifications;
using Hilmo.Statistics;
using Hilmo.Statistics.Disclosure;
using Hilmo.Statistics.Indicators;
using Hilmo.Statistics.Population;
using Hilmo.Statistics.Reports;
using Hilmo.Storage;
using Hilmo.Testing.Statistics.Disclosure;

namespace Hilmo.Testing.Statistics;

/// <summary>
/// Every indicator of the catalogue computed by the reports' SQL in a store, value by value
/// (every region, sex and age group), against the same value worked out in C# from the records
/// themselves (<see cref="IndependentFigures"/>, <see cref="PeriodFigures"/>) and a population
/// summed here from its own counts; and the public's indicator counts audited by linear
/// programming together with every published table of the same release. A backend's test class
/// derives from this and says how to open a store.
/// </summary>
public abstract class IndicatorsContract
{
    private const int RecordsPerYear = 12_000;
    private const int Year = 2025;
    private static readonly ReportPeriod Year2025 = new(new DateOnly(Year, 1, 1), new DateOnly(Year, 12, 31));
    private static readonly string[] EventReports = ["visits", "access-to-care", "injuries", "health-promotion"];
    private const string Coverage = "vaccination-coverage";

    /// <summary>The event reports whose facts are items or kinds of visits, tallied by <see cref="HealthPromotionFigures"/>.</summary>
    private static readonly string[] HealthPromotionReports = ["injuries", "health-promotion"];

    /// <summary>Opens an empty store of the backend's own, receiving by <paramref name="timeProvider"/>.</summary>
    protected abstract Task<IRegisterStore> OpenAsync(TimeProvider timeProvider);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void The_catalogue_has_fifteen_indicators_or_more_each_described_in_three_languages_and_counting_what_its_report_has()
    {
        Assert.True(IndicatorCatalogue.All.Count >= 15, $"only {IndicatorCatalogue.All.Count} indicators");
        Assert.Equal(IndicatorCatalogue.All.Count, IndicatorCatalogue.All.Select(i => i.Id).Distinct().Count());
        foreach (var indicator in IndicatorCatalogue.All)
        {
            foreach (var text in new[] { indicator.Title, indicator.Description, indicator.Unit, indicator.Source, indicator.Interpretation })
            {
                Assert.False(string.IsNullOrWhiteSpace(text.Fi) || string.IsNullOrWhiteSpace(text.Sv) || string.IsNullOrWhiteSpace(text.En), $"{indicator.Id} lacks a language");
            }

            Assert.Contains("municipality", indicator.Classifications);
            foreach (var count in indicator.Counts)
            {
                var report = ReportCatalogue.Find(count.Report);
                Assert.NotNull(report);
                Assert.Contains(report.Measures, m => m.Code == count.Measure && m.Kind != MeasureKind.Derived);
                Assert.All(count.Filters, f => Assert.Contains(report.Dimensions.Concat(report.FixedDimensions), d => d.Code == f.Dimension));
            }
        }
    }

    [Fact]
    public async Task Every_value_of_the_visit_and_access_indicators_equals_the_value_worked_out_from_the_generated_records()
    {
        await using var store = await OpenAsync(TimeProvider.System);
        var register = await GeneratedRegister.FillAsync(store, RecordsPerYear, Cancel);
        var (service, population) = WithPopulation(store, register.Context);
        var figures = new IndependentFigures(register.Context);
        var checkedValues = 0;
        foreach (var indicator in IndicatorCatalogue.All.Where(i => EventReports.Contains(i.Numerator.Report)))
        {
            var values = await service.Indicators.ComputeAsync(indicator, Year, ReportAudience.Entitled, Cancel);
            var counts = indicator.Counts.Select(count => Expected(count, (by, measure) =>
            {
                var tally = HealthPromotionReports.Contains(count.Report)
                    ? HealthPromotionFigures.Tally(figures, register.Current, Year2025, count.Report, by)
                    : figures.Tally(register.Current, Year2025, count.Report, by);
                return key => tally.TryGetValue(key, out var cell) ? measure switch
                {
                    "visits" or "injury_visits" => cell.Visits,
                    "clients" => cell.Clients,
                    "visits_within_limit" => cell.WithinLimit,
                    _ => throw new ArgumentException($"No independent figure of {measure}."),
                } : 0;
            }, count.Report == "access-to-care")).ToList();
            checkedValues += AssertValues(indicator, values, counts, population, register.Context);
        }

        Assert.True(checkedValues > 10_000, $"only {checkedValues} values compared");
    }

    [Fact]
    public async Task Every_value_of_the_care_period_indicators_equals_the_value_worked_out_from_the_stored_versions()
    {
        var clock = new ManualTimeProvider();
        await using var statistics = new StatisticsStore(await OpenAsync(clock));
        var data = PeriodTestData.Make();
        foreach (var (receivedAt, records) in data.Submissions())
        {
            clock.Set(new DateTimeOffset(receivedAt, TimeSpan.Zero));
            await statistics.StoreAsync(records);
        }

        clock.Set(new DateTimeOffset(2026, 4, 1, 12, 0, 0, TimeSpan.Zero));
        var (service, population) = WithPopulation(statistics.Store, statistics.Statistics.Context);
        var figures = new PeriodFigures(statistics.Statistics.Context, data);
        var checkedValues = 0;
        foreach (var indicator in IndicatorCatalogue.All.Where(i => !EventReports.Contains(i.Numerator.Report) && i.Numerator.Report != Coverage))
        {
            var values = await service.Indicators.ComputeAsync(indicator, Year, ReportAudience.Entitled, Cancel);
            var counts = indicator.Counts.Select(count => Expected(count, (by, measure) =>
            {
                var tally = figures.Tally(count.Report, Year2025, by);
                return key => tally.TryGetValue(key, out var cell) ? cell[measure] ?? 0 : 0;
            }, accessToCare: false)).ToList();
            checkedValues += AssertValues(indicator, values, counts, population, statistics.Statistics.Context);
        }

        Assert.True(checkedValues > 1_000, $"only {checkedValues} values compared");
    }

    /// <summary>
    /// The coverage indicators (5017 MMR, 5018 the infant series): the children of the cohort
    /// turning 2 in the year given the dose before turning 2, worked out from the generated
    /// records' identity codes, of the population aged 2 at 31 December.
    /// </summary>
    [Fact]
    public async Task Every_value_of_the_vaccination_coverage_indicators_equals_the_value_worked_out_from_the_generated_records()
    {
        await using var store = await OpenAsync(TimeProvider.System);
        var register = await GeneratedRegister.FillAsync(store, RecordsPerYear, Cancel);
        var (service, population) = WithPopulation(store, register.Context);
        var figures = new IndependentFigures(register.Context);
        var facts = CoverageFigures.Facts(register.Current, Year, Year);
        var indicators = IndicatorCatalogue.All.Where(i => i.Numerator.Report == Coverage).ToList();
        Assert.Equal([5017, 5018], indicators.Select(i => i.Id));
        var checkedValues = 0;
        foreach (var indicator in indicators)
        {
            var values = await service.Indicators.ComputeAsync(indicator, Year, ReportAudience.Entitled, Cancel);
            var counts = indicator.Counts.Select(count => Expected(count, (by, measure) =>
            {
                var tally = CoverageFigures.Tally(facts, by, figures);
                var age = Array.FindIndex(CoverageFigures.Ages, n => CoverageFigures.Measure(n) == measure);
                return key => tally.TryGetValue(key, out var cell) ? cell[age] : 0;
            }, accessToCare: false)).ToList();
            checkedValues += AssertValues(indicator, values, counts, population, register.Context);
            Assert.Contains(values, v => v.RegionKind == IndicatorRegionKind.Country && v.Gender == IndicatorGender.Total && v.AbsoluteValue > 0);
        }

        Assert.True(checkedValues > 1_000, $"only {checkedValues} values compared");
    }

    /// <summary>
    /// The attack on the indicators: their counts by municipality, sex and age group beside every
    /// table the release publishes of the same report. The same figure must be the same wherever
    /// it is shown, and no withheld cell of any of them narrowed below the protection width by
    /// all of them together; the values shown must be those of the published counts.
    /// </summary>
    [Theory]
    [InlineData("visits")]
    [InlineData("access-to-care")]
    [InlineData(Coverage)]
    [InlineData("injuries")]
    [InlineData("health-promotion")]
    public async Task The_public_indicator_counts_and_the_report_tables_of_the_release_withhold_nothing_derivable_together(string reportName)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 2, 1, 12, 0, 0, TimeSpan.Zero));
        await using var store = await OpenAsync(clock);
        var register = await GeneratedRegister.FillAsync(store, RecordsPerYear, Cancel);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.True(await store.CreateReleaseAsync(new Release("first", clock.GetUtcNow(), clock.GetUtcNow(), "test"), Cancel));

        // The generated data's cohorts vaccinated before 2 are a few children in all, and its
        // injuries and extensive health checks a few hundred and about fifty: their counts by
        // municipality cannot be protected with a nonzero value shown, so only zeros may be.
        await AuditPublicationAsync(store, register.Context, reportName, valuesPublished: reportName is "visits" or "access-to-care");
    }

    [Theory]
    [InlineData("care-periods")]
    [InlineData("social-care-clients")]
    public async Task The_public_period_indicator_counts_and_the_report_tables_of_the_release_withhold_nothing_derivable_together(string reportName)
    {
        var clock = new ManualTimeProvider();
        await using var statistics = new StatisticsStore(await OpenAsync(clock));
        foreach (var (receivedAt, records) in PeriodTestData.Make().Submissions())
        {
            clock.Set(new DateTimeOffset(receivedAt, TimeSpan.Zero));
            await statistics.StoreAsync(records);
        }

        clock.Set(new DateTimeOffset(2026, 4, 1, 12, 0, 0, TimeSpan.Zero));
        Assert.True(await statistics.Store.CreateReleaseAsync(new Release("first", clock.GetUtcNow(), clock.GetUtcNow(), "test"), Cancel));
        // Three providers and five municipalities: most counts are one provider's, so withheld.
        await AuditPublicationAsync(statistics.Store, statistics.Statistics.Context, reportName, valuesPublished: false);
    }

    /// <summary>
    /// The release's published tables of the report and the indicator counts of it, as the
    /// public gets them: each count's published figures are the register's own and its small
    /// ones withheld; all of them together consistent and, by linear programming, no withheld
    /// cell narrowed below the protection width; and every public value published exactly where
    /// its counts are; with <paramref name="valuesPublished"/> (data of a national shape), some
    /// of every indicator's values published and not zero.
    /// </summary>
    private static async Task AuditPublicationAsync(IRegisterStore store, StatisticsContext context, string reportName, bool valuesPublished)
    {
        var (service, _) = WithPopulation(store, context);
        var report = ReportCatalogue.Find(reportName)!;

        var tables = new List<StatisticsTable>();
        foreach (var by in report.Publication)
        {
            try
            {
                tables.Add(await service.Statistics.RunAsync(new ReportRequest(reportName, Year2025, by), Cancel));
            }
            catch (NotPublishedException)
            {
                // Not published for the year: nothing of it to combine.
            }
        }

        var counts = IndicatorCatalogue.All.SelectMany(i => i.Counts).Where(c => c.Report == reportName).DistinctBy(c => c.Key).ToList();
        var withheldCounts = 0;
        foreach (var count in counts)
        {
            var published = await service.Indicators.CountAsync(count, Year, ReportAudience.Public, Cancel);
            // A vaccine's coverage is published by county only (privacy.md: medication with place).
            Assert.Equal([reportName == Coverage ? "county" : "municipality", "sex"], published.Dimensions.Select(d => d.Code));
            var truth = AllAges(await service.Indicators.CountAsync(count, Year, ReportAudience.Entitled, Cancel), published);
            DisclosureChecks.AssertPublishedFiguresUnchanged(truth, published);
            DisclosureChecks.AssertSensitiveCellsWithheld(truth, published, DisclosureRules.Default);
            withheldCounts += Enumerable.Range(0, published.CellCount).Count(c => published.Status(c, 0) != CellStatus.Published);
            tables.Add(AuditView(published, count));
        }

        Assert.True(withheldCounts > 0, "no count withheld anything: the data do not exercise the protection");
        foreach (var measure in counts.Select(c => c.Measure).Distinct().Where(m => report.Measures.First(x => x.Code == m).Kind == MeasureKind.AdditiveCount))
        {
            using var audit = new PublicationAudit(tables, measure, code => code switch { "provider" => "unit", "county" => "municipality", _ => code });
            Assert.True(audit.Inconsistencies.Count == 0, $"{audit.Inconsistencies.Count} figures shown differently:\n{string.Join("\n", audit.Inconsistencies.Take(12))}");
            Assert.True(audit.Size.Withheld > 0, "nothing is withheld, so the audit proved nothing");
            Assert.Empty(audit.Failures(DisclosureRules.Default, most: 400));
        }

        // A public value is withheld exactly where a count of it is, and is otherwise the entitled value.
        foreach (var indicator in IndicatorCatalogue.All.Where(i => i.Numerator.Report == reportName))
        {
            var open = await service.Indicators.ComputeAsync(indicator, Year, ReportAudience.Public, Cancel);
            var entitled = (await service.Indicators.ComputeAsync(indicator, Year, ReportAudience.Entitled, Cancel)).Where(v => v.AgeGroup == "SSS").ToList();
            Assert.Equal(entitled.Count, open.Count);
            for (var i = 0; i < open.Count; i++)
            {
                if (!open[i].Withheld)
                {
                    Assert.Equal(entitled[i], open[i]);
                }
                else
                {
                    Assert.Null(open[i].Value);
                    Assert.Null(open[i].AbsoluteValue);
                }
            }

            Assert.Contains(open, v => v.Withheld);
            if (reportName == Coverage)
            {
                Assert.All(open.Where(v => v.RegionKind == IndicatorRegionKind.Municipality), v => Assert.True(v.Withheld && v.Value is null && v.AbsoluteValue is null));
            }

            if (valuesPublished)
            {
                Assert.Contains(open, v => !v.Withheld && v.Value > 0);
            }
        }
    }

    /// <summary>
    /// The attack of issue 18 on the indicators: a provider reads its own figures of a count (it
    /// reported them) and subtracts them from the published count, which leaves all the other
    /// providers' count. That remainder must never be a small count.
    /// </summary>
    /// <remarks>
    /// Not run for <c>health-promotion</c>: its one count (extensive checks, about fifty in these
    /// records) leaves no provider a small remainder to find, so the attack would test nothing;
    /// its public counts are held by the LP audit of the release above.
    /// </remarks>
    [Theory]
    [InlineData("visits")]
    [InlineData("injuries")]
    public async Task No_provider_learns_a_small_count_of_the_others_by_subtracting_its_own_from_a_published_indicator_count(string reportName)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 2, 1, 12, 0, 0, TimeSpan.Zero));
        await using var store = await OpenAsync(clock);
        var register = await GeneratedRegister.FillAsync(store, RecordsPerYear, Cancel);
        clock.Advance(TimeSpan.FromHours(1));
        var release = clock.GetUtcNow();
        Assert.True(await store.CreateReleaseAsync(new Release("first", release, release, "test"), Cancel));
        var (service, _) = WithPopulation(store, register.Context);
        var providers = (await service.Statistics.RunAsync(new ReportRequest("visits", Year2025, ["provider"], AsOf: release, Audience: ReportAudience.Entitled), Cancel))
            .Dimensions[0].Categories.Select(c => c.Code).Where(code => code != "SSS").ToList();
        Assert.True(providers.Count > 5, "too few providers to attack");
        var threshold = DisclosureRules.Default.Threshold;
        var (compared, withheldForIt) = (0, 0);
        foreach (var count in IndicatorCatalogue.All.SelectMany(i => i.Counts).Where(c => c.Report == reportName).DistinctBy(c => c.Key))
        {
            var published = await service.Indicators.CountAsync(count, Year, ReportAudience.Public, Cancel);
            var truth = AllAges(await service.Indicators.CountAsync(count, Year, ReportAudience.Entitled, Cancel), published);
            foreach (var provider in providers)
            {
                var own = await service.Statistics.RunAsync(new ReportRequest(reportName, Year2025, ["municipality", "sex"], AsOf: release, Provider: provider, Audience: ReportAudience.Entitled)
                {
                    Filters = [.. count.Filters.Select(f => new ReportFilter(f.Dimension, f.Categories))],
                }, Cancel);
                var measure = own.Measures.ToList().FindIndex(m => m.Code == count.Measure);
                for (var cell = 0; cell < own.CellCount; cell++)
                {
                    Span<int> at = [published.Dimensions[0].IndexOf(own.Dimensions[0].Categories[own.CategoryOf(cell, 0)].Code), published.Dimensions[1].IndexOf(own.Dimensions[1].Categories[own.CategoryOf(cell, 1)].Code)];
                    Assert.True(at[0] >= 0 && at[1] >= 0, "a provider's own figure the published count has no cell for");
                    var there = published.CellOf(at);
                    if (truth.Value(there, 0) - own.Value(cell, measure) is > 0 and var others && others < threshold)
                    {
                        Assert.True(published.Status(there, 0) != CellStatus.Published,
                            $"{count.Key}: provider {provider} subtracts its own {own.Value(cell, measure)} from the published {published.Value(there, 0)} and gets the others' {others}");
                        withheldForIt++;
                    }

                    compared++;
                }
            }
        }

        // Visits have several counts of many visits; injuries one count, of few.
        Assert.True(compared > (reportName == "visits" ? 10_000 : 300), $"only {compared} figures compared");
        Assert.True(withheldForIt > 0, "no cell had a small remainder after one provider's part: the data do not exercise the rule");
    }

    [Fact]
    public async Task A_year_no_release_publishes_has_no_public_indicator_values()
    {
        await using var store = await OpenAsync(TimeProvider.System);
        var (service, _) = WithPopulation(store, StatisticsStore.Context);
        await Assert.ThrowsAsync<NotPublishedException>(() => service.Indicators.ComputeAsync(IndicatorCatalogue.All[0], Year, ReportAudience.Public, Cancel));
    }

    /// <summary>The entitled count's figures of all ages, laid out as the published table is.</summary>
    private static StatisticsTable AllAges(StatisticsTable byAge, StatisticsTable published)
    {
        var table = new StatisticsTable(published.Metadata, published.Dimensions, published.Measures);
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            // A count published by county codes its unknown county as the county dimension does (X), the entitled one's municipality dimension apart (XX).
            var region = published.Dimensions[0].Categories[table.CategoryOf(cell, 0)].Code;
            region = published.Dimensions[0].Code == "county" && region == "X" ? "XX" : region;
            Span<int> at = [byAge.Dimensions[0].IndexOf(region),
                byAge.Dimensions[1].IndexOf(published.Dimensions[1].Categories[table.CategoryOf(cell, 1)].Code), byAge.Dimensions[2].IndexOf("SSS")];
            table.SetValue(cell, 0, at[0] >= 0 && at[1] >= 0 ? byAge.Value(byAge.CellOf(at), 0) : 0);
        }

        return table;
    }

    /// <summary>
    /// The count's table as the audit names what it counts: each filter a dimension of one
    /// category (the kept category, or the kept ones joined, which no report table has), and the
    /// unknown county coded as the report's table by county codes it.
    /// </summary>
    private static StatisticsTable AuditView(StatisticsTable count, IndicatorCount definition)
    {
        var region = count.Dimensions[0];
        var dimensions = new List<TableDimension>
        {
            region with { Categories = [.. region.Categories.Select(c => c.Code == "XX" ? c with { Code = "X" } : c)] },
            count.Dimensions[1],
        };
        dimensions.AddRange(definition.Filters.Select(f => new TableDimension(f.Dimension, new LocalizedText(f.Dimension), [new TableCategory(string.Join("+", f.Categories), new LocalizedText(f.Dimension))])));
        var view = new StatisticsTable(count.Metadata, dimensions, count.Measures);
        for (var cell = 0; cell < count.CellCount; cell++)
        {
            if (count.Status(cell, 0) is CellStatus.PrimarySuppressed or CellStatus.SecondarySuppressed)
            {
                view.Suppress(cell, 0, count.Status(cell, 0));
            }
            else
            {
                view.SetValue(cell, 0, count.Value(cell, 0));
            }
        }

        return view;
    }

    /// <summary>
    /// A count worked out independently: for a region, sex and age group, its figure from a tally
    /// by municipality, sex, age group and the count's other filter dimensions (the tally adds the
    /// waiting-time bands of access to care itself), summed over the categories the filters keep.
    /// </summary>
    private static Func<IndicatorValue, double> Expected(IndicatorCount count, Func<IReadOnlyList<string>, string, Func<string, double>> tallyBy, bool accessToCare)
    {
        string[] breakdown = ["municipality", "sex", "age_group"];
        var others = count.Filters.Where(f => !breakdown.Contains(f.Dimension) && f.Dimension != "waiting_time").ToList();
        var by = breakdown.Concat(others.Select(f => f.Dimension)).ToList();
        var figure = tallyBy(by, count.Measure);
        var bands = count.Filters.FirstOrDefault(f => f.Dimension == "waiting_time")?.Categories ?? ["SSS"];
        if (count.Measure == "clients" && count.Filters.Any(f => f.Categories.Count > 1))
        {
            throw new InvalidOperationException("Clients of several categories are no sum of theirs; this check sums.");
        }

        return value =>
        {
            var region = value.RegionKind == IndicatorRegionKind.County && value.Region == "X" ? "XX" : value.Region;
            var sex = value.Gender switch { IndicatorGender.Male => "1", IndicatorGender.Female => "2", _ => "SSS" };
            IEnumerable<string> ages = count.Filters.FirstOrDefault(f => f.Dimension == "age_group") is { } ageFilter
                ? (value.AgeGroup == "SSS" ? ageFilter.Categories : ageFilter.Categories.Where(a => a == value.AgeGroup))
                : [value.AgeGroup];
            IEnumerable<IEnumerable<string>> keys = [[region, sex]];
            keys = keys.SelectMany(k => ages.Select(a => k.Append(a)));
            foreach (var filter in others)
            {
                keys = keys.SelectMany(k => filter.Categories.Select(c => k.Append(c))).ToList();
            }

            if (accessToCare)
            {
                keys = keys.SelectMany(k => bands.Select(b => k.Append(b))).ToList();
            }

            return keys.Sum(k => figure(string.Join("|", k)));
        };
    }

    /// <summary>Checks every value against the expected counts and population; gives how many values it compared.</summary>
    private static int AssertValues(IndicatorDefinition indicator, IReadOnlyList<IndicatorValue> values, IReadOnlyList<Func<IndicatorValue, double>> counts, IReadOnlyList<PopulationCount> population, StatisticsContext context)
    {
        // Every region of the code lists, the country first, by every sex and age group.
        var regions = 1 + context.Regions.Counties.Count + context.Regions.Municipalities.Count;
        Assert.Equal(0, values.Count % (regions * 3));
        Assert.Contains(values, v => v.RegionKind == IndicatorRegionKind.Municipality && v.Value > 0);
        if (values.Any(v => v.AgeGroup != "SSS"))
        {
            // A rate of one age (coverage at 2) has no age groups within it.
            Assert.Contains(values, v => v.RegionKind == IndicatorRegionKind.County && v.AgeGroup != "SSS" && v.Value > 0);
        }

        foreach (var value in values)
        {
            Assert.False(value.Withheld);
            var numerator = counts[0](value);
            Assert.Equal(numerator, value.AbsoluteValue);
            var denominator = indicator.Denominator switch
            {
                CountDenominator => counts[1](value),
                PopulationDenominator rate => PopulationOf(population, context, value, rate),
                _ => throw new InvalidOperationException(),
            };
            double? expected = denominator > 0 ? Math.Round(numerator / denominator * indicator.Denominator.Scale, indicator.Decimals, MidpointRounding.AwayFromZero) : null;
            Assert.True(expected == value.Value, $"{indicator.Id} {value}: expected {expected} ({numerator} / {denominator})");
        }

        return values.Count;
    }

    private static double PopulationOf(IReadOnlyList<PopulationCount> population, StatisticsContext context, IndicatorValue value, PopulationDenominator rate)
    {
        var (from, to) = value.AgeGroup switch
        {
            "SSS" => (rate.MinAge, rate.MaxAge),
            var group when group.EndsWith('-') => (int.Parse(group[..^1], System.Globalization.CultureInfo.InvariantCulture), PopulationTable.OpenAge),
            var group => (int.Parse(group.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(group.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture)),
        };
        return population.Where(p => p.Year == value.Year && p.Age >= from && p.Age <= to
                && (value.Gender == IndicatorGender.Total || (value.Gender == IndicatorGender.Male ? p.Sex == Sex.Male : p.Sex == Sex.Female))
                && value.RegionKind switch
                {
                    IndicatorRegionKind.Country => true,
                    IndicatorRegionKind.County => context.Regions.Municipalities[p.Municipality].County == value.Region,
                    _ => p.Municipality == value.Region,
                })
            .Sum(p => (double)p.Persons);
    }

    /// <summary>
    /// The statistics and indicators over the store with a fixed population installed: every
    /// municipality of the code lists, both sexes, every age 0–100, persons varying with each of
    /// them, so that a wrong municipality, sex or age range gives another denominator.
    /// </summary>
    private static (IndicatorHarness Service, IReadOnlyList<PopulationCount> Population) WithPopulation(IRegisterStore store, StatisticsContext context)
    {
        var population = new List<PopulationCount>();
        var index = 0;
        foreach (var municipality in context.Regions.Municipalities.Keys.Order(StringComparer.Ordinal))
        {
            index++;
            for (var age = 0; age <= PopulationTable.OpenAge; age++)
            {
                population.Add(new PopulationCount(Year, municipality, Sex.Male, age, 20 + (index * 7 + age * 3) % 41));
                population.Add(new PopulationCount(Year, municipality, Sex.Female, age, 25 + (index * 5 + age * 11) % 37));
            }
        }

        var withPopulation = new StatisticsContext(context.Codes, context.Providers, context.LegalLimits, context.SupervisionRegions, context.Units, new PopulationTable(population), context.Syndromes);
        var statistics = new StatisticsService(store, withPopulation, DisclosureRules.Default);
        return (new IndicatorHarness(statistics, new IndicatorService(statistics)), population);
    }

    private sealed record IndicatorHarness(StatisticsService Statistics, IndicatorService Indicators);
}
