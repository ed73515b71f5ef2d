using System.Text;
using Hilmo.Formats;
using Hilmo.Testing;

namespace Hilmo.Tests.Formats;

[Collection(MeasuresAllocations.Name)]
public sealed class NdjsonSubmissionReaderTests
{
    private static readonly NdjsonSubmissionReader Reader = new(SubmissionLimits.Default);

    private static string Line(int number) => SampleRecords.OneLine(SampleRecords.WithRecordId(SampleRecords.SpecificationExample, number));

    [Fact]
    public async Task Each_line_is_one_record_and_blank_lines_are_none()
    {
        var read = await ReaderHarness.ReadAsync(Reader, $"{Line(1)}\n\n{Line(2)}\r\n   \n{Line(3)}");

        Assert.Null(read.SubmissionError);
        Assert.Equal([0L, 1, 2], read.Records.Select(r => r.Index));
        Assert.Equal([1L, 3, 5], read.Records.Select(r => r.Position!.Value.Line));
        Assert.All(read.Records, r => Assert.Empty(r.Findings));
    }

    [Fact]
    public async Task A_broken_line_loses_only_its_own_record()
    {
        var read = await ReaderHarness.ReadAsync(Reader, $"{Line(1)}\n{{\"tunnus\":\"1.2.3\",\"kaynti\":{{\n{Line(3)}\n");

        Assert.Null(read.SubmissionError);
        Assert.Equal(3, read.Records.Count);
        Assert.NotNull(read.Records[0].Submitted);
        var broken = Assert.Single(read.Records[1].Findings);
        Assert.Equal(("FMT-001", 2L), (broken.Code, broken.Position!.Value.Line));
        Assert.Equal("1.2.246.10.2345678.10.2026.3", read.Records[2].RecordId);
    }

    [Fact]
    public async Task A_byte_order_mark_is_skipped()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Line(1))).ToArray();
        var read = await ReaderHarness.ReadAsync(Reader, body);
        Assert.Empty(Assert.Single(read.Records).Findings);
    }

    [Fact]
    public async Task A_UTF16_body_is_refused_as_a_whole()
    {
        var read = await ReaderHarness.ReadAsync(Reader, Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Line(1))).ToArray());

        Assert.Empty(read.Records);
        Assert.Equal("SUB-002", read.SubmissionError!.Value.Code);
    }

    [Fact]
    public async Task An_empty_body_is_reported_as_empty()
    {
        var read = await ReaderHarness.ReadAsync(Reader, "\n \n");
        Assert.Empty(read.Records);
        Assert.Equal("SUB-006", read.SubmissionError!.Value.Code);
    }

    [Fact]
    public async Task Records_on_both_sides_of_a_huge_line_are_kept_and_the_line_is_judged_without_being_held()
    {
        var prefix = Encoding.UTF8.GetBytes(Line(1) + "\n{\"tunnus\":\"");
        var suffix = Encoding.UTF8.GetBytes("\"}\n" + Line(3) + "\n");
        const long hundredMegabytes = 100L << 20;
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var read = await ReaderHarness.ReadAsync(Reader, new GeneratedStream(prefix, "x"u8.ToArray(), hundredMegabytes, suffix));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < 32L << 20, $"reading allocated {allocated} bytes");
        Assert.Null(read.SubmissionError);
        Assert.Equal(3, read.Records.Count);
        Assert.Equal("FMT-007", Assert.Single(read.Records[1].Findings).Code);
        Assert.Equal("1.2.246.10.2345678.10.2026.3", read.Records[2].RecordId);
    }

    [Fact]
    public async Task A_last_line_without_a_newline_is_a_record()
    {
        var read = await ReaderHarness.ReadAsync(Reader, $"{Line(1)}\n{Line(2)}");
        Assert.Equal(2, read.Records.Count(r => r.Submitted is not null));
    }

    [Fact]
    public async Task A_body_larger_than_allowed_stops_with_the_records_before_kept()
    {
        var reader = new NdjsonSubmissionReader(SubmissionLimits.Default with { MaxSubmissionBytes = 2 << 20 });
        var body = new GeneratedStream(Encoding.UTF8.GetBytes(Line(1) + "\n"), "\n"u8.ToArray(), 4 << 20, []);

        var read = await ReaderHarness.ReadAsync(reader, body);

        Assert.Equal("SUB-003", read.SubmissionError!.Value.Code);
        Assert.Single(read.Records);
    }

    [Fact]
    public async Task Many_records_come_in_order_across_batches()
    {
        var body = string.Join("\n", Enumerable.Range(0, 10_000).Select(Line));
        var read = await ReaderHarness.ReadAsync(Reader, body);

        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => (long)i), read.Records.Select(r => r.Index));
        Assert.Equal($"1.2.246.10.2345678.10.2026.{9_999}", read.Records[^1].RecordId);
    }
}
