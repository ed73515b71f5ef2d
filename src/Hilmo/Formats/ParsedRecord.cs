using Hilmo.Notifications;
using Hilmo.Validation;

namespace Hilmo.Formats;

/// <summary>
/// One record of a submission after reading: the record, when it could be read at all, and what
/// the reader found wrong with it.
/// </summary>
/// <param name="Index">Zero-based position of the record in the submission.</param>
/// <param name="Position">Where the record starts in the submitted text.</param>
/// <param name="Submitted">The record; null when nothing of it could be read.</param>
/// <param name="Findings">Findings of the reader (syntax, types, lengths, unknown fields).</param>
public sealed record ParsedRecord(long Index, TextPosition? Position, SubmittedNotification? Submitted, IReadOnlyList<Finding> Findings)
{
    public string? RecordId => Submitted?.Notification.RecordId ?? KeyRecordId;

    public string? Provider => Submitted?.Notification.Provider ?? KeyProvider;

    /// <summary>The <c>tunnus</c> of a record refused before it was read (HETU-008), when it could be told safely.</summary>
    public string? KeyRecordId { get; init; }

    /// <summary>The provider of a record refused before it was read, when it could be told safely.</summary>
    public string? KeyProvider { get; init; }
}
