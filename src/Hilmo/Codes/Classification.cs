namespace Hilmo.Codes;

/// <summary>
/// A loaded classification: its definition, where its list came from, and its codes, indexed for
/// constant-time lookup.
/// </summary>
public sealed class Classification
{
    private readonly Dictionary<string, CodeEntry> byCode;
    private readonly Dictionary<string, CodeEntry>.AlternateLookup<ReadOnlySpan<char>> bySpan;
    private readonly HashSet<string> parents;

    public Classification(ClassificationDefinition definition, ClassificationStatus status, string? source, IEnumerable<CodeEntry> codes, string? version = null)
    {
        Definition = definition;
        Status = status;
        Source = source;
        Version = version;
        byCode = new Dictionary<string, CodeEntry>(StringComparer.Ordinal);
        foreach (var entry in codes)
        {
            if (!byCode.TryAdd(entry.Code, entry))
            {
                throw new CodeListException(source ?? definition.Name, $"code {entry.Code} appears twice");
            }
        }

        bySpan = byCode.GetAlternateLookup<ReadOnlySpan<char>>();
        parents = definition.ParentsAreHeadings
            ? new HashSet<string>(byCode.Values.Select(e => e.Parent).OfType<string>(), StringComparer.Ordinal)
            : [];
        Codes = [.. byCode.Values.OrderBy(e => e.Code, StringComparer.Ordinal)];
    }

    public ClassificationDefinition Definition { get; }

    public string Name => Definition.Name;

    public ClassificationStatus Status { get; }

    /// <summary>The file the list was read from, its whole path (for the operator's messages); null when there is no list.</summary>
    public string? Source { get; }

    /// <summary>
    /// The list's name where it came from, without the folder it lies in on this machine
    /// (<c>icd10fi.csv</c>, THL's <c>58_1606817342088.xlsx</c>): what the register may tell anyone.
    /// </summary>
    public string? SourceName => Source is null ? null : Path.GetFileName(Source);

    /// <summary>
    /// Which version of the list is loaded: <c>sha256:</c> and the first 16 hex digits of the
    /// SHA-256 of its file, so that the same version is the same list byte for byte (the lists
    /// carry no version number of their own); null when there is no list.
    /// </summary>
    public string? Version { get; }

    /// <summary>All codes in ordinal order of the code.</summary>
    public IReadOnlyList<CodeEntry> Codes { get; }

    public CodeEntry? Find(ReadOnlySpan<char> code) => bySpan.TryGetValue(code, out var entry) ? entry : null;

    /// <summary>Whether <paramref name="code"/> may be recorded in this classification on <paramref name="date"/>.</summary>
    public CodeCheck Check(string code, DateOnly date)
    {
        if (!Definition.HasShape(code))
        {
            return CodeCheck.BadShape;
        }

        if (Status == ClassificationStatus.Unlisted)
        {
            return CodeCheck.Unverified;
        }

        if (!byCode.TryGetValue(code, out var entry))
        {
            return CodeCheck.Unknown;
        }

        if (IsHeading(entry))
        {
            return CodeCheck.Heading;
        }

        if (entry.ValidFrom is { } from && date < from)
        {
            return CodeCheck.NotYetValid;
        }

        return entry.ValidTo is { } to && date > to ? CodeCheck.Expired : CodeCheck.Valid;
    }

    /// <summary>Whether <paramref name="entry"/> is a heading (chapter, block, group), not a value to record.</summary>
    public bool IsHeading(CodeEntry entry) => Definition.IsHeadingLevel(entry) || parents.Contains(entry.Code);

    public override string ToString() => $"{Name} ({Status}, {Codes.Count} codes)";
}
