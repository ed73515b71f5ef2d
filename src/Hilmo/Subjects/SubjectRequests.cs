using System.Globalization;
using Hilmo.Audit;
using Hilmo.Storage;

namespace Hilmo.Subjects;

/// <summary>Who makes a data-subject request and from where, as the audit log names them.</summary>
public sealed record SubjectRequester(string Actor, string From);

/// <summary>
/// Answers a data subject's request of access (GDPR art. 15, Client Data Act 703/2023): the
/// person's pseudonyms are derived under every provider key and key version, so no mapping table
/// from people to pseudonyms is needed or kept; the versions stored under them are read with
/// their history, and the audit log is searched for every use of those records.
/// </summary>
/// <remarks>
/// The request itself is audited under the person's request tag, never their code, so that the
/// next request of the same person lists it. Nothing of the answer is stored.
/// </remarks>
public sealed class SubjectRequests(IRegisterStore store, IAuditLog audit, string auditLogPath, TimeProvider? timeProvider = null)
{
    /// <summary>How far back the usage log reaches unless asked otherwise: two years, as the privacy design says.</summary>
    public static readonly TimeSpan DefaultUsagePeriod = TimeSpan.FromDays(2 * 365);

    private readonly TimeProvider time = timeProvider ?? TimeProvider.System;

    /// <summary>
    /// Answers the request of the person whose keys are <paramref name="keys"/>, and audits it.
    /// The usage log starts at <paramref name="usageSince"/>, or <see cref="DefaultUsagePeriod"/> back when that is null.
    /// </summary>
    public async Task<SubjectReport> AnswerAsync(ISubjectKeys keys, SubjectRequester requester, DateTimeOffset? usageSince = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(requester);
        var answeredAt = time.GetUtcNow();
        var since = usageSince ?? answeredAt - DefaultUsagePeriod;

        var providers = await store.ListProvidersAsync(cancellationToken).ConfigureAwait(false);
        var found = await store.FindClientVersionsAsync(keys.ClientKeys(providers), cancellationToken).ConfigureAwait(false);
        var records = await RecordsAsync(found, cancellationToken).ConfigureAwait(false);
        var usage = await UsageAsync(records, keys.RequestTags, since, cancellationToken).ConfigureAwait(false);
        var report = new SubjectReport(answeredAt, since, records, usage);

        await audit.AppendAsync(new AuditEvent(requester.Actor, "subject-request.create", $"subject/{keys.RequestTag}", AuditReasons.SubjectRequest, requester.From,
            string.Create(CultureInfo.InvariantCulture, $"ok: {report.VersionCount} versions of {records.Count} records from {report.ProviderCount} providers, {usage.Count} uses")),
            cancellationToken).ConfigureAwait(false);
        return report;
    }

    private async Task<IReadOnlyList<SubjectRecord>> RecordsAsync(IReadOnlyList<ClientVersion> found, CancellationToken cancellationToken)
    {
        var records = new List<SubjectRecord>();
        foreach (var record in found.GroupBy(v => (v.Provider, v.RecordId)).OrderBy(g => g.Key.Provider, StringComparer.Ordinal).ThenBy(g => g.Key.RecordId, StringComparer.Ordinal))
        {
            var ids = record.Select(v => v.VersionId).ToHashSet();
            var stored = await store.GetRecordVersionsAsync(record.Key.Provider, record.Key.RecordId, cancellationToken).ConfigureAwait(false);

            // The states come from the record's whole history; the content only from the person's own versions.
            var states = RecordHistory.Of(stored).Where(e => e.VersionId is { } id && ids.Contains(id)).ToDictionary(e => e.VersionId!.Value, e => e.State);
            foreach (var register in stored.Versions.Where(v => ids.Contains(v.Version.VersionId)).GroupBy(v => v.Version.Record.Notification.Register))
            {
                records.Add(new SubjectRecord(register.Key, record.Key.Provider, record.Key.RecordId, [.. register
                    .OrderBy(v => v.Version.VersionId)
                    .Select(v => new SubjectVersion(v.Version.VersionId, v.Version.SubmissionId, v.Version.ReceivedAt, v.Version.Record.Notification.UpdatedAt,
                        states[v.Version.VersionId], RecordHistory.Fields(v.Version.Record.Notification)))]));
            }
        }

        return records;
    }

    private async Task<IReadOnlyList<SubjectUse>> UsageAsync(IReadOnlyList<SubjectRecord> records, IReadOnlyCollection<string> requestTags, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var recordTargets = records.Select(r => $"notification/{r.Provider}/{r.RecordId}").ToHashSet(StringComparer.Ordinal);
        var submissions = records.SelectMany(r => r.Versions).Select(v => v.SubmissionId.ToString(CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);
        var subjectTargets = requestTags.Select(t => $"subject/{t}").ToHashSet(StringComparer.Ordinal);

        var uses = new List<SubjectUse>();
        await foreach (var logged in AuditLogReader.ReadAsync(auditLogPath, since, cancellationToken).ConfigureAwait(false))
        {
            var entry = logged.Event;
            if (KindOf(entry, recordTargets, submissions, subjectTargets) is { } kind)
            {
                uses.Add(new SubjectUse(logged.Time, kind, entry.Actor, entry.Action, entry.Target, entry.Reason, entry.Result));
            }
        }

        return uses;
    }

    private static SubjectUseKind? KindOf(AuditEvent entry, HashSet<string> recordTargets, HashSet<string> submissions, HashSet<string> subjectTargets)
    {
        // A refused request touched nothing of the records.
        if (!entry.Result.StartsWith("ok", StringComparison.Ordinal))
        {
            return null;
        }

        if (subjectTargets.Contains(entry.Target))
        {
            return SubjectUseKind.SubjectRequest;
        }

        if (recordTargets.Contains(entry.Target))
        {
            return SubjectUseKind.HistoryViewed;
        }

        // "submission/42", or "submission/42 file/x.ndjson" for a file of it.
        if (entry.Target.StartsWith("submission/", StringComparison.Ordinal))
        {
            var id = entry.Target["submission/".Length..];
            var end = id.IndexOf(' ', StringComparison.Ordinal);
            if (submissions.Contains(end < 0 ? id : id[..end]))
            {
                return entry.Action == "submission.create" ? SubjectUseKind.Received : SubjectUseKind.FeedbackRead;
            }
        }

        return null;
    }
}
