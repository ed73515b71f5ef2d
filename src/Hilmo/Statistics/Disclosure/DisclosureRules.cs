namespace Hilmo.Statistics.Disclosure;

/// <summary>
/// What counts as sensitive in a published table and how well a withheld figure must be hidden.
/// The defaults are the register's: the threshold health statistics commonly use, and an
/// attacker's interval at least as wide as the threshold.
/// </summary>
public sealed record DisclosureRules
{
    /// <summary>The rules every published table uses unless a report says otherwise.</summary>
    public static DisclosureRules Default { get; } = new();

    /// <summary>
    /// A count of 1 to <c>Threshold - 1</c> people or events is sensitive and withheld. Zero is
    /// not sensitive: an empty cell tells nothing about a person.
    /// </summary>
    public int Threshold
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = 5;

    /// <summary>
    /// The least width (upper minus lower bound) of the interval an attacker can work out, from
    /// the published figures and the table's sums, for every withheld count. Where the published
    /// margins themselves leave less room (a published total of 3 bounds every cell under it to
    /// 0..3), the interval must be all of that room.
    /// </summary>
    public int ProtectionWidth
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            field = value;
        }
    } = 5;

    /// <summary>
    /// Codes of the dimensions that describe the persons counted (age group, sex). Along these,
    /// a group whose whole count falls into one category is group disclosure: it tells every
    /// person in the margin has that age or sex, so that category is withheld and protected
    /// together with a sibling. Structural dimensions (month, region, service type) are left
    /// out by default, since a unit doing only one kind of care is no secret and hiding it
    /// would withhold much for nothing.
    /// </summary>
    public IReadOnlyList<string> PersonDimensions { get; init; } = [];
}
