namespace Hilmo.Testing;

/// <summary>Folders of the repository that tests read: its root and the shipped code lists.</summary>
public static class RepositoryFolders
{
    public static string Root { get; } = FindRoot();

    public static string ShippedCodes { get; } = Path.Combine(Root, "data", "codes");

    // The tests run from bin/…; files are read where they are committed rather than copied next
    // to the test binary, so a test always sees the files a reviewer sees.
    private static string FindRoot()
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
