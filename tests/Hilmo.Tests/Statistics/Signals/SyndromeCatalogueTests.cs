using Hilmo.Codes;
using Hilmo.Statistics.Signals;
using Hilmo.Testing;
using Hilmo.Testing.Statistics;

namespace Hilmo.Tests.Statistics.Signals;

public sealed class SyndromeCatalogueTests
{
    private static readonly string Shipped = Path.Combine(RepositoryFolders.Root, "data", "statistics");

    [Fact]
    public void Every_code_bound_of_the_shipped_definitions_is_a_code_of_its_classification()
    {
        var catalogue = SyndromeCatalogue.Load(Shipped);
        Assert.True(catalogue.Syndromes.Count >= 9);
        foreach (var range in catalogue.Ranges)
        {
            var codes = StatisticsStore.Codes[range.CodeSystem];
            Assert.True(codes.Find(range.CodeFrom) is not null, $"{range.Syndrome}: {range.CodeFrom} is not in {range.CodeSystem}");
            Assert.True(codes.Find(range.CodeTo) is not null, $"{range.Syndrome}: {range.CodeTo} is not in {range.CodeSystem}");
        }
    }

    [Theory]
    [InlineData("icd10fi", "J10.1", "2024-01-15", "ili")]
    [InlineData("icd10fi", "J09", "2024-01-15", "ili")]
    [InlineData("icd10fi", "J12.9", "2024-01-15", "lri")]
    [InlineData("icpc2", "R80", "2024-01-15", "ili")]
    [InlineData("icd10fi", "U07.1", "2021-01-15", "covid19")]
    [InlineData("icd10fi", "A69.2", "2024-07-01", "tick_borne")]
    [InlineData("icd10fi", "X71", "2024-07-01", "mental_crisis")]
    public void A_code_falls_in_its_syndrome(string system, string code, string date, string syndrome) =>
        Assert.Equal([syndrome], SyndromeCatalogue.Load(Shipped).SyndromesOf(system, code, DateOnly.Parse(date)));

    [Theory]
    [InlineData("icd10fi", "U07.0", "2021-01-15")]  // vaping lung injury, not COVID-19
    [InlineData("icd10fi", "U07", "2021-01-15")]    // the heading alone is not a COVID-19 code
    [InlineData("icd10fi", "U07.1", "2020-03-26")]  // before the code was introduced
    [InlineData("icd10fi", "J30", "2024-01-15")]    // allergic rhinitis is no infection
    [InlineData("icd10fi", "A69.1", "2024-01-15")]  // Vincent's infection, not Lyme
    [InlineData("icpc2", "R73", "2024-01-15")]      // boil in the nose
    public void A_code_outside_every_range_or_date_falls_in_no_syndrome(string system, string code, string date) =>
        Assert.Empty(SyndromeCatalogue.Load(Shipped).SyndromesOf(system, code, DateOnly.Parse(date)));

    [Fact]
    public void A_range_naming_an_unlisted_syndrome_is_refused()
    {
        var folder = Directory.CreateTempSubdirectory("hilmo-syndromes-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, SyndromeCatalogue.SyndromesFile), "syndrome,order,name_fi,name_sv,name_en,description_en\nili,1,a,b,c,d\n");
            File.WriteAllText(Path.Combine(folder, SyndromeCatalogue.CodesFile), "syndrome,version,valid_from,valid_to,code_system,code_from,code_to\nflu,1,2000-01-01,,icd10fi,J09,J11\n");
            var error = Assert.Throws<CodeListException>(() => SyndromeCatalogue.Load(folder));
            Assert.Contains("'flu'", error.Message);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
