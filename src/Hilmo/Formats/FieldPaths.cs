namespace Hilmo.Formats;

/// <summary>
/// Paths of fields in findings. They take the JSON form (<c>kaynti.alku</c>,
/// <c>kayntisyyt[1].icd10</c>) whatever format the record arrived in, so that feedback reads the
/// same for JSON, NDJSON and XML submitters.
/// </summary>
internal static class FieldPaths
{
    // Item paths ("kayntisyyt[3]") are made once, not for every item of every record.
    private static readonly Dictionary<string, string[]> ItemPaths = new[]
        { WireNames.Reasons, WireNames.Procedures, WireNames.Medications, WireNames.FollowUpCare }
        .ToDictionary(g => g, g => Enumerable.Range(0, 128).Select(i => $"{g}[{i}]").ToArray(), StringComparer.Ordinal);

    /// <summary>The path of <paramref name="name"/> inside <paramref name="group"/>; null group for the record itself.</summary>
    public static string Of(string? group, string name) => group is null ? name : group + "." + name;

    /// <summary>The path of item <paramref name="index"/> (from zero) of a repeating group.</summary>
    public static string Item(string group, int index) =>
        ItemPaths.TryGetValue(group, out var paths) && index < paths.Length ? paths[index] : $"{group}[{index}]";
}
