using Hilmo.Notifications;
using Hilmo.Statistics.Population;

namespace Hilmo.Synthetic;

/// <summary>
/// The residents of the synthetic country at 31 December, by municipality, sex and one-year age:
/// the population the generator's clients are drawn from and the denominator of the rates over its
/// records. Each municipality has the population the generator weights its homes by, divided over
/// the age pyramid and the share of men that the generator draws its clients' ages and sexes from.
/// </summary>
internal static class SyntheticPopulation
{
    /// <summary>Mean years lived past the first age of the oldest band, as the generator draws the ages of the oldest clients.</summary>
    private const double OldestBandMeanYears = 5;

    /// <summary>
    /// The population at 31 December of <paramref name="year"/>. Every cell has at least one person,
    /// so every generated client, whatever their municipality, sex and age, lives in a populated
    /// cell and no rate over synthetic data divides by nothing; in the smallest municipalities that
    /// adds a few centenarians, a few hundredths of a per cent of the country.
    /// </summary>
    public static IReadOnlyList<PopulationCount> At(int year, IEnumerable<SyntheticMunicipality> municipalities)
    {
        var ageShares = AgeShares();
        var counts = new List<PopulationCount>();
        foreach (var municipality in municipalities)
        {
            var residents = municipality.Population * 1000;
            foreach (var sex in (Sex[])[Sex.Male, Sex.Female])
            {
                for (var age = 0; age <= PopulationTable.OpenAge; age++)
                {
                    var band = BandOf(age);
                    var sexShare = sex == Sex.Male ? FinnishFigures.MaleShare[band] : 1 - FinnishFigures.MaleShare[band];
                    var persons = Math.Max(1, (long)Math.Round(residents * ageShares[age] * sexShare));
                    counts.Add(new PopulationCount(year, municipality.Code, sex, age, persons));
                }
            }
        }

        return counts;
    }

    /// <summary>
    /// Share of the population at each one-year age (the last the open class): a band's share of the
    /// pyramid is spread evenly over its years, the oldest band's falls off as the generator draws it,
    /// exponentially, everyone past the open age counted in it.
    /// </summary>
    private static double[] AgeShares()
    {
        var shares = new double[PopulationTable.OpenAge + 1];
        var oldest = FinnishFigures.AgeBands.Count - 1;
        for (var band = 0; band < oldest; band++)
        {
            var (first, last) = FinnishFigures.AgeBands[band];
            for (var age = first; age <= last; age++)
            {
                shares[age] = FinnishFigures.AgePyramid[band] / (last - first + 1);
            }
        }

        var start = FinnishFigures.AgeBands[oldest].First;
        double Surviving(int age) => Math.Exp(-(age - start) / OldestBandMeanYears);
        for (var age = start; age < PopulationTable.OpenAge; age++)
        {
            shares[age] = FinnishFigures.AgePyramid[oldest] * (Surviving(age) - Surviving(age + 1));
        }

        shares[PopulationTable.OpenAge] = FinnishFigures.AgePyramid[oldest] * Surviving(PopulationTable.OpenAge);
        return shares;
    }

    private static int BandOf(int age)
    {
        for (var band = 0; band < FinnishFigures.AgeBands.Count; band++)
        {
            if (age <= FinnishFigures.AgeBands[band].Last)
            {
                return band;
            }
        }

        return FinnishFigures.AgeBands.Count - 1;
    }
}
