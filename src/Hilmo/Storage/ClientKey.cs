using Hilmo.Notifications;

namespace Hilmo.Storage;

/// <summary>How one person is stored by one provider under one key version: the only way the register can name a person.</summary>
/// <param name="Provider">The provider code (<c>tuottaja</c>) whose key made the pseudonym.</param>
/// <param name="KeyVersion">The master-key version the pseudonym was made or re-keyed with.</param>
/// <param name="Pseudonym">The pseudonym as stored.</param>
public readonly record struct ClientKey(string Provider, int KeyVersion, Pseudonym Pseudonym);

/// <summary>A stored version about a client: which record it is a version of, and the version's id.</summary>
public sealed record ClientVersion(string Provider, string RecordId, long VersionId);
