using System.Globalization;
using System.Runtime.CompilerServices;
using Hilmo.Validation;

namespace Hilmo.Formats;

/// <summary>
/// Reads NDJSON, the bulk format: one record per line. A broken line is a broken record, never a
/// broken submission: the next line starts afresh. Blank lines are not records.
/// </summary>
public sealed class NdjsonSubmissionReader(SubmissionLimits limits) : ISubmissionReader
{

    public async IAsyncEnumerable<RecordBatch> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var window = new StreamWindow(body, Math.Max(limits.MaxRecordBytes + 2, 1 << 20), limits.MaxSubmissionBytes);
        var state = new LineState();
        var batch = RecordBatch.Rent();
        Finding? stop = null;
        while (true)
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

            stop = TakeLines(window, state, batch, final: !more && window.EndOfStream);
            if (stop is not null)
            {
                break;
            }

            if (batch.IsFull)
            {
                yield return batch;
                batch = RecordBatch.Rent();
            }

            if (!more && window.EndOfStream)
            {
                break;
            }
        }

        if (stop is null && state.Records == 0)
        {
            stop = Finding.ForSubmission(FindingCatalogue.Empty, null);
        }

        batch.SubmissionError = stop;
        yield return batch;
    }

    /// <summary>Moves every complete line of the window into the batch.</summary>
    private Finding? TakeLines(StreamWindow window, LineState state, RecordBatch batch, bool final)
    {
        while (true)
        {
            var available = window.Available;
            if (state.AtStart)
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
                available = window.Available;

                state.AtStart = false;
            }

            var newline = available.IndexOf((byte)'\n');
            if (newline < 0)
            {
                if (final && !available.IsEmpty)
                {
                    TakeLine(window, state, batch, available.Length, available.Length);
                }
                else if (window.IsFull || available.Length > limits.MaxRecordBytes)
                {
                    // A line longer than any record may be: judge it now and drop its bytes
                    // until its end arrives.
                    if (!state.SkippingLongLine)
                    {
                        batch.AddParsed(TooLarge(state.Records++, window.PositionAt(0)));
                        state.SkippingLongLine = true;
                    }

                    window.Advance(available.Length);
                }

                return null;
            }

            TakeLine(window, state, batch, newline, newline + 1);
        }
    }

    private void TakeLine(StreamWindow window, LineState state, RecordBatch batch, int length, int consumed)
    {
        if (state.SkippingLongLine)
        {
            state.SkippingLongLine = false;
            window.Advance(consumed);
            return;
        }

        var line = window.Available[..length];
        if (!line.IsEmpty && line[^1] == '\r')
        {
            line = line[..^1];
        }

        if (!line.Trim(" \t\r"u8).IsEmpty)
        {
            var position = window.PositionAt(0);
            if (line.Length > limits.MaxRecordBytes)
            {
                batch.AddParsed(TooLarge(state.Records++, position));
            }
            else
            {
                batch.AddText(state.Records++, position, line);
            }
        }

        window.Advance(consumed);
    }

    private ParsedRecord TooLarge(long index, TextPosition position) =>
        new(index, position, null,
            [new Finding(FindingCatalogue.RecordTooLarge, index, null, null, [limits.MaxRecordBytes.ToString(CultureInfo.InvariantCulture)], position)]);

    private sealed class LineState
    {
        public long Records;
        public bool AtStart = true;
        public bool SkippingLongLine;
    }
}
