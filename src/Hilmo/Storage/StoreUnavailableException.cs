namespace Hilmo.Storage;

/// <summary>Why the store cannot take or give data for now; each engine sorts its own errors into these.</summary>
public enum StoreUnavailableReason
{
    /// <summary>The disk the store writes to is full (the server answers 507).</summary>
    OutOfSpace,

    /// <summary>The database cannot be reached, or must be reopened after a fatal error (503).</summary>
    Unreachable,

    /// <summary>The database ran out of memory (503).</summary>
    OutOfMemory,
}

/// <summary>
/// The store failed for a reason of its surroundings, not of the request: the operation may succeed
/// later unchanged. Both engines throw it, with the engine's own error as <see cref="Exception.InnerException"/>;
/// a unit that fails with it left nothing stored. The message names no path, host or data.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
        : this(StoreUnavailableReason.Unreachable, null)
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StoreUnavailableException(StoreUnavailableReason reason, Exception? innerException)
        : base(Describe(reason), innerException)
    {
        Reason = reason;
    }

    public StoreUnavailableReason Reason { get; } = StoreUnavailableReason.Unreachable;

    /// <summary>What the reason means, in words fit for an answer or a health report.</summary>
    public static string Describe(StoreUnavailableReason reason) => reason switch
    {
        StoreUnavailableReason.OutOfSpace => "The register's store is out of disk space.",
        StoreUnavailableReason.OutOfMemory => "The register's store is out of memory.",
        _ => "The register's store cannot be reached.",
    };
}
