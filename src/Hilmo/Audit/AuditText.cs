using System.Globalization;
using System.Text;

namespace Hilmo.Audit;

/// <summary>
/// Makes a field of an <see cref="AuditEvent"/> safe to log: no character that could break a line,
/// fake an entry or hide text from the person reading the log, and a bounded length.
/// </summary>
/// <remarks>
/// Fields can carry what a client sent (an address, a header), so bad text is repaired, not
/// refused: an event that cannot be logged would be worse than one with a replaced character.
/// </remarks>
public static class AuditText
{
    /// <summary>Ends a field that was cut to the longest length.</summary>
    public const string TruncationMarker = "…[truncated]";

    /// <summary>What a forbidden character is replaced with.</summary>
    public const char Replacement = '\uFFFD';

    /// <summary>
    /// <paramref name="value"/> with every control character (C0, DEL, C1), line or paragraph
    /// separator, bidirectional override and unpaired surrogate replaced by U+FFFD, and cut to
    /// <paramref name="maxLength"/> characters, marker included.
    /// </summary>
    public static string Clean(string? value, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, TruncationMarker.Length + 1);
        value ??= string.Empty;
        var truncate = value.Length > maxLength;
        var keep = truncate ? maxLength - TruncationMarker.Length : value.Length;

        // Never end the kept part between the two halves of a surrogate pair.
        if (truncate && char.IsHighSurrogate(value[keep - 1]))
        {
            keep--;
        }

        StringBuilder? cleaned = null;
        for (var i = 0; i < keep; i++)
        {
            var c = value[i];
            var paired = char.IsHighSurrogate(c) && i + 1 < keep && char.IsLowSurrogate(value[i + 1]);
            if (paired)
            {
                cleaned?.Append(c).Append(value[i + 1]);
                i++;
                continue;
            }

            if (IsForbidden(c))
            {
                cleaned ??= new StringBuilder(value, 0, i, keep + TruncationMarker.Length);
                cleaned.Append(Replacement);
            }
            else
            {
                cleaned?.Append(c);
            }
        }

        if (!truncate)
        {
            return cleaned?.ToString() ?? value;
        }

        return (cleaned?.ToString() ?? value[..keep]) + TruncationMarker;
    }

    private static bool IsForbidden(char c) =>
        char.IsSurrogate(c)
        || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069'
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
