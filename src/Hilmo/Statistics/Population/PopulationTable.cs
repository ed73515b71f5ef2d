using Hilmo.Notifications;

namespace Hilmo.Statistics.Population;

/// <summary>
/// The population at 31 December by year, municipality of residence, sex and one-year age (the
/// last age, <see cref="OpenAge"/>, is everyone that old or older, as in Statistics Finland's
/// tables): the denominator of every rate the register publishes. Counts are summed by prefix
/// sums, so a denominator for any age range costs two lookups per municipality.
/// </summary>
public sealed class PopulationTable
{
    /// <summary>The open-ended last age class (100 or over).</summary>
    public const int OpenAge = 100;

    // Per (year, municipality): cumulative persons by sex (0 male, 1 female) and age, [sex, age + 1] = persons aged 0..age.
    private readonly Dictionary<(int Year, string Municipality), long[,]> cumulative;

    public PopulationTable(IEnumerable<PopulationCount> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var persons = new Dictionary<(int Year, string Municipality), long[,]>();
        foreach (var count in counts)
        {
            if (count.Age is < 0 or > OpenAge)
            {
                throw new ArgumentOutOfRangeException(nameof(counts), count.Age, $"An age is 0 to {OpenAge} ({OpenAge} meaning {OpenAge} or over).");
            }

            if (count.Persons < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(counts), count.Persons, "A population count cannot be negative.");
            }

            if (!persons.TryGetValue((count.Year, count.Municipality), out var ages))
            {
                persons[(count.Year, count.Municipality)] = ages = new long[2, OpenAge + 2];
            }

            ages[SexIndex(count.Sex), count.Age + 1] += count.Persons;
        }

        foreach (var ages in persons.Values)
        {
            for (var sex = 0; sex < 2; sex++)
            {
                for (var age = 1; age <= OpenAge + 1; age++)
                {
                    ages[sex, age] += ages[sex, age - 1];
                }
            }
        }

        cumulative = persons;
        Years = [.. persons.Keys.Select(k => k.Year).Distinct().Order()];
        Municipalities = persons.Keys.Select(k => k.Municipality).ToHashSet(StringComparer.Ordinal);
    }

    public static PopulationTable Empty { get; } = new([]);

    /// <summary>The years (each at 31 December) the table has, in order.</summary>
    public IReadOnlyList<int> Years { get; }

    /// <summary>Every municipality the table has a count for in some year.</summary>
    public IReadOnlySet<string> Municipalities { get; }

    public bool Has(int year) => Years.Contains(year);

    /// <summary>
    /// The persons living at 31 December of <paramref name="year"/> in <paramref name="municipalities"/>
    /// (every municipality when null), of <paramref name="sex"/> (both when null), aged
    /// <paramref name="minAge"/> to <paramref name="maxAge"/> inclusive.
    /// </summary>
    public long Count(int year, IEnumerable<string>? municipalities = null, Sex? sex = null, int minAge = 0, int maxAge = OpenAge)
    {
        minAge = Math.Max(minAge, 0);
        maxAge = Math.Min(maxAge, OpenAge);
        if (minAge > maxAge)
        {
            return 0;
        }

        var total = 0L;
        foreach (var ages in Selected(year, municipalities))
        {
            for (var s = 0; s < 2; s++)
            {
                if (sex is null || SexIndex(sex.Value) == s)
                {
                    total += ages[s, maxAge + 1] - ages[s, minAge];
                }
            }
        }

        return total;
    }

    private IEnumerable<long[,]> Selected(int year, IEnumerable<string>? municipalities)
    {
        if (municipalities is null)
        {
            return cumulative.Where(p => p.Key.Year == year).Select(p => p.Value);
        }

        return municipalities.Distinct(StringComparer.Ordinal)
            .Select(m => cumulative.GetValueOrDefault((year, m))).OfType<long[,]>();
    }

    private static int SexIndex(Sex sex) => sex switch
    {
        Sex.Male => 0,
        Sex.Female => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(sex), sex, "The population is counted by male and female."),
    };
}

/// <summary>Persons of one municipality, sex and age at 31 December of <paramref name="Year"/>.</summary>
public readonly record struct PopulationCount(int Year, string Municipality, Sex Sex, int Age, long Persons);
