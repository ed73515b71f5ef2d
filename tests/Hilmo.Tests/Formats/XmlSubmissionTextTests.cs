using System.Text;
using Hilmo.Formats;

namespace Hilmo.Tests.Formats;

public sealed class XmlSubmissionTextTests
{
    // Characters outside the Basic Multilingual Plane are surrogate pairs in UTF-16 and four bytes in UTF-8.
    // Long enough that most of it arrives after the encoding is decided, a few bytes at a time.
    private static readonly string Text =
        "<palvelutapahtumat>" + string.Concat(Enumerable.Repeat("<palvelutapahtuma><tunnus>Åbo 😀 ä</tunnus></palvelutapahtuma>\n", 100)) + "</palvelutapahtumat>";

    public static TheoryData<string> Encodings => ["UTF-8", "UTF-16LE", "UTF-16BE"];

    [Theory]
    [MemberData(nameof(Encodings))]
    public void The_text_decodes_the_same_however_the_bytes_are_split(string encodingName)
    {
        var encoding = encodingName switch
        {
            "UTF-8" => (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
            "UTF-16LE" => Encoding.Unicode,
            _ => Encoding.BigEndianUnicode,
        };
        byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes(Text)];

        for (var step = 1; step <= 5; step++)
        {
            using var text = new XmlSubmissionText(new TrickleStream(bytes, step), SubmissionLimits.Default, TestContext.Current.CancellationToken);
            Assert.Equal(Text, text.ReadToEnd());
            Assert.Equal(new Hilmo.Validation.TextPosition(101, 21), text.Position);
        }
    }

    [Fact]
    public void An_unpaired_surrogate_in_UTF_16_is_an_encoding_fault_at_its_place()
    {
        byte[] bytes = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("<a>\nab"), 0x00, 0xD8, .. Encoding.Unicode.GetBytes("c</a>")];
        using var text = new XmlSubmissionText(new MemoryStream(bytes), SubmissionLimits.Default, TestContext.Current.CancellationToken);

        var buffer = new char[64];
        Assert.Equal("<a>\nab", new string(buffer, 0, text.Read(buffer, 0, buffer.Length)));
        var refused = Assert.Throws<SubmissionRefusedException>(() => text.Read(buffer, 0, buffer.Length));
        Assert.Equal("SUB-002", refused.Finding.Code);
        Assert.Equal(new Hilmo.Validation.TextPosition(2, 3), refused.Finding.Position);
    }

    [Fact]
    public void A_UTF_16_body_cut_in_the_middle_of_a_character_is_an_encoding_fault()
    {
        byte[] bytes = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("<a/>"), 0x3C];
        using var text = new XmlSubmissionText(new MemoryStream(bytes), SubmissionLimits.Default, TestContext.Current.CancellationToken);

        Assert.Equal("SUB-002", Assert.Throws<SubmissionRefusedException>(() => text.ReadToEnd()).Finding.Code);
    }

    [Fact]
    public void The_name_table_shares_the_format_names_and_stops_keeping_new_ones_at_its_bound()
    {
        var table = new BoundedNameTable(10, [WireNames.RecordId]);

        Assert.Same(WireNames.RecordId, table.Add("tunnus".ToCharArray(), 0, 6));
        var kept = table.Add("abcdefgh");
        Assert.Same(kept, table.Add(new string("abcdefgh")));
        var notKept = table.Add("ijklmnop".ToCharArray(), 0, 8);
        Assert.Equal("ijklmnop", notKept);
        Assert.Null(table.Get("ijklmnop"));
        Assert.NotSame(notKept, table.Add("ijklmnop".ToCharArray(), 0, 8));
    }

    /// <summary>A stream that hands out at most a few bytes per read.</summary>
    private sealed class TrickleStream(byte[] bytes, int step) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(step, count));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(step, buffer.Length)]);
    }
}
