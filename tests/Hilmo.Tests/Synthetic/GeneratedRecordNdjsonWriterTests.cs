using System.Buffers;
using System.Text.Json;
using Hilmo.Formats;
using Hilmo.Synthetic;
using Hilmo.Validation;

namespace Hilmo.Tests.Synthetic;

public sealed class GeneratedRecordNdjsonWriterTests
{
    [Fact]
    public void Each_record_is_one_line_that_reads_back_to_the_same_record()
    {
        var records = SyntheticData.Generator(new GeneratorOptions { InvalidShare = 0 }).Generate(3_000).ToList();

        var lines = Lines(SyntheticData.Ndjson(records));

        Assert.Equal(records.Count, lines.Count);
        var parser = new ServiceEventJsonParser();
        for (var i = 0; i < records.Count; i++)
        {
            var expected = records[i].RawLine ?? Render(records[i]);
            Assert.True(lines[i].AsSpan().SequenceEqual(expected), $"line {i}");
            if (records[i].Submitted is { } submitted)
            {
                var parsed = parser.Parse(lines[i], i, null);
                Assert.DoesNotContain(parsed.Findings, f => f.Severity == Severity.Error);
                Assert.Equal(submitted.IdentityCode, parsed.Submitted!.IdentityCode);
                Assert.True(Render(GeneratedRecord.Record(records[i].Kind, parsed.Submitted)).AsSpan().SequenceEqual(expected), $"record {i} read back differs");
            }
        }
    }

    [Fact]
    public void A_raw_line_is_written_byte_for_byte_even_when_it_is_not_utf8()
    {
        byte[] line = [(byte)'{', (byte)'"', 0xC4, (byte)'h', (byte)'t', 0xE4, (byte)'r', (byte)'i', (byte)'"'];

        var written = SyntheticData.Ndjson([GeneratedRecord.Line(GeneratedRecordKind.Invalid, line, "FMT-013")]);

        Assert.Equal([.. line, (byte)'\n'], written);
    }

    [Fact]
    public void The_counts_match_what_reached_the_stream_across_many_flushes()
    {
        var records = SyntheticData.Generator().Generate(12_000);
        using var stream = new MemoryStream();
        long written;
        long bytes;
        using (var writer = new GeneratedRecordNdjsonWriter(stream))
        {
            written = writer.WriteAll(records);
            bytes = writer.Bytes;
        }

        Assert.Equal(12_000, written);
        Assert.Equal(stream.Length, bytes);
        Assert.True(stream.Length > 4 << 20, $"{stream.Length} bytes, fewer than the writer's buffer would flush several times");
        Assert.Equal(12_000, stream.ToArray().Count(b => b == (byte)'\n'));
    }

    private static List<byte[]> Lines(byte[] ndjson)
    {
        var lines = new List<byte[]>();
        var rest = ndjson.AsSpan();
        while (rest.IndexOf((byte)'\n') is var end and >= 0)
        {
            lines.Add(rest[..end].ToArray());
            rest = rest[(end + 1)..];
        }

        Assert.True(rest.IsEmpty, "The last line has no line feed.");
        return lines;
    }

    private static byte[] Render(GeneratedRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, NotificationJsonWriter.WriterOptions))
        {
            NotificationJsonWriter.Write(writer, record.Submitted!);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
