using Hilmo.Notifications;
using Hilmo.Statistics.Population;

namespace Hilmo.Tests.Statistics.Population;

public sealed class PopulationTableTests
{
    private static readonly PopulationTable Table = new(
    [
        new(2024, "091", Sex.Male, 0, 10),
        new(2024, "091", Sex.Female, 0, 12),
        new(2024, "091", Sex.Male, 1, 7),
        new(2024, "091", Sex.Male, 75, 3),
        new(2024, "091", Sex.Female, PopulationTable.OpenAge, 2),
        new(2024, "049", Sex.Female, 1, 5),
        new(2024, "049", Sex.Female, 1, 1),
        new(2023, "091", Sex.Male, 0, 100),
    ]);

    [Fact]
    public void Sums_any_age_range_sex_and_set_of_municipalities_of_one_year()
    {
        Assert.Equal(40, Table.Count(2024));
        Assert.Equal(20, Table.Count(2024, sex: Sex.Male));
        Assert.Equal(17, Table.Count(2024, ["091"], Sex.Male, 0, 1));
        Assert.Equal(6, Table.Count(2024, ["049"], minAge: 1, maxAge: 1));
        Assert.Equal(5, Table.Count(2024, ["091", "049", "091"], minAge: 75));
        Assert.Equal(0, Table.Count(2024, ["999"]));
        Assert.Equal(0, Table.Count(2024, minAge: 5, maxAge: 4));
        Assert.Equal(100, Table.Count(2023));
        Assert.Equal(0, Table.Count(2022));
        Assert.Equal([2023, 2024], Table.Years);
    }

    [Fact]
    public void Refuses_an_age_outside_the_classes_and_a_negative_count()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PopulationTable([new(2024, "091", Sex.Male, 101, 1)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PopulationTable([new(2024, "091", Sex.Male, 1, -1)]));
    }
}
