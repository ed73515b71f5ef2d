namespace Hilmo.Storage.DuckDb;

/// <summary>
/// The database's files hold every record of the register: only the owner may read them. DuckDB
/// creates its files itself (the database, its write-ahead log, the spill folder), so the process
/// creates owner-only from the store's first open on, and what an earlier version left readable is
/// tightened on each open. A folder the store did not create keeps its rights: the command
/// tightens the data folder as a whole (<c>DataFolder</c>), a store opened elsewhere is the caller's.
/// </summary>
internal static class DuckDbFileRights
{
    public static void Restrict(string databasePath)
    {
        OwnerOnlyFiles.RestrictProcessCreations();
        var folder = Path.GetDirectoryName(databasePath)!;
        OwnerOnlyFiles.CreateFolder(folder);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var path in new[] { databasePath, databasePath + ".wal" })
        {
            if (File.Exists(path))
            {
                File.SetUnixFileMode(path, OwnerOnlyFiles.FileRights);
            }
        }

        if (Directory.Exists(databasePath + ".tmp"))
        {
            OwnerOnlyFiles.RestrictFolder(databasePath + ".tmp");
        }
    }
}
