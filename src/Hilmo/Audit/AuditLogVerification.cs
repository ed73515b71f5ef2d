namespace Hilmo.Audit;

/// <summary>
/// What <see cref="AuditLogVerifier"/> found: either an intact log, or the first problem, naming
/// the entry and the line where it is.
/// </summary>
/// <param name="EntriesRead">Entries read and found in order before the first problem (all of them when intact).</param>
/// <param name="CheckpointsVerified">Checkpoints whose signature was checked and found good.</param>
/// <param name="LastCheckpointSequence">The sequence number of the last good checkpoint; 0 when none.</param>
/// <param name="Problem">The first problem, in English, naming entry and line; null when intact.</param>
/// <param name="ProblemSequence">The sequence number of the entry with the problem, or of the one expected where the problem is.</param>
/// <param name="ProblemLine">The line (from 1) of the problem.</param>
public sealed record AuditLogVerification(
    long EntriesRead,
    int CheckpointsVerified,
    long LastCheckpointSequence,
    string? Problem = null,
    long? ProblemSequence = null,
    long? ProblemLine = null)
{
    /// <summary>No entry was changed, removed or reordered, and every checkpoint's signature is good.</summary>
    public bool IsIntact => Problem is null;

    /// <summary>
    /// Entries after the last checkpoint: chained but not yet signed. A log in use has some; a
    /// cleanly closed log has none, so after a shutdown a non-zero count means the end was cut
    /// off or the writer died.
    /// </summary>
    public long EntriesAfterLastCheckpoint => EntriesRead - LastCheckpointSequence;
}
