using Hilmo.Notifications;
using Hilmo.Validation;

namespace Hilmo.Ingest;

/// <summary>
/// Replaces a client's identity code with what the register may keep: a provider-specific
/// pseudonym, birth year and sex. Implemented behind the identity boundary
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
    /// <param name="eventDate">The event's date, to refuse a client born after it; null when unknown.</param>
    PseudonymisationResult Pseudonymise(string provider, string recordId, IdentityCodeText identityCode, DateOnly? eventDate);
}

/// <summary>Either the client's register identity or the finding that says why there is none.</summary>
public readonly record struct PseudonymisationResult(ClientIdentity? Client, FindingDefinition? Error)
{
    public static PseudonymisationResult Success(ClientIdentity client) => new(client, null);

    public static PseudonymisationResult Failure(FindingDefinition error) => new(null, error);
}
