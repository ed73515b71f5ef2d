namespace Hilmo.Statistics.Outputs;

/// <summary>The languages a table is written in.</summary>
public static class TableLanguages
{
    /// <summary><c>fi</c>, <c>sv</c> and <c>en</c>, Finnish first as the register's working language.</summary>
    public static IReadOnlyList<string> All { get; } = ["fi", "sv", "en"];

    public static bool IsSupported(string? language) => language is not null && All.Contains(language, StringComparer.Ordinal);

    internal static void Require(string language)
    {
        if (!IsSupported(language))
        {
            throw new ArgumentException($"A table is written in {string.Join(", ", All)}, not \"{language}\".", nameof(language));
        }
    }
}
