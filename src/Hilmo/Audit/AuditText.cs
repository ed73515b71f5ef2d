using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Hilmo.Audit;

/// <summary>
/// Makes a field of an <see cref="AuditEvent"/> safe to log: no identity code, no character that
/// could break a line, fake an entry or hide text from the person reading the log, and a bounded length.
/// </summary>
/// <remarks>
/// Fields can carry what a client or an operator wrote (an address, a file name, an organisation),
/// so bad text is repaired, not refused: an event that cannot be logged would be worse than one
/// with a replaced character. Text of an identity code's shape is masked whatever field it is in,
/// so the log holds none even when a file is named after a person; the shape is all that is
/// looked at (no code is parsed or checked here, as only the identity boundary does that).
/// </remarks>
public static partial class AuditText
{
    /// <summary>Stands where text of an identity code's shape was.</summary>
    public const string MaskedIdentityCode = "[identity code masked]";

    /// <summary>Ends a field that was cut to the longest length.</summary>
    public const string TruncationMarker = "…[truncated]";

    /// <summary>What a forbidden character is replaced with.</summary>
    public const char Replacement = '\uFFFD';

    /// <summary>
    /// <paramref name="value"/> with text of an identity code's shape replaced by
    /// <see cref="MaskedIdentityCode"/>, every control character (C0, DEL, C1), line or paragraph
    /// separator, bidirectional override and unpaired surrogate replaced by U+FFFD, and cut to
    /// <paramref name="maxLength"/> characters, marker included.
    /// </summary>
    public static string Clean(string? value, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, TruncationMarker.Length + 1);
        value ??= string.Empty;
        if (IdentityCodeShape().IsMatch(value))
        {
            value = IdentityCodeShape().Replace(value, MaskedIdentityCode);
        }

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

    /// <summary>
    /// DDMMYY, a century sign (<c>+</c>, <c>-</c>, <c>U</c>–<c>Y</c>, <c>A</c>–<c>F</c>), three
    /// digits and a check character, in either case and not within a longer run of digits: a valid
    /// code, a mistyped one or a temporary one alike.
    /// </summary>
    [GeneratedRegex(@"(?<![0-9])[0-9]{6}[-+A-FU-Ya-fu-y][0-9]{3}[0-9A-Za-z]", RegexOptions.CultureInvariant)]
    private static partial Regex IdentityCodeShape();
}
