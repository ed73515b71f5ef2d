using System.Text.RegularExpressions;

namespace Hilmo.Codes;

/// <summary>
/// What the register knows about a classification before any list is loaded: its name (the file
/// name of its list), OID, title, which levels are headings and, where the members are not
/// known, the form a code must have.
/// </summary>
/// <param name="Name">Short name; also the base name of the list file (<c>spat</c> → <c>spat.csv</c>).</param>
/// <param name="Oid">OID of the code system on THL's code server, where known.</param>
/// <param name="Title">Name of the classification.</param>
/// <param name="MaxHeadingLevel">Codes at this level or above (smaller numbers) are headings, not values.</param>
/// <param name="Shape">Regular expression a code must match; checked always, and the only check when there is no list.</param>
/// <param name="WarnWhenUnverified">
/// The register is expected to check this classification but has no list of it: each code that
/// could only be checked for its form is reported as unverified (a warning).
/// </param>
public sealed record ClassificationDefinition(
    string Name,
    string? Oid,
    LocalizedText Title,
    int? MaxHeadingLevel = null,
    string? Shape = null,
    bool WarnWhenUnverified = false)
{
    private readonly Regex? shapeRegex = Shape is null
        ? null
        : new Regex($"^(?:{Shape})$", RegexOptions.CultureInvariant | RegexOptions.Compiled | RegexOptions.NonBacktracking);

    public bool HasShape(string code) => shapeRegex is null || shapeRegex.IsMatch(code);

    public bool IsHeading(CodeEntry entry) => MaxHeadingLevel is { } max && entry.Level is { } level && level <= max;
}
