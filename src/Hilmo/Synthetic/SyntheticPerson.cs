using Hilmo.Notifications;

namespace Hilmo.Synthetic;

/// <summary>One synthetic client: born, with a sex, an identity code and a home address, and a number that fixes which unit they go to.</summary>
internal sealed class SyntheticPerson(DateOnly birthDate, Sex sex, string identityCode, Client client, int affinity, int county)
{
    /// <summary>Index of the home municipality's wellbeing services county in <see cref="SyndromeSeasons.Counties"/>.</summary>
    public int County { get; } = county;

    public DateOnly BirthDate { get; } = birthDate;

    public Sex Sex { get; } = sex;

    public string IdentityCode { get; } = identityCode;

    /// <summary>Home municipality and postal code, shared by all the person's records.</summary>
    public Client Client { get; } = client;

    /// <summary>A fixed random number: the same person keeps going to the same health station.</summary>
    public int Affinity { get; } = affinity;

    public double AgeOn(DateOnly date) => (date.DayNumber - BirthDate.DayNumber) / 365.25;
}

/// <summary>
/// The clients of one provider, by age band and sex, created the first time they are needed and
/// kept for the rest of the run, so that one person's events share one pseudonym. Capacity is
/// fixed when the run starts, which bounds memory whatever the number of records.
/// </summary>
/// <remarks>
/// Who comes is heavy-tailed, as in real primary care: a client's place <c>x</c> in the pool is
/// drawn with density proportional to <c>(x + ε)^(-2/3)</c>, so the most frequent tenth of clients
/// make over a third of the visits and a hundredth make a tenth. The small shift <c>ε</c> keeps
/// the busiest client near a hundred visits a year however large the pool; without it the first
/// place would take a share that grows with the pool.
/// </remarks>
internal sealed class PersonPool
{
    private const double Shift = 0.004;

    private static readonly double shiftRoot = Math.Cbrt(Shift);
    private static readonly double span = Math.Cbrt(1 + Shift) - shiftRoot;

    private readonly SyntheticPerson?[][] slots;

    /// <param name="capacity">Most people in each age band (index) and sex (0 men, 1 women).</param>
    public PersonPool(int[,] capacity)
    {
        slots = new SyntheticPerson?[capacity.GetLength(0) * 2][];
        for (var band = 0; band < capacity.GetLength(0); band++)
        {
            slots[band * 2] = new SyntheticPerson?[Math.Max(1, capacity[band, 0])];
            slots[(band * 2) + 1] = new SyntheticPerson?[Math.Max(1, capacity[band, 1])];
        }
    }

    /// <summary>
    /// The slot of a client of <paramref name="band"/> and <paramref name="sex"/>, drawn with the
    /// heavy tail; null until that client is first needed, when the caller creates them in place.
    /// </summary>
    public ref SyntheticPerson? Slot(int band, Sex sex, Random random)
    {
        var pool = slots[(band * 2) + (sex == Sex.Male ? 0 : 1)];

        // The inverse of the distribution function: cube a uniform point between the shifted roots.
        var root = shiftRoot + (random.NextDouble() * span);
        var place = (root * root * root) - Shift;
        return ref pool[Math.Clamp((int)(pool.Length * place), 0, pool.Length - 1)];
    }
}
