namespace Hilmo.Notifications;

/// <summary>
/// The three notification registers of Hilmo. A record belongs to exactly one; its key
/// (<see cref="RecordKey"/>) includes the register, so a tunnus of one register never replaces a
/// record of another.
/// </summary>
public enum Register : byte
{
    /// <summary>Primary outpatient care, occupational health and home care: service events.</summary>
    AvoHilmo = 0,

    /// <summary>Specialised care, day surgery and primary-care wards: care periods.</summary>
    TerveysHilmo = 1,

    /// <summary>Social-care institutional and 24-hour housing services: care periods and the year-end census.</summary>
    Sosiaalihilmo = 2,
}

/// <summary>The registers' wire names (the <c>rekisteri</c> member) and their display names.</summary>
public static class Registers
{
    /// <summary>Every register, in the order of <see cref="Register"/>.</summary>
    public static IReadOnlyList<Register> All { get; } = [Register.AvoHilmo, Register.TerveysHilmo, Register.Sosiaalihilmo];

    /// <summary>The value of the <c>rekisteri</c> member: <c>avohilmo</c>, <c>terveyshilmo</c>, <c>sosiaalihilmo</c>.</summary>
    public static string WireName(this Register register) => register switch
    {
        Register.AvoHilmo => "avohilmo",
        Register.TerveysHilmo => "terveyshilmo",
        Register.Sosiaalihilmo => "sosiaalihilmo",
        _ => throw new ArgumentOutOfRangeException(nameof(register), register, null),
    };

    /// <summary>The register's own name, as THL writes it in every language.</summary>
    public static string DisplayName(this Register register) => register switch
    {
        Register.AvoHilmo => "AvoHILMO",
        Register.TerveysHilmo => "Terveys-Hilmo",
        Register.Sosiaalihilmo => "Sosiaalihilmo",
        _ => throw new ArgumentOutOfRangeException(nameof(register), register, null),
    };

    /// <summary>The register named <paramref name="wireName"/> (case-insensitive), or null.</summary>
    public static Register? FromWireName(ReadOnlySpan<char> wireName)
    {
        foreach (var register in All)
        {
            if (wireName.Equals(register.WireName(), StringComparison.OrdinalIgnoreCase))
            {
                return register;
            }
        }

        return null;
    }
}
