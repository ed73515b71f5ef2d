namespace Hilmo.Audit;

/// <summary>How an <see cref="AuditLogFile"/> writes.</summary>
public sealed record AuditLogOptions
{
    /// <summary>A signed checkpoint is written at every sequence number divisible by this.</summary>
    public int CheckpointInterval { get; init; } = 1000;

    /// <summary>
    /// Longest text of one field, in UTF-16 characters; longer text is cut and ends in
    /// <see cref="AuditText.TruncationMarker"/>. Bounds every line, so a reader can read the tail
    /// of the log backwards in one small step.
    /// </summary>
    public int MaxFieldLength { get; init; } = 1000;

    /// <summary>How long an append waits for another process holding the log's lock before it fails.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public static AuditLogOptions Default { get; } = new();
}
