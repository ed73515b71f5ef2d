using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Unicode;
using Hilmo.Validation;

namespace Hilmo.Formats;

/// <summary>
/// The characters of an XML submission, as <see cref="System.Xml.XmlReader"/> reads them: the
/// body decoded, and its markup watched as it passes.
/// </summary>
/// <remarks>
/// <para>
/// The register decodes the body itself instead of handing XmlReader the bytes, so that each way
/// a body can be unreadable gets its own finding, where XmlReader would raise an
/// <see cref="System.Xml.XmlException"/> whose kind shows only in its (content-quoting) message:
/// </para>
/// <list type="bullet">
/// <item>SUB-002: the body is UTF-8, or UTF-16 recognised by its byte-order mark or its first
/// characters, the two encodings every XML processor must read. A declaration naming another
/// encoding is refused rather than guessed; so are bytes that are invalid in the encoding.</item>
/// <item>SUB-004: <c>&lt;!</c> that begins neither a comment nor a CDATA section is a document
/// type declaration. The text stops before it, so XmlReader never meets a DTD or an entity.</item>
/// <item>SUB-001: a tag, CDATA section or processing instruction longer than a whole record may
/// be. XmlReader holds each of these whole in memory, so they are bounded here.</item>
/// <item>SUB-003: more bytes than the submission may have.</item>
/// </list>
/// <para>
/// Characters before a fault are still delivered, so the records before it are read; the fault
/// is thrown as a <see cref="SubmissionRefusedException"/> when XmlReader asks for more.
/// </para>
/// </remarks>
internal sealed class XmlSubmissionText : TextReader
{
    private const int ByteBufferSize = 32 * 1024;
    private const int CharBufferSize = 16 * 1024;

    // The encoding is decided once this much is buffered, enough to hold any XML declaration.
    private const int DetectionBytes = 1024;

    private static readonly SearchValues<char> XmlWhitespace = SearchValues.Create(" \t\r\n");
    private static readonly SearchValues<char> TagDelimiters = SearchValues.Create(">\"'");

    private readonly Stream stream;
    private readonly long? maxBytes;
    private readonly int markupLimit;
    private readonly CancellationToken cancellation;

    private byte[] bytes = ArrayPool<byte>.Shared.Rent(ByteBufferSize);
    private char[] chars = ArrayPool<char>.Shared.Rent(CharBufferSize);
    private int byteStart;
    private int byteEnd;
    private int charStart;
    private int charEnd;
    private long totalBytes;
    private bool streamEnded;
    private bool needBytes;
    private TextEncoding encoding;
    private bool declarationChecked;
    private SubmissionRefusedException? fault;

    // Where the next character to scan stands, as XmlReader counts: lines from 1, columns in characters from 1.
    private long line = 1;
    private long column = 1;

    private Markup markup;
    private char quote;
    private int matched;
    private long markupLength;
    private TextPosition markupStart;

    public XmlSubmissionText(Stream stream, SubmissionLimits limits, CancellationToken cancellation)
    {
        this.stream = stream;
        maxBytes = limits.MaxSubmissionBytes;
        markupLimit = limits.MaxRecordBytes;
        this.cancellation = cancellation;
    }

    private enum TextEncoding
    {
        Undetected,
        Utf8,
        Utf16LittleEndian,
        Utf16BigEndian,
    }

    private enum Markup
    {
        None,
        Open,
        Bang,
        BangDash,
        Comment,
        CData,
        Instruction,
        Tag,
    }

    private enum FillStep
    {
        Ready,
        NeedBytes,
        Decode,
        End,
    }

    /// <summary>True once the end of the body has been handed to the reader.</summary>
    public bool EndReached { get; private set; }

    /// <summary>True when the body stopped inside a tag, comment, CDATA section or processing instruction.</summary>
    public bool InMarkup => markup != Markup.None;

    /// <summary>True when anything but whitespace, the XML declaration, comments and processing instructions was seen.</summary>
    public bool SawContent { get; private set; }

    /// <summary>The place of the next character not yet handed out.</summary>
    public TextPosition Position => new(line, column);

    public override int Peek() => Fill() ? chars[charStart] : -1;

    public override int Read() => Fill() ? chars[charStart++] : -1;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer) =>
        buffer.IsEmpty ? 0 : Fill() ? Take(buffer) : 0;

    public override Task<int> ReadAsync(char[] buffer, int index, int count) =>
        ReadAsync(buffer.AsMemory(index, count)).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        // XmlReader passes no token of its own; the submission's token stops a stalled body.
        var token = cancellationToken.CanBeCanceled ? cancellationToken : cancellation;
        while (true)
        {
            switch (Step())
            {
                case FillStep.Ready:
                    return Take(buffer.Span);
                case FillStep.End:
                    return 0;
                case FillStep.NeedBytes:
                    Received(await ReadBytesAsync(token).ConfigureAwait(false));
                    break;
                default:
                    Decode();
                    break;
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && bytes.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
            bytes = [];
            chars = [];
        }

        base.Dispose(disposing);
    }

    private bool Fill()
    {
        while (true)
        {
            switch (Step())
            {
                case FillStep.Ready:
                    return true;
                case FillStep.End:
                    return false;
                case FillStep.NeedBytes:
                    Received(ReadBytes());
                    break;
                default:
                    Decode();
                    break;
            }
        }
    }

    private int Take(Span<char> destination)
    {
        var count = Math.Min(destination.Length, charEnd - charStart);
        chars.AsSpan(charStart, count).CopyTo(destination);
        charStart += count;
        return count;
    }

    /// <summary>Decides what filling needs next; throws the fault once everything before it is delivered.</summary>
    private FillStep Step()
    {
        if (charStart < charEnd)
        {
            return FillStep.Ready;
        }

        if (fault is not null)
        {
            throw fault;
        }

        var buffered = byteEnd - byteStart;
        if (!streamEnded && (buffered == 0 || needBytes || (encoding == TextEncoding.Undetected && buffered < DetectionBytes)))
        {
            return FillStep.NeedBytes;
        }

        if (buffered == 0 && encoding != TextEncoding.Undetected)
        {
            EndReached = true;
            return FillStep.End;
        }

        return FillStep.Decode;
    }

    // A compressed body that cannot be decoded ends the submission like any other fault of the text.
    private async ValueTask<int> ReadBytesAsync(CancellationToken token)
    {
        try
        {
            return await stream.ReadAsync(FreeSpace(), token).ConfigureAwait(false);
        }
        catch (UndecodableBodyException undecodable)
        {
            fault = Refuse(FindingCatalogue.UndecodableBody, Position, undecodable.Coding);
            return 0;
        }
    }

    private int ReadBytes()
    {
        try
        {
            return stream.Read(FreeSpace().Span);
        }
        catch (UndecodableBodyException undecodable)
        {
            fault = Refuse(FindingCatalogue.UndecodableBody, Position, undecodable.Coding);
            return 0;
        }
    }

    private Memory<byte> FreeSpace()
    {
        if (byteStart > 0)
        {
            bytes.AsSpan(byteStart, byteEnd - byteStart).CopyTo(bytes);
            byteEnd -= byteStart;
            byteStart = 0;
        }

        return bytes.AsMemory(byteEnd);
    }

    private void Received(int count)
    {
        needBytes = false;
        if (count == 0)
        {
            streamEnded = true;
            return;
        }

        totalBytes += count;
        if (totalBytes > maxBytes)
        {
            fault = Refuse(FindingCatalogue.SubmissionTooLarge, Position, maxBytes.Value.ToString(CultureInfo.InvariantCulture));
            return;
        }

        byteEnd += count;
    }

    private void Decode()
    {
        if (encoding == TextEncoding.Undetected)
        {
            Detect();
            if (fault is not null || byteStart == byteEnd)
            {
                return;
            }
        }

        var source = bytes.AsSpan(byteStart, byteEnd - byteStart);
        int read, written;
        bool invalid;
        if (encoding == TextEncoding.Utf8)
        {
            var status = Utf8.ToUtf16(source, chars, out read, out written, replaceInvalidSequences: false, isFinalBlock: streamEnded);
            invalid = status == OperationStatus.InvalidData;
        }
        else
        {
            written = DecodeUtf16(source, chars, out read, out invalid);
        }

        byteStart += read;
        var decoded = chars.AsSpan(0, written);
        if (!declarationChecked)
        {
            declarationChecked = true;
            if (!DeclarationAgrees(decoded))
            {
                fault = Refuse(FindingCatalogue.InvalidEncoding, new TextPosition(1, 1));
                return;
            }
        }

        charStart = 0;
        charEnd = Scan(decoded);
        if (invalid && fault is null)
        {
            fault = Refuse(FindingCatalogue.InvalidEncoding, Position);
        }

        // Nothing whole could be decoded: the rest of a character is still on its way.
        needBytes = charEnd == 0 && fault is null;
    }

    /// <summary>Recognises the encoding from the first bytes (XML 1.0, appendix F) and skips a byte-order mark.</summary>
    private void Detect()
    {
        var start = bytes.AsSpan(byteStart, byteEnd - byteStart);
        if (start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            encoding = TextEncoding.Utf8;
            byteStart += 3;
        }
        else if (start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]) || start.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF])
            || start.StartsWith((ReadOnlySpan<byte>)[0x3C, 0, 0, 0]) || start.StartsWith((ReadOnlySpan<byte>)[0, 0, 0, 0x3C]))
        {
            // UTF-32: XmlReader could read it, but nobody sends it and the register does not accept it.
            fault = Refuse(FindingCatalogue.InvalidEncoding, new TextPosition(1, 1));
        }
        else if (start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            encoding = TextEncoding.Utf16LittleEndian;
            byteStart += 2;
        }
        else if (start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            encoding = TextEncoding.Utf16BigEndian;
            byteStart += 2;
        }
        else if (start.StartsWith((ReadOnlySpan<byte>)[0x3C, 0, 0x3F, 0]))
        {
            encoding = TextEncoding.Utf16LittleEndian;
        }
        else if (start.StartsWith((ReadOnlySpan<byte>)[0, 0x3C, 0, 0x3F]))
        {
            encoding = TextEncoding.Utf16BigEndian;
        }
        else
        {
            encoding = TextEncoding.Utf8;
        }
    }

    /// <summary>
    /// True unless the XML declaration names an encoding other than the one the bytes are in.
    /// XmlReader does not look at the declaration of text it is handed as characters, so the
    /// check is made here.
    /// </summary>
    private bool DeclarationAgrees(ReadOnlySpan<char> text)
    {
        if (!text.StartsWith("<?xml") || text.Length < 6 || !XmlWhitespace.Contains(text[5]))
        {
            return true;
        }

        var end = text.IndexOf("?>");
        var declaration = end < 0 ? text : text[..end];
        var at = declaration.IndexOf("encoding", StringComparison.Ordinal);
        if (at < 0)
        {
            return true;
        }

        // A malformed declaration is left to XmlReader, which says so.
        var rest = declaration[(at + "encoding".Length)..].TrimStart(" \t\r\n");
        if (rest.IsEmpty || rest[0] != '=')
        {
            return true;
        }

        rest = rest[1..].TrimStart(" \t\r\n");
        if (rest.IsEmpty || rest[0] is not ('"' or '\''))
        {
            return true;
        }

        var close = rest[1..].IndexOf(rest[0]);
        if (close < 0)
        {
            return true;
        }

        var name = rest.Slice(1, close);
        return encoding switch
        {
            TextEncoding.Utf8 => name.Equals("UTF-8", StringComparison.OrdinalIgnoreCase),
            TextEncoding.Utf16LittleEndian => name.Equals("UTF-16", StringComparison.OrdinalIgnoreCase) || name.Equals("UTF-16LE", StringComparison.OrdinalIgnoreCase),
            _ => name.Equals("UTF-16", StringComparison.OrdinalIgnoreCase) || name.Equals("UTF-16BE", StringComparison.OrdinalIgnoreCase),
        };
    }

    /// <summary>Decodes UTF-16 code units, refusing unpaired surrogates and an odd last byte.</summary>
    private int DecodeUtf16(ReadOnlySpan<byte> source, Span<char> target, out int read, out bool invalid)
    {
        invalid = false;
        var units = Math.Min(source.Length / 2, target.Length);
        var decoded = target[..units];
        var raw = MemoryMarshal.Cast<byte, ushort>(source[..(units * 2)]);
        var destination = MemoryMarshal.Cast<char, ushort>(decoded);
        if ((encoding == TextEncoding.Utf16LittleEndian) == BitConverter.IsLittleEndian)
        {
            raw.CopyTo(destination);
        }
        else
        {
            BinaryPrimitives.ReverseEndianness(raw, destination);
        }

        var i = 0;
        while (i < units)
        {
            var next = decoded[i..].IndexOfAnyInRange('\uD800', '\uDFFF');
            if (next < 0)
            {
                break;
            }

            i += next;
            if (char.IsHighSurrogate(decoded[i]) && i + 1 < units)
            {
                if (char.IsLowSurrogate(decoded[i + 1]))
                {
                    i += 2;
                    continue;
                }
            }
            else if (char.IsHighSurrogate(decoded[i]) && (source.Length >= (i + 2) * 2 || !streamEnded))
            {
                // The pair's second half is beyond this buffer or not yet received.
                units = i;
                break;
            }

            invalid = true;
            units = i;
            break;
        }

        read = units * 2;
        if (!invalid && streamEnded && read == source.Length - 1)
        {
            invalid = true;
        }

        return units;
    }

    /// <summary>
    /// Follows the markup through <paramref name="text"/> and returns how much of it may be
    /// handed to XmlReader: all of it, or the part before a DTD or an over-long construct.
    /// </summary>
    private int Scan(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var from = i;
            switch (markup)
            {
                case Markup.None:
                {
                    var open = text[i..].IndexOf('<');
                    var plain = open < 0 ? text[i..] : text.Slice(i, open);
                    if (!SawContent)
                    {
                        SawContent = plain.ContainsAnyExcept(XmlWhitespace);
                    }

                    if (open < 0)
                    {
                        i = text.Length;
                        break;
                    }

                    Advance(plain);
                    markupStart = Position;
                    from = i + open;
                    i = from + 1;
                    markup = Markup.Open;
                    markupLength = 1;
                    break;
                }

                case Markup.Open:
                    switch (text[i])
                    {
                        case '!':
                            markup = Markup.Bang;
                            i++;
                            break;
                        case '?':
                            markup = Markup.Instruction;
                            matched = 0;
                            markupLength++;
                            i++;
                            break;
                        default:
                            markup = Markup.Tag;
                            quote = '\0';
                            SawContent = true;
                            break;
                    }

                    break;

                case Markup.Bang:
                    switch (text[i])
                    {
                        case '-':
                            markup = Markup.BangDash;
                            i++;
                            break;
                        case '[':
                            markup = Markup.CData;
                            matched = 0;
                            markupLength = 3;
                            i++;
                            break;
                        default:
                            // A document type declaration, or the start of one inside content: either way
                            // XmlReader gets only the characters before it.
                            fault = Refuse(FindingCatalogue.DtdProhibited, markupStart);
                            Advance(text[from..i]);
                            return i;
                    }

                    break;

                case Markup.BangDash:
                    if (text[i] == '-')
                    {
                        markup = Markup.Comment;
                        matched = 0;
                        i++;
                    }
                    else
                    {
                        // "<!-x" is not XML; XmlReader reports it.
                        markup = Markup.Tag;
                        quote = '\0';
                    }

                    break;

                case Markup.Comment:
                    // Comments are skipped by XmlReader without being held, so their length is free.
                    i = SkipPast(text, i, "-->");
                    break;

                case Markup.Instruction:
                    i = SkipPast(text, i, "?>");
                    markupLength += i - from;
                    break;

                case Markup.CData:
                    i = SkipPast(text, i, "]]>");
                    markupLength += i - from;
                    break;

                case Markup.Tag:
                {
                    var rest = text[i..];
                    var next = quote == '\0' ? rest.IndexOfAny(TagDelimiters) : rest.IndexOf(quote);
                    i += next < 0 ? rest.Length : next + 1;
                    markupLength += i - from;
                    if (next >= 0)
                    {
                        if (quote != '\0')
                        {
                            quote = '\0';
                        }
                        else if (rest[next] == '>')
                        {
                            markup = Markup.None;
                        }
                        else
                        {
                            quote = rest[next];
                        }
                    }

                    break;
                }
            }

            if (markup != Markup.None && markupLength > markupLimit)
            {
                // XmlReader would hold this tag, CDATA section or instruction whole; no record needs one so long.
                fault = Refuse(FindingCatalogue.NotReadable, markupStart, "XML");
                return from;
            }

            Advance(text[from..i]);
        }

        return text.Length;
    }

    /// <summary>Moves past the end of a comment, CDATA section or instruction, which may be split between buffers.</summary>
    private int SkipPast(ReadOnlySpan<char> text, int i, string terminator)
    {
        while (i < text.Length)
        {
            if (matched == 0)
            {
                var next = text[i..].IndexOf(terminator[0]);
                if (next < 0)
                {
                    return text.Length;
                }

                i += next;
            }

            var c = text[i++];
            if (c == terminator[matched])
            {
                if (++matched == terminator.Length)
                {
                    markup = Markup.None;
                    matched = 0;
                    return i;
                }
            }
            else if (c == terminator[0])
            {
                // In "--->" and "]]]>" the extra dash or bracket keeps the two already matched.
                matched = terminator.Length == 3 && matched == 2 ? 2 : 1;
            }
            else
            {
                matched = 0;
            }
        }

        return i;
    }

    private void Advance(ReadOnlySpan<char> passed)
    {
        var lastNewline = passed.LastIndexOf('\n');
        if (lastNewline < 0)
        {
            column += passed.Length;
            return;
        }

        line += passed.Count('\n');
        column = passed.Length - lastNewline;
    }

    private static SubmissionRefusedException Refuse(FindingDefinition definition, TextPosition position, params string[] arguments) =>
        new(Finding.ForSubmission(definition, position, arguments));
}

/// <summary>Reading of a submission stopped with a submission-level finding.</summary>
internal sealed class SubmissionRefusedException(Finding finding) : Exception(finding.Code)
{
    public Finding Finding { get; } = finding;
}
