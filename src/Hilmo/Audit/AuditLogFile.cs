using System.Buffers;

namespace Hilmo.Audit;

/// <summary>
/// The audit log as one append-only file of JSON lines (<see cref="AuditEntryFormat"/>), chained
/// by SHA-256 and signed at checkpoints, that several processes may append to at once.
/// </summary>
/// <remarks>
/// <para>
/// Appends from many threads are gathered: while one batch is being written, later events queue,
/// and the next batch takes them all under one lock and one <c>fsync</c>. A task from
/// <see cref="AppendAsync"/> completes when its entry is on disk.
/// </para>
/// <para>
/// Each batch takes the cross-process <see cref="AuditLogLock"/>, and if the file has grown since
/// this instance last wrote (another process appended), reads the chain head again from the last
/// line. A checkpoint signed by <see cref="IAuditSigner"/> is written at every sequence number
/// divisible by <see cref="AuditLogOptions.CheckpointInterval"/>, and one when the log is disposed,
/// so a cleanly closed log ends signed.
/// </para>
/// </remarks>
public sealed class AuditLogFile : IAuditLog, IAsyncDisposable
{
    /// <summary>Longest line a reader accepts; entries are far shorter, as their fields are bounded.</summary>
    internal const int MaxLineBytes = 1 << 20;

    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string path;
    private readonly IAuditSigner signer;
    private readonly TimeProvider timeProvider;
    private readonly AuditLogOptions options;
    private readonly FileStream file;
    private readonly Lock gate = new();

    // One batch or rotation at a time within this instance; the file lock orders processes.
    private readonly Lock batchGate = new();
    private List<PendingEvent> queue = [];
    private Task writing = Task.CompletedTask;
    private bool isWriting;
    private bool disposed;

    // The chain head as this instance last saw it, valid while the file still has knownLength bytes.
    private long knownLength = -1;
    private long lastSequence;
    private byte[] lastHash = AuditEntryFormat.GenesisHash;
    private bool lastIsCheckpoint;

    private AuditLogFile(string path, IAuditSigner signer, TimeProvider timeProvider, AuditLogOptions options, FileStream file)
    {
        this.path = path;
        this.signer = signer;
        this.timeProvider = timeProvider;
        this.options = options;
        this.file = file;
    }

    /// <summary>The log file.</summary>
    public string Path => path;

    /// <summary>
    /// Opens the log at <paramref name="path"/> for appending, creating it (owner-only, in a folder
    /// only its owner can enter) if there is none. The log takes over <paramref name="signer"/>:
    /// if it is <see cref="IDisposable"/>, disposing the log disposes it.
    /// </summary>
    public static AuditLogFile Open(string path, IAuditSigner signer, TimeProvider? timeProvider = null, AuditLogOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(signer);
        options ??= AuditLogOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CheckpointInterval, 2, nameof(options));
        path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            // Who read which records, and from which address, is personal data in its own right.
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var fileOptions = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.ReadWrite | FileShare.Delete, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = OwnerReadWrite;
        }

        return new AuditLogFile(path, signer, timeProvider ?? TimeProvider.System, options, new FileStream(path, fileOptions));
    }

    /// <summary>
    /// Appends <paramref name="auditEvent"/>; the task completes when the entry is on disk.
    /// Cancelling stops the wait, not the entry: an event once handed over is written.
    /// </summary>
    /// <exception cref="IOException">The entry could not be written; the log is unchanged or ends in an entry nobody was told of.</exception>
    public ValueTask AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingEvent(auditEvent);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            queue.Add(pending);
            if (!isWriting)
            {
                isWriting = true;
                writing = Task.Run(WriteQueued, CancellationToken.None);
            }
        }

        return new ValueTask(pending.Written.Task.WaitAsync(cancellationToken));
    }

    /// <summary>
    /// Writes what is queued, then a final checkpoint unless the log already ends in one, and
    /// closes the file.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        Task last;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            last = writing;
        }

        try
        {
            await last.ConfigureAwait(false);
            await Task.Run(() => WriteBatch([], seal: true)).ConfigureAwait(false);
        }
        finally
        {
            await file.DisposeAsync().ConfigureAwait(false);
            (signer as IDisposable)?.Dispose();
        }
    }

    private void WriteQueued()
    {
        while (true)
        {
            List<PendingEvent> batch;
            lock (gate)
            {
                if (queue.Count == 0)
                {
                    isWriting = false;
                    return;
                }

                batch = queue;
                queue = [];
            }

            try
            {
                WriteBatch(batch, seal: false);
                batch.ForEach(p => p.Written.SetResult());
            }
            catch (Exception exception)
            {
                batch.ForEach(p => p.Written.SetException(exception));
            }
        }
    }

    /// <summary>
    /// Announces a new signing key: writes a <c>key</c> entry signed by the current key that names
    /// the key whose DER SubjectPublicKeyInfo is <paramref name="nextPublicKey"/> and seals the
    /// chain so far, then, still under the log's lock, runs <paramref name="install"/> (which puts
    /// the new key where the signer reads it) and refreshes the signer. No writer can sign between
    /// the announcement and the new key's arrival, so every later checkpoint is the new key's.
    /// </summary>
    /// <exception cref="InvalidOperationException">After <paramref name="install"/> the signer is not the announced key.</exception>
    public Task RotateKeyAsync(byte[] nextPublicKey, Action install)
    {
        ArgumentNullException.ThrowIfNull(nextPublicKey);
        ArgumentNullException.ThrowIfNull(install);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
        }

        return Task.Run(() =>
        {
            lock (batchGate)
            {
                using var fileLock = AuditLogLock.Acquire(path, options.LockTimeout, timeProvider);
                AppendLocked(1024, lines =>
                {
                    signer.Refresh();
                    lastHash = AuditEntryFormat.WriteKeyAnnouncement(lines, ++lastSequence, timeProvider.GetUtcNow(), signer, lastHash, nextPublicKey);
                    lastIsCheckpoint = true;
                });

                install();
                signer.Refresh();
                if (signer.KeyId != AuditPublicKey.KeyIdOf(nextPublicKey))
                {
                    throw new InvalidOperationException($"The audit log announced key {AuditPublicKey.KeyIdOf(nextPublicKey)}, but its signer is now key {signer.KeyId}.");
                }
            }
        });
    }

    private void WriteBatch(List<PendingEvent> batch, bool seal)
    {
        lock (batchGate)
        {
            WriteBatchLocked(batch, seal);
        }
    }

    private void WriteBatchLocked(List<PendingEvent> batch, bool seal)
    {
        using var fileLock = AuditLogLock.Acquire(path, options.LockTimeout, timeProvider);
        AppendLocked((batch.Count + 1) * 512, lines =>
        {
            var time = timeProvider.GetUtcNow();
            foreach (var pending in batch)
            {
                lastHash = AuditEntryFormat.WriteEvent(lines, ++lastSequence, time, pending.Event, lastHash, options.MaxFieldLength);
                lastIsCheckpoint = false;
                if ((lastSequence + 1) % options.CheckpointInterval == 0)
                {
                    WriteCheckpoint(lines, time);
                }
            }

            if (seal && lastSequence > 0 && !lastIsCheckpoint)
            {
                WriteCheckpoint(lines, time);
            }
        });
    }

    /// <summary>
    /// With the log's file lock held: takes up the chain head, lets <paramref name="entries"/> write
    /// the next lines after it, and puts them on disk in one write.
    /// </summary>
    private void AppendLocked(int capacity, Action<ArrayBufferWriter<byte>> entries)
    {
        try
        {
            ReadHeadIfChanged();
            var lines = new ArrayBufferWriter<byte>(capacity);
            entries(lines);
            if (lines.WrittenCount == 0)
            {
                return;
            }

            file.Seek(0, SeekOrigin.End);
            file.Write(lines.WrittenSpan);
            file.Flush(flushToDisk: true);
            knownLength = file.Length;
        }
        catch
        {
            // The head in memory may be ahead of the file; read it from the file next time.
            knownLength = -1;
            throw;
        }
    }

    private void WriteCheckpoint(ArrayBufferWriter<byte> lines, DateTimeOffset time)
    {
        signer.Refresh();
        lastHash = AuditEntryFormat.WriteCheckpoint(lines, ++lastSequence, time, signer, lastHash);
        lastIsCheckpoint = true;
    }

    /// <summary>Takes the chain head from the file's last line when another writer has appended since.</summary>
    private void ReadHeadIfChanged()
    {
        var length = file.Length;
        if (length == knownLength)
        {
            return;
        }

        var tail = AuditLogTail.Read(file, MaxLineBytes);
        if (tail.Incomplete is { } incomplete)
        {
            RepairTornEnd(tail, incomplete);
            ReadHeadIfChanged();
            return;
        }

        if (tail.LastLine is not { } line)
        {
            (lastSequence, lastHash, lastIsCheckpoint) = (0, AuditEntryFormat.GenesisHash, false);
        }
        else
        {
            var entry = AuditEntryFormat.Parse(line, out var error);
            if (entry is null || !entry.HashMatches)
            {
                throw new InvalidDataException(
                    $"The last entry of the audit log {path} cannot be read ({error ?? "its hash does not match its content"}), so no entry can follow it. Check the log with: hilmo audit verify");
            }

            (lastSequence, lastHash, lastIsCheckpoint) = (entry.Sequence, entry.Hash, entry.IsCheckpoint);
        }

        knownLength = length;
    }

    /// <summary>
    /// The file ends without a line end: a writer died in the middle of a write. If the fragment is
    /// a whole, self-consistent entry only its line end is missing and it is kept; otherwise it was
    /// never acknowledged to anyone and is cut off, so the chain can go on.
    /// </summary>
    private void RepairTornEnd(AuditLogTail tail, byte[] incomplete)
    {
        var entry = AuditEntryFormat.Parse(incomplete, out _);
        if (entry is not null && entry.HashMatches)
        {
            file.Seek(0, SeekOrigin.End);
            file.WriteByte((byte)'\n');
        }
        else
        {
            file.SetLength(tail.IncompleteStart);
        }

        file.Flush(flushToDisk: true);
    }

    private sealed class PendingEvent(AuditEvent auditEvent)
    {
        public AuditEvent Event { get; } = auditEvent;

        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
