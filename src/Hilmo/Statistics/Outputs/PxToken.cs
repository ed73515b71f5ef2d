namespace Hilmo.Statistics.Outputs;

/// <summary>One item of a PX keyword's value: a quoted text, or a bare number or word such as <c>TLIST(M1)</c>.</summary>
internal readonly record struct PxToken(string Content, bool IsQuoted)
{
    /// <summary>The token as written.</summary>
    public string Text => IsQuoted ? '"' + Content + '"' : Content;

    public static PxToken Quoted(string text) => new(Clean(text), true);

    public static PxToken Bare(string text) => new(text, false);

    /// <summary>
    /// A PX text has no escape for a quotation mark, so one becomes the typographic quotation
    /// mark Finnish and Swedish use (”); line breaks and tabs become spaces.
    /// </summary>
    public static string Clean(string text) => text
        .Replace('"', '”')
        .Replace("\r\n", " ", StringComparison.Ordinal)
        .Replace('\r', ' ')
        .Replace('\n', ' ')
        .Replace('\t', ' ');
}
