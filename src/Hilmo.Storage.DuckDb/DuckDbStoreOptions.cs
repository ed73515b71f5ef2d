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

    /// <summary>
    /// Size of the write-ahead log at which DuckDB folds it into the database file
    /// (<c>SET checkpoint_threshold</c>). DuckDB's default of 16 MB makes a bulk load checkpoint
    /// after nearly every unit, rewriting each row group that a unit's bookkeeping touched; with a
    /// larger log, one checkpoint does the work for many units (measured: ingest 40 % faster and the
    /// file 25 % smaller). The store always checkpoints when it is closed.
    /// </summary>
    public string CheckpointThreshold { get; init; } = "1GB";

    /// <summary>DuckDB worker threads; null lets DuckDB use every core.</summary>
    public int? Threads { get; init; }

    public static DuckDbStoreOptions Default { get; } = new();
}
