using Hilmo.Notifications;
using Hilmo.Statistics;
using Hilmo.Statistics.Signals.Alerts;
using Hilmo.Statistics.Sql;
using Hilmo.Validation;

namespace Hilmo.Storage;

/// <summary>
/// The register's store: every received version of every record, append-only, with its receipt
/// time, so that the current state, and the state as of any past moment, can be derived. One
/// contract for every backend; callers never see SQL, with one exception: reports are SQL over
/// the relations of <see cref="ReportRelations"/>, written once for every store, so that figures
/// are computed where the data is and agree across backends.
/// </summary>
public interface IRegisterStore : IAsyncDisposable
{
    /// <summary>Starts a submission; its records are stored through the returned writer.</summary>
    Task<ISubmissionWriter> BeginSubmissionAsync(SubmissionInfo info, CancellationToken cancellationToken = default);

    /// <summary>A submission's summary, or null when there is none with that id.</summary>
    Task<SubmissionSummary?> GetSubmissionAsync(long submissionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The submissions <paramref name="submitter"/> sent (<see cref="SubmissionInfo.Submitter"/>),
    /// newest first, <paramref name="limit"/> at most: a provider's list of what it sent.
    /// </summary>
    Task<IReadOnlyList<SubmissionSummary>> ListSubmissionsAsync(string submitter, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>A submission's findings in the order they were made, <paramref name="limit"/> at most from <paramref name="offset"/> on.</summary>
    Task<IReadOnlyList<Finding>> GetFindingsAsync(long submissionId, long offset = 0, int limit = 1000, CancellationToken cancellationToken = default);

    /// <summary>
    /// The version of <paramref name="key"/> that is current now, or that was current at receipt time
    /// <paramref name="asOf"/>; null when there was none. A withdrawn record's current version is its withdrawal.
    /// </summary>
    Task<StoredVersion?> GetCurrentAsync(RecordKey key, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default);

    /// <summary>Every stored version of <paramref name="key"/>, in order of receipt.</summary>
    Task<IReadOnlyList<StoredVersion>> GetHistoryAsync(RecordKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every stored version of <paramref name="provider"/>'s record <paramref name="recordId"/> in
    /// every register, with the span each was current, and the submissions whose version of it was
    /// refused as a conflict (<see cref="Hilmo.Validation.FindingCatalogue.ConflictingVersion"/>):
    /// what <see cref="RecordHistory"/> shows.
    /// </summary>
    Task<StoredRecordVersions> GetRecordVersionsAsync(string provider, string recordId, CancellationToken cancellationToken = default);

    /// <summary>Every provider code the store knows: whose keys a data-subject request derives the person's pseudonyms under.</summary>
    Task<IReadOnlyList<string>> ListProvidersAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The stored versions, in every register and state, whose client is one of <paramref name="clients"/>
    /// (a provider's pseudonym of one person under one key version): the versions about one person
    /// that a data-subject request shows. Only those versions: a later version of the same record
    /// that names another client is not the person's.
    /// </summary>
    Task<IReadOnlyList<ClientVersion>> FindClientVersionsAsync(IReadOnlyCollection<ClientKey> clients, CancellationToken cancellationToken = default);

    /// <summary>The current version of every record that is not withdrawn, now or as of a past receipt time.</summary>
    IAsyncEnumerable<StoredVersion> ReadCurrentAsync(CurrentQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many versions and records the register holds, now or as of a past receipt time.</summary>
    Task<RegisterCounts> CountAsync(DateTimeOffset? asOf = null, CancellationToken cancellationToken = default);

    /// <summary>Runs a report's statement over the report relations and gives its rows: aggregates, never records.</summary>
    Task<IReadOnlyList<object?[]>> QueryReportAsync(ReportQuery query, CancellationToken cancellationToken = default);

    /// <summary>Keeps a release; false when one of that name exists already (a release is never changed).</summary>
    Task<bool> CreateReleaseAsync(Release release, CancellationToken cancellationToken = default);

    /// <summary>The release of that name, or null.</summary>
    Task<Release?> GetReleaseAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every release, oldest first.</summary>
    Task<IReadOnlyList<Release>> ListReleasesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps a signal run's alerts as one unit with its as-of time, in one transaction: a run of
    /// the same as-of stored before is replaced (the same series give the same alerts), a run of
    /// no alerts is kept too, so that it is the latest.
    /// </summary>
    Task StoreSignalRunAsync(SignalRunResult run, CancellationToken cancellationToken = default);

    /// <summary>The stored alerts <paramref name="query"/> selects, by period, county, syndrome, resolution and method.</summary>
    Task<IReadOnlyList<SignalAlert>> ListSignalAlertsAsync(SignalAlertQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether the store reads and writes now: a read that must answer, and the outcome of the latest
    /// write (<see cref="StoreWriteFaults"/>). A store that can recover by itself (reopen a database a
    /// fatal error invalidated, see that room is back) tries to here. Never throws for the store's state.
    /// </summary>
    Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken = default);

    /// <summary>How many stored versions hold a pseudonym of a master-key version below <paramref name="currentVersion"/>.</summary>
    Task<long> CountToRekeyAsync(int currentVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Re-keys stored pseudonyms after a master-key rotation: every version whose
    /// <c>key_version</c> is below <see cref="IPseudonymRekeyer.CurrentVersion"/> gets the chained
    /// pseudonym of the current version and that version number, and its content hash is recomputed
    /// with the new pseudonym (so that an unchanged resend is still a duplicate). Batches in version
    /// order, each in its own transaction; the versions still to do are simply those under an older
    /// version, so a run stopped anywhere (cancellation, <see cref="RekeyOptions.MaxBatches"/>, a
    /// crash) is resumed by running again, and a second run of a finished job changes nothing.
    /// </summary>
    /// <remarks>
    /// Stored versions are otherwise never changed: this is the one sanctioned in-place rewrite, and
    /// it touches only the pseudonym, the key version and the content hash. Submissions may go on
    /// meanwhile; a batch holds the writer only for its own transaction.
    /// </remarks>
    /// <exception cref="OperationCanceledException">Cancelled; the committed batches stay.</exception>
    Task<RekeyResult> RekeyAsync(IPseudonymRekeyer rekeyer, RekeyOptions options, IProgress<RekeyProgress>? progress = null, CancellationToken cancellationToken = default);
}

/// <summary>
/// Stores the records of one submission in units. Records appended since the last commit form
/// the open unit; <see cref="CommitAsync"/> decides each one's fate and makes the unit durable at
/// once. A unit never committed (the process died, or the writer was disposed first) leaves no trace.
/// </summary>
public interface ISubmissionWriter : IAsyncDisposable
{
    long SubmissionId { get; }

    /// <summary>Adds valid, pseudonymised records to the open unit, in submission order.</summary>
    ValueTask AppendAsync(IReadOnlyList<IndexedRecord> records, CancellationToken cancellationToken = default);

    /// <summary>
    /// Decides for every record of the open unit whether it is a new version, a duplicate of a
    /// stored one, or a conflicting change under the same update time, and makes the new versions
    /// durable. When the task completes, the unit is committed. A new unit opens with the next
    /// append, which may come while this commit still runs (the pipeline fills the next unit
    /// meanwhile); the caller awaits the commit before starting another and before completing.
    /// </summary>
    Task<UnitResult> CommitAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps findings with the submission so its feedback can be read again. They are stored with
    /// the next unit's commit, or on completion: findings of a unit never committed are kept all
    /// the same, since the submitter was told them.
    /// </summary>
    ValueTask AddFindingsAsync(IReadOnlyList<Finding> findings, CancellationToken cancellationToken = default);

    /// <summary>Records the submission's final counts, and every finding not yet stored.</summary>
    Task CompleteAsync(SubmissionCounts counts, CancellationToken cancellationToken = default);
}

/// <summary>A record with its zero-based index in the submission.</summary>
public readonly record struct IndexedRecord(long Index, RegisteredNotification Record);

/// <summary>What a submission is: where it came from and who sent it.</summary>
/// <param name="Source">File name or channel (<c>x.ndjson</c>, <c>http</c>).</param>
/// <param name="Format">Wire format name.</param>
/// <param name="Submitter">The organisation or key that sent it; null for the register's own tools.</param>
public sealed record SubmissionInfo(string Source, string Format, string? Submitter = null);

/// <summary>What became of a submission's records.</summary>
public sealed record SubmissionCounts(long Received, long Accepted, long Rejected, long Duplicates)
{
    /// <summary><c>received 3, accepted 2, rejected 1, duplicates 0</c>: the counts as the audit log and the summaries write them.</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"received {Received}, accepted {Accepted}, rejected {Rejected}, duplicates {Duplicates}");
}

public sealed record SubmissionSummary(long SubmissionId, SubmissionInfo Info, DateTimeOffset ReceivedAt, DateTimeOffset? CompletedAt, SubmissionCounts? Counts);

/// <summary>What became of the records of one committed unit.</summary>
/// <param name="ReceivedAt">The unit's receipt time: its versions are current "as of" this moment on.</param>
/// <param name="Records">Records in the unit.</param>
/// <param name="Stored">New versions kept (current, superseded or history).</param>
/// <param name="Duplicates">Records already stored with the same content.</param>
/// <param name="Conflicts">Records refused for a different content under a stored update time.</param>
/// <param name="Remarks">Every record that did not simply become current, in submission order.</param>
public sealed record UnitResult(DateTimeOffset ReceivedAt, long Records, long Stored, long Duplicates, long Conflicts, IReadOnlyList<RecordOutcome> Remarks)
{
    public static UnitResult Empty(DateTimeOffset receivedAt) => new(receivedAt, 0, 0, 0, 0, []);
}

/// <param name="Index">The record's index in the submission.</param>
/// <param name="Key">The record's provider and <c>tunnus</c>.</param>
/// <param name="Outcome">What was done with it.</param>
/// <param name="UnknownWithdrawal">A withdrawal of a record the register had never received (stored all the same).</param>
public readonly record struct RecordOutcome(long Index, RecordKey Key, VersionOutcome Outcome, bool UnknownWithdrawal = false)
{
    public string RecordId => Key.RecordId;
}

public enum VersionOutcome
{
    /// <summary>A new version that is now the record's current one.</summary>
    Current,

    /// <summary>A new version older than the stored current one: kept in history only.</summary>
    History,

    /// <summary>A new version replaced by a newer one of the same unit (later phases sent together): kept in history.</summary>
    Superseded,

    /// <summary>The same version was already stored: nothing changed.</summary>
    Duplicate,

    /// <summary>Another content was already stored under the same update time: rejected.</summary>
    Conflict,
}

/// <summary>One stored version.</summary>
/// <param name="VersionId">The store's id of the version, increasing in order of receipt.</param>
/// <param name="SubmissionId">The submission that brought it.</param>
/// <param name="ReceivedAt">When the register stored it.</param>
/// <param name="Record">The record as stored.</param>
public sealed record StoredVersion(long VersionId, long SubmissionId, DateTimeOffset ReceivedAt, RegisteredNotification Record);

/// <summary>Which current records to read.</summary>
/// <param name="AsOf">Receipt time to read as of; null for now.</param>
/// <param name="Provider">Only this provider's records; null for all.</param>
public sealed record CurrentQuery(DateTimeOffset? AsOf = null, string? Provider = null);

/// <param name="Versions">Versions received up to the moment, all kept.</param>
/// <param name="Records">Records whose current version is not a withdrawal.</param>
/// <param name="Withdrawn">Records whose current version is a withdrawal.</param>
public sealed record RegisterCounts(long Versions, long Records, long Withdrawn);
