using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Hilmo.Ingest;
using Hilmo.Notifications;
using Hilmo.Storage;
using Hilmo.Validation;

namespace Hilmo.Identity;

/// <summary>
/// Turns an identity code into a pseudonym that links one provider's records of one person and
/// nothing else: HMAC-SHA-256 of the code under a key derived for that provider alone.
/// </summary>
/// <remarks>
/// <para>
/// Provider key = HKDF-SHA-256(master key, salt <c>hilmo/provider-key</c>, info binding the key
/// version and provider code). Without the master key nobody can recompute a pseudonym, which is
/// why an unkeyed hash would not do: the whole space of codes can be hashed in minutes.
/// </para>
/// <para>
/// Pseudonym = HMAC-SHA-256(provider key, the eleven ASCII characters of the code), century sign
/// included, so codes that differ only by the sign never share a pseudonym. A temporary code is
/// reused for different people, so its pseudonym is made from the code and the record id under a
/// separate label: a resent record keeps its pseudonym, two records never link.
/// </para>
/// <para>
/// <b>Key rotation: pseudonyms are chained across key versions.</b> The register never keeps an
/// identity code, so a stored pseudonym cannot be made again from the code under a new key.
/// Instead, with the master-key versions v1 &lt; v2 &lt; … &lt; vN held, the pseudonym of version vN is
/// </para>
/// <code>
/// P(v1) = HMAC-SHA-256(K(v1, provider), code)          (or the temporary-code message above)
/// P(vi) = HMAC-SHA-256(K(vi, provider), "hilmo re-keyed pseudonym\0" || P(v(i-1)))
/// </code>
/// <para>
/// where K(v, provider) is the HKDF provider key of version v. The chain's label is not a prefix
/// of an eleven-byte code nor of the temporary-code label, so a chained value is never an HMAC of
/// a code under the same key. With one version held the chain is P(v1): version 1 pseudonyms are
/// exactly what they were before rotation existed. A new submission computes the whole chain
/// from the code at once (<see cref="Pseudonymise"/>); the re-key job
/// (<see cref="IRegisterStore.RekeyAsync"/>) turns a stored P(v(i-1)) into P(vi) with
/// <see cref="Rekey"/>, without the code. So a person's records at one provider share one
/// pseudonym again once re-keyed, and a copy of the database plus a leaked old version no longer
/// lets anyone test identity codes against re-keyed rows: those need every version up to vN.
/// </para>
/// <para>
/// Old versions therefore stay in the key file: the chain starts at the oldest version held,
/// so a new submission needs every version to arrive at the value the re-keyed rows hold. What a
/// rotation protects is the database, not the key file: once re-keyed, no stored value opens
/// under any single old key. A version removed from the file breaks every link between records
/// stored before and after.
/// </para>
/// <para>Thread-safe; one instance serves every ingest worker.</para>
/// </remarks>
public sealed class ProviderPseudonymiser : IPseudonymiser, IPseudonymRekeyer, IDisposable
{
    // Each worker thread keeps a ready HMAC context per provider: a one-shot HMAC looks the
    // algorithm up in OpenSSL on every call, which costs more than the hash and serialises the
    // threads on OpenSSL's lock. A bounded number per thread; past it the one-shot call is used.
    private const int MaxContextsPerThread = 1_024;

    // Far above the number of providers in Finland; past it keys are derived per call rather than
    // letting a stream of made-up provider codes grow the cache without end.
    private const int MaxCachedProviders = 100_000;

    // A stack buffer for the temporary-code message covers any ordinary record id.
    private const int StackMessageLimit = 512;

    private static ReadOnlySpan<byte> ProviderKeySalt => "hilmo/provider-key"u8;

    private static ReadOnlySpan<byte> ProviderKeyInfoLabel => "hilmo provider key\0"u8;

    private static ReadOnlySpan<byte> TemporaryCodeLabel => "hilmo temporary identity code\0"u8;

    /// <summary>Starts the message of a chain step: one version's pseudonym made into the next's.</summary>
    private static ReadOnlySpan<byte> ChainLabel => "hilmo re-keyed pseudonym\0"u8;

    private readonly MasterKey masterKey;

    /// <summary>The versions held up to <see cref="KeyVersion"/>, ascending: the chain a new pseudonym goes through.</summary>
    private readonly int[] chain;
    private readonly ConcurrentDictionary<(string Provider, int Version), byte[]> providerKeys = new();
    private readonly ThreadLocal<Dictionary<(string Provider, int Version), IncrementalHash>> contexts = new(() => [], trackAllValues: true);
    private int cachedProviderCount;

    public ProviderPseudonymiser(MasterKey masterKey, ProviderPseudonymiserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        options ??= new ProviderPseudonymiserOptions();
        KeyVersion = options.KeyVersion ?? masterKey.CurrentVersion;
        if (!masterKey.Versions.Contains(KeyVersion))
        {
            throw new ArgumentException($"The master key has no version {KeyVersion}; it has {string.Join(", ", masterKey.Versions)}.", nameof(options));
        }

        this.masterKey = masterKey;
        chain = [.. masterKey.Versions.Where(v => v <= KeyVersion)];
        AllowTemporaryCodes = options.AllowTemporaryCodes;
    }

    /// <summary>The master key version every pseudonym of this instance is made with.</summary>
    public int KeyVersion { get; }

    /// <inheritdoc/>
    int IPseudonymRekeyer.CurrentVersion => KeyVersion;

    public bool AllowTemporaryCodes { get; }

    /// <inheritdoc/>
    /// <remarks>
    /// Findings, in the order checked: HETU-001…HETU-005 for a text that is not a valid code,
    /// HETU-006 for a temporary code when they are not allowed, HETU-007 for a birth date after
    /// the event's day. None of them quotes the code. The birth date itself goes no further than
    /// this method: the identity carries the ages on <paramref name="days"/> instead.
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// <paramref name="provider"/> is empty, or the code is temporary and <paramref name="recordId"/>
    /// is empty: both are the caller's bugs, as records without them fail validation first.
    /// </exception>
    public PseudonymisationResult Pseudonymise(string provider, string recordId, IdentityCodeText identityCode, AgeDays days)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        ArgumentNullException.ThrowIfNull(recordId);

        var parsed = IdentityCode.Parse(identityCode.Reveal());
        if (!parsed.TryGetValue(out var code))
        {
            return PseudonymisationResult.Failure(FindingFor(parsed.Error));
        }

        if (code.IsTemporary && !AllowTemporaryCodes)
        {
            return PseudonymisationResult.Failure(FindingCatalogue.IdentityCodeTemporary);
        }

        if (days.Event is { } date && code.BirthDate > date)
        {
            return PseudonymisationResult.Failure(FindingCatalogue.IdentityCodeBornAfterEvent);
        }

        Span<byte> hash = stackalloc byte[Pseudonym.Length];
        if (code.IsTemporary)
        {
            HashTemporary(provider, chain[0], code, recordId, hash);
        }
        else
        {
            HashPermanent(provider, chain[0], code, hash);
        }

        for (var i = 1; i < chain.Length; i++)
        {
            Step(provider, chain[i], hash);
        }

        return PseudonymisationResult.Success(
            new ClientIdentity(Pseudonym.FromBytes(hash), KeyVersion, Ages(code, days), code.Sex, code.IsTemporary));
    }

    /// <summary>
    /// Every pseudonym under which a person's records at <paramref name="provider"/> may be
    /// stored: one per master-key version held, in ascending order, each the chain up to that
    /// version. A version not yet re-keyed holds the value of its own <c>key_version</c>; a re-keyed
    /// one the value of the current version. For the subject requests: no mapping table is needed.
    /// </summary>
    /// <returns>Empty for a temporary code: its pseudonyms are bound to single records and link nothing.</returns>
    public IReadOnlyList<(int KeyVersion, Pseudonym Pseudonym)> StoredPseudonyms(string provider, IdentityCode code)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        if (code.IsTemporary)
        {
            return [];
        }

        var versions = masterKey.Versions.ToArray();
        var result = new List<(int, Pseudonym)>(versions.Length);
        Span<byte> hash = stackalloc byte[Pseudonym.Length];
        HashPermanent(provider, versions[0], code, hash);
        result.Add((versions[0], Pseudonym.FromBytes(hash)));
        for (var i = 1; i < versions.Length; i++)
        {
            Step(provider, versions[i], hash);
            result.Add((versions[i], Pseudonym.FromBytes(hash)));
        }

        return result;
    }

    /// <inheritdoc/>
    /// <remarks>One chain step for each version held above <paramref name="storedVersion"/> up to <see cref="KeyVersion"/>.</remarks>
    public Pseudonym Rekey(string provider, int storedVersion, Pseudonym stored)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        if (storedVersion >= KeyVersion)
        {
            throw new ArgumentOutOfRangeException(nameof(storedVersion), storedVersion, $"A pseudonym of key version {storedVersion} is not older than version {KeyVersion}.");
        }

        Span<byte> hash = stackalloc byte[Pseudonym.Length];
        stored.WriteTo(hash);
        foreach (var version in chain)
        {
            if (version > storedVersion)
            {
                Step(provider, version, hash);
            }
        }

        return Pseudonym.FromBytes(hash);
    }

    /// <summary>
    /// The client's ages on the record's days; none on an arrival day before the birth, which the
    /// caller reports. A service event keeps its year's end age too (its birth cohort), unless
    /// the event is before the birth.
    /// </summary>
    private static ClientAges Ages(IdentityCode code, AgeDays days)
    {
        var atEvent = days.Event is { } day ? code.AgeOn(day) : (int?)null;
        if (days.Arrival is null)
        {
            return days.Event is { } eventDay && eventDay >= code.BirthDate
                ? new ClientAges(atEvent, AtEventYearEnd: code.AgeOn(new DateOnly(eventDay.Year, 12, 31)))
                : new ClientAges(atEvent);
        }

        if (days.Arrival is not { } arrival || arrival < code.BirthDate)
        {
            return new ClientAges(atEvent);
        }

        return new ClientAges(atEvent, code.AgeOn(arrival), code.AgeOn(new DateOnly(arrival.Year, 12, 31)));
    }

    /// <summary>Only the settings, never key material.</summary>
    public override string ToString() =>
        $"ProviderPseudonymiser (key version {KeyVersion}, temporary codes {(AllowTemporaryCodes ? "allowed" : "refused")})";

    private static FindingDefinition FindingFor(IdentityCodeError error) => error switch
    {
        IdentityCodeError.CenturySign => FindingCatalogue.IdentityCodeCenturySign,
        IdentityCodeError.Date => FindingCatalogue.IdentityCodeDate,
        IdentityCodeError.IndividualNumber => FindingCatalogue.IdentityCodeIndividualNumber,
        IdentityCodeError.CheckCharacter => FindingCatalogue.IdentityCodeCheckCharacter,
        _ => FindingCatalogue.IdentityCodeFormat,
    };

    // The message starts with a label that a permanent code's message (exactly eleven bytes)
    // can never start with, so a temporary pseudonym cannot equal any permanent one; the record
    // id follows the fixed-length code, which keeps the encoding unambiguous.
    private void HashTemporary(string provider, int version, IdentityCode code, string recordId, Span<byte> hash)
    {
        if (recordId.Length == 0)
        {
            throw new ArgumentException("A temporary identity code is bound to its record, so the record id is required.", nameof(recordId));
        }

        var maxLength = TemporaryCodeLabel.Length + IdentityCode.Length + Encoding.UTF8.GetMaxByteCount(recordId.Length);
        byte[]? rented = null;
        var buffer = maxLength <= StackMessageLimit
            ? stackalloc byte[StackMessageLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(maxLength));
        try
        {
            TemporaryCodeLabel.CopyTo(buffer);
            var length = TemporaryCodeLabel.Length;
            code.WriteAscii(buffer.Slice(length, IdentityCode.Length));
            length += IdentityCode.Length;
            length += Encoding.UTF8.GetBytes(recordId, buffer[length..]);
            Hmac(provider, version, buffer[..length], hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The first link of a permanent code's chain: HMAC of its eleven ASCII characters.</summary>
    private void HashPermanent(string provider, int version, IdentityCode code, Span<byte> hash)
    {
        Span<byte> characters = stackalloc byte[IdentityCode.Length];
        code.WriteAscii(characters);
        Hmac(provider, version, characters, hash);
    }

    /// <summary>One chain step: <paramref name="hash"/>, the previous version's pseudonym, becomes <paramref name="version"/>'s.</summary>
    private void Step(string provider, int version, Span<byte> hash)
    {
        Span<byte> message = stackalloc byte[ChainLabel.Length + Pseudonym.Length];
        ChainLabel.CopyTo(message);
        hash.CopyTo(message[ChainLabel.Length..]);
        Hmac(provider, version, message, hash);
    }

    /// <summary>HMAC-SHA-256 of <paramref name="message"/> under the provider's key of <paramref name="version"/>.</summary>
    private void Hmac(string provider, int version, ReadOnlySpan<byte> message, Span<byte> hash)
    {
        var threadContexts = contexts.Value!;
        if (!threadContexts.TryGetValue((provider, version), out var context))
        {
            if (threadContexts.Count >= MaxContextsPerThread)
            {
                HMACSHA256.HashData(ProviderKey(provider, version), message, hash);
                return;
            }

            context = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, ProviderKey(provider, version));
            threadContexts.Add((provider, version), context);
        }

        context.AppendData(message);
        context.GetHashAndReset(hash);
    }

    /// <summary>Frees the native HMAC contexts of every thread.</summary>
    public void Dispose()
    {
        foreach (var threadContexts in contexts.Values)
        {
            foreach (var context in threadContexts.Values)
            {
                context.Dispose();
            }
        }

        contexts.Dispose();
    }

    private ReadOnlySpan<byte> ProviderKey(string provider, int version)
    {
        if (providerKeys.TryGetValue((provider, version), out var cached))
        {
            return cached;
        }

        // Two threads may derive the same key at once; the bytes are equal, so whichever copy
        // the dictionary keeps is right for both.
        var key = DeriveProviderKey(provider, version);
        if (Volatile.Read(ref cachedProviderCount) < MaxCachedProviders && providerKeys.TryAdd((provider, version), key))
        {
            Interlocked.Increment(ref cachedProviderCount);
        }

        return key;
    }

    private byte[] DeriveProviderKey(string provider, int version)
    {
        var providerBytes = Encoding.UTF8.GetBytes(provider);
        var info = new byte[ProviderKeyInfoLabel.Length + sizeof(int) + providerBytes.Length];
        ProviderKeyInfoLabel.CopyTo(info);
        BinaryPrimitives.WriteInt32BigEndian(info.AsSpan(ProviderKeyInfoLabel.Length), version);
        providerBytes.CopyTo(info, ProviderKeyInfoLabel.Length + sizeof(int));

        var key = new byte[MasterKey.KeyLength];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey.Material(version), key, ProviderKeySalt, info);
        return key;
    }
}
