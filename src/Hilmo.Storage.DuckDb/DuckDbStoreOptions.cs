namespace Hilmo.Storage.DuckDb;

/// <summary>Settings of the embedded store.</summary>
public sealed record DuckDbStoreOptions
{
    /// <summary>
    /// DuckDB's memory limit (<c>SET memory_limit</c>). Bulk loads spill beyond it to the temp
    /// folder beside the database, so the whole process stays within about a gigabyte.
    /// </summary>
    public string MemoryLimit { get; init; } = "512MB";

    /// <summary>DuckDB worker threads; null lets DuckDB use every core.</summary>
    public int? Threads { get; init; }

    public static DuckDbStoreOptions Default { get; } = new();
}
