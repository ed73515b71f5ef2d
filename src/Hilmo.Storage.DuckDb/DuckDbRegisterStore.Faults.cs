using DuckDB.NET.Data;

namespace Hilmo.Storage.DuckDb;

/// <summary>
/// The embedded store's faults: a write that fails for want of room or memory leaves nothing
/// stored and is reported as the store's failure (<see cref="StoreUnavailableException"/>); a
/// database a fatal error invalidated (a checkpoint or commit that found the disk full) is opened
/// again by the next write or health check once it can be, without a restart.
/// </summary>
public sealed partial class DuckDbRegisterStore
{
    /// <summary>
    /// Opens the database again when a fatal error invalidated it (DuckDB refuses every statement
    /// then, until the last connection closes); call holding the writer. Throws the store's failure
    /// while it cannot be opened yet (readers still hold it, or the disk is still full).
    /// </summary>
    internal void EnsureWritable()
    {
        if (!invalidated)
        {
            return;
        }

        writer.Dispose();
        DuckDBConnection connection;
        try
        {
            connection = OpenWriter(connectionString, options);
        }
        catch (Exception exception) when (DuckDbFaults.Classify(exception) is { } unavailable)
        {
            WriteFaults.Failed(unavailable);
            throw unavailable;
        }

        writer = connection;
        (Codes, versionFilter) = Attach(connection);
        invalidated = false;
    }

    /// <summary>
    /// The store's failure that <paramref name="exception"/>, met by a write, is (null for any other
    /// error), kept for the health check; a fatal one marks the database for reopening.
    /// </summary>
    internal StoreUnavailableException? WriteFailed(Exception exception)
    {
        if (DuckDbFaults.Invalidates(exception))
        {
            invalidated = true;
        }

        if (DuckDbFaults.Classify(exception) is not { } unavailable)
        {
            return null;
        }

        WriteFaults.Failed(unavailable);
        return unavailable;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction. When it or the commit fails, the rollback
    /// is tried, but its own error (a commit that failed has ended the transaction already) never
    /// hides the one that ended the work.
    /// </summary>
    internal static int InTransaction(DuckDBConnection connection, Action work)
    {
        var transaction = connection.BeginTransaction();
        var committed = false;
        try
        {
            work();
            transaction.Commit();
            committed = true;
            return 0;
        }
        finally
        {
            if (!committed)
            {
                try
                {
                    transaction.Rollback();
                }
                catch (Exception exception) when (exception is DuckDBException or InvalidOperationException)
                {
                    // Ended already; nothing of the work was committed.
                }
            }

            try
            {
                transaction.Dispose();
            }
            catch (Exception exception) when (exception is DuckDBException or InvalidOperationException)
            {
                // As above.
            }
        }
    }

    public async Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        if (invalidated && await writeLock.WaitAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false))
        {
            // A unit holding the writer will reopen the database itself; otherwise the check does.
            try
            {
                EnsureWritable();
            }
            catch (StoreUnavailableException)
            {
                // Still not possible; the answer below says so.
            }
            finally
            {
                writeLock.Release();
            }
        }

        try
        {
            await GetSubmissionAsync(0, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && DuckDbFaults.Classify(exception) is { } unavailable)
        {
            return new StoreHealth(StoreHealthStatus.Unhealthy, $"The store does not answer: {StoreUnavailableException.Describe(unavailable.Reason)}", unavailable.Reason);
        }

        if (WriteFaults.LastFailure is { Reason: StoreUnavailableReason.OutOfSpace } && HasRoom())
        {
            return new StoreHealth(StoreHealthStatus.Healthy, "The store reads, and its disk has room again.");
        }

        return WriteFaults.Health();
    }

    /// <summary>Readers cannot use an invalidated database either; they wait for the writer to open it again.</summary>
    private void ThrowIfInvalidated()
    {
        if (invalidated)
        {
            throw new StoreUnavailableException(WriteFaults.LastFailure?.Reason ?? StoreUnavailableReason.Unreachable, null);
        }
    }

    /// <summary>Whether the database's folder takes a few blocks more: a probe file written through to the disk and removed.</summary>
    private bool HasRoom()
    {
        var probe = DatabasePath + ".space-probe";
        try
        {
            using (var file = new FileStream(probe, OwnerOnlyFiles.Creating(new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Options = FileOptions.WriteThrough })))
            {
                file.Write(new byte[SpaceProbeBytes]);
                file.Flush(flushToDisk: true);
            }

            return true;
        }
        catch (IOException)
        {
            return false;
        }
        finally
        {
            try
            {
                File.Delete(probe);
            }
            catch (IOException)
            {
                // Gone already, or the folder is unusable: the next probe tries again.
            }
        }
    }
}
