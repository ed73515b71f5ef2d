using Hilmo.Notifications;
using Hilmo.Statistics.Sql;
using Hilmo.Storage;
using static Hilmo.Testing.TestRecords;

namespace Hilmo.Testing.Storage;

/// <summary>Care periods (Terveys-Hilmo, Sosiaalihilmo) in the store: the same version rules, their own content.</summary>
public abstract partial class RegisterStoreContract
{
    private static readonly DateOnly Discharged = new(2026, 2, 12);
    private static readonly DateTime DischargeSent = new(2026, 2, 12, 13, 30, 0);

    [Fact]
    public async Task A_ward_period_a_psychiatric_period_and_a_housing_period_read_back_with_every_field()
    {
        var ward = Registered(WardPeriod(dischargeDate: Discharged, updatedAt: DischargeSent));
        var psychiatric = Registered(PsychiatricPeriod());
        var housing = Registered(HousingPeriod());

        var result = await StoreAsync(ward, psychiatric, housing);

        Assert.All(result.Outcomes, o => Assert.Equal(VersionOutcome.Current, o.Outcome));
        foreach (var record in new[] { ward, psychiatric, housing })
        {
            var current = await Store.GetCurrentAsync(record.Key);
            Assert.NotNull(current);
            Assert.Equal(record.Notification.GetType(), current.Record.Notification.GetType());
            Assert.Equal(Canonical((CarePeriod)record.Notification), Canonical((CarePeriod)current.Record.Notification));
            Assert.Equal(record.Client, current.Record.Client);
            Assert.Equal(record.ContentHash, current.Record.ContentHash);
            Assert.Equal(record.Register, current.Record.Key.Register);
        }

        Assert.Equal(new RegisterCounts(Versions: 3, Records: 3, Withdrawn: 0), await Store.CountAsync());
    }

    [Fact]
    public async Task A_period_sent_open_and_again_when_it_ends_has_the_discharge_current_and_both_in_history()
    {
        var open = Registered(WardPeriod());
        var ended = Registered(WardPeriod(dischargeDate: Discharged, updatedAt: DischargeSent));
        var first = await StoreAsync(open);

        var second = await StoreAsync(ended);

        Assert.Equal(VersionOutcome.Current, Assert.Single(second.Outcomes).Outcome);
        var current = (HealthCarePeriod)(await Store.GetCurrentAsync(ended.Key))!.Record.Notification;
        Assert.Equal(Discharged, current.DischargeDate);
        Assert.Equal(
            [Canonical((CarePeriod)open.Notification), Canonical((CarePeriod)ended.Notification)],
            (await Store.GetHistoryAsync(ended.Key)).Select(v => Canonical((CarePeriod)v.Record.Notification)));
        var asOfBefore = (CarePeriod)(await Store.GetCurrentAsync(ended.Key, first.ReceivedAt.AddSeconds(30)))!.Record.Notification;
        Assert.Null(asOfBefore.DischargeDate);
        Assert.Equal(new RegisterCounts(Versions: 2, Records: 1, Withdrawn: 0), await Store.CountAsync());
    }

    [Fact]
    public async Task A_census_version_on_31_december_and_the_later_discharge_are_both_kept()
    {
        var open = HousingPeriod();
        var census = open with { CensusDate = new DateOnly(2025, 12, 31), UpdatedAt = new DateTime(2026, 1, 8, 9, 0, 0) };
        var ended = open with { DischargeDate = new DateOnly(2026, 4, 14), DischargedTo = "7", UpdatedAt = new DateTime(2026, 4, 15, 11, 0, 0) };
        await StoreAsync(Registered(open));
        var atCensus = await StoreAsync(Registered(census));

        var result = await StoreAsync(Registered(ended));

        Assert.Equal(VersionOutcome.Current, Assert.Single(result.Outcomes).Outcome);
        var history = await Store.GetHistoryAsync(KeyOf(open));
        Assert.Equal([null, new DateOnly(2025, 12, 31), null], history.Select(v => ((CarePeriod)v.Record.Notification).CensusDate));
        Assert.Equal(new DateOnly(2025, 12, 31), ((CarePeriod)(await Store.GetCurrentAsync(KeyOf(open), atCensus.ReceivedAt))!.Record.Notification).CensusDate);
        var current = (SocialCarePeriod)(await Store.GetCurrentAsync(KeyOf(open)))!.Record.Notification;
        Assert.Equal((new DateOnly(2026, 4, 14), "7"), (current.DischargeDate, current.DischargedTo));
    }

    [Fact]
    public async Task A_period_and_a_visit_under_the_same_provider_and_tunnus_are_two_records()
    {
        var tunnus = "1.2.246.10.2345678.10.2026.4711";
        var visit = Registered(Visit(tunnus));
        var period = Registered(WardPeriod(tunnus) with { UpdatedAt = visit.UpdatedAt });

        var result = await StoreAsync(visit, period);
        var again = await StoreAsync(Registered(WardPeriod(tunnus) with { UpdatedAt = visit.UpdatedAt, Unit = "1.2.246.10.2345678.10.41" }));

        Assert.All(result.Outcomes, o => Assert.Equal(VersionOutcome.Current, o.Outcome));
        Assert.Equal(VersionOutcome.Conflict, Assert.Single(again.Outcomes).Outcome);
        Assert.Equal(Register.TerveysHilmo, again.Outcomes[0].Key.Register);
        Assert.IsType<ServiceEvent>((await Store.GetCurrentAsync(visit.Key))!.Record.Notification);
        Assert.IsType<HealthCarePeriod>((await Store.GetCurrentAsync(period.Key))!.Record.Notification);
        Assert.Single(await Store.GetHistoryAsync(visit.Key));
        Assert.Single(await Store.GetHistoryAsync(period.Key));
        Assert.Null(await Store.GetCurrentAsync(period.Key with { Register = Register.Sosiaalihilmo }));
        Assert.Equal(new RegisterCounts(Versions: 2, Records: 2, Withdrawn: 0), await Store.CountAsync());
    }

    [Fact]
    public async Task A_withdrawn_period_leaves_the_current_records_and_stays_in_history()
    {
        var ward = Registered(WardPeriod());
        var housing = Registered(HousingPeriod());
        await StoreAsync(ward, housing);

        var result = await StoreAsync(Withdrawal((CarePeriod)ward.Notification, new DateTime(2026, 2, 4, 8, 0, 0)));

        Assert.Equal(VersionOutcome.Current, Assert.Single(result.Outcomes).Outcome);
        Assert.False(result.Outcomes[0].UnknownWithdrawal);
        var current = (await Store.GetCurrentAsync(ward.Key))!.Record.Notification;
        Assert.True(current.Withdrawn);
        Assert.IsType<HealthCarePeriod>(current);
        Assert.Equal([housing.Key.RecordId], await CurrentRecordIdsAsync(new CurrentQuery()));
        Assert.Equal(new RegisterCounts(Versions: 3, Records: 1, Withdrawn: 1), await Store.CountAsync());

        var unknown = await StoreAsync(Withdrawal(HousingPeriod("1.2.246.10.7654321.30.2025.999"), new DateTime(2026, 2, 4, 8, 0, 0)));
        Assert.True(Assert.Single(unknown.Outcomes).UnknownWithdrawal);
    }

    [Fact]
    public async Task A_period_sent_again_is_a_duplicate_and_other_content_at_the_same_time_a_conflict_also_after_a_restart()
    {
        var housing = Registered(HousingPeriod());
        var changed = Registered(HousingPeriod() with { Payer = "3" });
        var inUnit = await StoreAsync(housing, Registered(HousingPeriod()), changed);
        await ReopenAsync();

        var later = await StoreAsync(Registered(HousingPeriod()), changed);

        Assert.Equal([VersionOutcome.Current, VersionOutcome.Duplicate, VersionOutcome.Conflict], inUnit.Outcomes.Select(o => o.Outcome));
        Assert.Equal([VersionOutcome.Duplicate, VersionOutcome.Conflict], later.Outcomes.Select(o => o.Outcome));
        var stored = Assert.Single(await Store.GetHistoryAsync(housing.Key));
        Assert.Equal("1", ((SocialCarePeriod)stored.Record.Notification).Payer);
    }

    [Fact]
    public async Task Report_events_show_visits_only_and_report_periods_every_kept_period_version()
    {
        var open = Registered(WardPeriod());
        var ended = Registered(WardPeriod(dischargeDate: Discharged, updatedAt: DischargeSent));
        await StoreAsync(Registered(Visit()), open, Registered(HousingPeriod()));
        await StoreAsync(ended, Registered(WardPeriod()));

        var events = await Store.QueryReportAsync(new ReportQuery("SELECT count(*) FROM report_events", []));
        var periods = await Store.QueryReportAsync(new ReportQuery("""
            SELECT p.register, CAST(p.arrival_date AS TEXT), CAST(p.discharge_date AS TEXT),
                   p.current_until IS NULL AND p.current_from IS NOT NULL, specialty.code, urgency.code, area.code,
                   from_place.code, diagnosis.code, p.procedures
            FROM report_periods p
            LEFT JOIN report_codes specialty ON specialty.code_id = p.specialty_id
            LEFT JOIN report_codes urgency ON urgency.code_id = p.urgency_id
            LEFT JOIN report_codes area ON area.code_id = p.service_area_id
            LEFT JOIN report_codes from_place ON from_place.code_id = p.arrived_from_id
            LEFT JOIN report_codes diagnosis ON diagnosis.code_id = p.primary_diagnosis_id
            ORDER BY p.version_id
            """, []));

        Assert.Equal(1L, Convert.ToInt64(Assert.Single(events)[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(
            [
                "1|2026-02-03||False|10|6||1|S72.00|2",
                "2|2025-09-01||True|||85|4|F00.1|0",
                "1|2026-02-03|2026-02-12|True|10|6||1|S72.00|2",
            ],
            periods.Select(row => string.Join('|', row.Select(value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)))));
    }
}
