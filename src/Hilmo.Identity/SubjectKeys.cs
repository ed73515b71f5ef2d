using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Hilmo.Notifications;
using Hilmo.Storage;
using Hilmo.Subjects;

namespace Hilmo.Identity;

/// <summary>
/// One person's keyed names for a data-subject request, made from their identity code, which
/// goes no further than this object and is not kept by it: the pseudonyms under every provider
/// key and key version (<see cref="ProviderPseudonymiser.StoredPseudonyms"/>), and the request
/// tag the audit log names the request by.
/// </summary>
/// <remarks>
/// <para>
/// Tag = the first 16 bytes of HMAC-SHA-256(K, code) in hexadecimal, K = HKDF-SHA-256(master key
/// version, salt <c>hilmo/subject-request</c>, info binding the version). A key of its own, so
/// that a tag is no provider's pseudonym and links to no record.
/// </para>
/// <para>
/// The hexadecimal is written in groups of four joined by dashes. Plain hexadecimal has an
/// identity code's shape (six digits, a letter a–f, three digits, one more) in about one tag in
/// ten, and the audit log masks that shape, so the person's earlier requests would never be found
/// again; four digits in a row at most can never have that shape.
/// </para>
/// </remarks>
internal sealed class SubjectKeys : ISubjectKeys
{
    private const int TagLength = 16;

    private const int TagGroupLength = 4;

    private static ReadOnlySpan<byte> TagKeySalt => "hilmo/subject-request"u8;

    private static ReadOnlySpan<byte> TagKeyInfoLabel => "hilmo subject request tag\0"u8;

    private readonly ProviderPseudonymiser pseudonymiser;
    private readonly IdentityCode code;
    private readonly Dictionary<int, string> tags;

    public SubjectKeys(MasterKey masterKey, IdentityCode code)
    {
        pseudonymiser = new ProviderPseudonymiser(masterKey);
        this.code = code;
        tags = masterKey.Versions.ToDictionary(v => v, v => Tag(masterKey, v, code));
        RequestTag = tags[masterKey.CurrentVersion];
    }

    public string RequestTag { get; }

    public IReadOnlyCollection<string> RequestTags => tags.Values;

    public IReadOnlyList<ClientKey> ClientKeys(IReadOnlyCollection<string> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        return [.. providers.SelectMany(p => pseudonymiser.StoredPseudonyms(p, code).Select(s => new ClientKey(p, s.KeyVersion, s.Pseudonym)))];
    }

    /// <summary>Only that it is one, never the code.</summary>
    public override string ToString() => "SubjectKeys (one person)";

    private static string Tag(MasterKey masterKey, int version, IdentityCode code)
    {
        Span<byte> info = stackalloc byte[TagKeyInfoLabel.Length + sizeof(int)];
        TagKeyInfoLabel.CopyTo(info);
        BinaryPrimitives.WriteInt32BigEndian(info[TagKeyInfoLabel.Length..], version);
        Span<byte> key = stackalloc byte[MasterKey.KeyLength];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey.Material(version), key, TagKeySalt, info);
        Span<byte> characters = stackalloc byte[IdentityCode.Length];
        code.WriteAscii(characters);
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(key, characters, hash);
        return string.Join('-', Convert.ToHexStringLower(hash[..TagLength]).Chunk(TagGroupLength).Select(g => new string(g)));
    }
}

/// <summary>Makes <see cref="SubjectKeys"/> under the register's master key.</summary>
public sealed class SubjectKeySource(MasterKey masterKey) : ISubjectKeySource
{
    public bool TryDerive(IdentityCodeText identityCode, [NotNullWhen(true)] out ISubjectKeys? keys, [NotNullWhen(false)] out string? error)
    {
        keys = null;
        var parsed = IdentityCode.Parse(identityCode.Reveal());
        if (!parsed.TryGetValue(out var code))
        {
            error = $"That is not a valid identity code ({parsed.Error}).";
            return false;
        }

        if (code.IsTemporary)
        {
            error = "A temporary identity code is reused for different people, so records under it cannot be attributed to one person; use the person's permanent identity code.";
            return false;
        }

        error = null;
        keys = new SubjectKeys(masterKey, code);
        return true;
    }

    /// <summary>Only the key's versions, never material.</summary>
    public override string ToString() => $"SubjectKeySource ({masterKey})";
}
