namespace Hilmo.Storage.Postgres;

/// <summary>
/// The PostgreSQL store's faults: every operation that meets a server down, a full disk or
/// exhausted memory throws the store's failure (<see cref="StoreUnavailableException"/>), and
/// works again, without a restart, once the server does (the pools open new connections).
/// </summary>
public sealed partial class PostgresRegisterStore
{
    /// <summary>Whether the latest write failed for want of the server, its disk or its memory.</summary>
    internal StoreWriteFaults WriteFaults { get; } = new();

    /// <summary>The store's failure that <paramref name="exception"/> is (null for any other error); a write's is kept for the health check.</summary>
    internal StoreUnavailableException? Failed(Exception exception, bool write)
    {
        if (PostgresFaults.Classify(exception) is not { } unavailable)
        {
            return null;
        }

        if (write)
        {
            WriteFaults.Failed(unavailable);
        }

        if (unavailable.Reason == StoreUnavailableReason.Unreachable)
        {
            // The pools' idle connections are dead after the server went away: new ones are opened when it is back.
            DataSource.Clear();
            Writers.Clear();
        }

        return unavailable;
    }

    public async Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = DataSource.CreateCommand("SELECT count(*) FROM submissions WHERE submission_id = 0");
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && PostgresFaults.Classify(exception) is { } unavailable)
        {
            return new StoreHealth(StoreHealthStatus.Unhealthy, $"The store does not answer: {StoreUnavailableException.Describe(unavailable.Reason)}", unavailable.Reason);
        }

        // The server answers; a write that failed because it was down says nothing of now.
        if (WriteFaults.LastFailure is { Reason: StoreUnavailableReason.Unreachable })
        {
            WriteFaults.Succeeded();
        }

        return WriteFaults.Health();
    }
}
