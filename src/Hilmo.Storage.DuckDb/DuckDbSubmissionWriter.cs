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
    private Unit? unit;

    public long SubmissionId => submissionId;

    public async ValueTask AppendAsync(IReadOnlyList<IndexedRecord> records, CancellationToken cancellationToken = default)
    {
        unit ??= await Unit.BeginAsync(store, submissionId, cancellationToken).ConfigureAwait(false);
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
        private readonly List<UnitVersion> versions = [];
        private VersionAppenders? appenders;
        private bool finished;

        private Unit(DuckDbRegisterStore store, long submissionId)
        {
            this.store = store;
            this.submissionId = submissionId;
            transaction = store.Writer.BeginTransaction();
            receivedAt = store.NextReceiptTime();
            firstVersionId = store.NextVersionId;
            appenders = new VersionAppenders(store.Writer, store.Codes);
        }

        public static async Task<Unit> BeginAsync(DuckDbRegisterStore store, long submissionId, CancellationToken cancellationToken)
        {
            await store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return new Unit(store, submissionId);
            }
            catch
            {
                store.ReleaseWriter();
                throw;
            }
        }

        public void Append(IReadOnlyList<IndexedRecord> records)
        {
            foreach (var (index, record) in records)
            {
                var providerId = store.Codes.IdOf(CodeDomain.Provider, record.Key.Provider)!.Value;
                appenders!.Append(store.NextVersionId++, submissionId, receivedAt, providerId, record);
                versions.Add(new UnitVersion(index, providerId, record.Key.RecordId, record.UpdatedAt, record.ContentHash, record.Event.Withdrawn));
            }
        }

        public UnitResult Commit()
        {
            appenders!.Dispose();
            appenders = null;
            var outcomes = new RecordOutcome[versions.Count];
            var replaced = new List<long>();
            if (versions.Count > 0)
            {
                UnitDecisions.Decide(versions, StoredMatches(), outcomes, replaced);
                PutRight(outcomes, replaced);
            }

            store.Codes.WritePending(store.Writer);
            store.Codes.Publish();
            transaction.Commit();
            finished = true;
            store.Codes.Committed();

            var remarks = outcomes.Where(o => o.Outcome != VersionOutcome.Current || o.UnknownWithdrawal).ToList();
            var duplicates = remarks.Count(o => o.Outcome == VersionOutcome.Duplicate);
            var conflicts = remarks.Count(o => o.Outcome == VersionOutcome.Conflict);
            return new UnitResult(DuckDbRegisterStore.Utc(receivedAt), versions.Count, versions.Count - duplicates - conflicts,
                duplicates, conflicts, remarks);
        }

        public void Dispose()
        {
            if (!finished)
            {
                finished = true;
                try
                {
                    appenders?.Dispose();
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
        private Dictionary<int, StoredMatch> StoredMatches()
        {
            var matches = new Dictionary<int, StoredMatch>();
            using var command = store.Writer.CreateCommand();
            command.CommandText = VersionDecisions.StoredMatches;
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

        /// <summary>Removes refused versions, marks history, closes replaced versions: every exception in one pass each.</summary>
        private void PutRight(RecordOutcome[] outcomes, List<long> replaced)
        {
            var refused = new List<long>();
            var history = new List<long>();
            for (var i = 0; i < outcomes.Length; i++)
            {
                switch (outcomes[i].Outcome)
                {
                    case VersionOutcome.Duplicate or VersionOutcome.Conflict:
                        refused.Add(firstVersionId + i);
                        break;
                    case VersionOutcome.History or VersionOutcome.Superseded:
                        history.Add(firstVersionId + i);
                        break;
                }
            }

            if (refused.Count > 0)
            {
                Execute(VersionDecisions.RemoveRefused, refused);
            }

            if (history.Count > 0)
            {
                Execute(VersionDecisions.MarkHistory, history);
            }

            if (replaced.Count > 0)
            {
                Execute(VersionDecisions.CloseReplaced, replaced);
            }
        }

        /// <summary>Runs one of the put-right statements over the versions in <paramref name="versionIds"/>.</summary>
        private void Execute(string sql, List<long> versionIds)
        {
            DuckDbRegisterStore.Execute(store.Writer, "CREATE OR REPLACE TEMP TABLE unit_versions (version_id BIGINT)");
            using (var appender = store.Writer.CreateAppender("temp", "main", "unit_versions"))
            {
                foreach (var versionId in versionIds)
                {
                    appender.CreateRow().AppendValue(versionId).EndRow();
                }
            }

            using var command = store.Writer.CreateCommand();
            command.CommandText = sql;
            command.Parameters.Add(new DuckDBParameter("first", firstVersionId));
            command.Parameters.Add(new DuckDBParameter("receipt", receivedAt));
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
/// </summary>
internal static class UnitDecisions
{
    /// <summary>
    /// A key and update time already stored, or earlier in the unit, makes a duplicate (same
    /// content hash) or a conflict (other content); a version older than the stored current one is
    /// history; of the rest, each key's newest becomes current and the others are superseded. A
    /// withdrawal of a key with no other version anywhere is flagged as unknown.
    /// </summary>
    public static void Decide(List<UnitVersion> versions, Dictionary<int, StoredMatch> stored, RecordOutcome[] outcomes, List<long> replaced)
    {
        // The versions of one key are chained from the latest back to the first: most keys have
        // one version, so the chains are short and one hash lookup per version suffices.
        var count = versions.Count;
        var latestOfKey = new Dictionary<(int Provider, string RecordId), int>(count);
        var previousOfKey = new int[count];
        for (var i = 0; i < count; i++)
        {
            var v = versions[i];
            ref var latest = ref CollectionsMarshal.GetValueRefOrAddDefault(latestOfKey, (v.Provider, v.RecordId), out var seen);
            previousOfKey[i] = seen ? latest : -1;
            latest = i;
            outcomes[i] = new RecordOutcome(v.Index, v.RecordId, Judge(versions, stored, outcomes, previousOfKey, i));
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
                    replaced.Add(previous);
                }
            }

            // A withdrawal is of an unknown record when neither the store nor the unit has another version of it.
            if (kept == 1 && previousOfKey[last] < 0 && versions[last].Withdrawn && !stored.ContainsKey(last))
            {
                outcomes[last] = outcomes[last] with { UnknownWithdrawal = true };
            }
        }
    }

    /// <summary>The fate of version <paramref name="i"/> before the key's newest is chosen; the candidates are <c>Superseded</c> for now.</summary>
    private static VersionOutcome Judge(List<UnitVersion> versions, Dictionary<int, StoredMatch> stored, RecordOutcome[] outcomes, int[] previousOfKey, int i)
    {
        var v = versions[i];
        var match = stored.GetValueOrDefault(i);
        if (match.SameTimeHash is { } storedHash)
        {
            return storedHash == v.ContentHash ? VersionOutcome.Duplicate : VersionOutcome.Conflict;
        }

        for (var j = previousOfKey[i]; j >= 0; j = previousOfKey[j])
        {
            if (versions[j].UpdatedAt == v.UpdatedAt && outcomes[j].Outcome is not (VersionOutcome.Duplicate or VersionOutcome.Conflict))
            {
                return versions[j].ContentHash == v.ContentHash ? VersionOutcome.Duplicate : VersionOutcome.Conflict;
            }
        }

        return match.CurrentUpdatedAt is { } current && v.UpdatedAt < current ? VersionOutcome.History : VersionOutcome.Superseded;
    }
}

/// <summary>
/// The SQL of a unit's commit, in one place. <c>$first</c> is the unit's first version id: rows
/// from it on are the unit's, rows before it were stored earlier. <c>unit_versions</c> is a
/// temporary table of the version ids a statement applies to.
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

    /// <summary>Duplicates and conflicts are not kept: remove them and their groups from the uncommitted unit.</summary>
    public const string RemoveRefused = """
        DELETE FROM event_versions WHERE version_id >= $first AND version_id IN (SELECT version_id FROM unit_versions);
        DELETE FROM event_reasons WHERE version_id >= $first AND version_id IN (SELECT version_id FROM unit_versions);
        DELETE FROM event_procedures WHERE version_id >= $first AND version_id IN (SELECT version_id FROM unit_versions);
        DELETE FROM event_medications WHERE version_id >= $first AND version_id IN (SELECT version_id FROM unit_versions);
        DELETE FROM event_health_factors WHERE version_id >= $first AND version_id IN (SELECT version_id FROM unit_versions);
        DELETE FROM event_follow_ups WHERE version_id >= $first AND version_id IN (SELECT version_id FROM unit_versions);
        """;

    /// <summary>History and superseded versions are kept but were never current.</summary>
    public const string MarkHistory = """
        UPDATE event_versions SET current_from = NULL
        WHERE version_id >= $first AND version_id IN (SELECT version_id FROM unit_versions)
        """;

    /// <summary>A stored version replaced by one of the unit stops being current at the unit's receipt time.</summary>
    public const string CloseReplaced = """
        UPDATE event_versions SET current_until = $receipt
        WHERE version_id < $first AND version_id IN (SELECT version_id FROM unit_versions)
        """;
}
