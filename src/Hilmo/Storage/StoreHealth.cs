namespace Hilmo.Storage;

public enum StoreHealthStatus
{
    /// <summary>The store reads, and its last write succeeded (or none failed).</summary>
    Healthy,

    /// <summary>The store reads, but its last write failed and writes would fail still (out of space, say).</summary>
    Degraded,

    /// <summary>The store does not answer.</summary>
    Unhealthy,
}

/// <summary>What a store says of itself when asked (<see cref="IRegisterStore.CheckHealthAsync"/>).</summary>
/// <param name="Status">Whether it reads and writes.</param>
/// <param name="Description">In words, naming no path or host.</param>
/// <param name="Reason">Why it is not healthy, when it is not.</param>
public sealed record StoreHealth(StoreHealthStatus Status, string Description, StoreUnavailableReason? Reason = null)
{
    public static StoreHealth Healthy { get; } = new(StoreHealthStatus.Healthy, "The store reads and writes.");
}

/// <summary>
/// The outcome of a store's latest write, kept by both engines so that the health check tells the
/// truth between writes: a write that failed for want of room, memory or the database marks the
/// store until a write succeeds. Thread-safe.
/// </summary>
public sealed class StoreWriteFaults
{
    private StoreUnavailableException? lastFailure;

    /// <summary>The failure of the latest write, if the latest write failed for a reason of <see cref="StoreUnavailableReason"/>.</summary>
    public StoreUnavailableException? LastFailure => Volatile.Read(ref lastFailure);

    public void Failed(StoreUnavailableException failure) => Volatile.Write(ref lastFailure, failure);

    public void Succeeded() => Volatile.Write(ref lastFailure, null);

    /// <summary>Healthy when no write failed since the last one succeeded; otherwise degraded, with the failure's reason.</summary>
    public StoreHealth Health() => LastFailure is { } failure
        ? new StoreHealth(StoreHealthStatus.Degraded, $"The last write failed: {StoreUnavailableException.Describe(failure.Reason)}", failure.Reason)
        : StoreHealth.Healthy;
}
