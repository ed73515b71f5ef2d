using System.Diagnostics;
using System.Threading.RateLimiting;

namespace Hilmo.Server.Reports;

/// <summary>
/// How many report computations run at once, whoever asks (the statistics API, the public page,
/// the portal, supervision): <see cref="ServerOptions.ReportConcurrency"/> at a time, up to
/// <see cref="ServerOptions.ReportQueue"/> waiting in order of arrival, the rest refused at once
/// (<see cref="ReportsBusyException"/>, answered 503 with Retry-After). Submissions never pass
/// through it, so report load cannot make them wait.
/// </summary>
/// <remarks>
/// ASP.NET Core's <see cref="ConcurrencyLimiter"/>, held here rather than as an endpoint policy:
/// the limit must sit below the cache of published answers, so that a repeated public request is
/// answered without waiting behind computations, and it must cover the pages that compute tables
/// in the middle of rendering.
/// </remarks>
internal sealed class ReportLimiter : IDisposable
{
    private readonly ConcurrencyLimiter limiter;
    private readonly int permits;
    private long averageTicks = TimeSpan.FromSeconds(1).Ticks;
    private long refused;

    public ReportLimiter(ServerOptions options)
    {
        permits = Math.Max(1, options.ReportConcurrency);
        limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = permits,
            QueueLimit = Math.Max(0, options.ReportQueue),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Computations waiting for a place now.</summary>
    public long Queued => limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    /// <summary>Computations refused since the start.</summary>
    public long Refused => Interlocked.Read(ref refused);

    /// <summary>Runs <paramref name="work"/> when a place is free; waiting ends when <paramref name="cancellationToken"/> does (the client went away).</summary>
    /// <exception cref="ReportsBusyException">The queue is full.</exception>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        using var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            Interlocked.Increment(ref refused);
            throw new ReportsBusyException(RetryAfter());
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            return await work(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // A moving average of how long a computation holds its place, for Retry-After.
            var elapsed = Stopwatch.GetElapsedTime(started).Ticks;
            var average = Interlocked.Read(ref averageTicks);
            Interlocked.Exchange(ref averageTicks, average + ((elapsed - average) / 8));
        }
    }

    /// <summary>When the computations now running and waiting will likely be done: at least 1 s, at most a minute.</summary>
    public TimeSpan RetryAfter()
    {
        var statistics = limiter.GetStatistics();
        var ahead = (statistics?.CurrentQueuedCount ?? 0) + permits;
        var seconds = TimeSpan.FromTicks(Interlocked.Read(ref averageTicks)).TotalSeconds * ahead / permits;
        return TimeSpan.FromSeconds(Math.Clamp(Math.Ceiling(seconds), 1, 60));
    }

    public void Dispose() => limiter.Dispose();
}

/// <summary>Too many reports are being computed and waiting: come back after <see cref="RetryAfter"/>.</summary>
internal sealed class ReportsBusyException(TimeSpan retryAfter)
    : Exception("Too many reports are being computed now; try again shortly.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
