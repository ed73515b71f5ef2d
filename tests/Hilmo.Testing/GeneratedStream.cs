namespace Hilmo.Testing;

/// <summary>
/// A read-only stream of <c>head</c>, then <c>unit</c> repeated <c>count</c> times, then
/// <c>tail</c>, made as it is read: a test can send a body of gigabytes without holding it.
/// </summary>
public sealed class GeneratedStream(byte[] head, byte[] unit, long count, byte[] tail) : Stream
{
    private readonly long length = head.Length + (unit.Length * count) + tail.Length;
    private long position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    /// <summary>A UTF-8 stream of <paramref name="head"/>, <paramref name="unit"/> × <paramref name="count"/>, <paramref name="tail"/>.</summary>
    public static GeneratedStream Utf8(string head, string unit, long count, string tail) =>
        new(System.Text.Encoding.UTF8.GetBytes(head), System.Text.Encoding.UTF8.GetBytes(unit), count, System.Text.Encoding.UTF8.GetBytes(tail));

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length && position < length)
        {
            var bodyEnd = head.Length + (unit.Length * count);
            int copied;
            if (position < head.Length)
            {
                copied = Copy(head.AsSpan((int)position), buffer[written..]);
            }
            else if (position < bodyEnd)
            {
                var inUnit = (int)((position - head.Length) % unit.Length);
                var target = buffer[written..];
                if (unit.Length == 1)
                {
                    copied = (int)Math.Min(target.Length, bodyEnd - position);
                    target[..copied].Fill(unit[0]);
                }
                else
                {
                    copied = Copy(unit.AsSpan(inUnit), target);
                }
            }
            else
            {
                copied = Copy(tail.AsSpan((int)(position - bodyEnd)), buffer[written..]);
            }

            written += copied;
            position += copied;
        }

        return written;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static int Copy(ReadOnlySpan<byte> from, Span<byte> to)
    {
        var count = Math.Min(from.Length, to.Length);
        from[..count].CopyTo(to);
        return count;
    }
}
