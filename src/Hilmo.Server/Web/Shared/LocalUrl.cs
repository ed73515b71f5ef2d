namespace Hilmo.Server.Web.Shared;

/// <summary>
/// Addresses the pages send a browser back to when they come from the request (a sign-in's
/// <c>returnUrl</c>, the language links): only a path on this site, never another site.
/// </summary>
/// <remarks>
/// Browsers forgive a great deal: they drop tabs and line ends from an address, read <c>\</c> as
/// <c>/</c>, and take <c>//host</c> or <c>/\host</c> for another site. So the address is checked as
/// sent and again after each round of percent-decoding (a server or proxy further on may decode
/// it once more): printable ASCII only as sent, no control character and no backslash once decoded,
/// and a single <c>/</c> first that is not followed by another <c>/</c> or <c>\</c>. Anything else is
/// refused, and the caller falls back to its own page.
/// </remarks>
public static class LocalUrl
{
    /// <summary>Longer return addresses are not ours: the pages never make one this long.</summary>
    public const int MaxLength = 2048;

    /// <summary><paramref name="url"/> when it is a path on this site (other than the bare root), else null.</summary>
    public static string? OrNull(string? url)
    {
        if (url is not { Length: > 1 and <= MaxLength } || url.AsSpan().ContainsAnyExceptInRange((char)0x21, (char)0x7E))
        {
            return null;
        }

        var text = url;
        for (var round = 0; round < 4; round++)
        {
            if (!IsSafePath(text))
            {
                return null;
            }

            string decoded;
            try
            {
                decoded = Uri.UnescapeDataString(text);
            }
            catch (UriFormatException)
            {
                return null;
            }

            if (decoded == text)
            {
                return url;
            }

            text = decoded;
        }

        // Still decoding after four rounds: no page of ours is encoded that deep.
        return null;
    }

    private static bool IsSafePath(string text) =>
        text.Length > 1
        && text[0] == '/'
        && text[1] is not ('/' or '\\')
        && !text.Contains('\\', StringComparison.Ordinal)
        && !text.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format
            or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator);
}
