namespace Hilmo.Statistics;

/// <summary>
/// A publication: a name and the receipt time its figures are computed as of, frozen when it is
/// made, so that every table of the release reproduces exactly later, whatever arrives after.
/// </summary>
/// <param name="Name">The release's name (<c>2025-annual</c>).</param>
/// <param name="AsOf">The receipt time the release's figures are computed as of (UTC).</param>
/// <param name="CreatedAt">When it was made (UTC).</param>
/// <param name="CreatedBy">Who made it.</param>
public sealed record Release(string Name, DateTimeOffset AsOf, DateTimeOffset CreatedAt, string? CreatedBy)
{
    /// <summary>Release names are short words of letters, digits, dots, dashes and underscores, safe in a URL and a file name.</summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
