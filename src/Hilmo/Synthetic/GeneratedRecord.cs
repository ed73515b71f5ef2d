using Hilmo.Notifications;

namespace Hilmo.Synthetic;

/// <summary>
/// One line of a generated submission: a record (or, for a defect of the wire format, the raw
/// bytes of the line), what it is, and what the register must say about it.
/// </summary>
public sealed record GeneratedRecord
{
    private GeneratedRecord(GeneratedRecordKind kind, SubmittedNotification? submitted, byte[]? rawLine, string? expectedCode, string? expectedWarning)
    {
        Kind = kind;
        Submitted = submitted;
        RawLine = rawLine;
        ExpectedCode = expectedCode;
        ExpectedWarning = expectedWarning;
    }

    public GeneratedRecordKind Kind { get; }

    /// <summary>The record to write; null when <see cref="RawLine"/> is written instead.</summary>
    public SubmittedNotification? Submitted { get; }

    /// <summary>
    /// The bytes of the line, without its line feed, for records whose defect lies in the wire
    /// format itself (broken JSON, wrong types, invalid UTF-8 ...), which no record object can express.
    /// </summary>
    public byte[]? RawLine { get; }

    /// <summary>
    /// The one error finding the register must give this record, for instance <c>HETU-005</c>;
    /// null for a valid record. <c>VER-001</c> comes from the store, not from validation, and
    /// <c>HETU-006</c> assumes the register refuses temporary identity codes, as it does unless a
    /// test environment allows them.
    /// </summary>
    public string? ExpectedCode { get; }

    /// <summary>
    /// The warning this valid record was made to carry (<c>FMT-003</c>, <c>VAL-004</c>,
    /// <c>CODE-006</c>, <c>VER-002</c>, <c>VER-003</c>). Other warnings may come with any record:
    /// codes of the unverified lists (<c>tulos</c>, <c>syy</c>) always give <c>CODE-004</c>.
    /// </summary>
    public string? ExpectedWarning { get; }

    /// <summary>True when the register must accept the record (perhaps with a warning).</summary>
    public bool IsValid => ExpectedCode is null;

    public static GeneratedRecord Record(GeneratedRecordKind kind, SubmittedNotification submitted, string? expectedCode = null, string? expectedWarning = null) =>
        new(kind, submitted ?? throw new ArgumentNullException(nameof(submitted)), null, expectedCode, expectedWarning);

    public static GeneratedRecord Line(GeneratedRecordKind kind, byte[] rawLine, string? expectedCode, string? expectedWarning = null) =>
        new(kind, null, rawLine ?? throw new ArgumentNullException(nameof(rawLine)), expectedCode, expectedWarning);
}

/// <summary>What a generated record is, in the life of a register record.</summary>
public enum GeneratedRecordKind
{
    /// <summary>The first version of a new <c>tunnus</c>.</summary>
    Original,

    /// <summary>A later version of an earlier <c>tunnus</c>: the booked visit has taken place, or the care period has ended.</summary>
    Update,

    /// <summary>A later version of an earlier <c>tunnus</c>: the booked visit was cancelled.</summary>
    Cancellation,

    /// <summary>An exact copy of a version already sent: a duplicate to the register.</summary>
    Resend,

    /// <summary>A later version that withdraws an earlier record (<c>poisto: true</c>).</summary>
    Withdrawal,

    /// <summary>A withdrawal of a <c>tunnus</c> never sent: stored, with warning VER-003.</summary>
    WithdrawalOfUnknownRecord,

    /// <summary>An earlier version arriving after a later one: kept in history, with warning VER-002.</summary>
    LateEarlierVersion,

    /// <summary>A version with the <c>paivitetty</c> of one already sent but other content: rejected by the store (VER-001).</summary>
    Conflict,

    /// <summary>A record the register must reject, with exactly the finding <see cref="GeneratedRecord.ExpectedCode"/>.</summary>
    Invalid,

    /// <summary>The year-end census version of a care period still open at the end of 31 December (<c>laskentapaiva</c>).</summary>
    Census,
}
