using System.Text;
using Hilmo.Formats;
using Hilmo.Validation;

namespace Hilmo.Tests.Formats;

/// <summary>Runs a submission reader over a body and parses its records as the workers would.</summary>
internal static class ReaderHarness
{
    public static async Task<ReadSubmission> ReadAsync(ISubmissionReader reader, Stream body)
    {
        var parser = new ServiceEventJsonParser();
        var records = new List<ParsedRecord>();
        Finding? error = null;
        await foreach (var batch in reader.ReadAsync(body, TestContext.Current.CancellationToken))
        {
            using (batch)
            {
                foreach (var item in batch.Items)
                {
                    records.Add(item.Parsed ?? parser.Parse(batch.TextOf(item), item.Index, item.Position));
                }

                error ??= batch.SubmissionError;
            }
        }

        return new ReadSubmission(records, error);
    }

    public static Task<ReadSubmission> ReadAsync(ISubmissionReader reader, string body) =>
        ReadAsync(reader, new MemoryStream(Encoding.UTF8.GetBytes(body)));

    public static Task<ReadSubmission> ReadAsync(ISubmissionReader reader, byte[] body) =>
        ReadAsync(reader, new MemoryStream(body));
}

internal sealed record ReadSubmission(IReadOnlyList<ParsedRecord> Records, Finding? SubmissionError)
{
    public IEnumerable<string?> RecordIds => Records.Select(r => r.RecordId);
}

/// <summary>
/// A body produced as it is read: a prefix, a filler byte repeated, a suffix. Lets a test send a
/// submission of hundreds of megabytes without holding it.
/// </summary>
internal sealed class GeneratedBody(byte[] prefix, byte filler, long fillerLength, byte[] suffix) : Stream
{
    private long position;

    public override long Length => prefix.Length + fillerLength + suffix.Length;

    public override int Read(byte[] buffer, int offset, int count)
    {
        var written = 0;
        while (written < count && position < Length)
        {
            if (position < prefix.Length)
            {
                buffer[offset + written++] = prefix[position++];
            }
            else if (position < prefix.Length + fillerLength)
            {
                var run = (int)Math.Min(count - written, prefix.Length + fillerLength - position);
                buffer.AsSpan(offset + written, run).Fill(filler);
                written += run;
                position += run;
            }
            else
            {
                buffer[offset + written++] = suffix[position++ - prefix.Length - fillerLength];
            }
        }

        return written;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
