using System.Text.RegularExpressions;

namespace Hilmo.Codes;

/// <summary>
/// What the register knows about a classification before any list is loaded: its name (the file
/// name of its list), OID, title, which codes are headings and, where the members may not be
/// known, the form a code must have.
/// </summary>
/// <param name="Name">Short name; also the base name of the list file (<c>spat</c> → <c>spat.csv</c>).</param>
/// <param name="Oid">OID of the code system on THL's code server, where known.</param>
/// <param name="Title">Name of the classification.</param>
/// <param name="MaxHeadingLevel">Codes at this level or above (smaller numbers) are headings, not values.</param>
/// <param name="Shape">
/// Regular expression a code must match; checked always, and the only check when there is no
/// list. Every member of the shipped list has it, so a code of another form is never a member.
/// </param>
/// <param name="ParentsAreHeadings">
/// A code that another code names as its parent is a group, not a value to record, whatever its
/// level: THL's procedure classification has groups at every level (<c>AA</c>, <c>AAA</c>, <c>ZZN</c>).
/// </param>
/// <param name="NoPublicList">
/// No public source lists the members, so the register can check a code's form at most: every
/// code is reported as provisional (CODE-009) until a real list is loaded in place.
/// </param>
public sealed record ClassificationDefinition(
    string Name,
    string? Oid,
    LocalizedText Title,
    int? MaxHeadingLevel = null,
    string? Shape = null,
    bool ParentsAreHeadings = false,
    bool NoPublicList = false)
{
    private readonly Regex? shapeRegex = Shape is null
        ? null
        : new Regex($"^(?:{Shape})$", RegexOptions.CultureInvariant | RegexOptions.Compiled | RegexOptions.NonBacktracking);

    public bool HasShape(string code) => shapeRegex is null || shapeRegex.IsMatch(code);

    /// <summary>Whether <paramref name="entry"/> is a heading by its level; <see cref="Classification.IsHeading"/> also knows the parents.</summary>
    public bool IsHeadingLevel(CodeEntry entry) => MaxHeadingLevel is { } max && entry.Level is { } level && level <= max;
}
