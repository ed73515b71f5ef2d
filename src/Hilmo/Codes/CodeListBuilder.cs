using System.Security.Cryptography;

namespace Hilmo.Codes;

/// <summary>
/// Collects the entries of one list as a reader finds them and turns them into a
/// <see cref="Classification"/>. It remembers where each code was first seen, so that a duplicate
/// names both places instead of only the file.
/// </summary>
internal sealed class CodeListBuilder(string path)
{
    private readonly List<CodeEntry> entries = [];
    private readonly Dictionary<string, CodeListLocation> firstSeen = new(StringComparer.Ordinal);

    public void Add(CodeEntry entry, CodeListLocation location)
    {
        if (!firstSeen.TryAdd(entry.Code, location))
        {
            var first = firstSeen[entry.Code];
            throw location.Error($"code {entry.Code} appears twice (first at {first.Unit} {first.Number})");
        }

        if (entry.ValidFrom > entry.ValidTo)
        {
            throw location.Error($"code {entry.Code} ends ({entry.ValidTo:yyyy-MM-dd}) before it starts ({entry.ValidFrom:yyyy-MM-dd})");
        }

        entries.Add(entry);
    }

    public Classification Build(ClassificationDefinition definition, ClassificationStatus status) =>
        new(definition, status, path, entries, VersionOf(path));

    /// <summary>The <see cref="Classification.Version"/> of the list in the file at <paramref name="path"/>.</summary>
    internal static string VersionOf(string path)
    {
        using var file = File.OpenRead(path);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(file))[..16];
    }
}
