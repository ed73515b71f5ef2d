namespace Hilmo;

/// <summary>
/// A text in the register's three languages. Finnish is the register's working language and is
/// always present; Swedish and English fall back to it where a source gives no translation.
/// </summary>
public sealed record LocalizedText(string Fi, string? Sv = null, string? En = null)
{
    /// <summary>The text in <paramref name="language"/> (<c>fi</c>, <c>sv</c> or <c>en</c>), or Finnish when that language has none.</summary>
    public string In(string language) => language switch
    {
        "sv" => Sv ?? Fi,
        "en" => En ?? Fi,
        _ => Fi,
    };

    public override string ToString() => Fi;
}
