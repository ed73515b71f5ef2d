using System.Buffers;
using Hilmo.Validation;

namespace Hilmo.Formats;

/// <summary>
/// A bounded, sliding window over a submission body: the part not yet consumed, refilled from the
/// stream as the readers advance, with the line and byte position of every place in it.
/// </summary>
internal sealed class StreamWindow(Stream stream, int capacity, long? maxTotalBytes) : IDisposable
{
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(capacity);
    private int start;
    private int end;
    private long bufferOffset;      // absolute offset of buffer[0]
    private long line = 1;          // line of buffer[start]
    private long lineStartOffset;   // absolute offset where that line starts
    private long totalRead;

    /// <summary>Unconsumed bytes in the window.</summary>
    public ReadOnlySpan<byte> Available => buffer.AsSpan(start, end - start);

    public bool EndOfStream { get; private set; }

    /// <summary>True when the window is full and cannot grow: the caller must consume or skip.</summary>
    public bool IsFull => start == 0 && end == buffer.Length;

    /// <summary>Absolute offset of the first unconsumed byte.</summary>
    public long Offset => bufferOffset + start;

    /// <summary>Position of the byte <paramref name="relative"/> bytes into <see cref="Available"/>.</summary>
    public TextPosition PositionAt(int relative)
    {
        var before = Available[..relative];
        var newlines = before.Count((byte)'\n');
        if (newlines == 0)
        {
            return new TextPosition(line, Offset + relative - lineStartOffset + 1, Offset + relative);
        }

        var lastNewline = before.LastIndexOf((byte)'\n');
        return new TextPosition(line + newlines, relative - lastNewline, Offset + relative);
    }

    /// <summary>Consumes <paramref name="count"/> bytes, keeping the line count.</summary>
    public void Advance(int count)
    {
        var consumed = Available[..count];
        var newlines = consumed.Count((byte)'\n');
        if (newlines > 0)
        {
            line += newlines;
            lineStartOffset = Offset + consumed.LastIndexOf((byte)'\n') + 1;
        }

        start += count;
    }

    /// <summary>
    /// Reads more of the stream into the window. False when nothing more came: the stream ended
    /// or the window is full.
    /// </summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (EndOfStream)
        {
            return false;
        }

        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            bufferOffset += start;
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            return false;
        }

        var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            EndOfStream = true;
            return false;
        }

        totalRead += read;
        if (totalRead > maxTotalBytes)
        {
            throw new SubmissionTooLargeException(maxTotalBytes.Value);
        }

        end += read;
        return true;
    }

    public void Dispose()
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
        }
    }
}

/// <summary>The body grew past <see cref="SubmissionLimits.MaxSubmissionBytes"/>.</summary>
internal sealed class SubmissionTooLargeException(long limit) : Exception($"The submission exceeds {limit} bytes.")
{
    public long Limit { get; } = limit;
}
