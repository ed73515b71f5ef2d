namespace Hilmo.Codes;

/// <summary>
/// A place in a list file, numbered as an editor shows it: a line of a CSV file (the line where a
/// record starts) or a row of a spreadsheet (the header is row 1). Errors carry it so that the
/// person who fixes the file finds the place at once.
/// </summary>
internal readonly record struct CodeListLocation(string Path, string Unit, long Number)
{
    public static CodeListLocation Line(string path, long line) => new(path, "line", line);

    public static CodeListLocation Row(string path, long row) => new(path, "row", row);

    public CodeListException Error(string problem) => new(ToString(), problem);

    public override string ToString() => $"{Path}, {Unit} {Number}";
}
