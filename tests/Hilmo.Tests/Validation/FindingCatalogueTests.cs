using Hilmo.Validation;

namespace Hilmo.Tests.Validation;

public sealed class FindingCatalogueTests
{
    [Fact]
    public void Every_code_is_unique_and_has_three_languages()
    {
        var codes = FindingCatalogue.All.Select(d => d.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(FindingCatalogue.All, d =>
        {
            Assert.Matches("^(SUB|FMT|REQ|HETU|CODE|TIME|VAL|RULE|VER|ACC|PER)-[0-9]{3}$", d.Code);
            Assert.False(string.IsNullOrWhiteSpace(d.Message.Sv));
            Assert.False(string.IsNullOrWhiteSpace(d.Message.En));
        });
    }
}
