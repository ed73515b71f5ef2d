using Hilmo.Formats;

namespace Hilmo.Tests.Formats;

public sealed class ServiceEventJsonParserTests
{
    [Fact]
    public void A_repeated_member_is_reported_once_and_the_rest_of_the_record_is_read()
    {
        var parser = new ServiceEventJsonParser();

        var record = parser.Parse(
            """{"tunnus":"1.2.246.10.1","asiakas":{"hetu":"131052-308T","hetu":"010101-123N"},"tuottaja":"90152","yksikko":"1.2.246.10.2"}"""u8,
            0, null);

        var finding = Assert.Single(record.Findings);
        Assert.Equal("FMT-009", finding.Code);
        Assert.Equal("asiakas.hetu", finding.Path);
        Assert.NotNull(record.Submitted);
        Assert.Equal("131052-308T", record.Submitted.IdentityCode?.Reveal());
        Assert.Equal("90152", record.Submitted.Event.Provider);
        Assert.Equal("1.2.246.10.2", record.Submitted.Event.Unit);
    }
}
