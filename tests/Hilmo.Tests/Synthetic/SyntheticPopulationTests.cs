using Hilmo.Notifications;
using Hilmo.Statistics.Population;
using Hilmo.Synthetic;
using Hilmo.Testing.Statistics;

namespace Hilmo.Tests.Synthetic;

public sealed class SyntheticPopulationTests(GeneratedRegistersFixture registers) : IClassFixture<GeneratedRegistersFixture>
{
    [Fact]
    public void Every_generated_client_lives_in_a_populated_cell_of_the_year_and_no_municipality_has_more_clients_than_residents()
    {
        var generator = registers.Generator;
        var population = new PopulationTable(generator.Population());
        var yearEnd = new DateOnly(generator.Year, 12, 31);
        var clients = registers.Valid
            .Where(s => s.IdentityCode is not null && s.Notification.Client?.HomeMunicipality is not null)
            .Select(s => (Code: s.IdentityCode!.Value.Reveal(), Municipality: s.Notification.Client!.HomeMunicipality!))
            .Distinct()
            .ToList();
        Assert.True(clients.Count > 10_000, $"{clients.Count} clients");

        foreach (var (code, municipality) in clients)
        {
            var sex = (code[9] - '0') % 2 == 1 ? Sex.Male : Sex.Female;
            var age = Math.Min(IndependentAge.On(code, yearEnd), PopulationTable.OpenAge);
            Assert.True(population.Count(generator.Year, [municipality], sex, age, age) > 0,
                $"No resident of {municipality}, sex {sex}, aged {age} at {yearEnd:yyyy-MM-dd}, though a client is.");
        }

        foreach (var municipality in clients.GroupBy(c => c.Municipality, StringComparer.Ordinal))
        {
            Assert.True(municipality.Count() <= population.Count(generator.Year, [municipality.Key]),
                $"{municipality.Key}: {municipality.Count()} clients, more than its residents.");
        }
    }

    [Fact]
    public void Has_the_generators_shape_counties_age_pyramid_and_share_of_men()
    {
        var generator = registers.Generator;
        var counts = generator.Population();
        var table = new PopulationTable(counts);
        Assert.Equal([generator.Year], table.Years);
        Assert.Superset(generator.Providers.SelectMany(p => p.Units).Select(u => u.Municipality).ToHashSet(), table.Municipalities.ToHashSet());
        Assert.DoesNotContain("478", table.Municipalities); // Åland is outside the counties and the generator

        // Each county as many as FinnishFigures has it (in thousands), but for the smallest
        // municipalities' floor of 1,500 residents and every cell's floor of one person.
        foreach (var county in counts.GroupBy(c => CountyOf(c.Municipality), StringComparer.Ordinal))
        {
            var expected = FinnishFigures.CountyPopulation[county.Key!] * 1000.0;
            var actual = county.Sum(c => c.Persons);
            Assert.InRange(actual / expected, 0.99, 1.25);
        }

        var total = (double)table.Count(generator.Year);
        Assert.InRange(total, 5.5e6, 5.9e6);
        for (var band = 0; band < FinnishFigures.AgeBands.Count; band++)
        {
            var (first, last) = FinnishFigures.AgeBands[band];
            var inBand = table.Count(generator.Year, minAge: first, maxAge: last);
            Assert.InRange(inBand / total, FinnishFigures.AgePyramid[band] - 0.003, FinnishFigures.AgePyramid[band] + 0.003);
            Assert.InRange(table.Count(generator.Year, sex: Sex.Male, minAge: first, maxAge: last) / (double)inBand,
                FinnishFigures.MaleShare[band] - 0.01, FinnishFigures.MaleShare[band] + 0.01);
        }

        Assert.Equal(counts, SyntheticData.Generator(new GeneratorOptions { Seed = 5, Registers = [Register.AvoHilmo] }).Population());
    }

    private static string? CountyOf(string municipality) =>
        SyntheticData.Codes[Hilmo.Codes.KnownClassifications.Municipality].Find(municipality)?.Attributes.GetValueOrDefault("hyvinvointialue_code");
}
