using Hilmo.Notifications;
using Hilmo.Statistics;
using Hilmo.Storage;

namespace Hilmo.Testing.Statistics;

/// <summary>
/// Access to care on records made for its edges: every band edge, a visit across midnight and one
/// across the change to summer time, an updated and a withdrawn record, and the legal-limit
/// changes of 2023-09-01 and 2025-01-01 with the age-23 rule. Each visit is alone on its day, so
/// each day's cell must hold exactly the figures worked out here by hand. A backend's test class
/// derives from this and says how to open an empty store; the figures are the same on all.
/// </summary>
public abstract class AccessToCareContract
{
    private readonly ManualTimeProvider clock = new();

    /// <summary>Opens an empty store of the backend's own, receiving by <paramref name="timeProvider"/>.</summary>
    protected abstract Task<IRegisterStore> OpenAsync(TimeProvider timeProvider);

    private async Task<StatisticsStore> OpenStatisticsAsync() => new(await OpenAsync(clock));

    private static readonly ReportPeriod Years2023To2025 = new(new DateOnly(2023, 1, 1), new DateOnly(2025, 12, 31));

    /// <summary>A visit assessed on one day and made on another, by a client born on <c>Born</c>; what the report must make of it.</summary>
    private sealed record Case(string Id, DateTime Assessed, DateTime VisitStart, DateOnly Born, string Band, bool Within, string AgeGroup = "23-44");

    private static readonly DateOnly Born1985 = new(1985, 6, 15);

    private static readonly Case[] Cases =
    [
        // Band edges, in 2025 for a client aged 40 (limit 3 months).
        new("0", new(2025, 2, 3, 9, 0, 0), new(2025, 2, 3, 14, 0, 0), Born1985, "0", true),
        new("7", new(2025, 2, 1, 9, 0, 0), new(2025, 2, 8, 9, 0, 0), Born1985, "1-7", true),
        new("8", new(2025, 2, 1, 9, 0, 0), new(2025, 2, 9, 9, 0, 0), Born1985, "8-14", true),
        new("14", new(2025, 2, 1, 9, 0, 0), new(2025, 2, 15, 9, 0, 0), Born1985, "8-14", true),
        new("15", new(2025, 2, 1, 9, 0, 0), new(2025, 2, 16, 9, 0, 0), Born1985, "15-28", true),
        new("28", new(2025, 2, 1, 9, 0, 0), new(2025, 3, 1, 9, 0, 0), Born1985, "15-28", true),
        new("29", new(2025, 2, 1, 9, 0, 0), new(2025, 3, 2, 9, 0, 0), Born1985, "29-90", true),
        new("90", new(2025, 1, 1, 9, 0, 0), new(2025, 4, 1, 9, 0, 0), Born1985, "29-90", true),
        new("91", new(2025, 1, 1, 9, 0, 0), new(2025, 4, 2, 9, 0, 0), Born1985, "91-", false),

        // Across midnight: the visit is on the day it began; across the spring DST change: calendar days.
        new("midnight", new(2025, 5, 1, 9, 0, 0), new(2025, 5, 5, 23, 50, 0), Born1985, "1-7", true),
        new("dst", new(2025, 3, 29, 12, 0, 0), new(2025, 3, 30, 3, 30, 0), Born1985, "1-7", true),

        // Legal limits: 3 months until 2023-08-31, 14 days from 2023-09-01, age rule from 2025-01-01.
        new("2023-08-31", new(2023, 6, 1, 9, 0, 0), new(2023, 8, 31, 9, 0, 0), Born1985, "91-", true),
        new("2023-09-01", new(2023, 8, 17, 9, 0, 0), new(2023, 9, 1, 9, 0, 0), Born1985, "15-28", false),
        new("2024-12-31", new(2024, 12, 17, 9, 0, 0), new(2024, 12, 31, 9, 0, 0), Born1985, "8-14", true),
        // The age is exact on the visit's day: 23 years 0 days gets the 3 months of the over-23s, 22
        // years 364 days the 14 days of the young (the year of the visit minus the birth year says 23 for both).
        new("age-23y0d", new(2024, 11, 2, 9, 0, 0), new(2025, 1, 1, 9, 0, 0), new(2002, 1, 1), "29-90", true),
        new("age-22y364d", new(2024, 11, 3, 9, 0, 0), new(2025, 1, 2, 9, 0, 0), new(2002, 1, 3), "29-90", false, "18-22"),
        new("age-22", new(2024, 12, 18, 9, 0, 0), new(2025, 1, 3, 9, 0, 0), new(2003, 6, 15), "15-28", false, "18-22"),
    ];

    /// <summary>The edge visits, for data sets that want them among their records.</summary>
    internal static IEnumerable<RegisteredNotification> EdgeVisits() => Cases.Select(c => Visit(c));

    private static RegisteredNotification Visit(Case c, DateTime? updated = null)
    {
        var template = TestRecords.Visit($"1.2.246.10.2345678.10.{c.Id}", updatedAt: updated ?? c.VisitStart.AddHours(2));
        var e = template with
        {
            Contact = new Contact { Time = c.Assessed.AddMinutes(-10) },
            Assessment = template.Assessment! with { Time = c.Assessed },
            Appointment = new Appointment { BookedAt = c.Assessed.AddMinutes(1), ScheduledFor = c.VisitStart },
            Visit = template.Visit! with { Start = c.VisitStart, End = c.VisitStart.AddMinutes(30) },
        };
        return TestRecords.Registered(e, StatisticsStore.IdentityCode(c.Born));
    }

    [Fact]
    public async Task Every_visit_falls_in_its_band_and_limit_on_its_own_day()
    {
        await using var register = await OpenStatisticsAsync();
        await register.StoreAsync([.. Cases.Select(c => Visit(c))]);

        var table = await register.Statistics.RunAsync(new ReportRequest("access-to-care", Years2023To2025, ["day"], Audience: ReportAudience.Entitled), TestContext.Current.CancellationToken);

        foreach (var c in Cases)
        {
            var day = DateOnly.FromDateTime(c.VisitStart).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(StatisticsStore.Figure(table, "visits", day, "SSS") == 1, $"{c.Id}: one visit on {day}");
            Assert.True(StatisticsStore.Figure(table, "visits", day, c.Band) == 1, $"{c.Id}: in band {c.Band}");
            Assert.True(StatisticsStore.Figure(table, "visits_within_limit", day, "SSS") == (c.Within ? 1 : 0), $"{c.Id}: within the limit {c.Within}");
            Assert.True(StatisticsStore.Figure(table, "median_days", day, "SSS") == (c.VisitStart.Date - c.Assessed.Date).TotalDays, $"{c.Id}: waiting days");
        }

        Assert.Equal(Cases.Length, StatisticsStore.Figure(table, "visits", "SSS", "SSS"));
        Assert.Equal(Cases.Count(c => c.Within), StatisticsStore.Figure(table, "visits_within_limit", "SSS", "SSS"));
        foreach (var band in AccessToCareReportBands())
        {
            Assert.Equal(Cases.Count(c => c.Band == band), StatisticsStore.Figure(table, "visits", "SSS", band));
        }
    }

    [Fact]
    public async Task The_under_23_limit_and_the_age_groups_take_the_exact_age_on_the_visit_day()
    {
        // Both wait 20 days for a visit on 2 June 2025; one is born 3 June 2002 (22 years 364 days
        // old that day), one 2 June 2002 (23 years 0 days). Year minus birth year makes both 23.
        var young = new Case("22y364d", new(2025, 5, 13, 9, 0, 0), new(2025, 6, 2, 9, 0, 0), new(2002, 6, 3), "15-28", false, "18-22");
        var older = new Case("23y0d", new(2025, 5, 13, 9, 0, 0), new(2025, 6, 2, 10, 0, 0), new(2002, 6, 2), "15-28", true, "23-44");
        await using var register = await OpenStatisticsAsync();
        await register.StoreAsync(Visit(young), Visit(older));

        var table = await register.Statistics.RunAsync(
            new ReportRequest("access-to-care", new(new(2025, 1, 1), new(2025, 12, 31)), ["age_group"], Audience: ReportAudience.Entitled), TestContext.Current.CancellationToken);

        Assert.Equal(1, StatisticsStore.Figure(table, "visits", "18-22", "SSS"));
        Assert.Equal(0, StatisticsStore.Figure(table, "visits_within_limit", "18-22", "SSS"));
        Assert.Equal(1, StatisticsStore.Figure(table, "visits", "23-44", "SSS"));
        Assert.Equal(1, StatisticsStore.Figure(table, "visits_within_limit", "23-44", "SSS"));
    }

    [Fact]
    public async Task Every_edge_visit_is_in_the_age_group_of_its_exact_age()
    {
        await using var register = await OpenStatisticsAsync();
        await register.StoreAsync([.. Cases.Select(c => Visit(c))]);

        var table = await register.Statistics.RunAsync(new ReportRequest("access-to-care", Years2023To2025, ["age_group"], Audience: ReportAudience.Entitled), TestContext.Current.CancellationToken);

        foreach (var group in Cases.GroupBy(c => c.AgeGroup))
        {
            Assert.Equal(group.Count(), StatisticsStore.Figure(table, "visits", group.Key, "SSS"));
        }
    }

    [Fact]
    public async Task The_median_and_90th_percentile_interpolate_as_percentile_cont()
    {
        await using var register = await OpenStatisticsAsync();
        await register.StoreAsync([.. Cases.Where(c => c.VisitStart.Year == 2025).Select(c => Visit(c))]);

        var table = await register.Statistics.RunAsync(new ReportRequest("access-to-care", new(new(2025, 1, 1), new(2025, 12, 31)), ["year"], Audience: ReportAudience.Entitled), TestContext.Current.CancellationToken);

        var waits = Cases.Where(c => c.VisitStart.Year == 2025).Select(c => (c.VisitStart.Date - c.Assessed.Date).TotalDays).Order().ToArray();
        Assert.Equal(Percentile(waits, 0.5), StatisticsStore.Figure(table, "median_days", "2025", "SSS")!.Value, 9);
        Assert.Equal(Percentile(waits, 0.9), StatisticsStore.Figure(table, "p90_days", "2025", "SSS")!.Value, 9);
        Assert.Null(StatisticsStore.Figure(table, "median_days", "2025", "0"));
    }

    [Fact]
    public async Task An_updated_record_counts_once_as_its_latest_version_and_a_withdrawn_one_not_at_all()
    {
        await using var register = await OpenStatisticsAsync();
        var first = new Case("updated", new(2025, 6, 2, 9, 0, 0), new(2025, 6, 5, 9, 0, 0), Born1985, "1-7", true);
        var moved = first with { VisitStart = new(2025, 6, 27, 9, 0, 0), Band = "15-28" };
        var withdrawn = new Case("withdrawn", new(2025, 6, 2, 9, 0, 0), new(2025, 6, 4, 9, 0, 0), Born1985, "1-7", true);
        await register.StoreAsync(Visit(first), Visit(withdrawn));
        clock.Advance(TimeSpan.FromMinutes(1));
        var beforeChanges = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromMinutes(1));
        await register.StoreAsync(Visit(moved, updated: new DateTime(2025, 6, 27, 12, 0, 0)),
            TestRecords.Withdrawal("1.2.246.10.2345678.10.withdrawn", "90152", new DateTime(2025, 6, 10, 12, 0, 0)));

        var june = new ReportPeriod(new(2025, 1, 1), new(2025, 12, 31));
        var now = await register.Statistics.RunAsync(new ReportRequest("access-to-care", june, ["month"], Audience: ReportAudience.Entitled), TestContext.Current.CancellationToken);
        Assert.Equal(1, StatisticsStore.Figure(now, "visits", "2025-06", "SSS"));
        Assert.Equal(1, StatisticsStore.Figure(now, "visits", "2025-06", "15-28"));
        Assert.Equal(0, StatisticsStore.Figure(now, "visits", "2025-06", "1-7"));

        // As of before the update and the withdrawal, the register held both first versions.
        var then = await register.Statistics.RunAsync(new ReportRequest("access-to-care", june, ["month"], AsOf: beforeChanges, Audience: ReportAudience.Entitled), TestContext.Current.CancellationToken);
        Assert.Equal(2, StatisticsStore.Figure(then, "visits", "2025-06", "1-7"));
        Assert.Equal(0, StatisticsStore.Figure(then, "visits", "2025-06", "15-28"));

        // A release freezes that moment: its figures stay what they were.
        Assert.True(await register.Store.CreateReleaseAsync(new Release("before", beforeChanges, DateTimeOffset.UtcNow, "test"), TestContext.Current.CancellationToken));
        var released = await register.Statistics.RunAsync(new ReportRequest("access-to-care", june, ["month"], Release: "before", Audience: ReportAudience.Entitled), TestContext.Current.CancellationToken);
        Assert.Equal(2, StatisticsStore.Figure(released, "visits", "2025-06", "1-7"));
        Assert.Equal(beforeChanges, released.Metadata.AsOf);
    }

    [Fact]
    public async Task Public_tables_cover_one_calendar_year_and_come_from_releases_only()
    {
        await using var register = await OpenStatisticsAsync();
        await register.StoreAsync([.. Cases.Select(c => Visit(c))]);

        await Assert.ThrowsAsync<ReportRequestException>(() => register.Statistics.RunAsync(
            new ReportRequest("access-to-care", new(new(2025, 1, 1), new(2025, 6, 30)), ["month"]), TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<NotPublishedException>(() => register.Statistics.RunAsync(
            new ReportRequest("access-to-care", new(new(2025, 1, 1), new(2025, 12, 31)), ["month"]), TestContext.Current.CancellationToken));
    }

    private static IEnumerable<string> AccessToCareReportBands() => Hilmo.Statistics.Reports.AccessToCareReport.Bands.Select(b => b.Code);

    /// <summary>The linear interpolation between closest ranks that percentile_cont uses.</summary>
    private static double Percentile(double[] sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        return low + 1 < sorted.Length ? sorted[low] + (rank - low) * (sorted[low + 1] - sorted[low]) : sorted[low];
    }
}
