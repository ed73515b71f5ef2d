using Hilmo.Codes;
using Hilmo.Identity;
using Hilmo.Notifications;
using Hilmo.Synthetic;

namespace Hilmo.Tests.Synthetic;

/// <summary>
/// The generated year looks like national primary care: the checks a statistician would make
/// before trusting synthetic data for reports and screens.
/// </summary>
public sealed class GeneratedDataShapeTests(GeneratedYearFixture year) : IClassFixture<GeneratedYearFixture>
{
    [Fact]
    public void A_weekday_carries_several_times_the_visits_of_a_weekend_day()
    {
        var byDay = year.Visits.GroupBy(v => DateOnly.FromDateTime(v.Visit!.Start!.Value)).ToList();
        var weekday = byDay.Where(d => d.Key.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Average(d => d.Count());
        var weekend = byDay.Where(d => d.Key.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday).Average(d => d.Count());

        Assert.True(weekday > 3 * weekend, $"{weekday:F0} visits on a weekday, {weekend:F0} on a weekend day");
    }

    [Fact]
    public void July_has_far_fewer_visits_than_January_and_Christmas_is_quiet()
    {
        var byMonth = year.Visits.GroupBy(v => v.Visit!.Start!.Value.Month).ToDictionary(g => g.Key, g => g.Count());
        var christmasEve = year.Visits.Count(v => v.Visit!.Start!.Value is { Month: 12, Day: 24 });
        var secondWednesdayOfDecember = year.Visits.Count(v => v.Visit!.Start!.Value.Date == new DateTime(2025, 12, 10));

        Assert.True(byMonth[7] < 0.8 * byMonth[1], $"July {byMonth[7]}, January {byMonth[1]}");
        Assert.True(byMonth[7] == byMonth.Values.Min(), $"Months: {string.Join(", ", byMonth.OrderBy(m => m.Key).Select(m => m.Value))}");
        Assert.True(christmasEve < secondWednesdayOfDecember / 2, $"Christmas Eve {christmasEve}, a working day {secondWednesdayOfDecember}");
    }

    [Fact]
    public void Most_visits_start_in_office_hours_and_few_at_night()
    {
        var hours = year.Visits.Select(v => v.Visit!.Start!.Value.Hour).ToList();

        Assert.InRange(hours.Count(h => h is >= 8 and < 16) / (double)hours.Count, 0.7, 0.9);
        Assert.InRange(hours.Count(h => h < 6) / (double)hours.Count, 0.002, 0.03);
    }

    [Fact]
    public void Health_stations_give_the_most_visits_then_oral_home_and_occupational_care()
    {
        var shares = year.Visits.GroupBy(v => v.Visit!.ServiceForm!).ToDictionary(g => g.Key, g => g.Count() / (double)year.Visits.Count);
        var ranked = shares.OrderByDescending(s => s.Value).Select(s => s.Key).ToList();

        Assert.Equal("T11", ranked[0]);
        Assert.InRange(shares["T11"], 0.25, 0.45);
        Assert.Subset(ranked.Take(6).ToHashSet(), new HashSet<string> { "T30", "T40", "T60" });
        Assert.True(shares.Count >= 25, $"{shares.Count} service forms");
    }

    [Fact]
    public void Private_providers_carry_about_a_fifth_of_events_mostly_occupational_health()
    {
        var isPrivate = year.Events.Count(s => year.PrivateProviders.Contains(s.Notification.Provider!)) / (double)year.Events.Count;
        var privateVisits = year.Visits.Where(v => year.PrivateProviders.Contains(v.Provider!)).ToList();
        var occupational = privateVisits.Count(v => v.Visit!.ServiceForm is "T30" or "T31") / (double)privateVisits.Count;

        Assert.InRange(isPrivate, 0.17, 0.28);
        Assert.InRange(occupational, 0.5, 0.8);
        Assert.Equal(25, year.PrivateProviders.Count);
    }

    [Fact]
    public void Counties_are_weighted_by_population_and_every_provider_appears()
    {
        var byProvider = year.Events.GroupBy(s => s.Notification.Provider!).ToDictionary(g => g.Key, g => g.Count());
        var byCounty = year.Generator.Providers.Where(p => !p.IsPrivate).ToDictionary(p => p.CountyCode!, p => byProvider.GetValueOrDefault(p.Code));

        Assert.Equal(47, byProvider.Count);
        Assert.Equal(22, byCounty.Count);
        Assert.True(byCounty["90"] > 5 * byCounty["20"], $"Helsinki {byCounty["90"]}, Kainuu {byCounty["20"]}");
        Assert.All(new[] { "03", "05", "08", "19" }, county => Assert.True(byCounty[county] > 4 * byCounty["20"], $"{county}: {byCounty[county]}"));
    }

    [Fact]
    public void Every_provider_has_5_to_60_units_with_ids_under_its_own_code()
    {
        foreach (var provider in year.Generator.Providers)
        {
            Assert.InRange(provider.Units.Count, 5, 60);
            Assert.Matches("^[1-9][0-9]{4}$", provider.Code);
            Assert.All(provider.Units, u => Assert.StartsWith($"1.2.246.10.{provider.Code}.10.", u.Oid, StringComparison.Ordinal));
        }

        // A few records carry a unit's local code instead, on purpose (warning VAL-004).
        var units = year.Events.Select(s => (s.Notification.Provider, s.Notification.Unit!)).ToList();
        var local = units.Count(u => !u.Item2.StartsWith($"1.2.246.10.{u.Provider}.10.", StringComparison.Ordinal));
        Assert.All(units.Where(u => !u.Item2.StartsWith("TK", StringComparison.Ordinal)), u => Assert.StartsWith($"1.2.246.10.{u.Provider}.10.", u.Item2, StringComparison.Ordinal));
        Assert.InRange(local / (double)units.Count, 0.0001, 0.005);
        Assert.All(year.Events, s => Assert.StartsWith($"1.2.246.10.{s.Notification.Provider}.10.2025.", s.Notification.RecordId!, StringComparison.Ordinal));
    }

    [Fact]
    public void Clients_of_a_county_live_in_that_county()
    {
        var counties = year.Generator.Providers.Where(p => !p.IsPrivate).ToDictionary(p => p.Code, p => p.CountyCode);

        foreach (var e in year.Events.Select(s => (ServiceEvent)s.Notification).Where(e => counties.ContainsKey(e.Provider!)))
        {
            Assert.Equal(counties[e.Provider!], year.CountyOf[e.Client!.HomeMunicipality!]);
            Assert.Matches("^[0-9]{5}$", e.Client.PostalCode!);
        }
    }

    [Fact]
    public void Most_waits_from_assessment_to_visit_are_within_a_week_and_a_few_pass_90_days()
    {
        var waits = year.Visits.Where(v => v.Assessment?.Time is not null)
            .Select(v => (Oral: v.Visit!.ServiceForm == "T60", Days: Days(v.Assessment!.Time!.Value, v.Visit.Start!.Value)))
            .ToList();
        var general = waits.Where(w => !w.Oral).Select(w => w.Days).Order().ToList();
        var oral = waits.Where(w => w.Oral).Select(w => w.Days).Order().ToList();

        Assert.InRange(Median(general), 0, 7);
        Assert.InRange(general.Count(d => d <= 7) / (double)general.Count, 0.7, 0.9);
        Assert.InRange(general.Count(d => d > 90) / (double)general.Count, 0.002, 0.05);
        Assert.True(Median(oral) > Median(general), $"Oral care median {Median(oral)}, other {Median(general)}");
        Assert.InRange(oral.Count(d => d > 90) / (double)oral.Count, 0.03, 0.2);
        Assert.True(oral.Max() > 120, $"Longest oral care wait {oral.Max()} days");
    }

    [Fact]
    public void Contact_and_assessment_are_mostly_on_the_same_day()
    {
        var both = year.Events.Select(s => (ServiceEvent)s.Notification).Where(e => e.Contact?.Time is not null && e.Assessment?.Time is not null).ToList();

        Assert.InRange(both.Count(e => Days(e.Contact!.Time!.Value, e.Assessment!.Time!.Value) == 0) / (double)both.Count, 0.8, 0.97);
    }

    [Fact]
    public void Records_carry_each_phase_combination_of_access_to_care()
    {
        var shapes = year.Events.Select(s => (ServiceEvent)s.Notification)
            .GroupBy(e => (e.Contact is not null, e.Assessment is not null, e.Appointment is not null, e.Visit is not null, e.Cancellation is not null))
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.True(shapes.GetValueOrDefault((true, false, false, false, false)) > 100, "contact only");
        Assert.True(shapes.GetValueOrDefault((true, true, false, false, false)) > 500, "contact and assessment");
        Assert.True(shapes.GetValueOrDefault((true, true, true, false, false)) > 1000, "booked, visit to come");
        Assert.True(shapes.GetValueOrDefault((true, true, true, true, false)) > 5000, "the whole path to a visit");
        Assert.True(shapes.GetValueOrDefault((true, true, true, false, true)) > 500, "cancelled");
        Assert.True(shapes.GetValueOrDefault((false, false, false, true, false)) > 20_000, "a visit alone");
    }

    [Fact]
    public void Clients_of_every_age_come_and_the_old_come_most_often()
    {
        var ages = year.Visits.Select(v => Age(v, year)).ToList();

        Assert.All(FinnishFigures.AgeBands, band => Assert.True(ages.Count(a => a >= band.First && a <= band.Last) > 500, $"ages {band.First}–{band.Last}"));
        Assert.InRange(ages.Count(a => a >= 65) / (double)ages.Count, 0.25, 0.5);
        Assert.InRange(ages.Count(a => a < 16) / (double)ages.Count, 0.08, 0.3);
        Assert.True(ages.Max() >= 95, $"oldest {ages.Max()}");
    }

    [Fact]
    public void Frequent_clients_come_back_under_one_identity_code()
    {
        var perClient = year.Visits.GroupBy(v => (v.Provider, year.IdentityCodeOf(v))).Select(g => g.Count()).OrderDescending().ToList();
        var topTenth = perClient.Take(perClient.Count / 10).Sum() / (double)perClient.Sum();

        Assert.True(perClient.Count < 0.6 * year.Visits.Count, $"{perClient.Count} clients for {year.Visits.Count} visits");
        Assert.InRange(topTenth, 0.3, 0.7);
        Assert.True(perClient[0] >= 15, $"the most frequent client came {perClient[0]} times");
    }

    [Fact]
    public void Home_care_is_visits_at_home_and_health_stations_also_work_remotely()
    {
        var homeCare = year.Visits.Where(v => v.Visit!.ServiceForm is "T40" or "T41").ToList();
        var healthStation = year.Visits.Where(v => v.Visit!.ServiceForm == "T11").ToList();
        var all = year.Visits.GroupBy(v => v.Visit!.ContactType).OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();

        Assert.Equal("R10", all[0]);
        Assert.InRange(homeCare.Count(v => v.Visit!.ContactType == "R20") / (double)homeCare.Count, 0.8, 0.95);
        Assert.InRange(healthStation.Count(v => v.Visit!.ContactType is "R52" or "R56") / (double)healthStation.Count, 0.25, 0.55);
    }

    [Fact]
    public void Codes_are_valid_on_the_visit_day_and_follow_up_codes_are_marked_for_follow_up()
    {
        var spat = SyntheticData.Codes[KnownClassifications.Spat];
        var profession = SyntheticData.Codes[KnownClassifications.Profession];
        foreach (var visit in year.Visits)
        {
            var day = DateOnly.FromDateTime(visit.Visit!.Start!.Value);
            Assert.Equal(CodeCheck.Valid, profession.Check(visit.Visit.Profession!, day));
            Assert.All(visit.FollowUpCare, code => Assert.True(spat.Find(code) is { IsFollowUp: true } entry && entry.IsValidOn(day), code));
            Assert.All(visit.Procedures.Where(p => p.Spat is not null), p => Assert.Equal(CodeCheck.Valid, spat.Check(p.Spat!, day)));
        }

        Assert.True(year.Visits.Count(v => v.FollowUpCare.Length > 0) > 1000);
    }

    [Fact]
    public void Injuries_come_with_external_causes_and_accident_types_of_chapter_XX()
    {
        var injuries = year.Visits.SelectMany(v => v.Reasons).Where(r => r.Icd10 is ['S' or 'T', ..]).ToList();

        Assert.True(injuries.Count > 300, $"{injuries.Count} injuries");
        Assert.InRange(injuries.Count(r => r.ExternalCause is not null) / (double)injuries.Count, 0.75, 0.95);
        Assert.All(injuries.Where(r => r.ExternalCause is not null), r => Assert.Matches("^[VWX]", r.ExternalCause!));
        Assert.All(injuries.Where(r => r.AccidentType is not null), r => Assert.StartsWith("Y9", r.AccidentType!, StringComparison.Ordinal));
        Assert.DoesNotContain(year.Visits.SelectMany(v => v.Reasons), r => r.ExternalCause is not null && r.Icd10 is not ['S' or 'T', ..]);
    }

    [Fact]
    public void Extensive_health_checks_are_at_the_clinic_and_school_and_each_at_its_age()
    {
        // The age in whole years a child has at each extensive check: 4 and 18 months, 4 years, grades 1, 5 and 8.
        var ages = new Dictionary<string, int> { ["SPAT1381"] = 0, ["SPAT1382"] = 1, ["SPAT1383"] = 4, ["SPAT1384"] = 7, ["SPAT1385"] = 11, ["SPAT1386"] = 14 };
        var checks = year.Visits.SelectMany(v => v.Procedures.Where(p => p.Spat is not null && ages.ContainsKey(p.Spat)).Select(p => (Visit: v, Spat: p.Spat!))).ToList();

        Assert.Equal(ages.Keys.Order(), checks.Select(c => c.Spat).Distinct().Order());
        Assert.All(checks, c => Assert.Contains(c.Visit.Visit!.ServiceForm, new[] { "T22", "T26" }));

        // The generator's age is days over 365.25: a day from a birthday it may be a year off the calendar's.
        Assert.All(checks, c => Assert.InRange(Age(c.Visit, year), ages[c.Spat] - 1, ages[c.Spat] + 1));
        Assert.True(checks.Count(c => Age(c.Visit, year) == ages[c.Spat]) >= checks.Count * 0.98, "extensive checks are not at their ages");
    }

    [Fact]
    public void Vaccinations_are_J07_with_trade_name_batch_and_route_and_mostly_at_child_clinics_or_in_the_flu_season()
    {
        var vaccinations = year.Visits.SelectMany(v => v.Medications.Where(m => m.Vaccination == true).Select(m => (Visit: v, Medication: m))).ToList();

        Assert.True(vaccinations.Count > 500, $"{vaccinations.Count} vaccinations");
        Assert.All(vaccinations, v =>
        {
            Assert.StartsWith("J07", v.Medication.Atc!, StringComparison.Ordinal);
            Assert.NotNull(v.Medication.TradeName);
            Assert.Matches("^[A-Z]{2}[0-9]{4}[A-Z]$", v.Medication.BatchNumber!);
            Assert.Contains(v.Medication.Route, new[] { "IM", "SC", "PO" });
        });
        Assert.All(vaccinations.Where(v => v.Medication.Atc == "J07BB02"), v => Assert.Contains(v.Visit.Visit!.Start!.Value.Month, new[] { 1, 10, 11, 12 }));
        Assert.True(vaccinations.Count(v => v.Visit.Visit!.ServiceForm == "T22") > vaccinations.Count / 4);
    }

    [Fact]
    public void Weights_heights_and_teeth_are_plausible_for_age()
    {
        var measured = year.Visits.Where(v => v.HealthFactors?.WeightGrams is not null).Select(v => (Age: Age(v, year), HealthFactors: v.HealthFactors!)).ToList();
        var teeth = year.Visits.Where(v => v.HealthFactors?.FilledPermanentTeeth is not null || v.HealthFactors?.DecayedPrimaryTeeth is not null).ToList();

        Assert.True(measured.Count > 1000, $"{measured.Count} weighed");
        Assert.All(measured.Where(m => m.Age < 2), m => Assert.InRange(m.HealthFactors.WeightGrams!.Value, 1_500, 20_000));
        Assert.All(measured.Where(m => m.Age >= 20), m => Assert.InRange(m.HealthFactors.WeightGrams!.Value, 35_000, 160_000));
        Assert.All(measured.Where(m => m.Age >= 20 && m.HealthFactors.HeightMillimetres is not null), m => Assert.InRange(m.HealthFactors.HeightMillimetres!.Value, 1_350, 2_150));
        Assert.True(teeth.Count > 500, $"{teeth.Count} with teeth counted");
        Assert.All(teeth, v => Assert.Equal("T60", v.Visit!.ServiceForm));
        Assert.All(teeth.Select(v => v.HealthFactors!), f => Assert.InRange(
            (f.DecayedPermanentTeeth ?? 0) + (f.MissingPermanentTeeth ?? 0) + (f.FilledPermanentTeeth ?? 0), 0, 32));
    }

    [Fact]
    public void Oral_care_records_name_their_teeth_in_FDI_notation()
    {
        var oral = year.Visits.Where(v => v.Visit!.ServiceForm == "T60").SelectMany(v => v.Procedures).ToList();

        Assert.All(oral, p => Assert.Null(p.Spat));
        Assert.All(oral.Where(p => p.Tooth is not null), p => Assert.Matches("^([1-4][1-8]|[5-8][1-5])$", p.Tooth!));
        Assert.True(oral.Count(p => p.Tooth is not null) > oral.Count / 3);
    }

    private static int Days(DateTime from, DateTime to) => DateOnly.FromDateTime(to).DayNumber - DateOnly.FromDateTime(from).DayNumber;

    private static int Median(List<int> sorted) => sorted[sorted.Count / 2];

    private static int Age(Notifications.ServiceEvent visit, GeneratedYearFixture year)
    {
        var born = IdentityCode.Parse(year.IdentityCodeOf(visit)).Value.BirthDate;
        var day = DateOnly.FromDateTime(visit.Visit!.Start!.Value);
        return day.Year - born.Year - (day < born.AddYears(day.Year - born.Year) ? 1 : 0);
    }
}
