using System.Runtime.InteropServices;
using DuckDB.NET.Data;

namespace Hilmo.Storage.DuckDb;

/// <summary>
/// Stores the units of one submission. A unit is one transaction holding the store's writer:
/// records are appended to the version tables as they arrive, each written as becoming current;
/// at commit one set-based query compares the unit with the stored versions and with itself, and
/// the exceptions are put right (duplicates and conflicts removed, older versions marked as
/// history, replaced versions closed).
/// </summary>
internal sealed class DuckDbSubmissionWriter(DuckDbRegisterStore store, long submissionId) : ISubmissionWriter
{
    // Kept from unit to unit: rebuilt for every unit, these would be large arrays on the large
    // object heap, and each would bring the garbage collector's full collections closer.
    private readonly UnitJudge judge = new();
    private Unit? unit;

    public long SubmissionId => submissionId;

    public async ValueTask AppendAsync(IReadOnlyList<IndexedRecord> records, CancellationToken cancellationToken = default)
    {
        unit ??= await Unit.BeginAsync(store, submissionId, judge, cancellationToken).ConfigureAwait(false);
        unit.Append(records);
    }

    public Task<UnitResult> CommitAsync(CancellationToken cancellationToken = default)
    {
        if (unit is not { } open)
        {
            return Task.FromResult(UnitResult.Empty(DateTimeOffset.UtcNow));
        }

        unit = null;
        try
        {
            return Task.FromResult(open.Commit());
        }
        finally
        {
            open.Dispose();
        }
    }

    public Task CompleteAsync(SubmissionCounts counts, CancellationToken cancellationToken = default) =>
        store.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE submissions SET completed_at = $1, received = $2, accepted = $3, rejected = $4, duplicates = $5
                WHERE submission_id = $6
                """;
            command.Parameters.Add(new DuckDBParameter(store.NextReceiptTime()));
            command.Parameters.Add(new DuckDBParameter(counts.Received));
            command.Parameters.Add(new DuckDBParameter(counts.Accepted));
            command.Parameters.Add(new DuckDBParameter(counts.Rejected));
            command.Parameters.Add(new DuckDBParameter(counts.Duplicates));
            command.Parameters.Add(new DuckDBParameter(submissionId));
            return command.ExecuteNonQuery();
        }, cancellationToken);

    /// <summary>A unit never committed is rolled back: none of its records was ever visible.</summary>
    public ValueTask DisposeAsync()
    {
        unit?.Dispose();
        unit = null;
        return ValueTask.CompletedTask;
    }

    /// <summary>One open unit: the transaction, its appenders, and what each version of it is.</summary>
    private sealed class Unit : IDisposable
    {
        private readonly DuckDbRegisterStore store;
        private readonly long submissionId;
        private readonly DuckDBTransaction transaction;
        private readonly DateTime receivedAt;
        private readonly long firstVersionId;
        private readonly UnitJudge judge;
        private VersionAppenders? direct;
        private VersionAppenders? staged;
        private bool finished;

        private Unit(DuckDbRegisterStore store, long submissionId, UnitJudge judge)
        {
            this.store = store;
            this.submissionId = submissionId;
            this.judge = judge;
            judge.Clear();
            transaction = store.Writer.BeginTransaction();
            receivedAt = store.NextReceiptTime();
            firstVersionId = store.NextVersionId;
            direct = new VersionAppenders(store.Writer, store.Codes, staged: false);
        }

        public static async Task<Unit> BeginAsync(DuckDbRegisterStore store, long submissionId, UnitJudge judge, CancellationToken cancellationToken)
        {
            await store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return new Unit(store, submissionId, judge);
            }
            catch
            {
                store.ReleaseWriter();
                throw;
            }
        }

        /// <summary>
        /// Writes each record as a version: straight to the version tables when it is surely new,
        /// to staging when it may repeat a stored version, and not at all when it repeats a version
        /// earlier in the unit (it is a duplicate or a conflict either way).
        /// </summary>
        public void Append(IReadOnlyList<IndexedRecord> records)
        {
            foreach (var (index, record) in records)
            {
                var providerId = store.Codes.IdOf(CodeDomain.Provider, record.Key.Provider)!.Value;
                var versionId = store.NextVersionId++;
                var version = new UnitVersion(index, providerId, record.Key.RecordId, record.UpdatedAt, record.ContentHash, record.Event.Withdrawn);
                if (judge.Add(version))
                {
                    continue;
                }

                if (store.Filter.MightContain(providerId, record.Key.RecordId, record.UpdatedAt))
                {
                    staged ??= new VersionAppenders(store.Writer, store.Codes, staged: true);
                    staged.Append(versionId, submissionId, receivedAt, providerId, record);
                }
                else
                {
                    direct!.Append(versionId, submissionId, receivedAt, providerId, record);
                }
            }
        }

        public UnitResult Commit()
        {
            direct!.Dispose();
            direct = null;
            var wasStaged = staged is not null;
            staged?.Dispose();
            staged = null;

            var count = judge.Count;
            if (count > 0)
            {
                judge.Decide(StoredMatches(wasStaged));
                Settle(judge.Outcomes, judge.Replaced, wasStaged);
            }

            store.Codes.WritePending(store.Writer);
            store.Codes.Publish();
            transaction.Commit();
            finished = true;
            store.Codes.Committed();
            store.Filter.Add(store.Writer, judge.Kept());

            var remarks = new List<RecordOutcome>();
            long duplicates = 0, conflicts = 0;
            foreach (var outcome in judge.Outcomes)
            {
                if (outcome.Outcome != VersionOutcome.Current || outcome.UnknownWithdrawal)
                {
                    remarks.Add(outcome);
                    duplicates += outcome.Outcome == VersionOutcome.Duplicate ? 1 : 0;
                    conflicts += outcome.Outcome == VersionOutcome.Conflict ? 1 : 0;
                }
            }

            return new UnitResult(DuckDbRegisterStore.Utc(receivedAt), count, count - duplicates - conflicts,
                duplicates, conflicts, remarks);
        }

        public void Dispose()
        {
            if (!finished)
            {
                finished = true;
                try
                {
                    direct?.Dispose();
                    staged?.Dispose();
                }
                catch (DuckDBException)
                {
                    // The appenders may be what failed; the rollback below discards their rows either way.
                }

                transaction.Rollback();
                store.Codes.RolledBack();
            }

            transaction.Dispose();
            store.ReleaseWriter();
        }

        /// <summary>What the store held before this unit for the keys of the unit, by position in the unit.</summary>
        private Dictionary<int, StoredMatch> StoredMatches(bool wasStaged)
        {
            var matches = new Dictionary<int, StoredMatch>();
            using var command = store.Writer.CreateCommand();
            command.CommandText = wasStaged ? VersionDecisions.StoredMatchesWithStaging : VersionDecisions.StoredMatches;
            command.Parameters.Add(new DuckDBParameter("first", firstVersionId));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                matches[(int)(reader.GetInt64(0) - firstVersionId)] = new StoredMatch(
                    reader.IsDBNull(1) ? null : reader.GetFieldValue<ulong>(1),
                    reader.IsDBNull(2) ? null : reader.GetDateTime(2),
                    reader.IsDBNull(3) ? null : reader.GetInt64(3));
            }

            return matches;
        }

        /// <summary>
        /// Puts the unit's decisions into the tables: staged versions that are kept are copied on,
        /// history and superseded versions are marked as never current, and the stored versions
        /// the unit replaces are closed.
        /// </summary>
        private void Settle(ReadOnlySpan<RecordOutcome> outcomes, List<long> replaced, bool wasStaged)
        {
            var history = new List<long>();
            for (var i = 0; i < outcomes.Length; i++)
            {
                if (outcomes[i].Outcome is VersionOutcome.History or VersionOutcome.Superseded)
                {
                    history.Add(firstVersionId + i);
                }
            }

            if (wasStaged)
            {
                Fill("unit_kept", judge.KeptPositions().Select(i => firstVersionId + i));
                Execute(VersionDecisions.CopyKept);
                Staging.Clear(store.Writer);
            }

            if (history.Count > 0)
            {
                Fill("unit_history", history);
                Execute(VersionDecisions.MarkHistory);
            }

            if (replaced.Count > 0)
            {
                Fill("unit_replaced", replaced);
                Execute(VersionDecisions.CloseReplaced);
            }
        }

        /// <summary>Fills the temporary table <paramref name="table"/> with the version ids a statement applies to.</summary>
        private void Fill(string table, IEnumerable<long> versionIds)
        {
            DuckDbRegisterStore.Execute(store.Writer, $"CREATE OR REPLACE TEMP TABLE {table} (version_id BIGINT)");
            using var appender = store.Writer.CreateAppender("temp", "main", table);
            foreach (var versionId in versionIds)
            {
                appender.CreateRow().AppendValue(versionId).EndRow();
            }
        }

        private void Execute(string sql)
        {
            using var command = store.Writer.CreateCommand();
            command.CommandText = sql;
            if (sql.Contains("$receipt", StringComparison.Ordinal))
            {
                command.Parameters.Add(new DuckDBParameter("receipt", receivedAt));
            }

            if (sql.Contains("$first", StringComparison.Ordinal))
            {
                command.Parameters.Add(new DuckDBParameter("first", firstVersionId));
            }

            command.ExecuteNonQuery();
        }
    }
}

/// <summary>What the unit needs to know of one of its versions to judge it.</summary>
internal readonly record struct UnitVersion(long Index, int Provider, string RecordId, DateTime UpdatedAt, ulong ContentHash, bool Withdrawn);

/// <summary>What the store already held for a unit version's key.</summary>
/// <param name="SameTimeHash">Content hash of a stored version with the same key and update time.</param>
/// <param name="CurrentUpdatedAt">Update time of the key's current stored version.</param>
/// <param name="CurrentVersion">Id of the key's current stored version.</param>
internal readonly record struct StoredMatch(ulong? SameTimeHash, DateTime? CurrentUpdatedAt, long? CurrentVersion);

/// <summary>
/// The rules that decide a unit's versions, in memory: the unit is in hand anyway, and a hash
/// table over it is far cheaper than window functions over it in SQL. Only the comparison with
/// what was stored before needs the database (<see cref="VersionDecisions.StoredMatches"/>).
/// One instance serves a writer's units one after another, keeping its arrays.
/// </summary>
internal sealed class UnitJudge
{
    private readonly List<UnitVersion> versions = [];
    private readonly Dictionary<(int Provider, string RecordId), int> latestOfKey = [];
    private int[] previousOfKey = [];
    private int[] firstAtSameTime = [];
    private RecordOutcome[] outcomes = [];

    public int Count => versions.Count;

    /// <summary>The outcome of each version of the unit, in order; valid after <see cref="Decide"/>.</summary>
    public ReadOnlySpan<RecordOutcome> Outcomes => outcomes.AsSpan(0, versions.Count);

    /// <summary>Ids of stored versions that the unit's new current versions replace.</summary>
    public List<long> Replaced { get; } = [];

    public void Clear()
    {
        versions.Clear();
        latestOfKey.Clear();
        Replaced.Clear();
    }

    /// <summary>
    /// Takes the next version of the unit. True when it repeats the key and update time of an
    /// earlier version of the unit: it is a duplicate or a conflict whatever else happens, and
    /// needs no row of its own.
    /// </summary>
    public bool Add(UnitVersion version)
    {
        var position = versions.Count;
        versions.Add(version);
        if (previousOfKey.Length <= position)
        {
            var size = Math.Max(4096, previousOfKey.Length * 2);
            Array.Resize(ref previousOfKey, size);
            Array.Resize(ref firstAtSameTime, size);
            outcomes = new RecordOutcome[size];
        }

        // The versions of one key are chained from the latest back to the first: most keys have
        // one version, so the chains are short and one hash lookup per version suffices.
        ref var latest = ref CollectionsMarshal.GetValueRefOrAddDefault(latestOfKey, (version.Provider, version.RecordId), out var seen);
        previousOfKey[position] = seen ? latest : -1;
        latest = position;
        firstAtSameTime[position] = -1;
        for (var j = previousOfKey[position]; j >= 0; j = previousOfKey[j])
        {
            if (versions[j].UpdatedAt == version.UpdatedAt)
            {
                firstAtSameTime[position] = firstAtSameTime[j] >= 0 ? firstAtSameTime[j] : j;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A key and update time already stored, or earlier in the unit, makes a duplicate (same
    /// content hash) or a conflict (other content); a version older than the stored current one is
    /// history; of the rest, each key's newest becomes current and the others are superseded. A
    /// withdrawal of a key with no other version anywhere is flagged as unknown.
    /// </summary>
    public void Decide(Dictionary<int, StoredMatch> stored)
    {
        for (var i = 0; i < versions.Count; i++)
        {
            outcomes[i] = new RecordOutcome(versions[i].Index, versions[i].RecordId, Judge(stored, i));
        }

        foreach (var last in latestOfKey.Values)
        {
            var winner = -1;
            var kept = 0;
            for (var j = last; j >= 0; j = previousOfKey[j])
            {
                if (outcomes[j].Outcome is VersionOutcome.Superseded or VersionOutcome.History)
                {
                    kept++;
                }

                if (outcomes[j].Outcome == VersionOutcome.Superseded && (winner < 0 || versions[winner].UpdatedAt < versions[j].UpdatedAt))
                {
                    winner = j;
                }
            }

            if (winner >= 0)
            {
                outcomes[winner] = outcomes[winner] with { Outcome = VersionOutcome.Current };
                if (stored.GetValueOrDefault(winner).CurrentVersion is { } previous)
                {
                    Replaced.Add(previous);
                }
            }

            // A withdrawal is of an unknown record when neither the store nor the unit has another version of it.
            if (kept == 1 && previousOfKey[last] < 0 && versions[last].Withdrawn && !stored.ContainsKey(last))
            {
                outcomes[last] = outcomes[last] with { UnknownWithdrawal = true };
            }
        }
    }

    /// <summary>Positions of the versions that are kept (current, superseded or history).</summary>
    public IEnumerable<int> KeptPositions()
    {
        for (var i = 0; i < versions.Count; i++)
        {
            if (outcomes[i].Outcome is not (VersionOutcome.Duplicate or VersionOutcome.Conflict))
            {
                yield return i;
            }
        }
    }

    /// <summary>The keys and update times of the kept versions, for the store's filter.</summary>
    public IEnumerable<(int Provider, string RecordId, DateTime UpdatedAt)> Kept() =>
        KeptPositions().Select(i => (versions[i].Provider, versions[i].RecordId, versions[i].UpdatedAt));

    /// <summary>The fate of version <paramref name="i"/> before the key's newest is chosen; the candidates are <c>Superseded</c> for now.</summary>
    private VersionOutcome Judge(Dictionary<int, StoredMatch> stored, int i)
    {
        var v = versions[i];
        var first = firstAtSameTime[i];

        // A repeat within the unit has no row of its own; what the store holds at that key and
        // time was found for the first version that has it.
        var match = stored.GetValueOrDefault(first >= 0 ? first : i);
        if (match.SameTimeHash is { } storedHash)
        {
            return storedHash == v.ContentHash ? VersionOutcome.Duplicate : VersionOutcome.Conflict;
        }

        if (first >= 0)
        {
            return versions[first].ContentHash == v.ContentHash ? VersionOutcome.Duplicate : VersionOutcome.Conflict;
        }

        return match.CurrentUpdatedAt is { } current && v.UpdatedAt < current ? VersionOutcome.History : VersionOutcome.Superseded;
    }
}

/// <summary>
/// The SQL of a unit's commit, in one place. The unit's versions are the rows of the version
/// tables from <c>$first</c> on, and those in staging; the temporary tables <c>unit_kept</c>,
/// <c>unit_history</c> and <c>unit_replaced</c> hold the version ids of the decisions made in memory.
/// </summary>
internal static class VersionDecisions
{
    /// <summary>
    /// For each version of the unit whose key the store already held: the content hash of a stored
    /// version with the same update time, and the key's current stored version. Keys new to the
    /// store give no row, so a first load costs one scan.
    /// </summary>
    public const string StoredMatches = """
        WITH unit AS (
            SELECT version_id, provider, record_id, updated_at FROM event_versions WHERE version_id >= $first),
        """ + StoredAndKnown;

    /// <inheritdoc cref="StoredMatches"/>
    public const string StoredMatchesWithStaging = """
        WITH unit AS (
            SELECT version_id, provider, record_id, updated_at FROM event_versions WHERE version_id >= $first
            UNION ALL
            SELECT version_id, provider, record_id, updated_at FROM staged_event_versions),
        """ + StoredAndKnown;

    private const string StoredAndKnown = """
        stored AS (
            SELECT v.version_id, v.provider, v.record_id, v.updated_at, v.content_hash,
                   v.current_from IS NOT NULL AND v.current_until IS NULL AS is_current
            FROM event_versions v
            SEMI JOIN unit u ON v.provider = u.provider AND v.record_id = u.record_id
            WHERE v.version_id < $first),
        known AS (SELECT DISTINCT provider, record_id FROM stored)
        SELECT u.version_id, same.content_hash, cur.updated_at, cur.version_id
        FROM unit u
        JOIN known k ON k.provider = u.provider AND k.record_id = u.record_id
        LEFT JOIN stored same ON same.provider = u.provider AND same.record_id = u.record_id AND same.updated_at = u.updated_at
        LEFT JOIN stored cur ON cur.provider = u.provider AND cur.record_id = u.record_id AND cur.is_current
        """;

    /// <summary>Copies the staged versions that are kept, with their groups.</summary>
    public const string CopyKept = """
        INSERT INTO event_versions SELECT s.* FROM staged_event_versions s SEMI JOIN unit_kept k ON k.version_id = s.version_id;
        INSERT INTO event_reasons SELECT s.* FROM staged_event_reasons s SEMI JOIN unit_kept k ON k.version_id = s.version_id;
        INSERT INTO event_procedures SELECT s.* FROM staged_event_procedures s SEMI JOIN unit_kept k ON k.version_id = s.version_id;
        INSERT INTO event_medications SELECT s.* FROM staged_event_medications s SEMI JOIN unit_kept k ON k.version_id = s.version_id;
        INSERT INTO event_health_factors SELECT s.* FROM staged_event_health_factors s SEMI JOIN unit_kept k ON k.version_id = s.version_id;
        INSERT INTO event_follow_ups SELECT s.* FROM staged_event_follow_ups s SEMI JOIN unit_kept k ON k.version_id = s.version_id;
        """;

    /// <summary>History and superseded versions are kept but were never current.</summary>
    public const string MarkHistory = """
        UPDATE event_versions SET current_from = NULL
        WHERE version_id >= $first AND version_id IN (SELECT version_id FROM unit_history)
        """;

    /// <summary>A stored version replaced by one of the unit stops being current at the unit's receipt time.</summary>
    public const string CloseReplaced = """
        UPDATE event_versions SET current_until = $receipt
        WHERE version_id IN (SELECT version_id FROM unit_replaced)
        """;
}
