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

    public static ServerOptions Default { get; } = new();
}
