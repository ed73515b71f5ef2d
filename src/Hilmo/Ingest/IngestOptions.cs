using Hilmo.Formats;

namespace Hilmo.Ingest;

/// <summary>How the ingest pipeline runs.</summary>
public sealed record IngestOptions
{
    /// <summary>Threads that parse, validate and pseudonymise; the reader and the store run beside them.</summary>
    public int Workers { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>
    /// Records handed to the store as one unit. Large units let the store decide duplicates and
    /// versions with one set-based pass; each unit is durable once stored.
    /// </summary>
    public int StoreUnitRecords { get; init; } = 65_536;

    /// <summary>
    /// All or nothing: the submission's valid records are held until it has been read to its end
    /// and then stored as one unit, or not at all when it could not be read. For submissions over
    /// HTTP, whose size the server limits; a file of any size is stored unit by unit instead.
    /// </summary>
    public bool Atomic { get; init; }

    public SubmissionLimits Limits { get; init; } = SubmissionLimits.Default;

    public static IngestOptions Default { get; } = new();
}
