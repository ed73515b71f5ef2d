using DuckDB.NET.Data;
using Hilmo.Validation;

namespace Hilmo.Storage.DuckDb;

/// <summary>
/// Stores the units of one submission. A unit is one transaction holding the store's writer.
/// As records arrive they are judged against the unit in memory (<see cref="UnitJudge"/>); a
/// version the Bloom filter says is surely not stored is appended straight to the version tables
/// as becoming current, one that may repeat a stored version is staged. At commit one set-based
/// query compares the unit with the stored versions, kept staged versions are copied on, older
/// versions are marked as history and replaced versions closed. Findings wait in memory for the
/// next transaction of the writer (a unit's commit, or completion), or are written on their own
/// when many gather while no unit is open.
/// </summary>
internal sealed class DuckDbSubmissionWriter(DuckDbRegisterStore store, long submissionId) : ISubmissionWriter
{
    // Kept from unit to unit: rebuilt for every unit, these would be large arrays on the large
    // object heap, and each would bring the garbage collector's full collections closer.
    private const int FindingsWrittenAlone = 8192;

    private readonly UnitJudge judge = new();
    private readonly List<Finding> findings = [];
    private long findingsStored;
    private Unit? unit;

    public long SubmissionId => submissionId;

    public async ValueTask AppendAsync(IReadOnlyList<IndexedRecord> records, CancellationToken cancellationToken = default)
    {
        unit ??= await Unit.BeginAsync(store, submissionId, judge, cancellationToken).ConfigureAwait(false);
        try
        {
            unit.Append(records);
        }
        catch (Exception exception) when (store.WriteFailed(exception) is { } unavailable)
        {
            // The appenders flush as they fill: a full disk or memory shows here first.
            throw unavailable;
        }
    }

    public async ValueTask AddFindingsAsync(IReadOnlyList<Finding> made, CancellationToken cancellationToken = default)
    {
        findings.AddRange(made);
        if (unit is null && findings.Count >= FindingsWrittenAlone)
        {
            await store.WriteAsync(connection =>
            {
                WritePendingFindings(connection);
                return 0;
            }, cancellationToken).ConfigureAwait(false);
        }
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
            var result = open.Commit(WritePendingFindings);
            store.WriteFaults.Succeeded();
            return Task.FromResult(result);
        }
        catch (Exception exception) when (store.WriteFailed(exception) is { } unavailable)
        {
            throw unavailable;
        }
        finally
        {
            open.Dispose();
        }
    }

    public Task CompleteAsync(SubmissionCounts counts, CancellationToken cancellationToken = default) =>
        store.WriteAsync(connection => DuckDbRegisterStore.InTransaction(connection, () =>
        {
            WritePendingFindings(connection);
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
            command.ExecuteNonQuery();
        }), cancellationToken);

    /// <summary>Writes the findings gathered so far, in the caller's transaction (the writer is held).</summary>
    private void WritePendingFindings(DuckDBConnection connection)
    {
        if (findings.Count == 0)
        {
            return;
        }

        SubmissionFindings.Append(connection, submissionId, findingsStored, findings);
        findingsStored += findings.Count;
        findings.Clear();
    }

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
                store.EnsureWritable();
                return new Unit(store, submissionId, judge);
            }
            catch (Exception exception) when (store.WriteFailed(exception) is { } unavailable)
            {
                store.ReleaseWriter();
                throw unavailable;
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
                var register = record.Register;
                if (judge.Add(index, register, providerId, record.Key.RecordId, record.UpdatedAt, record.ContentHash, record.Notification.Withdrawn))
                {
                    continue;
                }

                if (store.Filter.MightContain(register, providerId, record.Key.RecordId, record.UpdatedAt))
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

        /// <param name="writeFindings">Writes the submission's pending findings into the unit's transaction.</param>
        public UnitResult Commit(Action<DuckDBConnection> writeFindings)
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
                Settle(judge.Replaced, wasStaged);
            }

            store.Codes.WritePending(store.Writer);
            writeFindings(store.Writer);
            store.Codes.Publish();
            transaction.Commit();
            finished = true;
            store.Codes.Committed();
            store.Filter.Add(store.Writer, judge);

            var remarks = judge.Remarks(store.Codes.Published);
            var duplicates = remarks.Count(r => r.Outcome == VersionOutcome.Duplicate);
            var conflicts = remarks.Count(r => r.Outcome == VersionOutcome.Conflict);

            return new UnitResult(DuckDbRegisterStore.Utc(receivedAt), count, count - duplicates - conflicts,
                duplicates, conflicts, remarks);
        }

        /// <summary>
        /// Rolls back a unit not committed and always gives the writer back. Nothing here may
        /// throw: an error of the rollback would hide the one that ended the unit (a commit that
        /// found the disk full has ended the transaction already, and its rollback fails), and a
        /// writer not given back would stop all storing until a restart.
        /// </summary>
        public void Dispose()
        {
            try
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

                    try
                    {
                        transaction.Rollback();
                    }
                    catch (Exception exception) when (exception is DuckDBException or InvalidOperationException)
                    {
                        // Ended already (a failed commit) or the database is invalidated: either way
                        // nothing of the unit is stored. A fatal error means the database must be reopened.
                        store.WriteFailed(exception);
                    }

                    store.Codes.RolledBack();
                }

                try
                {
                    transaction.Dispose();
                }
                catch (Exception exception) when (exception is DuckDBException or InvalidOperationException)
                {
                    store.WriteFailed(exception);
                }
            }
            finally
            {
                store.ReleaseWriter();
            }
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
        private void Settle(List<long> replaced, bool wasStaged)
        {
            var history = new List<long>();
            for (var i = 0; i < judge.Count; i++)
            {
                if (judge.OutcomeOf(i) is VersionOutcome.History or VersionOutcome.Superseded)
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
