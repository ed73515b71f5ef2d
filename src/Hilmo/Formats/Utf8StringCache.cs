using System.IO.Hashing;
using System.Text;

namespace Hilmo.Formats;

/// <summary>
/// Turns short UTF-8 values into strings without allocating the same string again and again:
/// codes such as <c>T11</c>, <c>R10</c> or a unit's OID recur in almost every record. A small
/// direct-mapped table, so a value that is not repeated only costs one comparison.
/// </summary>
/// <remarks>
/// Not thread-safe: one per parser. Never used for identity codes or record ids, which must not
/// linger in memory and do not repeat anyway.
/// </remarks>
internal sealed class Utf8StringCache
{
    public const int MaxLength = 64;
    private const int Slots = 4096;

    private readonly byte[]?[] keys = new byte[Slots][];
    private readonly string?[] values = new string[Slots];

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        var slot = (int)(XxHash3.HashToUInt64(utf8) & (Slots - 1));
        if (keys[slot] is { } key && utf8.SequenceEqual(key))
        {
            return values[slot]!;
        }

        var value = Encoding.UTF8.GetString(utf8);
        keys[slot] = utf8.ToArray();
        values[slot] = value;
        return value;
    }
}
