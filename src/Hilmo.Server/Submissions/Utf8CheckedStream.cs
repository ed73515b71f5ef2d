using System.Buffers;
using System.Text;

namespace Hilmo.Server.Submissions;

/// <summary>
/// Passes a JSON or XML request body through and stops at the first byte that is not UTF-8. Such a
/// body is one document of a UTF-8 media type: if it is not UTF-8 it is malformed as a whole, and
/// refusing it before anything is stored keeps the submission all or nothing.
/// </summary>
internal sealed class Utf8CheckedStream(Stream inner) : Stream
{
    private readonly Decoder decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
    private long position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Check(buffer[..read], final: read == 0);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Check(buffer.Span[..read], final: read == 0);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Check(ReadOnlySpan<byte> bytes, bool final)
    {
        // The decoder keeps a sequence split between two reads and judges it when the rest arrives.
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(bytes.Length, 4));
        try
        {
            decoder.GetChars(bytes, chars, flush: final);
        }
        catch (DecoderFallbackException exception)
        {
            throw new InvalidUtf8Exception(position + Math.Max(0, exception.Index));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }

        position += bytes.Length;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>A request body is not UTF-8 from <see cref="ByteOffset"/> on.</summary>
internal sealed class InvalidUtf8Exception(long byteOffset) : IOException($"The body is not valid UTF-8 at byte {byteOffset}.")
{
    public long ByteOffset { get; } = byteOffset;
}
