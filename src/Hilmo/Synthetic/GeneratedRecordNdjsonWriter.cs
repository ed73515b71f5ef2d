using System.Buffers;
using System.Text.Json;
using Hilmo.Formats;

namespace Hilmo.Synthetic;

/// <summary>
/// Writes generated records as NDJSON, one line each: records through
/// <see cref="NotificationJsonWriter"/> (any register), raw lines as they are. Records are written straight into a
/// pooled buffer that goes to the stream in large blocks, so no record becomes a string.
/// </summary>
public sealed class GeneratedRecordNdjsonWriter : IDisposable
{
    private const int FlushThreshold = 1 << 20;

    private readonly Stream stream;
    private readonly PooledBuffer buffer = new(FlushThreshold + (64 * 1024));
    private readonly Utf8JsonWriter json;
    private bool disposed;

    /// <param name="stream">Where the lines go; left open.</param>
    public GeneratedRecordNdjsonWriter(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        this.stream = stream;
        json = new Utf8JsonWriter(buffer, NotificationJsonWriter.WriterOptions);
    }

    /// <summary>Lines written so far.</summary>
    public long Records { get; private set; }

    /// <summary>Bytes written so far, flushed or not.</summary>
    public long Bytes { get; private set; }

    public void Write(GeneratedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ObjectDisposedException.ThrowIf(disposed, this);
        var before = buffer.WrittenCount;
        if (record.RawLine is { } line)
        {
            line.CopyTo(buffer.GetSpan(line.Length));
            buffer.Advance(line.Length);
        }
        else
        {
            // Each record is a value of its own, not the next item of one JSON text.
            json.Reset();
            NotificationJsonWriter.Write(json, record.Submitted!);
            json.Flush();
        }

        buffer.GetSpan(1)[0] = (byte)'\n';
        buffer.Advance(1);
        Records++;
        Bytes += buffer.WrittenCount - before;
        if (buffer.WrittenCount >= FlushThreshold)
        {
            Drain();
        }
    }

    /// <summary>Writes all of <paramref name="records"/>; returns how many lines were written.</summary>
    public long WriteAll(IEnumerable<GeneratedRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var start = Records;
        foreach (var record in records)
        {
            Write(record);
        }

        Flush();
        return Records - start;
    }

    /// <summary>Sends the buffered lines to the stream and flushes it.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        Drain();
        stream.Flush();
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        Drain();
        disposed = true;
        json.Dispose();
        buffer.Dispose();
    }

    private void Drain()
    {
        if (buffer.WrittenCount > 0)
        {
            stream.Write(buffer.WrittenSpan);
            buffer.Clear();
        }
    }

    /// <summary>A growable byte buffer on the shared array pool.</summary>
    private sealed class PooledBuffer(int initialSize) : IBufferWriter<byte>, IDisposable
    {
        private byte[] array = ArrayPool<byte>.Shared.Rent(initialSize);

        public int WrittenCount { get; private set; }

        public ReadOnlySpan<byte> WrittenSpan => array.AsSpan(0, WrittenCount);

        public void Advance(int count) => WrittenCount += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return array.AsMemory(WrittenCount);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return array.AsSpan(WrittenCount);
        }

        public void Clear() => WrittenCount = 0;

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(array);
            array = [];
        }

        private void Reserve(int sizeHint)
        {
            var needed = WrittenCount + Math.Max(sizeHint, 256);
            if (needed <= array.Length)
            {
                return;
            }

            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, array.Length * 2));
            array.AsSpan(0, WrittenCount).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(array);
            array = larger;
        }
    }
}
