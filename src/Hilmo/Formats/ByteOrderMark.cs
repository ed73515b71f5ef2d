namespace Hilmo.Formats;

/// <summary>What the first bytes of a body say about its encoding.</summary>
internal static class ByteOrderMark
{
    private static ReadOnlySpan<byte> Utf8 => [0xEF, 0xBB, 0xBF];

    private static ReadOnlySpan<byte> Utf16LittleEndian => [0xFF, 0xFE];

    private static ReadOnlySpan<byte> Utf16BigEndian => [0xFE, 0xFF];

    /// <summary>Bytes needed to decide.</summary>
    public const int Length = 3;

    /// <summary>Length of a UTF-8 mark to skip, 0 for none, -1 for a UTF-16 body the register does not read.</summary>
    public static int Inspect(ReadOnlySpan<byte> start) =>
        start.StartsWith(Utf8) ? Utf8.Length
        : start.StartsWith(Utf16LittleEndian) || start.StartsWith(Utf16BigEndian) ? -1
        : 0;
}
