using System.Text;
using Hilmo.Formats;
using Hilmo.Notifications;
using Hilmo.Testing;

namespace Hilmo.Tests.Formats;

[Collection(MeasuresAllocations.Name)]
public sealed class JsonSubmissionReaderTests
{
    private static readonly JsonSubmissionReader Reader = new(SubmissionLimits.Default);

    private static string Record(int number) => SampleRecords.WithRecordId(SampleRecords.SpecificationExample, number);

    [Fact]
    public async Task A_single_object_is_one_record()
    {
        var read = await ReaderHarness.ReadAsync(Reader, Record(1));

        Assert.Null(read.SubmissionError);
        Assert.Empty(Assert.Single(read.Records).Findings);
    }

    [Fact]
    public async Task An_array_gives_its_elements_in_order_with_their_lines()
    {
        var read = await ReaderHarness.ReadAsync(Reader, $"[\n{Record(1)},\n{Record(2)}\n]\n");

        Assert.Null(read.SubmissionError);
        Assert.Equal(["1.2.246.10.2345678.10.2026.1", "1.2.246.10.2345678.10.2026.2"], read.RecordIds);
        Assert.Equal([2L, 11], read.Records.Select(r => r.Position!.Value.Line));
    }

    [Fact]
    public async Task Strings_with_brackets_quotes_and_escapes_do_not_confuse_the_split()
    {
        var tricky = """{"tunnus":"1.2.3","kaynti":{"toteuttaja":"a]}[{\"\\"}}""";
        var read = await ReaderHarness.ReadAsync(Reader, $"[{tricky},{Record(2)}]");

        Assert.Equal(2, read.Records.Count);
        Assert.Equal("a]}[{\"\\", ((ServiceEvent)read.Records[0].Submitted!.Notification).Visit!.Professional);
    }

    [Fact]
    public async Task A_truncated_array_keeps_the_complete_records_and_says_where_it_ended()
    {
        var body = $"[{Record(1)},{Record(2)},{Record(3)[..40]}";
        var read = await ReaderHarness.ReadAsync(Reader, body);

        Assert.Equal(2, read.Records.Count);
        Assert.Equal("SUB-005", read.SubmissionError!.Value.Code);
    }

    [Fact]
    public async Task An_element_that_is_not_an_object_is_refused_alone()
    {
        var read = await ReaderHarness.ReadAsync(Reader, $"[{Record(1)}, 42, \"x\", [1], {Record(2)}]");

        Assert.Null(read.SubmissionError);
        Assert.Equal(["FMT-010", "FMT-010", "FMT-010"], read.Records.SelectMany(r => r.Findings).Select(f => f.Code));
        Assert.Equal(5, read.Records.Count);
        Assert.Equal("1.2.246.10.2345678.10.2026.2", read.Records[4].RecordId);
    }

    [Fact]
    public async Task A_broken_element_is_refused_and_the_next_one_read()
    {
        var read = await ReaderHarness.ReadAsync(Reader, $"[{{\"tunnus\":\"1.2.3\",\"x\":tru}}, {Record(2)}]");

        Assert.Equal("FMT-001", Assert.Single(read.Records[0].Findings).Code);
        Assert.NotNull(read.Records[1].Submitted);
    }

    [Theory]
    [InlineData("[1 2]")]
    [InlineData("[,{}]")]
    [InlineData("{\"tunnus\":\"1.2.3\"}\n{\"tunnus\":\"1.2.4\"}")]
    public async Task Structure_outside_the_records_that_is_not_JSON_stops_the_submission(string body)
    {
        var read = await ReaderHarness.ReadAsync(Reader, body);
        Assert.Equal("SUB-001", read.SubmissionError!.Value.Code);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("\"records\"")]
    [InlineData("<palvelutapahtumat/>")]
    public async Task A_body_that_is_neither_object_nor_array_is_refused(string body)
    {
        var read = await ReaderHarness.ReadAsync(Reader, body);
        Assert.Equal("SUB-007", read.SubmissionError!.Value.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData(" [ ] ")]
    public async Task A_body_without_records_is_reported_as_empty(string body)
    {
        var read = await ReaderHarness.ReadAsync(Reader, body);
        Assert.Equal("SUB-006", read.SubmissionError!.Value.Code);
    }

    [Fact]
    public async Task A_huge_element_is_judged_and_skipped_without_being_held()
    {
        var prefix = Encoding.UTF8.GetBytes($"[{Record(1)},{{\"tunnus\":\"");
        var suffix = Encoding.UTF8.GetBytes($"\"}},{Record(3)}]");
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var read = await ReaderHarness.ReadAsync(Reader, new GeneratedStream(prefix, "7"u8.ToArray(), 100L << 20, suffix));

        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 32L << 20);
        Assert.Null(read.SubmissionError);
        Assert.Equal(3, read.Records.Count);
        Assert.Equal("FMT-007", Assert.Single(read.Records[1].Findings).Code);
        Assert.Equal("1.2.246.10.2345678.10.2026.3", read.Records[2].RecordId);
    }

    [Fact]
    public async Task A_deeply_nested_element_is_refused_without_recursion()
    {
        var deep = "{\"x\":" + new string('[', 100_000) + new string(']', 100_000) + "}";
        var read = await ReaderHarness.ReadAsync(Reader, $"[{deep},{Record(2)}]");

        Assert.Equal("FMT-008", Assert.Single(read.Records[0].Findings).Code);
        Assert.NotNull(read.Records[1].Submitted);
    }
}
