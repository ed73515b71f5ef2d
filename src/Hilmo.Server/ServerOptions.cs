namespace Hilmo.Server;

/// <summary>The server's limits and settings.</summary>
public sealed record ServerOptions
{
    /// <summary>Largest request body, after gzip is undone: larger ones are answered 413. A submission is stored as one unit, so this also bounds the memory one submission holds.</summary>
    public long MaxRequestBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Requests a key may make per minute before it is answered 429; anonymous callers share this per address.</summary>
    public int RequestsPerMinute { get; init; } = 6000;

    /// <summary>Findings an answer carries at most; all are kept in the store and paged through <c>GET /api/v1/submissions/{id}</c>.</summary>
    public int FindingsInAnswer { get; init; } = 1000;

    /// <summary>Accept temporary identity codes (900–999), as a test environment does.</summary>
    public bool AllowTemporaryIdentityCodes { get; init; }

    /// <summary>
    /// Report computations (statistics API and the pages that compute tables) running at once;
    /// more wait in <see cref="ReportQueue"/>. Reports share the embedded store's memory limit
    /// with the writer, and each query uses every core, so a few at a time is both the fastest
    /// and the only safe number: measured on the demo register, 2 at once peak at 77 MiB of
    /// DuckDB's 256 MiB, 8 at once at 232 MiB and some run out of memory.
    /// </summary>
    public int ReportConcurrency { get; init; } = DefaultReportConcurrency;

    /// <summary>Report computations that may wait for one of <see cref="ReportConcurrency"/>; past it the answer is 503 with Retry-After at once.</summary>
    public int ReportQueue { get; init; } = 2 * DefaultReportConcurrency;

    /// <summary>Bytes of formatted public tables kept to answer repeated requests without a query.</summary>
    public long ReportCacheBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Half the cores, at least 2 and at most 4.</summary>
    public static int DefaultReportConcurrency => Math.Clamp(Environment.ProcessorCount / 2, 2, 4);

    public static ServerOptions Default { get; } = new();
}
