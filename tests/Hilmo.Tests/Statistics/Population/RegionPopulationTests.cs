using Hilmo.Synthetic;
using Hilmo.Notifications;
using Hilmo.Statistics;
using Hilmo.Statistics.Population;
using Hilmo.Testing;
using Hilmo.Tests.Synthetic;

namespace Hilmo.Tests.Statistics.Population;

/// <summary>Denominators of regions: a county's or a supervision region's population is the sum over its municipalities on the day, by the dated municipality list.</summary>
public sealed class RegionPopulationTests
{
    // Pertunmaa (588) joined Mäntyharju (507) at the start of 2025; the list ends it on 2024-12-31.
    private const string Pertunmaa = "588";
    private const string Mantyharju = "507";
    private const string EtelaSavo = "12";

    private static readonly RegionCatalogue Regions = RegionCatalogue.From(SyntheticData.Codes);

    [Fact]
    public void A_merged_municipality_belongs_to_its_county_up_to_its_last_day_and_its_successor_after()
    {
        var before = Regions.MunicipalitiesOf(EtelaSavo, new DateOnly(2024, 12, 31));
        var after = Regions.MunicipalitiesOf(EtelaSavo, new DateOnly(2025, 1, 1));

        Assert.Contains(Pertunmaa, before);
        Assert.DoesNotContain(Pertunmaa, after);
        Assert.Contains(Mantyharju, after);
        Assert.Equal(before.Except([Pertunmaa]), after);
        Assert.Equal(["091"], Regions.MunicipalitiesOf("90", new DateOnly(2025, 12, 31)));
        Assert.Equal(16, Regions.MunicipalitiesOf("91", new DateOnly(2025, 12, 31)).Count);
        Assert.Empty(Regions.MunicipalitiesOf("99", new DateOnly(2025, 12, 31)));
    }

    [Fact]
    public void A_county_denominator_is_the_sum_over_its_municipalities_of_the_year_end()
    {
        // As Statistics Finland counts them: Pertunmaa's own residents at the end of 2024, in Mäntyharju's at the end of 2025.
        var population = new PopulationTable(
        [
            new(2024, Pertunmaa, Sex.Female, 80, 10),
            new(2024, Mantyharju, Sex.Female, 80, 40),
            new(2024, "491", Sex.Female, 80, 300),
            new(2025, Mantyharju, Sex.Female, 80, 49),
            new(2025, "491", Sex.Female, 80, 301),
            new(2025, "091", Sex.Female, 80, 5000),
        ]);

        long County(int year) => population.Count(year, Regions.MunicipalitiesOf(EtelaSavo, new DateOnly(year, 12, 31)), Sex.Female, 80, 80);

        Assert.Equal(350, County(2024));
        Assert.Equal(350, County(2025));
    }

    [Fact]
    public void The_counties_of_the_synthetic_population_add_up_to_the_country()
    {
        var generator = SyntheticData.Generator(new GeneratorOptions { Year = 2025 });
        var population = new PopulationTable(generator.Population());
        var yearEnd = new DateOnly(2025, 12, 31);

        var byCounty = Regions.Counties.Sum(c => population.Count(2025, Regions.MunicipalitiesOf(c.Code, yearEnd)));

        Assert.Equal(population.Count(2025), byCounty);
        Assert.DoesNotContain(Pertunmaa, population.Municipalities);
    }

    [Fact]
    public void A_supervision_region_has_the_municipalities_valid_on_the_day()
    {
        var supervision = SupervisionRegions.Load(Path.Combine(RepositoryFolders.Root, "data", "statistics", SupervisionRegions.FileName));

        var before = supervision.MunicipalitiesOf("IS", Regions, new DateOnly(2024, 12, 31));
        var after = supervision.MunicipalitiesOf("IS", Regions, new DateOnly(2025, 1, 1));

        Assert.Contains(Pertunmaa, before);
        Assert.Equal(before.Except([Pertunmaa]), after);
        var everyRegion = supervision.Regions.SelectMany(r => supervision.MunicipalitiesOf(r.Code, Regions, new DateOnly(2025, 1, 1))).ToList();
        Assert.Equal(everyRegion.Count, everyRegion.Distinct().Count());
        Assert.Equal(Regions.Counties.Sum(c => Regions.MunicipalitiesOf(c.Code, new DateOnly(2025, 1, 1)).Count), everyRegion.Count);
    }
}
