using Hilmo.Notifications;
using Hilmo.Storage;

namespace Hilmo.Subjects;

/// <summary>
/// The answer to a data-subject request: every stored version about the person, from every
/// provider and register, and the log of every use of them. It names no identity code and no
/// pseudonym; records are named by provider and <c>tunnus</c>, as the providers know them.
/// </summary>
/// <param name="AnsweredAt">When the register answered (UTC).</param>
/// <param name="UsageSince">The start of the usage log's period.</param>
/// <param name="Records">The person's records, by provider, register and <c>tunnus</c>.</param>
/// <param name="Usage">Every logged use of the records in the period, oldest first.</param>
public sealed record SubjectReport(DateTimeOffset AnsweredAt, DateTimeOffset UsageSince, IReadOnlyList<SubjectRecord> Records, IReadOnlyList<SubjectUse> Usage)
{
    /// <summary>How many stored versions the report holds.</summary>
    public int VersionCount => Records.Sum(r => r.Versions.Count);

    /// <summary>How many providers the records come from.</summary>
    public int ProviderCount => Records.Select(r => r.Provider).Distinct(StringComparer.Ordinal).Count();
}

/// <summary>One record about the person: the versions of it that are about them.</summary>
public sealed record SubjectRecord(Register Register, string Provider, string RecordId, IReadOnlyList<SubjectVersion> Versions);

/// <summary>
/// One stored version, with every field it holds by its wire path (<c>kaynti.alku</c>), as the
/// record history writes them: without identity code or pseudonym.
/// </summary>
public sealed record SubjectVersion(long VersionId, long SubmissionId, DateTimeOffset ReceivedAt, DateTime? UpdatedAt, VersionState State, IReadOnlyDictionary<string, string> Fields);

/// <summary>What a logged use of the person's records was.</summary>
public enum SubjectUseKind
{
    /// <summary>A provider's submission brought a version of the records.</summary>
    Received,

    /// <summary>The feedback of such a submission was read.</summary>
    FeedbackRead,

    /// <summary>A record's history was viewed.</summary>
    HistoryViewed,

    /// <summary>A research extract held some of the records.</summary>
    Extracted,

    /// <summary>An earlier data-subject request of the same person.</summary>
    SubjectRequest,
}

/// <summary>One logged use: when, who (organisation and role as the log names them), what, why and how it ended.</summary>
public sealed record SubjectUse(DateTimeOffset Time, SubjectUseKind Kind, string Actor, string Action, string Target, string Reason, string Result);
