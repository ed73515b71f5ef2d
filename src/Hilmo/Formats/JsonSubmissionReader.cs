using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using Hilmo.Validation;

namespace Hilmo.Formats;

/// <summary>
/// Reads JSON: one record object, or an array of them. The array is split into records by a small
/// structural scanner (brackets, strings, escapes) that keeps only the current record in memory,
/// so a record too large or nested too deep is judged and skipped without buffering it, and each
/// record is then parsed and fully validated on its own.
/// </summary>
public sealed class JsonSubmissionReader(SubmissionLimits limits) : ISubmissionReader
{

    private static readonly SearchValues<byte> Structural = SearchValues.Create("\"{}[]"u8);
    private static readonly SearchValues<byte> InString = SearchValues.Create("\"\\"u8);
    private static readonly SearchValues<byte> EndOfPrimitive = SearchValues.Create(",]} \t\r\n"u8);

    public async IAsyncEnumerable<RecordBatch> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var window = new StreamWindow(body, Math.Max(limits.MaxRecordBytes + 2, 1 << 20), limits.MaxSubmissionBytes);
        var scan = new ScanState();
        var batch = RecordBatch.Rent();
        Finding? stop = null;
        while (stop is null)
        {
            bool more;
            try
            {
                more = await window.FillAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SubmissionTooLargeException tooLarge)
            {
                stop = Finding.ForSubmission(FindingCatalogue.SubmissionTooLarge, window.PositionAt(0),
                    tooLarge.Limit.ToString(CultureInfo.InvariantCulture));
                break;
            }
            catch (UndecodableBodyException undecodable)
            {
                stop = Finding.ForSubmission(FindingCatalogue.UndecodableBody, window.PositionAt(window.Available.Length), undecodable.Coding);
                break;
            }

            var final = !more && window.EndOfStream;
            stop = Advance(window, scan, batch, final);
            if (batch.IsFull)
            {
                yield return batch;
                batch = RecordBatch.Rent();
            }

            if (final)
            {
                stop ??= scan.Phase switch
                {
                    Phase.Done when scan.Records > 0 => null,
                    Phase.Done or Phase.Start => Finding.ForSubmission(FindingCatalogue.Empty, null),
                    _ => Finding.ForSubmission(FindingCatalogue.Truncated, window.PositionAt(window.Available.Length)),
                };
                break;
            }
        }

        batch.SubmissionError = stop;
        yield return batch;
    }

    /// <summary>Consumes as much of the window as the scanner can; a finding stops the submission.</summary>
    private Finding? Advance(StreamWindow window, ScanState scan, RecordBatch batch, bool final)
    {
        while (true)
        {
            var available = window.Available;
            switch (scan.Phase)
            {
                case Phase.Start:
                {
                    if (available.Length < ByteOrderMark.Length && !final)
                    {
                        return null;
                    }

                    var mark = ByteOrderMark.Inspect(available);
                    if (mark < 0)
                    {
                        return Finding.ForSubmission(FindingCatalogue.InvalidEncoding, window.PositionAt(0));
                    }

                    window.Advance(mark);
                    if (!SkipWhitespace(window, out var first))
                    {
                        return null;
                    }

                    if (first == '[')
                    {
                        window.Advance(1);
                        scan.Phase = Phase.ArrayFirst;
                    }
                    else if (first == '{')
                    {
                        scan.Begin(window.PositionAt(0), inArray: false, first);
                    }
                    else
                    {
                        return Finding.ForSubmission(FindingCatalogue.UnexpectedStructure, window.PositionAt(0), "{ … } / [ … ]");
                    }

                    break;
                }

                case Phase.ArrayFirst or Phase.ArrayNext:
                {
                    if (!SkipWhitespace(window, out var next))
                    {
                        return null;
                    }

                    if (next == ']' && scan.Phase == Phase.ArrayFirst)
                    {
                        window.Advance(1);
                        scan.Phase = Phase.AfterTopLevel;
                    }
                    else if (next is (byte)']' or (byte)',')
                    {
                        return Finding.ForSubmission(FindingCatalogue.NotReadable, window.PositionAt(0), "JSON");
                    }
                    else
                    {
                        scan.Begin(window.PositionAt(0), inArray: true, next);
                    }

                    break;
                }

                case Phase.ArrayAfterItem:
                {
                    if (!SkipWhitespace(window, out var next))
                    {
                        return null;
                    }

                    if (next == ',')
                    {
                        window.Advance(1);
                        scan.Phase = Phase.ArrayNext;
                    }
                    else if (next == ']')
                    {
                        window.Advance(1);
                        scan.Phase = Phase.AfterTopLevel;
                    }
                    else
                    {
                        return Finding.ForSubmission(FindingCatalogue.NotReadable, window.PositionAt(0), "JSON");
                    }

                    break;
                }

                case Phase.InRecord:
                {
                    if (!ScanRecord(window, scan, batch, final))
                    {
                        return null;
                    }

                    break;
                }

                case Phase.AfterTopLevel:
                {
                    if (!SkipWhitespace(window, out _))
                    {
                        if (final)
                        {
                            scan.Phase = Phase.Done;
                        }

                        return null;
                    }

                    // Content after the one top-level value: perhaps NDJSON sent as JSON.
                    return Finding.ForSubmission(FindingCatalogue.NotReadable, window.PositionAt(0), "JSON");
                }

                case Phase.Done:
                    return null;
            }
        }
    }

    /// <summary>
    /// Scans the current record to its end. True when the record is complete and handed over;
    /// false when more input is needed.
    /// </summary>
    private bool ScanRecord(StreamWindow window, ScanState scan, RecordBatch batch, bool final)
    {
        var available = window.Available;
        var position = scan.Scanned;
        var complete = false;
        if (!scan.Structured)
        {
            // A string, number or literal where a record should be.
            if (scan.InString)
            {
                complete = ScanString(available, ref position, scan);
            }
            else
            {
                var end = available[position..].IndexOfAny(EndOfPrimitive);
                position = end < 0 ? available.Length : position + end;
                complete = end >= 0 || final;
            }
        }
        else
        {
            while (position < available.Length)
            {
                if (scan.InString)
                {
                    if (!ScanString(available, ref position, scan))
                    {
                        break;
                    }

                    continue;
                }

                var next = available[position..].IndexOfAny(Structural);
                if (next < 0)
                {
                    position = available.Length;
                    break;
                }

                position += next;
                switch (available[position++])
                {
                    case (byte)'"':
                        scan.InString = true;
                        break;
                    case (byte)'{' or (byte)'[':
                        scan.Depth++;
                        scan.MaxDepthSeen = Math.Max(scan.MaxDepthSeen, scan.Depth);
                        break;
                    default:
                        scan.Depth--;
                        break;
                }

                if (scan.Depth == 0)
                {
                    complete = true;
                    break;
                }
            }
        }

        if (complete)
        {
            Finish(window, scan, batch, position);
            return true;
        }

        scan.Scanned = position;
        if (scan.Skipping)
        {
            window.Advance(position);
            scan.Scanned = 0;
        }
        else if (scan.Scanned > limits.MaxRecordBytes)
        {
            // Judge the record now and drop its bytes as they pass: memory stays bounded.
            scan.Skipping = true;
            batch.AddParsed(Judged(scan, FindingCatalogue.RecordTooLarge, limits.MaxRecordBytes.ToString(CultureInfo.InvariantCulture)));
            window.Advance(position);
            scan.Scanned = 0;
        }

        return false;
    }

    /// <summary>Scans string content, the opening quote already passed; true once the closing quote is passed.</summary>
    private static bool ScanString(ReadOnlySpan<byte> available, ref int position, ScanState scan)
    {
        while (position < available.Length)
        {
            if (scan.Escaped)
            {
                scan.Escaped = false;
                position++;
                continue;
            }

            var next = available[position..].IndexOfAny(InString);
            if (next < 0)
            {
                position = available.Length;
                return false;
            }

            position += next;
            if (available[position++] == '\\')
            {
                scan.Escaped = true;
            }
            else
            {
                scan.InString = false;
                return true;
            }
        }

        return false;
    }

    private void Finish(StreamWindow window, ScanState scan, RecordBatch batch, int length)
    {
        if (!scan.Skipping)
        {
            if (window.Available[0] != '{')
            {
                batch.AddParsed(Judged(scan, FindingCatalogue.NotAnObject));
            }
            else if (scan.MaxDepthSeen > limits.MaxDepth)
            {
                batch.AddParsed(Judged(scan, FindingCatalogue.NestingTooDeep));
            }
            else
            {
                batch.AddText(scan.Records, scan.Position, window.Available[..length]);
            }
        }

        window.Advance(length);
        scan.Records++;
        scan.Phase = scan.InArray ? Phase.ArrayAfterItem : Phase.AfterTopLevel;
    }

    private static ParsedRecord Judged(ScanState scan, FindingDefinition definition, params string[] arguments) =>
        new(scan.Records, scan.Position, null, [new Finding(definition, scan.Records, null, null, arguments, scan.Position)]);

    /// <summary>Skips whitespace; false when the window ran out before anything else.</summary>
    private static bool SkipWhitespace(StreamWindow window, out byte next)
    {
        var available = window.Available;
        var skip = available.IndexOfAnyExcept(" \t\r\n"u8);
        if (skip < 0)
        {
            window.Advance(available.Length);
            next = 0;
            return false;
        }

        window.Advance(skip);
        next = available[skip];
        return true;
    }

    private enum Phase
    {
        Start,
        ArrayFirst,
        ArrayNext,
        ArrayAfterItem,
        InRecord,
        AfterTopLevel,
        Done,
    }

    /// <summary>Where the scanner is, kept across refills of the window.</summary>
    private sealed class ScanState
    {
        public Phase Phase = Phase.Start;
        public long Records;
        public TextPosition Position;
        public bool InArray;
        public bool Structured;
        public int Scanned;
        public int Depth;
        public int MaxDepthSeen;
        public bool InString;
        public bool Escaped;
        public bool Skipping;

        public void Begin(TextPosition position, bool inArray, byte first)
        {
            Phase = Phase.InRecord;
            Position = position;
            InArray = inArray;
            Structured = first is (byte)'{' or (byte)'[';
            // A string where a record should be: its opening quote is passed here.
            InString = first == '"';
            Scanned = InString ? 1 : 0;
            Depth = 0;
            MaxDepthSeen = 0;
            Escaped = false;
            Skipping = false;
        }
    }
}
