using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Hilmo.Ingest;
using Hilmo.Notifications;
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
/// <para>Thread-safe; one instance serves every ingest worker.</para>
/// </remarks>
public sealed class ProviderPseudonymiser : IPseudonymiser, IDisposable
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

    private readonly MasterKey masterKey;
    private readonly ConcurrentDictionary<string, byte[]> providerKeys = new(StringComparer.Ordinal);
    private readonly ThreadLocal<Dictionary<string, IncrementalHash>> contexts = new(() => new(StringComparer.Ordinal), trackAllValues: true);
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
        AllowTemporaryCodes = options.AllowTemporaryCodes;
    }

    /// <summary>The master key version every pseudonym of this instance is made with.</summary>
    public int KeyVersion { get; }

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
            HashTemporary(provider, code, recordId, hash);
        }
        else
        {
            Span<byte> characters = stackalloc byte[IdentityCode.Length];
            code.WriteAscii(characters);
            Hmac(provider, characters, hash);
        }

        return PseudonymisationResult.Success(
            new ClientIdentity(Pseudonym.FromBytes(hash), KeyVersion, Ages(code, days), code.Sex, code.IsTemporary));
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
    private void HashTemporary(string provider, IdentityCode code, string recordId, Span<byte> hash)
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
            Hmac(provider, buffer[..length], hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>HMAC-SHA-256 of <paramref name="message"/> under the provider's key.</summary>
    private void Hmac(string provider, ReadOnlySpan<byte> message, Span<byte> hash)
    {
        var threadContexts = contexts.Value!;
        if (!threadContexts.TryGetValue(provider, out var context))
        {
            if (threadContexts.Count >= MaxContextsPerThread)
            {
                HMACSHA256.HashData(ProviderKey(provider), message, hash);
                return;
            }

            context = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, ProviderKey(provider));
            threadContexts.Add(provider, context);
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

    private ReadOnlySpan<byte> ProviderKey(string provider)
    {
        if (providerKeys.TryGetValue(provider, out var cached))
        {
            return cached;
        }

        // Two threads may derive the same key at once; the bytes are equal, so whichever copy
        // the dictionary keeps is right for both.
        var key = DeriveProviderKey(provider);
        if (Volatile.Read(ref cachedProviderCount) < MaxCachedProviders && providerKeys.TryAdd(provider, key))
        {
            Interlocked.Increment(ref cachedProviderCount);
        }

        return key;
    }

    /// <summary>
    /// Every pseudonym under which <paramref name="provider"/>'s records of the person with
    /// <paramref name="code"/> may be stored: one per key version the master key holds, so that
    /// a data-subject request finds versions made before and after a key rotation. None for a
    /// temporary code, whose pseudonyms belong to single records, not to a person.
    /// </summary>
    public IReadOnlyList<(int KeyVersion, Pseudonym Pseudonym)> StoredPseudonyms(string provider, IdentityCode code)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        if (code.IsTemporary)
        {
            return [];
        }

        Span<byte> characters = stackalloc byte[IdentityCode.Length];
        Span<byte> hash = stackalloc byte[Pseudonym.Length];
        code.WriteAscii(characters);
        var pseudonyms = new List<(int, Pseudonym)>();
        foreach (var version in masterKey.Versions)
        {
            HMACSHA256.HashData(DeriveProviderKey(provider, version), characters, hash);
            pseudonyms.Add((version, Pseudonym.FromBytes(hash)));
        }

        return pseudonyms;
    }

    private byte[] DeriveProviderKey(string provider) => DeriveProviderKey(provider, KeyVersion);

    private byte[] DeriveProviderKey(string provider, int keyVersion)
    {
        var providerBytes = Encoding.UTF8.GetBytes(provider);
        var info = new byte[ProviderKeyInfoLabel.Length + sizeof(int) + providerBytes.Length];
        ProviderKeyInfoLabel.CopyTo(info);
        BinaryPrimitives.WriteInt32BigEndian(info.AsSpan(ProviderKeyInfoLabel.Length), keyVersion);
        providerBytes.CopyTo(info, ProviderKeyInfoLabel.Length + sizeof(int));

        var key = new byte[MasterKey.KeyLength];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey.Material(keyVersion), key, ProviderKeySalt, info);
        return key;
    }
}
