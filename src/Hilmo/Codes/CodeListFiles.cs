using System.Globalization;

namespace Hilmo.Codes;

/// <summary>
/// Recognises the list files of a code folder and reads each with the reader its form needs:
/// <c>provisional.csv</c>, a THL code-server export (<c>.xls</c>, <c>.xlsx</c>, or a CSV with THL's
/// header), or a list in the shipped layout (<c>spat.csv</c>).
/// </summary>
/// <remarks>
/// The classification a file holds comes from its name: <c>spat.csv</c> and
/// <c>spat-387_1385126324219.xls</c> are <c>spat</c> (the text before the first <c>-</c>), and a
/// file that keeps THL's own download name (<c>387_1385126324219.xls</c>, list id and timestamp) is
/// looked up by its list id.
/// </remarks>
internal static class CodeListFiles
{
    /// <summary>THL code-server list ids of the classifications the register ships.</summary>
    private static readonly Dictionary<int, string> ThlListIds = new()
    {
        [58] = KnownClassifications.Icd10.Name,
        [282] = KnownClassifications.Icpc2.Name,
        [387] = KnownClassifications.Spat.Name,
        [431] = KnownClassifications.Profession.Name,
        [24] = KnownClassifications.Specialty.Name,
    };

    /// <summary>Whether <paramref name="path"/> is a list file (<c>.csv</c>, <c>.xls</c>, <c>.xlsx</c>), not a README or an editor's lock file.</summary>
    public static bool IsCodeList(string path)
    {
        var fileName = Path.GetFileName(path);

        // Excel holds "~$name.xlsx" and editors hold dot files beside a file that is open: neither is a list.
        if (fileName.StartsWith("~$", StringComparison.Ordinal) || fileName.StartsWith('.'))
        {
            return false;
        }

        var extension = Path.GetExtension(fileName);
        return extension.Equals(".csv", StringComparison.OrdinalIgnoreCase)
            || IsSpreadsheet(extension);
    }

    /// <summary>The classifications in one file: one, or several for <c>provisional.csv</c>.</summary>
    /// <exception cref="CodeListException">The file cannot be used; the message names the file, the line or row, and the problem.</exception>
    public static IReadOnlyList<Classification> Read(string path)
    {
        if (IsSpreadsheet(Path.GetExtension(path)))
        {
            return [ThlCodeServerExport.ReadSpreadsheet(path, ClassificationName(path))];
        }

        if (Path.GetFileName(path).Equals(ProvisionalCodeLists.FileName, StringComparison.OrdinalIgnoreCase))
        {
            using var provisional = CodeListCsv.Open(path);
            return ProvisionalCodeLists.Read(provisional);
        }

        var name = ClassificationName(path);
        using var csv = CodeListCsv.Open(path);
        return ThlCodeServerExport.HasThlHeader(csv.Header)
            ? [ThlCodeServerExport.ReadCsv(csv, name)]
            : [ShippedCodeList.Read(csv, name)];
    }

    /// <summary>The classification a file holds, from its name.</summary>
    internal static string ClassificationName(string path)
    {
        var stem = Path.GetFileNameWithoutExtension(path);
        var dash = stem.IndexOf('-', StringComparison.Ordinal);
        var name = dash >= 0 ? stem[..dash] : stem;
        if (name.Length == 0)
        {
            throw new CodeListException(path, "the file name does not start with a classification name; name it like spat.csv or spat-387_1385126324219.xls");
        }

        if (dash < 0 && ThlListId(stem) is { } id)
        {
            return ThlListIds.TryGetValue(id, out var known)
                ? known
                : throw new CodeListException(path,
                    $"THL list {id} is not one the register knows by number; put the classification's name in front of the file name, like spat-{Path.GetFileName(path)}");
        }

        return name;
    }

    private static bool IsSpreadsheet(string extension) =>
        extension.Equals(".xls", StringComparison.OrdinalIgnoreCase) || extension.Equals(".xlsx", StringComparison.OrdinalIgnoreCase);

    /// <summary>The list id of a THL download name, <c>ID_TIMESTAMP</c> (both numbers), or null.</summary>
    private static int? ThlListId(string stem)
    {
        var underscore = stem.IndexOf('_', StringComparison.Ordinal);
        return underscore > 0
            && stem.AsSpan(underscore + 1) is { Length: > 0 } timestamp && !timestamp.ContainsAnyExceptInRange('0', '9')
            && int.TryParse(stem.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? id
                : null;
    }
}
