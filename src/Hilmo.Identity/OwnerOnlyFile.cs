using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Hilmo.Identity;

/// <summary>
/// Files only their owner may read, created so that several processes starting at once agree on
/// one: how every key file of the register is written and checked.
/// </summary>
internal static class OwnerOnlyFile
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Writes <paramref name="contents"/> to <paramref name="path"/> (mode 0600, in a folder created
    /// with mode 0700 if missing) unless a file is there already, which then stays.
    /// </summary>
    /// <remarks>
    /// Each process writes a complete file under a name of its own and links it into place only if
    /// nothing is there yet, so the first one wins and the others read its file. A half-written
    /// file is never visible under <paramref name="path"/>.
    /// </remarks>
    public static void CreateIfAbsent(string path, ReadOnlySpan<byte> contents)
    {
        OwnerOnlyFiles.CreateFolder(Path.GetDirectoryName(path)!);
        var temporaryPath = $"{path}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp";
        try
        {
            Write(temporaryPath, contents);
            PublishIfAbsent(temporaryPath, path);
        }
        finally
        {
            File.Delete(temporaryPath);
        }
    }

    /// <summary>
    /// Replaces the file at <paramref name="path"/> with <paramref name="contents"/> (mode 0600) in
    /// one atomic rename: readers see the old file or the new one, never a part.
    /// </summary>
    public static void Replace(string path, ReadOnlySpan<byte> contents)
    {
        var temporaryPath = $"{path}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp";
        try
        {
            Write(temporaryPath, contents);
            File.Move(temporaryPath, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporaryPath);
        }
    }

    /// <summary>
    /// Holds the owner-only lock file <paramref name="path"/> exclusively until disposed, waiting
    /// up to half a minute for another process that holds it: how changes of one key file take turns.
    /// </summary>
    public static IDisposable Lock(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return new FileStream(path, options);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>
    /// Why the key file at <paramref name="path"/> may not be read, for the one-line error the
    /// operator sees: it is missing, or group or others may access it. Null when it may be read.
    /// </summary>
    /// <param name="path">The key file.</param>
    /// <param name="what">What the file holds, as the message names it: <c>master key</c>.</param>
    public static string? RefusalToRead(string path, string what)
    {
        if (!File.Exists(path))
        {
            return $"The {what} file {path} does not exist.";
        }

        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var mode = File.GetUnixFileMode(path);
        return (mode & GroupOrOthers) != 0
            ? $"The {what} file {path} can be accessed by users other than its owner (mode {Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0')}). Restrict it with: chmod 600 {path}"
            : null;
    }

    private static void Write(string path, ReadOnlySpan<byte> contents)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }

        using (var stream = new FileStream(path, options))
        {
            stream.Write(contents);
            stream.Flush(flushToDisk: true);
        }

        if (!OperatingSystem.IsWindows())
        {
            // The process umask can only remove bits from the create mode; setting it again
            // makes the file exactly 0600 whatever the umask was.
            File.SetUnixFileMode(path, OwnerReadWrite);
        }
    }

    /// <summary>
    /// Gives the complete file at <paramref name="temporaryPath"/> the name <paramref name="path"/>
    /// unless that name already exists, in one atomic step; if another process got there first,
    /// its file stays and is the one everybody uses.
    /// </summary>
    private static void PublishIfAbsent(string temporaryPath, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            // MoveFileEx without MOVEFILE_REPLACE_EXISTING is atomic and refuses an existing target.
            try
            {
                File.Move(temporaryPath, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
            }

            return;
        }

        // Not File.Move: on Unix it checks for the target with lstat and then calls rename, which
        // silently replaces a file another process linked in between, so two processes starting
        // together could each go on with a different key. link fails with EEXIST instead.
        if (Link(temporaryPath, path) != 0 && !File.Exists(path))
        {
            throw new IOException($"Cannot create the key file {path}: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    // DllImport rather than LibraryImport: the generated marshaller needs AllowUnsafeBlocks,
    // which the trust-boundary project should not switch on for one call.
    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string existingPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);
}
