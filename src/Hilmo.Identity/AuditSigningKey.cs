using System.Security.Cryptography;
using System.Text;
using Hilmo.Audit;

namespace Hilmo.Identity;

/// <summary>
/// The private key that signs the audit log's checkpoints (ECDSA P-256), kept in a PKCS#8 PEM file
/// readable by its owner only, apart from the log: whoever can rewrite the log cannot re-sign it
/// without also stealing this file.
/// </summary>
/// <remarks>
/// <see cref="LoadOrCreate"/> also writes the public half beside the key,
/// <c>audit-signing.pub</c> for <c>audit-signing.key</c>, which is all <c>hilmo audit verify</c>
/// needs. A copy of it kept elsewhere pins the key even against someone who can write this folder.
/// <see cref="RotateAsync"/> replaces the key: the log announces the new key in an entry signed by
/// the old one, and the old public half moves to <see cref="RetiredPublicKeysFolder"/>.
/// A key loaded from a file follows that file (<see cref="Refresh"/>), so a running server
/// signs with the rotated key from its next checkpoint on.
/// </remarks>
public sealed class AuditSigningKey : IAuditSigner, IDisposable
{
    private readonly Lock signing = new();
    private readonly string? path;
    private ECDsa key;
    private byte[] fileHash;

    private AuditSigningKey(ECDsa key, string? path, byte[] fileHash)
    {
        this.key = key;
        this.path = path;
        this.fileHash = fileHash;
        (KeyId, PublicKeyPem) = Describe(key);
    }

    /// <inheritdoc/>
    public string KeyId { get; private set; }

    /// <summary>The public half as a PEM <c>PUBLIC KEY</c>, for <see cref="AuditPublicKey.FromPem"/>.</summary>
    public string PublicKeyPem { get; private set; }

    /// <summary>Where <see cref="LoadOrCreate"/> puts the public half of the key at <paramref name="keyPath"/>.</summary>
    public static string PublicKeyPath(string keyPath) => Path.ChangeExtension(keyPath, ".pub");

    /// <summary>
    /// Where <see cref="RotateAsync"/> keeps the public halves of the keys before the key at
    /// <paramref name="keyPath"/>, one <c>KEY ID.pub</c> each: <c>audit-signing.retired/</c>.
    /// </summary>
    public static string RetiredPublicKeysFolder(string keyPath) => Path.ChangeExtension(keyPath, ".retired");

    /// <summary>
    /// Replaces the key at <paramref name="keyPath"/> with a new one, announced in the log at
    /// <paramref name="logPath"/> by an entry signed by the old key; the old public half is kept in
    /// <see cref="RetiredPublicKeysFolder"/> and the old private key is overwritten. Returns the new key's id.
    /// </summary>
    /// <exception cref="AuditSigningKeyException">There is no usable key at <paramref name="keyPath"/>.</exception>
    public static async Task<string> RotateAsync(string keyPath, string logPath, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyPath);
        keyPath = Path.GetFullPath(keyPath);
        var current = Load(keyPath);
        using var next = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var nextPublicKey = next.ExportSubjectPublicKeyInfo();
        await using var log = AuditLogFile.Open(logPath, current, timeProvider);
        await log.RotateKeyAsync(nextPublicKey, () =>
        {
            var retired = RetiredPublicKeysFolder(keyPath);
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(retired);
            }
            else
            {
                Directory.CreateDirectory(retired, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            WritePublicKey(Path.Combine(retired, current.KeyId + ".pub"), current.PublicKeyPem);
            var der = next.ExportPkcs8PrivateKey();
            var bytes = PemBytes(der);
            try
            {
                OwnerOnlyFile.Replace(keyPath, bytes);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(der);
                CryptographicOperations.ZeroMemory(bytes);
            }

            WritePublicKey(PublicKeyPath(keyPath), Describe(next).PublicKeyPem);
        }).ConfigureAwait(false);
        return AuditPublicKey.KeyIdOf(nextPublicKey);
    }

    /// <summary>
    /// Reads the key at <paramref name="path"/>, or, when there is none, makes a new one and writes
    /// it there (mode 0600, in a folder created with mode 0700 if missing), safely when several
    /// processes start at once; then makes sure its public half is in <see cref="PublicKeyPath"/>.
    /// </summary>
    /// <exception cref="AuditSigningKeyException">The file is readable by others or is not a P-256 private key.</exception>
    public static AuditSigningKey LoadOrCreate(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        path = Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            WriteNewKeyIfAbsent(path);
        }

        var signingKey = Load(path);
        try
        {
            WritePublicKey(PublicKeyPath(path), signingKey.PublicKeyPem);
            return signingKey;
        }
        catch
        {
            signingKey.Dispose();
            throw;
        }
    }

    /// <summary>Reads an existing key file.</summary>
    /// <exception cref="AuditSigningKeyException">The file is missing, readable by others, or not a P-256 private key.</exception>
    public static AuditSigningKey Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (OwnerOnlyFile.RefusalToRead(path, "audit signing key") is { } refusal)
        {
            throw new AuditSigningKeyException(refusal);
        }

        var bytes = File.ReadAllBytes(path);
        var fileHash = SHA256.HashData(bytes);
        return new AuditSigningKey(Import(path, bytes), Path.GetFullPath(path), fileHash);
    }

    /// <inheritdoc/>
    /// <remarks>Reads the key file again when its content changed, as after <see cref="RotateAsync"/>.</remarks>
    public void Refresh()
    {
        if (path is null || !File.Exists(path))
        {
            return;
        }

        var bytes = File.ReadAllBytes(path);
        try
        {
            var hash = SHA256.HashData(bytes);
            if (CryptographicOperations.FixedTimeEquals(hash, fileHash))
            {
                return;
            }

            if (OwnerOnlyFile.RefusalToRead(path, "audit signing key") is { } refusal)
            {
                throw new AuditSigningKeyException(refusal);
            }

            var replacement = Import(path, bytes);
            lock (signing)
            {
                var old = key;
                key = replacement;
                fileHash = hash;
                (KeyId, PublicKeyPem) = Describe(replacement);
                old.Dispose();
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static (string KeyId, string PublicKeyPem) Describe(ECDsa key)
    {
        var publicKey = key.ExportSubjectPublicKeyInfo();
        return (AuditPublicKey.KeyIdOf(publicKey), PemEncoding.WriteString("PUBLIC KEY", publicKey) + "\n");
    }

    private static byte[] PemBytes(byte[] pkcs8)
    {
        var pem = PemEncoding.Write("PRIVATE KEY", pkcs8);
        var bytes = new byte[pem.Length + 1];
        Encoding.ASCII.GetBytes(pem, bytes);
        bytes[^1] = (byte)'\n';
        Array.Clear(pem);
        return bytes;
    }

    private static ECDsa Import(string path, byte[] bytes)
    {
        var text = Encoding.ASCII.GetChars(bytes);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(text);
            if (key.ExportParameters(includePrivateParameters: false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                throw new CryptographicException("the key is not on the curve P-256");
            }

            return key;
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            key.Dispose();

            // The importer's message is passed on only as a reason: it names the PEM label or
            // the curve, never key material.
            throw new AuditSigningKeyException($"The file {path} is not a P-256 private key in PKCS#8 PEM ({exception.Message}).", exception);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            Array.Clear(text);
        }
    }

    /// <inheritdoc/>
    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        // An ECDsa object is not documented as safe to share between threads.
        lock (signing)
        {
            return key.SignData(data, HashAlgorithmName.SHA256);
        }
    }

    public void Dispose() => key.Dispose();

    /// <summary>Only the key id, never key material.</summary>
    public override string ToString() => $"AuditSigningKey {KeyId}";

    private static void WriteNewKeyIfAbsent(string path)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var der = key.ExportPkcs8PrivateKey();
        var pem = PemEncoding.Write("PRIVATE KEY", der);
        var bytes = new byte[pem.Length + 1];
        try
        {
            Encoding.ASCII.GetBytes(pem, bytes);
            bytes[^1] = (byte)'\n';
            OwnerOnlyFile.CreateIfAbsent(path, bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
            Array.Clear(pem);
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>
    /// Writes the public key unless the file already holds it. Its content follows from the
    /// private key, so processes racing here write the same bytes and a rename is enough.
    /// </summary>
    private static void WritePublicKey(string path, string pem)
    {
        if (File.Exists(path) && File.ReadAllText(path) == pem)
        {
            return;
        }

        var temporaryPath = $"{path}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp";
        File.WriteAllText(temporaryPath, pem);
        File.Move(temporaryPath, path, overwrite: true);
    }
}
