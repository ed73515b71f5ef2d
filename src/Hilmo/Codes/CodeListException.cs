namespace Hilmo.Codes;

/// <summary>A code list file that cannot be used, named with the place of the problem.</summary>
public sealed class CodeListException(string listSource, string problem)
    : Exception($"Code list {listSource}: {problem}.")
{
    /// <summary>The file (and line, where known) at fault.</summary>
    public string ListSource { get; } = listSource;
}
