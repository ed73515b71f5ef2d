namespace Hilmo.Codes;

/// <summary>Recognises and reads code list files (placeholder until the readers land).</summary>
internal static class CodeListFiles
{
    public static bool IsCodeList(string path) => false;

    public static IEnumerable<Classification> Read(string path) => [];
}
