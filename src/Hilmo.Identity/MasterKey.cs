using System.Security.Cryptography;

namespace Hilmo.Identity;

/// <summary>
/// The secret every provider's pseudonymisation key is derived from, in one or more numbered
/// versions so that a key can be rotated without losing the old one.
/// </summary>
/// <remarks>
/// The key material never leaves this assembly: there is no public accessor, and the value prints
/// only its version numbers. Get one from <see cref="MasterKeyFile"/> or, where a secret store
/// injects it, from <see cref="FromEnvironmentVariable"/>; which one is the operator's explicit
/// choice, never a silent fallback.
/// </remarks>
public sealed class MasterKey
{
    /// <summary>Bytes in one version of the key: 256 bits, the HMAC-SHA-256 block-safe size.</summary>
    public const int KeyLength = 32;

    /// <summary>The variable <see cref="FromEnvironmentVariable"/> reads unless told otherwise.</summary>
    public const string DefaultEnvironmentVariable = "HILMO_MASTER_KEY";

    private readonly SortedDictionary<int, byte[]> versions;

    internal MasterKey(IEnumerable<KeyValuePair<int, byte[]>> versions)
    {
        this.versions = [];
        foreach (var (version, material) in versions)
        {
            if (version < 1)
            {
                throw new MasterKeyException($"Master key version {version} is not a positive number.");
            }

            if (material.Length != KeyLength)
            {
                throw new MasterKeyException($"Master key version {version} is {material.Length} bytes; it must be {KeyLength}.");
            }

            if (!this.versions.TryAdd(version, material))
            {
                throw new MasterKeyException($"Master key version {version} is given twice.");
            }
        }

        if (this.versions.Count == 0)
        {
            throw new MasterKeyException("The master key has no versions.");
        }

        CurrentVersion = this.versions.Keys.Max();
    }

    /// <summary>The highest version: the one new pseudonyms are made with unless configured otherwise.</summary>
    public int CurrentVersion { get; }

    /// <summary>Every version held, in ascending order.</summary>
    public IReadOnlyCollection<int> Versions => versions.Keys;

    /// <summary>
    /// A random key that exists only in this process, for checking files without a register:
    /// identity codes are validated as always and the pseudonyms thrown away.
    /// </summary>
    public static MasterKey CreateEphemeral() => new([new(1, RandomNumberGenerator.GetBytes(KeyLength))]);

    /// <summary>
    /// Reads version 1 of the key from an environment variable holding the base64 of 32 bytes
    /// (for example <c>openssl rand -base64 32</c>), as container platforms and secret stores
    /// provide it.
    /// </summary>
    /// <exception cref="MasterKeyException">The variable is unset or does not hold exactly 32 bytes.</exception>
    public static MasterKey FromEnvironmentVariable(string name = DefaultEnvironmentVariable)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(value))
        {
            throw new MasterKeyException($"The environment variable {name} is not set. Set it to the base64 of {KeyLength} random bytes (openssl rand -base64 {KeyLength}), or use a key file.");
        }

        // One byte of room so that a value longer than a key is detected instead of truncated.
        var material = new byte[KeyLength + 1];
        if (!Convert.TryFromBase64String(value.Trim(), material, out var length) || length != KeyLength)
        {
            throw new MasterKeyException($"The environment variable {name} does not hold the base64 of exactly {KeyLength} bytes.");
        }

        var key = material[..KeyLength];
        CryptographicOperations.ZeroMemory(material);
        return new MasterKey([new KeyValuePair<int, byte[]>(1, key)]);
    }

    /// <summary>Only the version numbers, never key material.</summary>
    public override string ToString() => $"MasterKey (versions {string.Join(", ", versions.Keys)})";

    /// <exception cref="ArgumentOutOfRangeException">No such version.</exception>
    internal ReadOnlySpan<byte> Material(int version) =>
        versions.TryGetValue(version, out var material)
            ? material
            : throw new ArgumentOutOfRangeException(nameof(version), version, $"The master key has no version {version}; it has {string.Join(", ", versions.Keys)}.");
}
