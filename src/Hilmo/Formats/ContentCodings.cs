using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Hilmo.Formats;

/// <summary>
/// The HTTP content codings a submission may come in (RFC 9110 §8.4.1): <c>gzip</c> (also
/// <c>x-gzip</c>), <c>deflate</c> (the zlib format of RFC 1950, as HTTP defines it, not a raw
/// deflate stream) and <c>br</c> (Brotli), one at most; <c>identity</c> is no coding.
/// </summary>
/// <remarks>
/// <para>
/// .NET's decompressing streams stop quietly at the end of their input: a gzip or zlib body cut
/// short, or missing its trailer, reads as a shorter body, and the records before the cut would
/// be stored as if they were the whole file. So each coding is checked to its end here: gzip's
/// CRC-32 and length and zlib's Adler-32 against what was decoded (the trailer must be the last
/// bytes of the body), and Brotli by its decoder's own end of stream. Anything wrong throws
/// <see cref="UndecodableBodyException"/>, which the readers turn into <c>SUB-008</c>: nothing of
/// such a submission is stored.
/// </para>
/// <para>
/// A gzip body is one gzip member (what every HTTP client sends); several members concatenated
/// are refused, as the trailer then covers only the last one.
/// </para>
/// </remarks>
public static class ContentCodings
{
    /// <summary>The codings the register undoes, as named in <c>Content-Encoding</c>.</summary>
    public static IReadOnlyList<string> Supported { get; } = ["gzip", "deflate", "br"];

    /// <summary>
    /// The coding named by a <c>Content-Encoding</c> header's values: null for none (or only
    /// <c>identity</c>); false when the register does not undo it (unknown, or more than one).
    /// </summary>
    public static bool TryParse(IEnumerable<string?> headerValues, out string? coding)
    {
        coding = null;
        foreach (var value in headerValues)
        {
            foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var name = part.ToLowerInvariant() switch
                {
                    "identity" => null,
                    "gzip" or "x-gzip" => "gzip",
                    "deflate" => "deflate",
                    "br" => "br",
                    _ => "?",
                };
                if (name is null)
                {
                    continue;
                }

                if (name == "?" || coding is not null)
                {
                    coding = null;
                    return false;
                }

                coding = name;
            }
        }

        return true;
    }

    /// <summary>The decoded body of <paramref name="body"/> in <paramref name="coding"/> (one of <see cref="Supported"/>).</summary>
    public static Stream Decode(Stream body, string coding) => coding switch
    {
        "gzip" => new ChecksummedBody(body, coding, new GZipStream(new TailKeepingStream(body, 8), CompressionMode.Decompress)),
        "deflate" => new ChecksummedBody(body, coding, new ZLibStream(new TailKeepingStream(body, 4), CompressionMode.Decompress)),
        "br" => new BrotliBody(body),
        _ => throw new ArgumentOutOfRangeException(nameof(coding), "Not a content coding the register undoes."),
    };

    /// <summary>A read-only, forward-only stream.</summary>
    private abstract class ReadOnlyStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Passes a stream through and keeps its last few bytes: where gzip and zlib put their trailer.</summary>
    private sealed class TailKeepingStream(Stream inner, int tailLength) : ReadOnlyStream
    {
        private readonly byte[] tail = new byte[tailLength];

        public int TailCount { get; private set; }

        public ReadOnlySpan<byte> Tail => tail.AsSpan(0, TailCount);

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            Keep(buffer[..read]);
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            Keep(buffer.Span[..read]);
            return read;
        }

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length >= tail.Length)
            {
                bytes[^tail.Length..].CopyTo(tail);
                TailCount = tail.Length;
                return;
            }

            var keep = Math.Min(TailCount, tail.Length - bytes.Length);
            tail.AsSpan(TailCount - keep, keep).CopyTo(tail);
            bytes.CopyTo(tail.AsSpan(keep));
            TailCount = keep + bytes.Length;
        }
    }

    /// <summary>A gzip or zlib body, whose trailer is checked against what was decoded when the decoder ends.</summary>
    private sealed class ChecksummedBody : ReadOnlyStream
    {
        private readonly Stream raw;
        private readonly string coding;
        private readonly Stream decoder;
        private readonly TailKeepingStream tail;
        private readonly Crc32 crc = new();
        private uint adlerA = 1;
        private uint adlerB;
        private long decoded;
        private bool ended;

        public ChecksummedBody(Stream raw, string coding, Stream decoder)
        {
            this.raw = raw;
            this.coding = coding;
            this.decoder = decoder;
            tail = decoder switch
            {
                GZipStream gzip => (TailKeepingStream)gzip.BaseStream,
                ZLibStream zlib => (TailKeepingStream)zlib.BaseStream,
                _ => throw new ArgumentException("Not a gzip or zlib decoder.", nameof(decoder)),
            };
        }

        public override int Read(Span<byte> buffer)
        {
            if (ended || buffer.IsEmpty)
            {
                return 0;
            }

            int read;
            try
            {
                read = decoder.Read(buffer);
            }
            catch (InvalidDataException exception)
            {
                throw new UndecodableBodyException(coding, exception);
            }

            return Took(buffer[..read]);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (ended || buffer.IsEmpty)
            {
                return 0;
            }

            int read;
            try
            {
                read = await decoder.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException exception)
            {
                throw new UndecodableBodyException(coding, exception);
            }

            return Took(buffer.Span[..read]);
        }

        private int Took(ReadOnlySpan<byte> bytes)
        {
            if (bytes.IsEmpty)
            {
                ended = true;
                CheckTrailer();
                return 0;
            }

            decoded += bytes.Length;
            if (coding == "gzip")
            {
                crc.Append(bytes);
            }
            else
            {
                Adler(bytes);
            }

            return bytes.Length;
        }

        private void CheckTrailer()
        {
            var trailer = tail.Tail;
            var intact = coding == "gzip"
                ? trailer.Length == 8
                    && BinaryPrimitives.ReadUInt32LittleEndian(trailer) == crc.GetCurrentHashAsUInt32()
                    && BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]) == unchecked((uint)decoded)
                : trailer.Length == 4 && BinaryPrimitives.ReadUInt32BigEndian(trailer) == ((adlerB << 16) | adlerA);
            if (!intact)
            {
                throw new UndecodableBodyException(coding, null);
            }
        }

        private void Adler(ReadOnlySpan<byte> bytes)
        {
            const uint Modulus = 65521;

            // 5552 bytes at most between reductions keep the sums within 32 bits (zlib's NMAX).
            while (!bytes.IsEmpty)
            {
                var chunk = bytes[..Math.Min(bytes.Length, 5552)];
                foreach (var b in chunk)
                {
                    adlerA += b;
                    adlerB += adlerA;
                }

                adlerA %= Modulus;
                adlerB %= Modulus;
                bytes = bytes[chunk.Length..];
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                decoder.Dispose();
                raw.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>A Brotli body, decoded with <see cref="BrotliDecoder"/>, which knows where the stream ends; nothing may follow that end.</summary>
    private sealed class BrotliBody(Stream raw) : ReadOnlyStream
    {
        private const string Coding = "br";
        private readonly byte[] input = ArrayPool<byte>.Shared.Rent(1 << 16);
        private BrotliDecoder decoder;
        private int start;
        private int end;
        private bool rawEnded;
        private bool done;

        public override int Read(Span<byte> buffer)
        {
            while (true)
            {
                if (Step(buffer, out var written) is { } result)
                {
                    return result;
                }

                if (written < 0)
                {
                    Received(raw.Read(FreeSpace().Span));
                }
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (true)
            {
                if (Step(buffer.Span, out var written) is { } result)
                {
                    return result;
                }

                if (written < 0)
                {
                    Received(await raw.ReadAsync(FreeSpace(), cancellationToken).ConfigureAwait(false));
                }
            }
        }

        /// <summary>The count to return, or null and a negative <paramref name="needBytes"/> when more of the body must be read first.</summary>
        private int? Step(Span<byte> buffer, out int needBytes)
        {
            needBytes = 0;
            if (buffer.IsEmpty)
            {
                return 0;
            }

            if (done)
            {
                // After the end of the Brotli stream only the end of the body may come.
                if (start < end)
                {
                    throw new UndecodableBodyException(Coding, null);
                }

                if (rawEnded)
                {
                    return 0;
                }

                needBytes = -1;
                return null;
            }

            if (start == end && !rawEnded)
            {
                needBytes = -1;
                return null;
            }

            var status = decoder.Decompress(input.AsSpan(start, end - start), buffer, out var consumed, out var written);
            start += consumed;
            switch (status)
            {
                case OperationStatus.Done:
                    done = true;
                    return written > 0 ? written : null;
                case OperationStatus.DestinationTooSmall:
                    return written;
                case OperationStatus.NeedMoreData:
                    if (written > 0)
                    {
                        return written;
                    }

                    if (rawEnded)
                    {
                        throw new UndecodableBodyException(Coding, null);
                    }

                    needBytes = -1;
                    return null;
                default:
                    throw new UndecodableBodyException(Coding, null);
            }
        }

        private Memory<byte> FreeSpace()
        {
            if (start > 0)
            {
                input.AsSpan(start, end - start).CopyTo(input);
                end -= start;
                start = 0;
            }

            return input.AsMemory(end);
        }

        private void Received(int count)
        {
            if (count == 0)
            {
                rawEnded = true;
                return;
            }

            if (done)
            {
                throw new UndecodableBodyException(Coding, null);
            }

            end += count;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                decoder.Dispose();
                ArrayPool<byte>.Shared.Return(input);
                raw.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>A compressed body is damaged, cut short or fails its checksum (<c>SUB-008</c>).</summary>
public sealed class UndecodableBodyException(string coding, Exception? inner)
    : IOException($"The {coding} body cannot be decoded.", inner)
{
    public string Coding { get; } = coding;
}
