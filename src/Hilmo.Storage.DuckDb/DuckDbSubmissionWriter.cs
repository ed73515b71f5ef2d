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

    /// <summary>One open unit: the transaction, its appenders, and which submission index each version came from.</summary>
    private sealed class Unit : IDisposable
    {
        private readonly DuckDbRegisterStore store;
        private readonly long submissionId;
        private readonly DuckDBTransaction transaction;
        private readonly DateTime receivedAt;
        private readonly long firstVersionId;
        private readonly List<long> indices = [];
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
                indices.Add(index);
            }
        }

        public UnitResult Commit()
        {
            appenders!.Dispose();
            appenders = null;
            var remarks = new List<RecordOutcome>();
            long duplicates = 0, conflicts = 0;
            if (indices.Count > 0)
            {
                Execute(VersionDecisions.Judge, firstVersionId);
                foreach (var (versionId, recordId, outcome, unknownWithdrawal) in ReadRemarks())
                {
                    remarks.Add(new RecordOutcome(indices[(int)(versionId - firstVersionId)], recordId, outcome, unknownWithdrawal));
                    duplicates += outcome == VersionOutcome.Duplicate ? 1 : 0;
                    conflicts += outcome == VersionOutcome.Conflict ? 1 : 0;
                }

                if (duplicates + conflicts > 0)
                {
                    Execute(VersionDecisions.RemoveRefused, firstVersionId);
                }

                if (remarks.Count > duplicates + conflicts)
                {
                    Execute(VersionDecisions.MarkHistory, firstVersionId);
                }

                Execute(VersionDecisions.CloseReplaced, firstVersionId, receivedAt);
            }

            store.Codes.WritePending(store.Writer);
            store.Codes.Publish();
            transaction.Commit();
            finished = true;
            store.Codes.Committed();
            remarks.Sort((a, b) => a.Index.CompareTo(b.Index));
            return new UnitResult(DuckDbRegisterStore.Utc(receivedAt), indices.Count, indices.Count - duplicates - conflicts,
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

        private IEnumerable<(long VersionId, string RecordId, VersionOutcome Outcome, bool UnknownWithdrawal)> ReadRemarks()
        {
            using var command = store.Writer.CreateCommand();
            command.CommandText = VersionDecisions.Remarks;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                yield return (reader.GetInt64(0), reader.GetString(1), Enum.Parse<VersionOutcome>(reader.GetString(2), ignoreCase: true), reader.GetBoolean(3));
            }
        }

        private void Execute(string sql, long first, DateTime? receipt = null)
        {
            using var command = store.Writer.CreateCommand();
            command.CommandText = sql;
            command.Parameters.Add(new DuckDBParameter("first", first));
            if (receipt is { } time)
            {
                command.Parameters.Add(new DuckDBParameter("receipt", time));
            }

            command.ExecuteNonQuery();
        }
    }
}

/// <summary>
/// The SQL that decides a unit's versions, in one place. <c>$first</c> is the unit's first version
/// id: rows from it on are the unit's, rows before it were stored earlier.
/// </summary>
internal static class VersionDecisions
{
    /// <summary>
    /// Judges every version of the unit into the temporary table <c>unit_outcomes</c>:
    /// a same key and update time already stored, or earlier in the unit, makes it a duplicate
    /// (same content hash) or a conflict (other content); a version older than the stored current
    /// one is history; of the rest, the newest of each key becomes current and the others are
    /// superseded. A withdrawal of a key with no other version anywhere is flagged as unknown.
    /// </summary>
    public const string Judge = """
        CREATE OR REPLACE TEMP TABLE unit_outcomes AS
        WITH unit AS (
            SELECT version_id, provider, record_id, updated_at, content_hash, withdrawn
            FROM event_versions WHERE version_id >= $first),
        stored AS (
            SELECT v.version_id, v.provider, v.record_id, v.updated_at, v.content_hash,
                   v.current_from IS NOT NULL AND v.current_until IS NULL AS is_current
            FROM event_versions v
            SEMI JOIN (SELECT DISTINCT provider, record_id FROM unit) k ON v.provider = k.provider AND v.record_id = k.record_id
            WHERE v.version_id < $first),
        known AS (SELECT DISTINCT provider, record_id FROM stored),
        ranked AS (
            SELECT u.*,
                   first_value(u.content_hash) OVER same_time AS first_hash,
                   row_number() OVER same_time AS occurrence
            FROM unit u
            WINDOW same_time AS (PARTITION BY u.provider, u.record_id, u.updated_at ORDER BY u.version_id)),
        judged AS (
            SELECT r.version_id, r.provider, r.record_id, r.updated_at, r.withdrawn, cur.version_id AS replaces,
                   known.record_id IS NOT NULL AS key_known,
                   CASE
                       WHEN same.content_hash IS NOT NULL THEN CASE WHEN same.content_hash = r.content_hash THEN 'duplicate' ELSE 'conflict' END
                       WHEN r.occurrence > 1 THEN CASE WHEN r.first_hash = r.content_hash THEN 'duplicate' ELSE 'conflict' END
                       WHEN cur.updated_at IS NOT NULL AND r.updated_at < cur.updated_at THEN 'history'
                       ELSE 'new'
                   END AS judgement
            FROM ranked r
            LEFT JOIN stored same ON same.provider = r.provider AND same.record_id = r.record_id AND same.updated_at = r.updated_at
            LEFT JOIN stored cur ON cur.provider = r.provider AND cur.record_id = r.record_id AND cur.is_current
            LEFT JOIN known ON known.provider = r.provider AND known.record_id = r.record_id)
        SELECT version_id, record_id, replaces,
               CASE
                   WHEN judgement <> 'new' THEN judgement
                   WHEN updated_at < max(updated_at) FILTER (WHERE judgement = 'new') OVER per_key THEN 'superseded'
                   ELSE 'current'
               END AS outcome,
               withdrawn AND NOT key_known AND judgement IN ('new', 'history')
                   AND count(*) FILTER (WHERE judgement IN ('new', 'history')) OVER per_key = 1 AS unknown_withdrawal
        FROM judged
        WINDOW per_key AS (PARTITION BY provider, record_id)
        """;

    /// <summary>Every version that did not simply become current, for the submitter's feedback.</summary>
    public const string Remarks = """
        SELECT version_id, record_id, outcome, unknown_withdrawal FROM unit_outcomes
        WHERE outcome <> 'current' OR unknown_withdrawal
        """;

    /// <summary>Duplicates and conflicts are not kept: remove them and their groups from the unit.</summary>
    public const string RemoveRefused = """
        CREATE OR REPLACE TEMP TABLE refused AS
            SELECT version_id FROM unit_outcomes WHERE outcome IN ('duplicate', 'conflict');
        DELETE FROM event_versions WHERE version_id >= $first AND version_id IN (SELECT version_id FROM refused);
        DELETE FROM event_reasons WHERE version_id >= $first AND version_id IN (SELECT version_id FROM refused);
        DELETE FROM event_procedures WHERE version_id >= $first AND version_id IN (SELECT version_id FROM refused);
        DELETE FROM event_medications WHERE version_id >= $first AND version_id IN (SELECT version_id FROM refused);
        DELETE FROM event_health_factors WHERE version_id >= $first AND version_id IN (SELECT version_id FROM refused);
        DELETE FROM event_follow_ups WHERE version_id >= $first AND version_id IN (SELECT version_id FROM refused);
        """;

    /// <summary>History and superseded versions are kept but were never current.</summary>
    public const string MarkHistory = """
        UPDATE event_versions SET current_from = NULL
        WHERE version_id >= $first
          AND version_id IN (SELECT version_id FROM unit_outcomes WHERE outcome IN ('history', 'superseded'))
        """;

    /// <summary>A stored version replaced by one of the unit stops being current at the unit's receipt time.</summary>
    public const string CloseReplaced = """
        UPDATE event_versions SET current_until = $receipt
        WHERE version_id < $first
          AND version_id IN (SELECT replaces FROM unit_outcomes WHERE outcome = 'current' AND replaces IS NOT NULL)
        """;
}
