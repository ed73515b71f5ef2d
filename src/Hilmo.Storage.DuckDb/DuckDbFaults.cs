using DuckDB.NET.Data;

namespace Hilmo.Storage.DuckDb;

/// <summary>
/// Sorts DuckDB's errors into the store's failures (<see cref="StoreUnavailableException"/>).
/// DuckDB names them only in its messages: <c>No space left on device</c> when a write of the
/// write-ahead log, the file or the spill folder finds the disk full; <c>Out of Memory Error</c>;
/// and <c>FATAL Error</c> when a failed checkpoint or commit left the database invalidated, which
/// only closing every connection and opening the file again mends.
/// </summary>
internal static class DuckDbFaults
{
    /// <summary>errno ENOSPC, the <c>HResult</c> of an <see cref="IOException"/> for a full disk on Unix.</summary>
    private const int NoSpace = 28;

    /// <summary>The store's failure that <paramref name="exception"/> is, or null when it is some other error (a bug, a bad statement).</summary>
    public static StoreUnavailableException? Classify(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StoreUnavailableException unavailable:
                    return unavailable;
                case IOException { HResult: NoSpace }:
                    return new StoreUnavailableException(StoreUnavailableReason.OutOfSpace, exception);
                case DuckDBException duck when Reason(duck.Message) is { } reason:
                    return new StoreUnavailableException(reason, exception);
                case OutOfMemoryException:
                    return new StoreUnavailableException(StoreUnavailableReason.OutOfMemory, exception);
            }
        }

        return null;
    }

    /// <summary>Whether the database is unusable until it is opened again.</summary>
    public static bool Invalidates(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DuckDBException duck && (duck.Message.Contains("FATAL", StringComparison.Ordinal)
                || duck.Message.Contains("invalidated", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    private static StoreUnavailableReason? Reason(string message)
    {
        // An invalidated database repeats the original error, so its reason is found the same way.
        if (message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase)
            || message.Contains("disk is full", StringComparison.OrdinalIgnoreCase)
            || message.Contains("disk full", StringComparison.OrdinalIgnoreCase))
        {
            return StoreUnavailableReason.OutOfSpace;
        }

        if (message.Contains("Out of Memory", StringComparison.OrdinalIgnoreCase) || message.Contains("could not allocate", StringComparison.OrdinalIgnoreCase))
        {
            return StoreUnavailableReason.OutOfMemory;
        }

        if (message.Contains("FATAL", StringComparison.Ordinal) || message.Contains("invalidated", StringComparison.OrdinalIgnoreCase)
            || message.StartsWith("IO Error", StringComparison.Ordinal) || message.Contains("Could not write file", StringComparison.Ordinal))
        {
            return StoreUnavailableReason.Unreachable;
        }

        return null;
    }
}
