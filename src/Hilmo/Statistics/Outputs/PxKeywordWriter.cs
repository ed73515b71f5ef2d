using System.Globalization;
using System.Text;

namespace Hilmo.Statistics.Outputs;

/// <summary>
/// Writes PX keywords (<c>KEYWORD[lang]("subkey")=value;</c>) in lines no longer than the
/// format allows. A list is broken after a comma; a text too long for a line is broken into
/// quoted pieces on lines of their own, which a PX reader joins without adding anything, so the
/// break is made after a space and the space kept.
/// </summary>
/// <remarks>
/// The length is counted in UTF-8 bytes, which is never less than the characters the
/// specification counts, so the limit holds for readers that count either.
/// </remarks>
internal sealed class PxKeywordWriter(TextWriter output)
{
    /// <summary>The longest line the PX format allows.</summary>
    public const int MaxLineLength = 256;

    /// <summary>A line this short after a keyword's head is not worth starting a text on.</summary>
    private const int ShortestPiece = 8;

    private readonly StringBuilder line = new();

    public Task TextAsync(string keyword, string? language, string text) => TextAsync(keyword, language, [], text);

    public Task TextAsync(string keyword, string? language, IReadOnlyList<string> subkeys, string text) =>
        KeywordAsync(keyword, language, subkeys, [PxToken.Quoted(text)]);

    public Task ListAsync(string keyword, string? language, IReadOnlyList<string> subkeys, IEnumerable<string> texts) =>
        KeywordAsync(keyword, language, subkeys, [.. texts.Select(PxToken.Quoted)]);

    public Task NumberAsync(string keyword, string? language, IReadOnlyList<string> subkeys, int number) =>
        KeywordAsync(keyword, language, subkeys, [PxToken.Bare(number.ToString(CultureInfo.InvariantCulture))]);

    /// <summary>Writes a keyword whose value is a comma-separated list of tokens, ending it with <c>;</c>.</summary>
    public async Task KeywordAsync(string keyword, string? language, IReadOnlyList<string> subkeys, IReadOnlyList<PxToken> tokens)
    {
        line.Clear().Append(keyword);
        if (language is not null)
        {
            line.Append('[').Append(language).Append(']');
        }

        if (subkeys.Count > 0)
        {
            line.Append('(').AppendJoin(',', subkeys.Select(s => '"' + PxToken.Clean(s) + '"')).Append(')');
        }

        line.Append('=');
        var head = line.Length;
        for (var i = 0; i < tokens.Count; i++)
        {
            var end = i == tokens.Count - 1 ? ";" : ",";
            var token = tokens[i];
            if (Fits(token.Text + end))
            {
                line.Append(token.Text).Append(end);
                continue;
            }

            if (line.Length > head || Budget() < ShortestPiece)
            {
                await EndLineAsync();
            }

            if (!token.IsQuoted || Fits(token.Text + end))
            {
                line.Append(token.Text).Append(end);
                continue;
            }

            await SplitQuotedAsync(token.Content, end);
        }

        await EndLineAsync();
    }

    /// <summary>
    /// Writes <c>DATA=</c> and the figures, a line (or more) per stub row, ending with <c>;</c>.
    /// </summary>
    public async Task DataAsync(IEnumerable<IReadOnlyList<string>> rows)
    {
        await output.WriteLineAsync("DATA=");
        var any = false;
        foreach (var row in rows)
        {
            if (any)
            {
                await EndLineAsync();
            }

            any = true;
            foreach (var figure in row)
            {
                var separated = line.Length == 0 ? figure : " " + figure;
                if (!Fits(separated + ";"))
                {
                    await EndLineAsync();
                    separated = figure;
                }

                line.Append(separated);
            }
        }

        line.Append(';');
        await EndLineAsync();
    }

    private async Task SplitQuotedAsync(string content, string end)
    {
        var rest = content;
        while (true)
        {
            var budget = Budget() - 2;
            if (Encoding.UTF8.GetByteCount(rest) <= budget - end.Length)
            {
                line.Append('"').Append(rest).Append('"').Append(end);
                return;
            }

            var piece = LongestPiece(rest, budget);
            line.Append('"').Append(rest.AsSpan(0, piece)).Append('"');
            await EndLineAsync();
            rest = rest[piece..];
        }
    }

    /// <summary>The length of the longest start of <paramref name="text"/> within <paramref name="budget"/> bytes, ending after a space where one is.</summary>
    private static int LongestPiece(string text, int budget)
    {
        var length = 0;
        var bytes = 0;
        var afterLastSpace = 0;
        while (length < text.Length)
        {
            var width = char.IsHighSurrogate(text[length]) && length + 1 < text.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(text.AsSpan(length, width));
            if (bytes + size > budget)
            {
                break;
            }

            bytes += size;
            length += width;
            if (text[length - 1] == ' ')
            {
                afterLastSpace = length;
            }
        }

        return afterLastSpace > 0 && length < text.Length ? afterLastSpace : Math.Max(length, 1);
    }

    private bool Fits(string text) => Encoding.UTF8.GetByteCount(text) <= Budget();

    private int Budget() => MaxLineLength - Encoding.UTF8.GetByteCount(line.ToString());

    private async Task EndLineAsync()
    {
        if (line.Length > 0)
        {
            await output.WriteLineAsync(line);
            line.Clear();
        }
    }
}
