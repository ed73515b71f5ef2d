namespace Hilmo.Server.Submissions;

/// <summary>
/// The shape <see cref="SubmissionAnswer"/> writes, for the OpenAPI document only: the answer is
/// streamed with a JSON writer, so this record is its schema, not its serialiser.
/// </summary>
/// <param name="SubmissionId">The stored submission; null when it was only validated.</param>
/// <param name="Source">Read again only: what the submitter named the file.</param>
/// <param name="Format">Read again only: json, ndjson or xml.</param>
/// <param name="ReceivedAt">Read again only.</param>
/// <param name="CompletedAt">Read again only; null while it is being stored.</param>
/// <param name="Received">Records read.</param>
/// <param name="Accepted">Records stored (or storable, when validated).</param>
/// <param name="Rejected">Records refused.</param>
/// <param name="Duplicates">Records identical to their stored version.</param>
/// <param name="Findings">What was found, record by record.</param>
/// <param name="FindingsTruncated">More findings exist than the answer holds; page with offset and limit.</param>
internal sealed record SubmissionFeedbackSchema(
    long? SubmissionId, string? Source, string? Format, string? ReceivedAt, string? CompletedAt,
    int Received, int Accepted, int Rejected, int Duplicates,
    IReadOnlyList<FindingSchema> Findings, bool FindingsTruncated);

/// <param name="Index">The record's place in the file, from 0.</param>
/// <param name="Tunnus">The record's id, when it could be read (never an identity code).</param>
/// <param name="Code">The finding's code, e.g. REQ-001.</param>
/// <param name="Severity">error or warning.</param>
/// <param name="Path">The field, as a JSON path or XML element path.</param>
/// <param name="Line">Line in the file, when known.</param>
/// <param name="Column">Column in the file, when known.</param>
/// <param name="Message">In the answer's language.</param>
/// <param name="Messages">In Finnish, Swedish and English.</param>
internal sealed record FindingSchema(int? Index, string? Tunnus, string Code, string Severity, string? Path, int? Line, int? Column,
    string Message, FindingMessages Messages);

internal sealed record FindingMessages(string Fi, string Sv, string En);
