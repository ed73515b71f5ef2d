namespace Hilmo.Storage.DuckDb;

/// <summary>Settings of the embedded store.</summary>
public sealed record DuckDbStoreOptions
{
    /// <summary>
    /// DuckDB's memory limit (<c>SET memory_limit</c>). Bulk loads spill beyond it to the temp
    /// folder beside the database, so the whole process, the .NET heap of the ingest pipeline
    /// included, stays under a gigabyte.
    /// </summary>
    public string MemoryLimit { get; init; } = "256MB";

    /// <summary>DuckDB worker threads; null lets DuckDB use every core.</summary>
    public int? Threads { get; init; }

    public static DuckDbStoreOptions Default { get; } = new();
}
