using Hilmo.Notifications;

namespace Hilmo.Synthetic;

/// <summary>
/// Makes identity codes for synthetic data: valid codes for a made-up population, and codes with
/// each defect the register must refuse. Implemented behind the identity boundary, which alone
/// knows the structure of the code; the generator only asks for them.
/// </summary>
public interface ISyntheticIdentityCodes
{
    /// <summary>A valid permanent code of a person born on <paramref name="birthDate"/> with <paramref name="sex"/>; deterministic in <paramref name="random"/>.</summary>
    string Permanent(DateOnly birthDate, Sex sex, Random random);

    /// <summary>A valid temporary code (individual number 900–999).</summary>
    string Temporary(DateOnly birthDate, Random random);

    /// <summary>A code with exactly the <paramref name="defect"/> and no other.</summary>
    string Defective(IdentityCodeDefect defect, Random random);
}

/// <summary>What can be wrong with an identity code, one finding each (HETU-001…HETU-005).</summary>
public enum IdentityCodeDefect
{
    /// <summary>Not of the shape DDMMYYCNNNQ (HETU-001).</summary>
    Format,

    /// <summary>A century sign that does not exist (HETU-002).</summary>
    CenturySign,

    /// <summary>A birth date that does not exist (HETU-003).</summary>
    Date,

    /// <summary>Individual number 000 or 001 (HETU-004).</summary>
    IndividualNumber,

    /// <summary>A check character that does not match (HETU-005).</summary>
    CheckCharacter,
}
