using Hilmo.Notifications;
using Hilmo.Validation;

namespace Hilmo.Ingest;

/// <summary>
/// Replaces a client's identity code with what the register may keep: a provider-specific
/// pseudonym, the client's ages on the record's days and sex. Implemented behind the identity boundary
/// (<c>Hilmo.Identity</c>); the core only hands the code over and never reads it.
/// </summary>
public interface IPseudonymiser
{
    /// <summary>
    /// Validates <paramref name="identityCode"/> and derives the client's register identity.
    /// </summary>
    /// <param name="provider">The provider (<c>tuottaja</c>) whose key makes the pseudonym.</param>
    /// <param name="recordId">The record's <c>tunnus</c>; a temporary code is bound to its one record.</param>
    /// <param name="identityCode">The code as submitted.</param>
    /// <param name="days">
    /// The record's days: the client's age is worked out on each, and a client born after the
    /// event (<see cref="AgeDays.Event"/>) is refused.
    /// </param>
    PseudonymisationResult Pseudonymise(string provider, string recordId, IdentityCodeText identityCode, AgeDays days);
}

/// <summary>Either the client's register identity or the finding that says why there is none.</summary>
public readonly record struct PseudonymisationResult(ClientIdentity? Client, FindingDefinition? Error)
{
    public static PseudonymisationResult Success(ClientIdentity client) => new(client, null);

    public static PseudonymisationResult Failure(FindingDefinition error) => new(null, error);
}
