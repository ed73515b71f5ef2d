namespace Hilmo.Validation;

/// <summary>The latest local time a record may carry, shared by the validators of every register.</summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class LatestAllowedClock(TimeProvider timeProvider, ValidationOptions options)
{
    private volatile LatestAllowed? latestAllowed;

    /// <summary>
    /// The latest local time a record may carry: now in Finland plus the clock skew. Converting
    /// time zones costs more than the rest of a record's time checks, so it is done once a second.
    /// </summary>
    public DateTime Now()
    {
        var utcNow = timeProvider.GetUtcNow();
        var cached = latestAllowed;
        if (cached is not null && utcNow >= cached.ComputedAt && utcNow - cached.ComputedAt < TimeSpan.FromSeconds(1))
        {
            return cached.Latest.AddTicks((utcNow - cached.ComputedAt).Ticks);
        }

        var latest = TimeZoneInfo.ConvertTime(utcNow, options.TimeZone).DateTime + options.ClockSkew;
        latestAllowed = new LatestAllowed(utcNow, latest);
        return latest;
    }

    private sealed record LatestAllowed(DateTimeOffset ComputedAt, DateTime Latest);
}
