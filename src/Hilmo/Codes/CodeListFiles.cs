namespace Hilmo.Codes;

/// <summary>
/// Recognises the list files of a code folder and reads each with the reader its form needs:
/// <c>provisional.csv</c>, or a list in the shipped layout (<c>spat.csv</c>).
/// </summary>
/// <remarks>
/// The classification a file holds comes from its name: <c>spat.csv</c> and <c>spat-2024.csv</c>
/// are <c>spat</c> (the text before the first <c>-</c>).
/// </remarks>
internal static class CodeListFiles
{
    /// <summary>Whether <paramref name="path"/> is a list file (<c>.csv</c>), not a README or an editor's lock file.</summary>
    public static bool IsCodeList(string path)
    {
        var fileName = Path.GetFileName(path);

        // Editors hold dot files beside a file that is open: they are not lists.
        return !fileName.StartsWith('.')
            && Path.GetExtension(fileName).Equals(".csv", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The classifications in one file: one, or several for <c>provisional.csv</c>.</summary>
    /// <exception cref="CodeListException">The file cannot be used; the message names the file, the line, and the problem.</exception>
    public static IReadOnlyList<Classification> Read(string path)
    {
        if (Path.GetFileName(path).Equals(ProvisionalCodeLists.FileName, StringComparison.OrdinalIgnoreCase))
        {
            using var provisional = CodeListCsv.Open(path);
            return ProvisionalCodeLists.Read(provisional);
        }

        var name = ClassificationName(path);
        using var csv = CodeListCsv.Open(path);
        return [ShippedCodeList.Read(csv, name)];
    }

    /// <summary>The classification a file holds, from its name.</summary>
    internal static string ClassificationName(string path)
    {
        var stem = Path.GetFileNameWithoutExtension(path);
        var dash = stem.IndexOf('-', StringComparison.Ordinal);
        var name = dash >= 0 ? stem[..dash] : stem;
        return name.Length > 0
            ? name
            : throw new CodeListException(path, "the file name does not start with a classification name; name it like spat.csv");
    }
}
