namespace Hilmo.Notifications;

/// <summary>
/// Asks the identity boundary whether a text holds anything shaped like a personal identity code,
/// for the readers, which refuse such a text in any field but the client's own (HETU-008).
/// </summary>
/// <remarks>
/// Only <c>Hilmo.Identity</c> reads identity codes, and it depends on this assembly, not the other
/// way round; so its <c>IdentityCodeShape</c> is found by name once, when first needed. It ships
/// with every program that reads submissions; a program without it fails at its first record
/// rather than letting identity codes through unchecked.
/// </remarks>
public static class IdentityCodeShapes
{
    /// <summary>Characters in an identity code: a shorter text cannot hold one.</summary>
    public const int Length = 11;

    private static readonly CharCheck CheckChars;
    private static readonly ByteCheck CheckBytes;

    static IdentityCodeShapes()
    {
        var type = Type.GetType("Hilmo.Identity.IdentityCodeShape, Hilmo.Identity", throwOnError: true)!;
        CheckChars = type.GetMethod("Contains", [typeof(ReadOnlySpan<char>)])!.CreateDelegate<CharCheck>();
        CheckBytes = type.GetMethod("Contains", [typeof(ReadOnlySpan<byte>)])!.CreateDelegate<ByteCheck>();
    }

    private delegate bool CharCheck(ReadOnlySpan<char> text);

    private delegate bool ByteCheck(ReadOnlySpan<byte> utf8);

    /// <summary>True when some eleven characters of <paramref name="text"/> are shaped like an identity code.</summary>
    public static bool Contains(ReadOnlySpan<char> text) => text.Length >= Length && CheckChars(text);

    /// <summary>The same for UTF-8 text.</summary>
    public static bool Contains(ReadOnlySpan<byte> utf8) => utf8.Length >= Length && CheckBytes(utf8);
}
