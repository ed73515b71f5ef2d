using Microsoft.Win32.SafeHandles;

namespace Hilmo;

/// <summary>
/// Files that only their owner may read or change (mode 0600, in folders of mode 0700): the master
/// key and the access keys. On Windows these do nothing; a file there gets its folder's ACL.
/// </summary>
public static class OwnerOnlyFiles
{
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
}
