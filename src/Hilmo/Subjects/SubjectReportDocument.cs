using Hilmo.Notifications;
using Hilmo.Storage;

namespace Hilmo.Subjects;

/// <summary>A data-subject report as the API and <c>hilmo subject-request --format json</c> write it: one shape for both.</summary>
public sealed record SubjectReportDocument(
    DateTimeOffset AnsweredAt, DateTimeOffset UsageSince, int Providers, int Versions,
    IReadOnlyList<SubjectReportDocument.Record> Records, IReadOnlyList<SubjectReportDocument.Use> Usage)
{
    public static SubjectReportDocument Of(SubjectReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(report.AnsweredAt, report.UsageSince, report.ProviderCount, report.VersionCount,
            [.. report.Records.Select(r => new Record(r.Register.WireName(), r.Provider, r.RecordId,
                [.. r.Versions.Select(v => new Version(v.VersionId, v.SubmissionId, v.ReceivedAt, v.UpdatedAt, v.State.Name(), v.Fields))]))],
            [.. report.Usage.Select(u => new Use(u.Time, u.Kind.Name(), u.Actor, u.Action, u.Target, u.Reason, u.Result))]);
    }

    public sealed record Record(string Register, string Provider, string Tunnus, IReadOnlyList<Version> Versions);

    public sealed record Version(long VersionId, long SubmissionId, DateTimeOffset ReceivedAt, DateTime? UpdatedAt, string State, IReadOnlyDictionary<string, string> Fields);

    public sealed record Use(DateTimeOffset Time, string Kind, string Actor, string Action, string Target, string Reason, string Result);
}

/// <summary>The kinds of use by the names the JSON writes and their labels in fi/sv/en.</summary>
public static class SubjectUseKinds
{
    public static string Name(this SubjectUseKind kind) => kind switch
    {
        SubjectUseKind.Received => "received",
        SubjectUseKind.FeedbackRead => "feedback-read",
        SubjectUseKind.HistoryViewed => "history-viewed",
        SubjectUseKind.Extracted => "extracted",
        SubjectUseKind.SubjectRequest => "subject-request",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of use."),
    };

    public static LocalizedText Label(this SubjectUseKind kind) => kind switch
    {
        SubjectUseKind.Received => new("Vastaanotettu tuottajalta", "Mottagen från producenten", "Received from the provider"),
        SubjectUseKind.FeedbackRead => new("Palautetta luettu", "Återkoppling läst", "Feedback read"),
        SubjectUseKind.HistoryViewed => new("Tietueen historiaa katsottu", "Postens historik visad", "Record history viewed"),
        SubjectUseKind.Extracted => new("Tutkimusaineistoon poimittu", "Uttagen till forskningsdata", "Included in a research extract"),
        SubjectUseKind.SubjectRequest => new("Tarkastuspyyntö", "Begäran om insyn", "Subject access request"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of use."),
    };
}
