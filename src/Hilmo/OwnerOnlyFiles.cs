using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Hilmo;

/// <summary>
/// Files that only their owner may read or change (mode 0600, in folders of mode 0700): the master
/// key, the access keys, and the data folder with everything in it, the database files too. On
/// Windows these do nothing; a file there gets its folder's ACL.
/// </summary>
public static class OwnerOnlyFiles
{
    /// <summary>The umask that takes every right of group and others off what the process creates.</summary>
    private const uint OwnerOnlyUmask = 0b000_111_111;

    public const UnixFileMode FileRights = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode FolderRights = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="directory"/> with owner-only rights; an existing one is left as it is.</summary>
    public static void CreateFolder(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, FolderRights);
        }
    }

    /// <summary><paramref name="options"/>, so that a file it creates is never readable by others, not even for a moment.</summary>
    public static FileStreamOptions Creating(FileStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileRights;
        }

        return options;
    }

    /// <summary>
    /// Gives an open file exactly the owner's rights: the umask can only remove bits from the mode
    /// a file is created with, so setting it again makes it 0600 whatever the umask was.
    /// </summary>
    public static void Restrict(SafeFileHandle file)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, FileRights);
        }
    }

    /// <summary>
    /// Makes everything this process creates from now on owner-only (umask 077), files that
    /// libraries create themselves (DuckDB's database, log and spill files) included. Process-wide
    /// and idempotent; call it before the register opens its folder.
    /// </summary>
    public static void RestrictProcessCreations()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = Umask(OwnerOnlyUmask);
        }
    }

    /// <summary>
    /// Makes <paramref name="directory"/> (created if missing) and everything in it owner-only: an
    /// existing folder of 0755 and its 0644 files are tightened, so an older data folder is too.
    /// Symbolic links are left alone.
    /// </summary>
    public static void RestrictFolder(string directory)
    {
        CreateFolder(directory);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(directory, FolderRights);
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }))
        {
            entry.UnixFileMode = entry is DirectoryInfo ? FolderRights : FileRights;
        }
    }

    // DllImport, not LibraryImport: umask takes and gives a plain integer, so nothing needs
    // marshalling, and LibraryImport would make the whole project allow unsafe code.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "umask")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint Umask(uint mask);
#pragma warning restore SYSLIB1054
}
