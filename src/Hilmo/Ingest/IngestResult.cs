using Hilmo.Storage;
using Hilmo.Validation;

namespace Hilmo.Ingest;

/// <summary>What became of a submission.</summary>
/// <param name="SubmissionId">The store's id of the submission; null when nothing was stored (validation only).</param>
/// <param name="Counts">Records received, accepted, rejected and found to be duplicates.</param>
/// <param name="SubmissionError">Why the submission could not be read to its end, if it could not.</param>
/// <param name="FindingsByCode">How many findings of each code were made.</param>
public sealed record IngestResult(
    long? SubmissionId,
    SubmissionCounts Counts,
    Finding? SubmissionError,
    IReadOnlyDictionary<string, long> FindingsByCode)
{
    /// <summary>True when the whole submission could be read (some records may still be rejected).</summary>
    public bool WasRead => SubmissionError is not { Severity: Severity.Error };
}
