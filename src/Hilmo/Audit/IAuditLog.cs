namespace Hilmo.Audit;

/// <summary>
/// The register's tamper-evident log of who did what: every submission (by any path), every key
/// change, every read of record-level data and every refused access. Appending is durable when
/// the returned task completes.
/// </summary>
public interface IAuditLog
{
    ValueTask AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);
}

/// <summary>
/// One thing done in the register. The log adds the time (UTC) and its place in the chain.
/// Never an identity code: records are named by provider and <c>tunnus</c>, people not at all.
/// </summary>
/// <param name="Actor">Who: the access key and its organisation and role (<c>key:k7f… org:1.2.246.10.… role:submitter</c>), or <c>cli:USER</c>.</param>
/// <param name="Action">What, as a dotted verb: <c>submission.create</c>, <c>submission.read</c>, <c>key.create</c>, <c>key.revoke</c>; a refused request <c>http.get</c>, <c>http.post</c>.</param>
/// <param name="Target">What it was done to: <c>submission/42</c>, <c>submission/42 file/x.ndjson</c>, <c>key/k7f…</c>, a refused request's route.</param>
/// <param name="Reason">Why: the legal basis or purpose.</param>
/// <param name="From">Where from: the client's address, or <c>cli</c>.</param>
/// <param name="Result">How it ended: <c>ok</c>, <c>denied</c>, <c>rejected</c>, <c>failed</c>, with counts where they matter.</param>
public sealed record AuditEvent(string Actor, string Action, string Target, string Reason, string From, string Result);
