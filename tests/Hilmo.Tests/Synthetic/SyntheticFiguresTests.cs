using Hilmo.Codes;
using Hilmo.Synthetic;

namespace Hilmo.Tests.Synthetic;

/// <summary>The generator's tables agree with the shipped code lists, so a typo cannot silently drop a code or a town.</summary>
public sealed class SyntheticFiguresTests
{
    [Fact]
    public void Every_code_the_care_and_period_catalogues_name_is_a_recordable_code_of_its_list()
    {
        foreach (var (definition, code) in CareCatalogue.NamedCodes().Concat(PeriodCatalogue.NamedCodes()))
        {
            var list = SyntheticData.Codes[definition];
            var entry = list.Find(code);

            Assert.True(entry is not null, $"{code} is not in {definition.Name}");
            Assert.False(list.IsHeading(entry), $"{code} is a heading of {definition.Name}");
        }
    }

    [Fact]
    public void Every_town_with_a_population_figure_is_a_municipality_of_a_county()
    {
        var municipalities = SyntheticData.Codes[KnownClassifications.Municipality].Codes.ToDictionary(e => e.Name.Fi, StringComparer.Ordinal);

        foreach (var town in FinnishFigures.TownPopulation.Keys)
        {
            Assert.True(municipalities.TryGetValue(town, out var entry), $"{town} is not in kunta.csv");
            Assert.True(FinnishFigures.CountyPopulation.ContainsKey(entry.Attributes["hyvinvointialue_code"]), town);
        }
    }

    [Fact]
    public void Every_county_has_a_population_postal_prefixes_and_towns_that_fit_in_it()
    {
        var counties = SyntheticData.Codes[KnownClassifications.Municipality].Codes
            .GroupBy(e => e.Attributes["hyvinvointialue_code"])
            .Where(g => g.Key != "91")
            .ToDictionary(g => g.Key, g => g.Sum(e => FinnishFigures.TownPopulation.GetValueOrDefault(e.Name.Fi)));

        Assert.Equal(22, counties.Count);
        foreach (var (county, towns) in counties)
        {
            Assert.True(FinnishFigures.CountyPopulation[county] >= towns, $"County {county}: its towns add up to more than it has");
            Assert.All(FinnishFigures.PostalPrefixes[county], p => Assert.Matches("^[0-9]{2}$", p));
        }

        Assert.Equal(5_600, FinnishFigures.CountyPopulation.Values.Sum(), 100.0);
    }

    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    public void Easter_falls_on_its_sunday(int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), EventCalendar.EasterSunday(year));
    }

    [Theory]
    [InlineData("2025-04-18", true)]
    [InlineData("2025-04-21", true)]
    [InlineData("2025-05-29", true)]
    [InlineData("2025-06-20", true)]
    [InlineData("2025-12-24", true)]
    [InlineData("2025-12-06", true)]
    [InlineData("2025-06-19", false)]
    [InlineData("2025-12-23", false)]
    public void Finnish_public_holidays_are_days_off(string day, bool holiday)
    {
        Assert.Equal(holiday, EventCalendar.IsPublicHoliday(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Weights_draw_each_item_in_proportion()
    {
        var weighted = new Weighted<string>([("a", 1), ("b", 3), ("none", 0), ("c", 6)]);
        var random = new Random(1);
        var counts = Enumerable.Range(0, 100_000).Select(_ => weighted.Next(random)).GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());

        Assert.False(counts.ContainsKey("none"));
        Assert.InRange(counts["a"], 9_000, 11_000);
        Assert.InRange(counts["b"], 28_500, 31_500);
        Assert.InRange(counts["c"], 58_500, 61_500);
    }
}
