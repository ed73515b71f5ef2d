using Hilmo.Notifications;
using Hilmo.Synthetic;

namespace Hilmo.Tests.Synthetic;

/// <summary>
/// A generated year of all three registers looks like the national data: the checks a statistician
/// would make of the care periods before trusting them, and the links between the registers.
/// </summary>
public sealed class GeneratedPeriodsShapeTests(GeneratedRegistersFixture year) : IClassFixture<GeneratedRegistersFixture>
{
    private static readonly DateOnly yearEnd = new(2025, 12, 31);

    [Fact]
    public void Per_100_AvoHILMO_events_about_one_ward_period_and_a_third_of_a_social_care_period_begin()
    {
        var events = year.All.Count(r => r.Submitted?.Notification is ServiceEvent && r.Kind == GeneratedRecordKind.Original);
        var health = year.LatestOf(Register.TerveysHilmo).Count(p => p.Period.ArrivalDate >= new DateOnly(2025, 1, 1));
        var social = year.LatestOf(Register.Sosiaalihilmo).Count(p => p.Period.ArrivalDate >= new DateOnly(2025, 1, 1));

        Assert.InRange(100.0 * health / events, 0.75, 1.25);
        Assert.InRange(100.0 * social / events, 0.2, 0.4);
        Assert.Equal(GeneratedRegistersFixture.Records, year.All.Count);
    }

    [Fact]
    public void Social_care_clients_are_mostly_old_and_mostly_in_older_peoples_housing()
    {
        var periods = year.LatestOf(Register.Sosiaalihilmo).Select(p => (Social: (SocialCarePeriod)p.Period, Age: Age(p.IdentityCode, yearEnd))).ToList();
        var elderlyAreas = periods.Count(p => p.Social.ServiceArea is "31" or "32" or "38") / (double)periods.Count;
        var over65 = periods.Count(p => p.Age >= 65) / (double)periods.Count;
        var areas = periods.Select(p => p.Social.ServiceArea).ToHashSet();

        Assert.InRange(elderlyAreas, 0.55, 0.8);
        Assert.InRange(over65, 0.55, 0.9);
        Assert.Superset(new HashSet<string?> { "32", "31", "38", "42", "5", "82", "85" }, areas);
        Assert.True(periods.Where(p => p.Social.ServiceArea == "32").Average(p => p.Age) > 75);
    }

    [Fact]
    public void Ward_stays_last_days_to_weeks_with_a_long_tail_and_social_care_months_to_years()
    {
        var ward = year.LatestOf(Register.TerveysHilmo)
            .Select(p => (HealthCarePeriod)p.Period)
            .Where(p => p.ContactType == "R80" && p.DischargeDate is not null)
            .Select(p => p.DischargeDate!.Value.DayNumber - p.ArrivalDate!.Value.DayNumber)
            .Order()
            .ToList();
        var social = year.LatestOf(Register.Sosiaalihilmo)
            .Where(p => p.Period.DischargeDate is not null)
            .Select(p => p.Period.DischargeDate!.Value.DayNumber - p.Period.ArrivalDate!.Value.DayNumber)
            .Order()
            .ToList();
        var openForYears = year.LatestOf(Register.Sosiaalihilmo).Count(p => p.Period.DischargeDate is null && p.Period.ArrivalDate < new DateOnly(2022, 1, 1));

        Assert.InRange(ward[ward.Count / 2], 2, 10);
        Assert.True(ward.Average() > 1.3 * ward[ward.Count / 2], $"mean {ward.Average():F1}, median {ward[ward.Count / 2]}");
        Assert.True(ward[(int)(ward.Count * 0.95)] >= 3 * ward[ward.Count / 2], $"95th {ward[(int)(ward.Count * 0.95)]}, median {ward[ward.Count / 2]}");
        Assert.True(social[social.Count / 2] > 60, $"social-care median {social[social.Count / 2]} days");
        Assert.True(openForYears > 20, $"{openForYears} social-care periods begun before 2022 still open");
    }

    [Fact]
    public void Ward_periods_are_sent_when_they_begin_and_updated_when_they_end()
    {
        var versions = year.Periods
            .Where(r => r.Submitted!.Notification is HealthCarePeriod { ContactType: "R80" } && r.Kind is not GeneratedRecordKind.Resend)
            .GroupBy(r => r.Submitted!.Notification.RecordId)
            .Where(g => g.First().Submitted!.Notification is CarePeriod { ArrivalDate: { Year: 2025 } } && !g.Any(r => r.Submitted!.Notification.Withdrawn))
            .ToList();
        var beginThenEnd = versions.Count(g => g.Count() == 2
            && g.First().Kind == GeneratedRecordKind.Original && ((CarePeriod)g.First().Submitted!.Notification).DischargeDate is null
            && g.Last().Kind == GeneratedRecordKind.Update && ((CarePeriod)g.Last().Submitted!.Notification).DischargeDate is not null
            && g.Last().Submitted!.Notification.UpdatedAt > g.First().Submitted!.Notification.UpdatedAt);

        Assert.True(beginThenEnd > 0.85 * versions.Count, $"{beginThenEnd} of {versions.Count} sent at arrival and at discharge");
    }

    [Fact]
    public void Day_surgery_is_a_fifth_of_the_periods_same_day_planned_and_operated()
    {
        var health = year.LatestOf(Register.TerveysHilmo).Select(p => (HealthCarePeriod)p.Period).Where(p => p.DischargeDate is not null).ToList();
        var daySurgery = health.Where(p => p.ArrivalDate == p.DischargeDate && p.ContactType != "R80").ToList();

        Assert.InRange(daySurgery.Count / (double)health.Count, 0.12, 0.3);
        Assert.All(daySurgery, p => Assert.Equal("4", p.Urgency));
        Assert.All(daySurgery, p => Assert.NotEmpty(p.Procedures));
        Assert.DoesNotContain(health, p => p.ContactType == "R80" && p.ArrivalDate == p.DischargeDate);
    }

    [Fact]
    public void Urgencies_are_mostly_emergency_or_planned_and_specialties_follow_the_national_mix()
    {
        var health = year.LatestOf(Register.TerveysHilmo).Select(p => (HealthCarePeriod)p.Period).ToList();
        var urgencies = health.GroupBy(p => p.Urgency).ToDictionary(g => g.Key!, g => g.Count() / (double)health.Count);
        var specialties = health.GroupBy(p => p.Specialty).OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();

        Assert.InRange(urgencies["3"] + urgencies["4"], 0.9, 1);
        Assert.True(urgencies.ContainsKey("6"));
        Assert.Contains("98", specialties.Take(3));
        Assert.True(specialties.Count >= 15, $"{specialties.Count} specialties");
    }

    [Fact]
    public void Every_period_open_at_year_end_has_its_census_except_at_the_providers_that_send_none()
    {
        foreach (var register in new[] { Register.TerveysHilmo, Register.Sosiaalihilmo })
        {
            var census = year.Periods.Where(r => r.Kind == GeneratedRecordKind.Census && r.Submitted!.Notification.Register == register)
                .Select(r => (CarePeriod)r.Submitted!.Notification)
                .ToList();
            Assert.All(census, c => Assert.Equal(yearEnd, c.CensusDate));
            Assert.All(census, c => Assert.Null(c.DischargeDate));
            var counted = census.Select(c => (c.Provider, c.RecordId)).ToHashSet();

            // Open at the end of 31.12, as the register would see it from the versions before the census.
            var open = year.Periods
                .Where(r => r.Submitted!.Notification.Register == register && r.Kind != GeneratedRecordKind.Census)
                .GroupBy(r => (r.Submitted!.Notification.Provider, r.Submitted.Notification.RecordId))
                .Where(g => !g.Any(r => r.Submitted!.Notification.Withdrawn) && g.All(r => ((CarePeriod)r.Submitted!.Notification).DischargeDate is null))
                .Select(g => g.Key)
                .Concat(counted)
                .Distinct()
                .ToList();
            var missing = open.Where(p => !counted.Contains(p)).GroupBy(p => p.Provider).ToList();
            var late = census.Where(c => year.Periods.Any(r => r.Kind == GeneratedRecordKind.Census && r.Submitted!.Notification.RecordId == c.RecordId
                    && r.Submitted.Notification.UpdatedAt > new DateTime(2026, 3, 1)))
                .Select(c => c.Provider)
                .Distinct()
                .ToList();

            // Ward periods rarely span the new year; a third of the social-care clients stay on.
            Assert.True(census.Count > (register == Register.TerveysHilmo ? 10 : 200), $"{register}: {census.Count} census versions");
            Assert.Single(missing);
            Assert.DoesNotContain(missing[0].Key, census.Select(c => c.Provider));
            Assert.Single(late);
            Assert.NotEqual(missing[0].Key, late[0]);
        }
    }

    [Fact]
    public void Census_versions_are_sent_in_January_and_February_and_a_late_provider_in_March()
    {
        var sent = year.Periods.Where(r => r.Kind == GeneratedRecordKind.Census).Select(r => r.Submitted!.Notification.UpdatedAt!.Value).ToList();

        Assert.All(sent, t => Assert.InRange(t, new DateTime(2026, 1, 1), new DateTime(2026, 4, 1)));
        Assert.True(sent.Count(t => t.Month <= 2) > 0.6 * sent.Count);
        Assert.Contains(sent, t => t.Month == 3);
    }

    [Fact]
    public void A_persons_ward_periods_and_visits_share_the_provider_and_some_are_at_another()
    {
        var visitors = year.Valid.Where(s => s.Notification is ServiceEvent && s.IdentityCode is not null)
            .Select(s => (s.Notification.Provider, Code: s.IdentityCode!.Value.Reveal()))
            .ToHashSet();
        var anywhere = visitors.Select(v => v.Code).ToHashSet(StringComparer.Ordinal);
        var ward = year.LatestOf(Register.TerveysHilmo).Select(p => (p.Period.Provider, Code: p.IdentityCode)).ToList();
        var social = year.LatestOf(Register.Sosiaalihilmo).Select(p => p.IdentityCode).ToList();
        var publicProviders = year.Generator.Providers.Where(p => !p.IsPrivate).Select(p => p.Code).ToHashSet();

        var wardAtCounty = ward.Where(w => publicProviders.Contains(w.Provider!)).ToList();
        var visitedSameProvider = wardAtCounty.Count(w => visitors.Contains((w.Provider, w.Code)));
        var wardElsewhere = ward.Count(w => anywhere.Contains(w.Code) && !visitors.Contains((w.Provider, w.Code)));

        Assert.True(visitedSameProvider > 0.3 * wardAtCounty.Count, $"{visitedSameProvider} of {wardAtCounty.Count} ward clients also visited the county's health centres");
        Assert.True(wardElsewhere > 10, $"{wardElsewhere} ward periods of AvoHILMO clients at a provider they did not visit");
        Assert.True(social.Count(anywhere.Contains) > 0.2 * social.Count, $"{social.Count(anywhere.Contains)} of {social.Count} social-care clients with AvoHILMO visits");
        Assert.True(ward.Select(w => w.Code).Intersect(social).Any());
    }

    [Fact]
    public void A_persons_birth_year_sex_and_home_are_the_same_in_every_register()
    {
        var clients = year.Valid
            .Where(s => s.IdentityCode is not null)
            .GroupBy(s => s.IdentityCode!.Value.Reveal())
            .Where(g => g.Select(s => s.Notification.Register).Distinct().Count() > 1)
            .ToList();

        Assert.True(clients.Count > 100, $"{clients.Count} people in more than one register");
        Assert.All(clients, g => Assert.Single(g.Select(s => s.Notification.Client).Distinct()));
    }

    [Fact]
    public void Periods_are_withdrawn_resent_and_made_wrong_now_and_then()
    {
        var periodRecords = year.All.Where(r => r.Submitted?.Notification is CarePeriod).ToList();
        var invalid = periodRecords.Where(r => !r.IsValid).ToList();

        Assert.Contains(periodRecords, r => r.Kind == GeneratedRecordKind.Withdrawal);
        Assert.Contains(periodRecords, r => r.Kind == GeneratedRecordKind.Resend);
        Assert.InRange(invalid.Count / (double)periodRecords.Count, 0.01, 0.04);
        Assert.All(invalid, r => Assert.Equal(GeneratedRecordKind.Invalid, r.Kind));
        Assert.True(invalid.Select(r => r.ExpectedCode).Distinct().Count() >= 3);
    }

    [Fact]
    public void The_same_seed_gives_the_same_periods_and_AvoHILMO_alone_stays_as_it_was()
    {
        var options = new GeneratorOptions { Seed = 5, Registers = [.. Registers.All] };
        var first = SyntheticData.Generator(options).Generate(20_000).Select(Describe).ToList();
        var second = SyntheticData.Generator(options).Generate(20_000).Select(Describe).ToList();
        var avoOnly = SyntheticData.Ndjson(SyntheticData.Generator(new GeneratorOptions { Seed = 5 }).Generate(3_000));
        var avoExplicit = SyntheticData.Ndjson(SyntheticData.Generator(new GeneratorOptions { Seed = 5, Registers = [Register.AvoHilmo] }).Generate(3_000));

        Assert.Equal(first, second);
        Assert.Contains(first, d => d.StartsWith("Sosiaalihilmo", StringComparison.Ordinal));
        Assert.Equal(avoOnly, avoExplicit);
    }

    [Fact]
    public void Periods_alone_fill_the_count_with_periods()
    {
        var records = SyntheticData.Generator(new GeneratorOptions { Seed = 3, Registers = [Register.Sosiaalihilmo] }).Generate(2_000).ToList();

        Assert.Equal(2_000, records.Count);
        Assert.All(records, r => Assert.IsType<SocialCarePeriod>(r.Submitted!.Notification));
    }

    private static string Describe(GeneratedRecord r)
    {
        var n = r.Submitted?.Notification;
        return n is CarePeriod p
            ? $"{p.Register} {r.Kind} {p.RecordId} {p.UpdatedAt:O} {p.ArrivalDate} {p.DischargeDate} {p.CensusDate} {r.Submitted!.IdentityCode!.Value.Reveal()}"
            : $"{n?.Register} {r.Kind} {n?.RecordId} {n?.UpdatedAt:O}";
    }

    private static double Age(string identityCode, DateOnly on)
    {
        var century = identityCode[6] switch
        {
            '+' => 1800,
            '-' or 'Y' or 'X' or 'W' or 'V' or 'U' => 1900,
            _ => 2000,
        };
        var born = new DateOnly(century + int.Parse(identityCode[4..6], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(identityCode[2..4], System.Globalization.CultureInfo.InvariantCulture), int.Parse(identityCode[..2], System.Globalization.CultureInfo.InvariantCulture));
        return (on.DayNumber - born.DayNumber) / 365.25;
    }
}
