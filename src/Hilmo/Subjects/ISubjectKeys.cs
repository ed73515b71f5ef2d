using System.Diagnostics.CodeAnalysis;
using Hilmo.Notifications;
using Hilmo.Storage;

namespace Hilmo.Subjects;

/// <summary>
/// The keyed names of one person for a data-subject request, made where the master key is
/// (<c>Hilmo.Identity</c>) from an identity code that goes no further: this side sees
/// pseudonyms and tags, never the code.
/// </summary>
public interface ISubjectKeys
{
    /// <summary>
    /// The tag the request is logged under (<c>subject/TAG</c>): a keyed hash of the person under
    /// the current key version, so that a later request of the same person finds this one and
    /// nobody without the key can tell whose request it was.
    /// </summary>
    string RequestTag { get; }

    /// <summary>The person's tags under every key version held: how the requests made before a key rotation are found.</summary>
    IReadOnlyCollection<string> RequestTags { get; }

    /// <summary>The person's pseudonyms under every key version of each of <paramref name="providers"/>.</summary>
    IReadOnlyList<ClientKey> ClientKeys(IReadOnlyCollection<string> providers);
}

/// <summary>Derives a person's <see cref="ISubjectKeys"/> from their identity code, where the master key is.</summary>
public interface ISubjectKeySource
{
    /// <summary>
    /// The person's keys, or why there are none: a text that is not a valid identity code, or a
    /// temporary code, which stands for a record rather than a person. The error never quotes the code.
    /// </summary>
    bool TryDerive(IdentityCodeText identityCode, [NotNullWhen(true)] out ISubjectKeys? keys, [NotNullWhen(false)] out string? error);
}
