using Hilmo.Testing;

namespace Hilmo.Tests.Codes;

/// <summary>The folders code list tests read: the shipped lists and the real THL exports.</summary>
internal static class CodeFolders
{
    public static string Shipped => RepositoryFolders.ShippedCodes;

    public static string ThlExports { get; } = Path.Combine(RepositoryFolders.Root, "tests", "Hilmo.Tests", "Codes", "ThlExports");
}
