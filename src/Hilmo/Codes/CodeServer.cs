namespace Hilmo.Codes;

/// <summary>
/// The register's code server: every classification AvoHILMO refers to, loaded from a folder of
/// list files. A THL code-server export (<c>.xls</c>, <c>.xlsx</c>, or CSV with THL's columns)
/// can stand in for any shipped list without a change of code.
/// </summary>
public sealed class CodeServer
{
    private readonly Dictionary<string, Classification> byName;

    public CodeServer(IEnumerable<Classification> classifications)
    {
        byName = classifications.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var definition in KnownClassifications.All)
        {
            byName.TryAdd(definition.Name, new Classification(definition, ClassificationStatus.Unlisted, null, []));
        }
    }

    /// <summary>The folder of lists shipped beside the program.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "data", "codes");

    public IEnumerable<Classification> Classifications => byName.Values.OrderBy(c => c.Name, StringComparer.Ordinal);

    public Classification this[ClassificationDefinition definition] => this[definition.Name];

    public Classification this[string name] => byName.TryGetValue(name, out var classification)
        ? classification
        : throw new KeyNotFoundException($"No classification named '{name}' is loaded.");

    public bool TryGet(string name, out Classification classification) => byName.TryGetValue(name, out classification!);

    /// <summary>
    /// Loads every list in <paramref name="directory"/>: <c>NAME.csv</c> in the shipped layout,
    /// <c>provisional.csv</c>, and THL exports named <c>NAME.xls</c>, <c>NAME.xlsx</c> or
    /// <c>NAME-anything.xls[x]</c>, or with THL's own file name (<c>58_1606817342088.xlsx</c>).
    /// Two files for one classification are an error, not a silent choice.
    /// </summary>
    public static CodeServer Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new CodeListException(directory, "the folder does not exist");
        }

        var loaded = new Dictionary<string, Classification>(StringComparer.Ordinal);
        void Add(Classification classification)
        {
            if (loaded.TryGetValue(classification.Name, out var earlier))
            {
                throw new CodeListException(classification.Source!,
                    $"classification {classification.Name} is already loaded from {Path.GetFileName(earlier.Source)}; keep one file per classification");
            }

            loaded.Add(classification.Name, classification);
        }

        var files = Directory.EnumerateFiles(directory)
            .Where(CodeListFiles.IsCodeList)
            .OrderBy(f => f, StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var classification in CodeListFiles.Read(file))
            {
                Add(classification);
            }
        }

        return new CodeServer(loaded.Values);
    }
}
