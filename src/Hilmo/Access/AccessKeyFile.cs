using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace Hilmo.Access;

/// <summary>
/// The register's access keys in one small JSON file (<c>DATA/access/keys.json</c>, mode 0600 in
/// a folder of mode 0700), shared by the server, which authenticates every request against it,
/// and the <c>hilmo keys</c> commands, which change it while the server runs.
/// </summary>
/// <remarks>
/// <para>The file holds no secret, only the SHA-256 of each secret's text:</para>
/// <code>
/// {
///   "format": "hilmo-access-keys/1",
///   "keys": [
///     { "id": "k7fq2mza", "organisation": "90152", "role": "submitter", "name": "Apotti production",
///       "created": "2026-03-10T12:00:00+00:00", "revoked": null, "sha256": "3f0c…" }
///   ]
/// }
/// </code>
/// <para>
/// A change takes the lock file <c>keys.json.lock</c> (opened without sharing, which is
/// <c>flock</c> on Linux), reads the file afresh, writes the whole new file under a temporary name,
/// flushes it to disk and renames it over the old one: other processes read the old file or the
/// new one, never a part of either, and no change is lost to a concurrent one.
/// </para>
/// <para>
/// Reading is lock-free. An instance looks at the file's length and time at most once per
/// <see cref="RecheckInterval"/> and reads it again when they changed, so a key created or
/// revoked by another process counts within about a second. Thread-safe.
/// </para>
/// </remarks>
public sealed class AccessKeyFile : IAccessKeys
{
    /// <summary>The value of <c>format</c> this version reads and writes.</summary>
    public const string Format = "hilmo-access-keys/1";

    /// <summary>How stale an instance's view of the file may be: a revocation by another process counts within this time.</summary>
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>A change takes milliseconds; a lock held longer belongs to a process that hangs.</summary>
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);

    private const long NeverChecked = -1;

    private const UnixFileMode WritableByOthers = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    private readonly TimeProvider timeProvider;
    private readonly Lock refreshing = new();
    private volatile Snapshot snapshot = Snapshot.Empty;
    private long checkedAtUtcTicks = NeverChecked;

    /// <param name="path">The key file; it and its folder are created on the first change.</param>
    /// <param name="timeProvider">The clock of creation and revocation times, and of <see cref="RecheckInterval"/>.</param>
    public AccessKeyFile(string path, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        this.timeProvider = timeProvider ?? TimeProvider.System;
    }

    public string Path { get; }

    /// <inheritdoc/>
    /// <remarks>One dictionary lookup, one SHA-256 and a fixed-time comparison; the file is looked at at most once a second.</remarks>
    /// <exception cref="AccessKeyFileException">The file changed into something that is not a key file.</exception>
    public AccessKey? Authenticate(string secret)
    {
        if (secret is null
            || !AccessKeySecret.TryGetId(secret, out var id)
            || !Current().TryFind(id, out var stored)
            || stored.Key.RevokedAt is not null)
        {
            return null;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        return AccessKeySecret.TryHash(secret, hash) && CryptographicOperations.FixedTimeEquals(hash, stored.Hash) ? stored.Key : null;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The organisation or name breaks <see cref="AccessKeyRules"/>.</exception>
    public CreatedAccessKey Create(string organisation, Role role, string name) =>
        CreateUnless(organisation, role, name, static _ => false)!;

    /// <summary>
    /// Makes a key for <paramref name="organisation"/> unless a live key of <paramref name="role"/>
    /// exists, in one step under the file's lock; null when one exists. For a server's first start:
    /// two servers starting together make one register keeper's key, not two.
    /// </summary>
    /// <exception cref="ArgumentException">The organisation or name breaks <see cref="AccessKeyRules"/>.</exception>
    public CreatedAccessKey? CreateIfNoLiveKey(string organisation, Role role, string name) =>
        CreateUnless(organisation, role, name, keys => keys.Any(k => k.Key.Role == role && k.Key.RevokedAt is null));

    /// <summary>Whether a key of <paramref name="role"/> that is not revoked exists.</summary>
    public bool HasLiveKey(Role role) => Current().Keys.Any(k => k.Role == role && k.RevokedAt is null);

    /// <inheritdoc/>
    /// <remarks>Revoking a revoked key changes nothing and keeps its first revocation time.</remarks>
    public bool Revoke(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Change(keys =>
        {
            var index = keys.FindIndex(k => k.Key.Id == id);
            if (index < 0)
            {
                return (false, false);
            }

            var stored = keys[index];
            if (stored.Key.RevokedAt is not null)
            {
                return (true, false);
            }

            keys[index] = stored with { Key = stored.Key with { RevokedAt = timeProvider.GetUtcNow() } };
            return (true, true);
        });
    }

    /// <inheritdoc/>
    /// <remarks>In the order the keys were made, revoked ones included.</remarks>
    public IReadOnlyList<AccessKey> List() => Current().Keys;

    private CreatedAccessKey? CreateUnless(string organisation, Role role, string name, Func<IReadOnlyList<StoredKey>, bool> refuse)
    {
        if (AccessKeyRules.Problem(organisation, role, name) is { } problem)
        {
            throw new ArgumentException(problem);
        }

        return Change(keys =>
        {
            if (refuse(keys))
            {
                return ((CreatedAccessKey?)null, false);
            }

            string id;
            do
            {
                id = AccessKeySecret.NewId();
            }
            while (keys.Exists(k => k.Key.Id == id));

            var secret = AccessKeySecret.New(id);
            var key = new AccessKey(id, organisation, role, name, timeProvider.GetUtcNow(), null);
            keys.Add(new StoredKey(key, AccessKeySecret.Hash(secret)));
            return (new CreatedAccessKey(key, secret), true);
        });
    }

    /// <summary>The keys as the file holds them now, or as it held them less than a second ago.</summary>
    private Snapshot Current()
    {
        var now = timeProvider.GetUtcNow().UtcTicks;
        if (IsRecent(Volatile.Read(ref checkedAtUtcTicks), now))
        {
            return snapshot;
        }

        lock (refreshing)
        {
            if (!IsRecent(checkedAtUtcTicks, now))
            {
                if (FileStamp.Of(Path) != snapshot.Stamp)
                {
                    snapshot = Load();
                }

                Volatile.Write(ref checkedAtUtcTicks, now);
            }

            return snapshot;
        }
    }

    // A clock set back counts as stale, so the file is not trusted for however long the jump was.
    private static bool IsRecent(long checkedAt, long now) =>
        checkedAt != NeverChecked && now >= checkedAt && now - checkedAt < RecheckInterval.Ticks;

    /// <summary>
    /// Reads the file afresh under the lock, lets <paramref name="change"/> edit the list, and
    /// writes it back when it says it changed something.
    /// </summary>
    private T Change<T>(Func<List<StoredKey>, (T Result, bool Changed)> change)
    {
        OwnerOnlyFiles.CreateFolder(System.IO.Path.GetDirectoryName(Path)!);
        using var exclusive = LockExclusively();
        var keys = new List<StoredKey>(Load().Stored);
        var (result, changed) = change(keys);
        if (changed)
        {
            Write(keys);
        }

        var written = Load();
        lock (refreshing)
        {
            snapshot = written;
            Volatile.Write(ref checkedAtUtcTicks, timeProvider.GetUtcNow().UtcTicks);
        }

        return result;
    }

    private FileStream LockExclusively()
    {
        var lockPath = Path + ".lock";
        var started = Environment.TickCount64;
        while (true)
        {
            try
            {
                // Without sharing, .NET takes flock(LOCK_EX | LOCK_NB) on Unix and a share lock on
                // Windows; either refuses a second holder, in this process or another.
                return new FileStream(lockPath, OwnerOnlyFiles.Creating(new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None }));
            }
            catch (IOException) when (File.Exists(lockPath) && Environment.TickCount64 - started < LockTimeout.TotalMilliseconds)
            {
                Thread.Sleep(Random.Shared.Next(2, 20));
            }
            catch (IOException exception) when (File.Exists(lockPath))
            {
                throw new IOException($"Another process has held {lockPath} for over {LockTimeout.TotalSeconds:0} seconds; the access keys cannot be changed.", exception);
            }
        }
    }

    private Snapshot Load()
    {
        FileStream stream;
        try
        {
            stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return Snapshot.Empty;
        }

        using (stream)
        {
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(stream.SafeFileHandle) & WritableByOthers) != 0)
            {
                // Whoever can write the file can give themselves a register keeper's key.
                throw new AccessKeyFileException($"The access key file {Path} can be changed by users other than its owner. Restrict it with: chmod 600 {Path}");
            }

            // The stamp of the handle, not of the name: the name may point at a newer file by now.
            var stamp = new FileStamp(stream.Length, File.GetLastWriteTimeUtc(stream.SafeFileHandle));
            AccessKeyFileDocument? document;
            try
            {
                document = JsonSerializer.Deserialize(stream, AccessKeyFileJson.Default.AccessKeyFileDocument);
            }
            catch (JsonException exception)
            {
                throw new AccessKeyFileException($"The access key file {Path} is not valid (line {exception.LineNumber + 1}): {exception.Message}", exception);
            }

            if (document?.Format != Format)
            {
                throw new AccessKeyFileException($"The file {Path} is not a Hilmo access key file (format \"{Format}\").");
            }

            var ids = new HashSet<string>(StringComparer.Ordinal);
            var keys = new List<StoredKey>(document.Keys.Count);
            foreach (var entry in document.Keys)
            {
                var key = Parse(entry);
                if (!ids.Add(key.Key.Id))
                {
                    throw new AccessKeyFileException($"The access key file {Path} has two keys with the id {key.Key.Id}.");
                }

                keys.Add(key);
            }

            return new Snapshot(keys, stamp);
        }
    }

    private StoredKey Parse(AccessKeyFileEntry? entry)
    {
        if (entry is null)
        {
            throw new AccessKeyFileException($"The access key file {Path} has a null where a key should be.");
        }

        if (!RoleNames.TryParse(entry.Role, out var role))
        {
            throw new AccessKeyFileException($"The access key file {Path} gives key {entry.Id} the unknown role \"{entry.Role}\".");
        }

        var hash = entry.Sha256.Length == 2 * SHA256.HashSizeInBytes && entry.Sha256.All(char.IsAsciiHexDigit)
            ? Convert.FromHexString(entry.Sha256)
            : throw new AccessKeyFileException($"The access key file {Path} has no SHA-256 in hex for key {entry.Id}.");
        return new StoredKey(new AccessKey(entry.Id, entry.Organisation, role, entry.Name, entry.Created, entry.Revoked), hash);
    }

    private void Write(IReadOnlyList<StoredKey> keys)
    {
        var document = new AccessKeyFileDocument(Format, [.. keys.Select(static k => new AccessKeyFileEntry(
            k.Key.Id, k.Key.Organisation, k.Key.Role.Name(), k.Key.Name, k.Key.CreatedAt, k.Key.RevokedAt, Convert.ToHexStringLower(k.Hash)))]);
        var temporaryPath = $"{Path}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp";
        try
        {
            using (var stream = new FileStream(temporaryPath, OwnerOnlyFiles.Creating(new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None })))
            {
                OwnerOnlyFiles.Restrict(stream.SafeFileHandle);
                JsonSerializer.Serialize(stream, document, AccessKeyFileJson.Default.AccessKeyFileDocument);
                stream.WriteByte((byte)'\n');

                // On disk before the rename, or a crash could leave the name on an empty file.
                stream.Flush(flushToDisk: true);
            }

            // rename(2): atomic, readers see the old file or the new one.
            File.Move(temporaryPath, Path, overwrite: true);
            FlushDirectory(System.IO.Path.GetDirectoryName(Path)!);
        }
        finally
        {
            File.Delete(temporaryPath);
        }
    }

    /// <summary>
    /// Makes the rename itself durable: until the folder is flushed, a power cut could bring the
    /// old file back, and with it a key that was revoked.
    /// </summary>
    private static void FlushDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // .NET will not open a folder as a file, so this goes to libc; O_RDONLY is 0 everywhere.
        var descriptor = OpenNative(directory, 0);
        if (descriptor < 0)
        {
            throw new IOException($"Cannot open {directory} to flush it: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        try
        {
            if (FsyncNative(descriptor) != 0)
            {
                throw new IOException($"Cannot flush {directory}: {Marshal.GetLastPInvokeErrorMessage()}");
            }
        }
        finally
        {
            _ = CloseNative(descriptor);
        }
    }

    // DllImport rather than LibraryImport: the generated marshaller needs AllowUnsafeBlocks,
    // which the core should not switch on for three calls.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int OpenNative([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int FsyncNative(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int CloseNative(int descriptor);

    private sealed record StoredKey(AccessKey Key, byte[] Hash);

    /// <summary>What tells one version of the file from the next without reading it: every change writes a new file.</summary>
    private readonly record struct FileStamp(long Length, DateTime LastWriteUtc)
    {
        public static FileStamp? Of(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc) : null;
        }
    }

    /// <summary>The keys of one version of the file, immutable, so readers need no lock.</summary>
    private sealed class Snapshot
    {
        public static readonly Snapshot Empty = new([], null);

        private readonly Dictionary<string, StoredKey>.AlternateLookup<ReadOnlySpan<char>> byId;

        public Snapshot(IReadOnlyList<StoredKey> stored, FileStamp? stamp)
        {
            Stored = stored;
            Stamp = stamp;
            Keys = [.. stored.Select(s => s.Key)];
            // Looked up by a span of the secret, so authenticating allocates no string for the id.
            byId = stored.ToDictionary(s => s.Key.Id, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public IReadOnlyList<StoredKey> Stored { get; }

        public IReadOnlyList<AccessKey> Keys { get; }

        public FileStamp? Stamp { get; }

        public bool TryFind(ReadOnlySpan<char> id, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out StoredKey stored) => byId.TryGetValue(id, out stored);
    }
}
