using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Hilmo.Access;

/// <summary>
/// The text of a secret: <c>hilmo_</c>, the key's id, <c>_</c>, and 43 base64url characters of
/// 32 random bytes (<c>hilmo_k7fq2mza_3vQ…</c>). The id inside lets the register find the key
/// with one lookup; the prefix lets people and secret scanners recognise a leaked key.
/// </summary>
/// <remarks>
/// A secret holds 256 random bits, so one SHA-256 is enough to keep it: nobody can guess it from
/// its hash, and a slow password hash would only slow every request down.
/// </remarks>
internal static class AccessKeySecret
{
    public const string Prefix = "hilmo_";

    /// <summary>Characters of an id: base32, lower case, none that a font confuses with another (no 0, 1, 8, 9).</summary>
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>40 bits: ids are unique within one register, which is checked when a key is made.</summary>
    public const int IdLength = 8;

    private const int RandomBytes = 32;

    /// <summary>Base64url of 32 bytes, without padding.</summary>
    private const int RandomTextLength = 43;

    public static readonly int Length = Prefix.Length + IdLength + 1 + RandomTextLength;

    public static string NewId() => RandomNumberGenerator.GetString(IdAlphabet, IdLength);

    public static string New(string id)
    {
        Span<byte> random = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(random);
        try
        {
            return $"{Prefix}{id}_{Base64Url.EncodeToString(random)}";
        }
        finally
        {
            CryptographicOperations.ZeroMemory(random);
        }
    }

    /// <summary>The id a secret names; false when the text cannot be a secret at all.</summary>
    public static bool TryGetId(string secret, out ReadOnlySpan<char> id)
    {
        id = default;
        if (secret.Length != Length || !secret.StartsWith(Prefix, StringComparison.Ordinal) || secret[Prefix.Length + IdLength] != '_')
        {
            return false;
        }

        id = secret.AsSpan(Prefix.Length, IdLength);
        return true;
    }

    /// <summary>The SHA-256 of the secret's text; false when it is not ASCII, which no secret is.</summary>
    public static bool TryHash(string secret, Span<byte> hash)
    {
        Span<byte> text = stackalloc byte[Length];
        if (secret.Length != Length || Ascii.FromUtf16(secret, text, out _) != OperationStatus.Done)
        {
            return false;
        }

        SHA256.HashData(text, hash);
        CryptographicOperations.ZeroMemory(text);
        return true;
    }

    public static byte[] Hash(string secret)
    {
        var hash = new byte[SHA256.HashSizeInBytes];
        return TryHash(secret, hash) ? hash : throw new ArgumentException("Not the text of a secret.", nameof(secret));
    }
}
