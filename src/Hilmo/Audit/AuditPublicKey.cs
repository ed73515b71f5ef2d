using System.Security.Cryptography;

namespace Hilmo.Audit;

/// <summary>
/// The public half of the audit log's signing key: all that checking a checkpoint needs, so the
/// log can be verified by someone who holds no secret.
/// </summary>
public sealed class AuditPublicKey : IDisposable
{
    private readonly ECDsa key;

    private AuditPublicKey(ECDsa key, byte[] subjectPublicKeyInfo)
    {
        this.key = key;
        KeyId = KeyIdOf(subjectPublicKeyInfo);
    }

    /// <summary>
    /// The first 16 bytes, in lowercase hex, of SHA-256 over the key's DER SubjectPublicKeyInfo:
    /// short enough to read, long enough that nobody makes a second key with the same id.
    /// </summary>
    public string KeyId { get; }

    /// <summary>The id of the key whose DER SubjectPublicKeyInfo is <paramref name="subjectPublicKeyInfo"/>.</summary>
    public static string KeyIdOf(ReadOnlySpan<byte> subjectPublicKeyInfo) =>
        Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo)[..16]);

    /// <summary>Reads a PEM <c>PUBLIC KEY</c> (SubjectPublicKeyInfo) of a P-256 key.</summary>
    /// <exception cref="InvalidDataException">The text is not such a key.</exception>
    public static AuditPublicKey FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            return FromKey(key);
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new InvalidDataException($"Not a PEM public key of the audit log: {exception.Message}", exception);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Reads a DER SubjectPublicKeyInfo of a P-256 key, as a <c>key</c> entry of the log announces it.</summary>
    /// <exception cref="InvalidDataException">The bytes are not such a key.</exception>
    public static AuditPublicKey FromSubjectPublicKeyInfo(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
            return FromKey(key);
        }
        catch (CryptographicException exception)
        {
            key.Dispose();
            throw new InvalidDataException($"Not a public key of the audit log: {exception.Message}", exception);
        }
    }

    /// <summary>Reads the PEM file written beside the signing key.</summary>
    /// <exception cref="InvalidDataException">The file does not hold a P-256 public key.</exception>
    public static AuditPublicKey Load(string path)
    {
        try
        {
            return FromPem(File.ReadAllText(path));
        }
        catch (InvalidDataException exception)
        {
            throw new InvalidDataException($"{path}: {exception.Message}", exception);
        }
    }

    /// <summary>True when <paramref name="signature"/> (r ‖ s) is this key's signature of <paramref name="data"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        key.VerifyData(data, signature, HashAlgorithmName.SHA256);

    public void Dispose() => key.Dispose();

    private static AuditPublicKey FromKey(ECDsa key)
    {
        // A checkpoint's strength is the curve's; a key of another curve or size is a mistake
        // of the file, not something to accept quietly.
        var parameters = key.ExportParameters(includePrivateParameters: false);
        if (parameters.Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            throw new CryptographicException("The key is not on the curve P-256.");
        }

        return new AuditPublicKey(key, key.ExportSubjectPublicKeyInfo());
    }
}
