namespace Hilmo.Tests.Codes;

/// <summary>The folders of the repository that code list tests read: the shipped lists and the real THL exports.</summary>
internal static class CodeFolders
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Shipped { get; } = Path.Combine(RepositoryRoot, "data", "codes");

    public static string ThlExports { get; } = Path.Combine(RepositoryRoot, "tests", "Hilmo.Tests", "Codes", "ThlExports");

    // The tests run from bin/…; the lists are read where they are committed rather than copied
    // next to the test binary, so a test always sees the files a reviewer sees.
    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Hilmo.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Hilmo.slnx.");
    }
}
