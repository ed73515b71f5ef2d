namespace Hilmo.Formats;

/// <summary>
/// Bounds on what one submission may contain, so that no input, however hostile, makes the
/// register use unbounded memory or time.
/// </summary>
public sealed record SubmissionLimits
{
    /// <summary>Largest single record in bytes; a real AvoHILMO record is under 10 kB.</summary>
    public int MaxRecordBytes { get; init; } = 256 * 1024;

    /// <summary>Most items in one repeating group (reasons, procedures, medications, follow-up).</summary>
    public int MaxItemsPerGroup { get; init; } = 100;

    /// <summary>Deepest nesting of objects and arrays in one record; the format itself needs four.</summary>
    public int MaxDepth { get; init; } = 16;

    /// <summary>Largest submission in bytes; null for no limit (files on the command line).</summary>
    public long? MaxSubmissionBytes { get; init; }

    public static SubmissionLimits Default { get; } = new();
}
