using Hilmo.Identity;
using Hilmo.Statistics.Signals;
using Hilmo.Statistics.Signals.Evaluation;
using Hilmo.Synthetic;
using Hilmo.Testing;

namespace Hilmo.Tests.Synthetic;

/// <summary>The syndromes' seasons in the generated reasons for visit, and the outbreaks injected on top.</summary>
public sealed class SyndromeSeasonsTests
{
    private static readonly string Shipped = Path.Combine(RepositoryFolders.Root, "data", "statistics");

    [Fact]
    public void Every_generated_syndrome_code_falls_in_its_own_syndrome_only_and_the_syndromes_are_the_catalogues()
    {
        var catalogue = SyndromeCatalogue.Load(Shipped);
        Assert.Equal(catalogue.Syndromes.Select(s => s.Id).Order(), SyndromeSeasons.Seasons.Select(s => s.Syndrome).Order());
        var day = new DateOnly(2024, 6, 1);
        foreach (var season in SyndromeSeasons.Seasons)
        {
            foreach (var (code, _) in season.Icd10)
            {
                Assert.Equal([season.Syndrome], catalogue.SyndromesOf("icd10fi", code, day));
            }

            foreach (var (code, _) in season.Icpc2)
            {
                Assert.Equal([season.Syndrome], catalogue.SyndromesOf("icpc2", code, day));
            }
        }
    }

    [Fact]
    public void Services_with_seasonal_syndromes_draw_no_syndrome_code_from_their_other_reasons()
    {
        // Else the pools would add a flat share that neither the seasons nor the outbreaks move.
        var catalogue = SyndromeCatalogue.Load(Shipped);
        var window = new CodeWindow(SyntheticData.Codes, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31));
        var seasonal = new CareCatalogue(window).Profiles.Values.Where(p => p.Spec.SyndromeShare > 0).ToList();
        Assert.Contains(seasonal, p => p.ServiceForm == "T11");
        foreach (var profile in seasonal)
        {
            foreach (var (code, _) in profile.Spec.Icd10)
            {
                Assert.True(!catalogue.SyndromesOf("icd10fi", code, window.First).Any(), $"{profile.ServiceForm}: {code}");
            }

            foreach (var (code, _) in profile.Spec.Icpc2)
            {
                Assert.True(!catalogue.SyndromesOf("icpc2", code, window.First).Any(), $"{profile.ServiceForm}: {code}");
            }
        }
    }

    [Fact]
    public void Syndromes_follow_their_seasons_and_an_outbreak_multiplies_its_visits_while_the_rest_of_the_run_stays_the_same()
    {
        var catalogue = SyndromeCatalogue.Load(Shipped);
        var outbreak = new InjectedOutbreak("uri", "90", new DateOnly(2025, 3, 3), 60, 3);
        var plain = Count(catalogue, []);
        var withOutbreak = Count(catalogue, [outbreak]);

        double PerDay(SyndromeDailyCounts counts, string syndrome, int fromMonth, int toMonth)
        {
            var s = counts.SyndromeIndex(syndrome)!.Value;
            var (sum, days) = (0L, 0);
            for (var d = 0; d < counts.Days; d++)
            {
                if (counts.First.AddDays(d).Month is var m && m >= fromMonth && m <= toMonth)
                {
                    days++;
                    for (var c = 0; c < counts.Counties.Count; c++)
                    {
                        sum += counts.Series(c, s)[d];
                    }
                }
            }

            return (double)sum / days;
        }

        Assert.True(PerDay(plain, "ili", 1, 2) > 8 * PerDay(plain, "ili", 7, 8), "influenza-like illness peaks in winter");
        Assert.True(PerDay(plain, "uri", 1, 2) > 1.5 * PerDay(plain, "uri", 7, 8), "respiratory infections peak in winter");
        Assert.True(PerDay(plain, "gastro", 1, 2) > 1.5 * PerDay(plain, "gastro", 7, 8), "gastroenteritis peaks in winter");
        Assert.True(PerDay(plain, "tick_borne", 7, 8) > 8 * PerDay(plain, "tick_borne", 1, 2), "tick-borne illness peaks in summer");
        Assert.True(PerDay(plain, "conjunctivitis", 1, 12) < PerDay(plain, "uri", 1, 12) / 10, "conjunctivitis is rare");
        Assert.Equal(0, PerDay(plain, "covid19", 1, 12) > 0 ? 0 : 1);

        // Mondays carry more of a week's visits than Sundays.
        var uri = plain.SyndromeIndex("uri")!.Value;
        var (mondays, sundays) = (0L, 0L);
        for (var d = 0; d < plain.Days; d++)
        {
            var dow = plain.First.AddDays(d).DayOfWeek;
            for (var c = 0; c < plain.Counties.Count; c++)
            {
                var n = plain.Series(c, uri)[d];
                mondays += dow == DayOfWeek.Monday ? n : 0;
                sundays += dow == DayOfWeek.Sunday ? n : 0;
            }
        }

        Assert.True(mondays > 2 * sundays, $"{mondays} visits on Mondays, {sundays} on Sundays");

        var county = plain.CountyIndex("90")!.Value;
        var start = outbreak.Start.DayNumber - plain.First.DayNumber;
        var before = plain.Series(county, uri).Slice(start, outbreak.Days).ToArray().Sum();
        var during = withOutbreak.Series(county, uri).Slice(start, outbreak.Days).ToArray().Sum();
        Assert.InRange((double)during / before, 2.4, 3.6);

        // Another county's series and the other syndromes of the county are untouched in expectation.
        var other = plain.CountyIndex("05")!.Value;
        var otherBefore = plain.Series(other, uri).Slice(start, outbreak.Days).ToArray().Sum();
        var otherDuring = withOutbreak.Series(other, uri).Slice(start, outbreak.Days).ToArray().Sum();
        Assert.InRange((double)otherDuring / otherBefore, 0.8, 1.25);
    }

    [Fact]
    public void An_outbreak_changes_only_reasons_for_visit()
    {
        var options = new GeneratorOptions { Year = 2025, Seed = 5 };
        var plain = SyntheticData.Generator(options).Generate(20_000).ToList();
        var changed = SyntheticData.Generator(options with { Outbreaks = [new("gastro", "90", new DateOnly(2025, 1, 1), 365, 4)] }).Generate(20_000).ToList();
        Assert.Equal(plain.Count, changed.Count);
        var differing = 0;
        for (var i = 0; i < plain.Count; i++)
        {
            if (plain[i].Submitted?.Notification is Notifications.ServiceEvent a && changed[i].Submitted?.Notification is Notifications.ServiceEvent b)
            {
                Assert.Equal((a.RecordId, a.UpdatedAt, a.Client, a.Visit, a.Cancellation), (b.RecordId, b.UpdatedAt, b.Client, b.Visit, b.Cancellation));
                Assert.Equal(a.Procedures, b.Procedures);
                Assert.Equal(a.Medications, b.Medications);
                differing += a.Reasons.SequenceEqual(b.Reasons) ? 0 : 1;
            }
        }

        Assert.True(differing > 0, "the outbreak changed no reason");
    }

    [Theory]
    [InlineData("flu", "08", "syndrome 'flu' is unknown")]
    [InlineData("gastro", "99", "county '99' is not a wellbeing services county code")]
    public void An_outbreak_of_an_unknown_syndrome_or_county_is_refused(string syndrome, string county, string message)
    {
        var options = new GeneratorOptions { Year = 2025, Outbreaks = [new(syndrome, county, new DateOnly(2025, 2, 1), 7, 3)] };
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticData.Generator(options));
        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }

    private static SyndromeDailyCounts Count(SyndromeCatalogue catalogue, InjectedOutbreak[] outbreaks) =>
        OutbreakExperiment.Generate(SyntheticData.Codes, new SyntheticIdentityCodes(), catalogue, 2025, 1, 300_000, seed: 2, outbreaks, new ManualTimeProvider(SyntheticData.Now));
}
