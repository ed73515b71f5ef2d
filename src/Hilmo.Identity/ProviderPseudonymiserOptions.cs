namespace Hilmo.Identity;

/// <summary>How <see cref="ProviderPseudonymiser"/> treats the codes it is given.</summary>
public sealed record ProviderPseudonymiserOptions
{
    /// <summary>
    /// Accept temporary codes (individual number 900–999), as test environments need. Off by
    /// default, so production refuses them with HETU-006. When on, a temporary code's pseudonym
    /// is bound to its record and never links two records.
    /// </summary>
    public bool AllowTemporaryCodes { get; init; }

    /// <summary>
    /// The master key version to pseudonymise with; null means the key's current (highest)
    /// version. An older version is for recomputing pseudonyms made before a rotation.
    /// </summary>
    public int? KeyVersion { get; init; }
}
