namespace Hilmo.Access;

/// <summary>What a key's holder may do.</summary>
public enum Role
{
    /// <summary>A provider's system: submits its own records and reads its own feedback.</summary>
    Submitter,

    /// <summary>THL's register keepers: everything.</summary>
    Register,

    /// <summary>Valvira and the regional agencies: aggregates of every provider, no record-level data.</summary>
    Supervisor,

    /// <summary>A researcher with a permit: permit-scoped extracts.</summary>
    Researcher,
}

/// <summary>
/// An access key as the register keeps it: never the secret, only who holds it and what it may do.
/// </summary>
/// <param name="Id">Public id of the key, part of the secret's text so the key is found without a search.</param>
/// <param name="Organisation">The holder's organisation; for a submitter, the provider code (<c>tuottaja</c>) it may submit for.</param>
/// <param name="Role">What the key may do.</param>
/// <param name="Name">A label for people (<c>"Apotti production"</c>).</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="RevokedAt">When it was revoked; a revoked key is refused.</param>
public sealed record AccessKey(string Id, string Organisation, Role Role, string Name, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A key just made, with the secret that is shown once and never stored.</summary>
public sealed record CreatedAccessKey(AccessKey Key, string Secret);

/// <summary>The register's access keys, stored only as hashes of their secrets.</summary>
public interface IAccessKeys
{
    /// <summary>The live key whose secret is <paramref name="secret"/>; null for an unknown, malformed or revoked one.</summary>
    AccessKey? Authenticate(string secret);

    CreatedAccessKey Create(string organisation, Role role, string name);

    /// <summary>Revokes a key; false when there is no key with that id.</summary>
    bool Revoke(string id);

    IReadOnlyList<AccessKey> List();
}
