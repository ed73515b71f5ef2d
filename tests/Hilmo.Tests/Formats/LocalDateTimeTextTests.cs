using System.Text;
using Hilmo.Formats;

namespace Hilmo.Tests.Formats;

public sealed class LocalDateTimeTextTests
{
    [Theory]
    [InlineData("2026-03-02T08:15")]
    [InlineData("2026-03-02T08:15:07")]
    [InlineData("2026-03-02T08:15:07.5")]
    [InlineData("2026-12-31T23:59:59.9999999")]
    [InlineData("2011-01-01T00:00")]
    [InlineData("0999-01-01T00:00:00.0000001")]
    public void A_time_written_reads_back_the_same_and_keeps_only_the_precision_it_has(string text)
    {
        Assert.True(LocalDateTimeText.TryParseIso(Encoding.ASCII.GetBytes(text), out var time));
        Assert.Equal(text, LocalDateTimeText.Format(time));
    }

    [Fact]
    public void The_legacy_form_of_the_register_is_read_in_XML()
    {
        Assert.True(LocalDateTimeText.TryParseLegacy("202603020805"u8, out var time));
        Assert.Equal(new DateTime(2026, 3, 2, 8, 5, 0), time);
        Assert.False(LocalDateTimeText.TryParseLegacy("202602300805"u8, out _));
        Assert.False(LocalDateTimeText.TryParseLegacy("2026030208"u8, out _));
    }

    [Fact]
    public void Every_minute_of_a_leap_year_round_trips()
    {
        Span<byte> buffer = stackalloc byte[LocalDateTimeText.MaxFormattedLength];
        for (var t = new DateTime(2024, 1, 1); t.Year == 2024; t = t.AddMinutes(7))
        {
            Assert.True(LocalDateTimeText.TryParseIso(buffer[..LocalDateTimeText.Format(t, buffer)], out var back));
            Assert.Equal(t, back);
        }
    }
}
