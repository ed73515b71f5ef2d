using System.Buffers;
using System.Xml;
using Hilmo.Notifications;
using Hilmo.Validation;

namespace Hilmo.Formats;

/// <summary>
/// One record element as read from XmlReader, in a compact form: element starts and ends, and
/// each run of text trimmed and cut at the longest field length, with its whole length kept.
/// </summary>
/// <remarks>
/// Reading goes on to the record's end tag whatever is in between, but what is kept stops at
/// the depth and size limits, so a hostile record costs no more memory than an honest one: a
/// text of 100 MB is kept as its first characters and its length. The nodes are then mapped
/// to a record by <see cref="ServiceEventXmlParser"/> without any more I/O. One instance is
/// reused record after record.
/// </remarks>
internal sealed class XmlRecordNodes
{
    /// <summary>Characters kept of one text: more than the longest field may have, so an over-long value is still known as such.</summary>
    public const int TextCapacity = FieldLimits.Longest + 56;

    private static readonly SearchValues<char> XmlWhitespace = SearchValues.Create(" \t\r\n");

    private readonly List<XmlRecordNode> nodes = [];
    private readonly char[] chunk = new char[4096];
    private readonly char[] run = new char[TextCapacity];
    private char[] text = new char[4096];
    private int textUsed;

    // The run of text being read: its length so far, where its content starts and ends, and how much of it is kept.
    private long runLength;
    private long contentStart;
    private long contentEnd;
    private int runKept;

    public int Count => nodes.Count;

    public XmlRecordNode this[int index] => nodes[index];

    /// <summary>The local name of the record element, e.g. <c>palvelutapahtuma</c>.</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>Where the record's start tag begins.</summary>
    public TextPosition Position { get; private set; }

    /// <summary>Characters in the record, approximately: names, markup and text, not attributes.</summary>
    public long Characters { get; private set; }

    /// <summary>True when the record has more characters than a record may; the nodes after that point were not kept.</summary>
    public bool TooLarge { get; private set; }

    /// <summary>True when an attribute of the record or of an element in it, its name or value, is shaped like an identity code (attributes are not kept otherwise).</summary>
    public bool IdentityCodeInAttribute { get; private set; }

    /// <summary>The first element nested deeper than a record may be; its subtree was not kept.</summary>
    public TextPosition? TooDeepAt { get; private set; }

    /// <summary>The kept characters of a text node, its surrounding whitespace removed.</summary>
    public ReadOnlySpan<char> TextOf(XmlRecordNode node) => text.AsSpan(node.TextStart, node.TextLength);

    /// <summary>
    /// Reads the element XmlReader stands on, to its end tag, leaving the reader there.
    /// </summary>
    /// <param name="xml">The reader, on a start tag.</param>
    /// <param name="limits">Depth (below the record element) and size bounds of a record.</param>
    /// <param name="followDepth">
    /// The deepest nesting, counted in the whole document, that is followed at all. XmlReader keeps
    /// every open element, so nesting deeper than this stops the submission.
    /// </param>
    public async ValueTask ReadAsync(XmlReader xml, SubmissionLimits limits, int followDepth)
    {
        nodes.Clear();
        textUsed = 0;
        Characters = 0;
        TooLarge = false;
        TooDeepAt = null;
        IdentityCodeInAttribute = false;

        var lines = (IXmlLineInfo)xml;
        var baseDepth = xml.Depth;
        Name = xml.LocalName;
        Position = StartOf(lines);
        Characters = xml.Name.Length + 2;
        CheckAttributes(xml);
        nodes.Add(new XmlRecordNode(XmlRecordNodeKind.Start, Name, Position));
        if (xml.IsEmptyElement)
        {
            nodes.Add(new XmlRecordNode(XmlRecordNodeKind.End, Name, Position));
            return;
        }

        var advance = true;
        while (true)
        {
            if (advance && !await xml.ReadAsync().ConfigureAwait(false))
            {
                // XmlReader reports an unclosed element as an error before it reports the end.
                throw new XmlException();
            }

            advance = true;
            var depth = xml.Depth - baseDepth;
            switch (xml.NodeType)
            {
                case XmlNodeType.Element:
                {
                    var position = StartOf(lines);
                    if (xml.Depth > followDepth)
                    {
                        throw new SubmissionRefusedException(Finding.ForSubmission(FindingCatalogue.NotReadable, position, "XML"));
                    }

                    Characters += xml.Name.Length + 2;
                    CheckAttributes(xml);
                    if (depth > limits.MaxDepth)
                    {
                        TooDeepAt ??= position;
                    }
                    else if (!TooLarge)
                    {
                        nodes.Add(new XmlRecordNode(XmlRecordNodeKind.Start, xml.LocalName, position));
                        if (xml.IsEmptyElement)
                        {
                            nodes.Add(new XmlRecordNode(XmlRecordNodeKind.End, xml.LocalName, position));
                        }
                    }

                    break;
                }

                case XmlNodeType.EndElement:
                    Characters += xml.Name.Length + 3;
                    if (depth == 0)
                    {
                        nodes.Add(new XmlRecordNode(XmlRecordNodeKind.End, Name, Position));
                        return;
                    }

                    if (depth <= limits.MaxDepth && !TooLarge)
                    {
                        nodes.Add(new XmlRecordNode(XmlRecordNodeKind.End, xml.LocalName, default));
                    }

                    break;

                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                {
                    // The text's parent element is one level up.
                    var keep = depth - 1 <= limits.MaxDepth && !TooLarge;
                    await ReadRunAsync(xml).ConfigureAwait(false);
                    if (keep && contentStart >= 0)
                    {
                        KeepRun();
                    }

                    advance = false;
                    break;
                }
            }

            if (Characters > limits.MaxRecordBytes)
            {
                TooLarge = true;
            }
        }
    }

    /// <summary>
    /// Reads a run of text nodes (text, CDATA, and text split by comments) in chunks, keeping its
    /// first characters and measuring all of it. Leaves the reader on the node after the run.
    /// </summary>
    /// <summary>Looks at the attributes of the element the reader stands on for identity codes, and returns to the element.</summary>
    private void CheckAttributes(XmlReader xml)
    {
        if (!xml.HasAttributes)
        {
            return;
        }

        while (xml.MoveToNextAttribute())
        {
            IdentityCodeInAttribute |= IdentityCodeShapes.Contains(xml.Name) || IdentityCodeShapes.Contains(xml.Value);
        }

        xml.MoveToElement();
    }

    private async ValueTask ReadRunAsync(XmlReader xml)
    {
        runLength = 0;
        contentStart = -1;
        contentEnd = -1;
        runKept = 0;
        do
        {
            int read;
            while ((read = await xml.ReadValueChunkAsync(chunk, 0, chunk.Length).ConfigureAwait(false)) > 0)
            {
                Append(chunk.AsSpan(0, read));
            }
        }
        while (await xml.ReadAsync().ConfigureAwait(false)
            && xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace);

        Characters += runLength;
    }

    private void Append(ReadOnlySpan<char> part)
    {
        var offset = runLength;
        runLength += part.Length;
        if (contentStart < 0)
        {
            var first = part.IndexOfAnyExcept(XmlWhitespace);
            if (first < 0)
            {
                return;
            }

            contentStart = offset + first;
            offset += first;
            part = part[first..];
        }

        var last = part.LastIndexOfAnyExcept(XmlWhitespace);
        if (last >= 0)
        {
            contentEnd = offset + last;
        }

        var room = run.Length - runKept;
        if (room > 0)
        {
            var kept = part[..Math.Min(room, part.Length)];
            kept.CopyTo(run.AsSpan(runKept));
            runKept += kept.Length;
        }
    }

    private void KeepRun()
    {
        var length = contentEnd - contentStart + 1;
        var kept = (int)Math.Min(length, runKept);
        if (textUsed + kept > text.Length)
        {
            Array.Resize(ref text, Math.Max(text.Length * 2, textUsed + kept));
        }

        run.AsSpan(0, kept).CopyTo(text.AsSpan(textUsed));
        nodes.Add(new XmlRecordNode(XmlRecordNodeKind.Text, string.Empty, default, textUsed, kept, length));
        textUsed += kept;
    }

    /// <summary>The place of the <c>&lt;</c> of the start tag the reader stands on; XmlReader gives the name's.</summary>
    private static TextPosition StartOf(IXmlLineInfo lines) =>
        new(lines.LineNumber, Math.Max(1, lines.LinePosition - 1));
}

internal enum XmlRecordNodeKind : byte
{
    Start,
    End,
    Text,
}

/// <summary>One node of an <see cref="XmlRecordNodes"/>.</summary>
/// <param name="Kind">Start tag, end tag or text.</param>
/// <param name="Name">Local name of an element; empty for text.</param>
/// <param name="Position">Where a start tag begins.</param>
/// <param name="TextStart">Offset of a text's kept characters.</param>
/// <param name="TextLength">How many characters of a text were kept.</param>
/// <param name="Length">The whole length of a text, surrounding whitespace removed.</param>
internal readonly record struct XmlRecordNode(
    XmlRecordNodeKind Kind, string Name, TextPosition Position, int TextStart = 0, int TextLength = 0, long Length = 0);
