using System.Collections.Concurrent;
using Hilmo.Notifications;
using Hilmo.Validation;
using Npgsql;
using NpgsqlTypes;

namespace Hilmo.Storage.Postgres;

/// <summary>
/// Stores the units of one submission on connections of its own, so submissions fill in parallel
/// and only their commits take turns (<see cref="UnitMerge.TakeClock"/>). A unit is one
/// transaction: its records are encoded as COPY rows as they are appended, with their new code
/// values stored first, and wait in memory; the commit stages and judges the versions that may
/// repeat a stored one or one of the unit, in set-based SQL, and copies every other version, and
/// the repeating groups of every version kept, straight into their tables
/// (<see cref="UnitStaging"/>). While a unit commits, the next one fills on a second connection
/// (staging tables are the connection's own), so the server's commit and the pipeline's parsing
/// overlap. Findings wait for the next unit's transaction, or completion.
/// </summary>
internal sealed class PostgresSubmissionWriter(PostgresRegisterStore store, long submissionId) : ISubmissionWriter
{
    /// <summary>Findings of a file that is mostly rejected are written in batches of this many, so memory stays bounded.</summary>
    private const int FindingsWrittenAlone = 8192;

    /// <summary>Connections with their staging tables, free for the next unit: at most two, the filling and the committing one.</summary>
    private readonly ConcurrentStack<NpgsqlConnection> idle = new();
    private readonly List<Finding> findings = [];
    private long findingsStored;
    private Unit? filling;
    private Task? committing;

    public long SubmissionId => submissionId;

    public async ValueTask AppendAsync(IReadOnlyList<IndexedRecord> records, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0)
        {
            return;
        }

        try
        {
            await store.Codes.EnsureAsync(UnitStaging.UnknownCodeValues(records.Select(r => r.Record), store.Codes), cancellationToken).ConfigureAwait(false);
            if (filling is null)
            {
                var connection = await TakeConnectionAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    filling = await Unit.BeginAsync(connection, submissionId, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    await ReturnConnectionAsync(connection).ConfigureAwait(false);
                    throw;
                }
            }

            filling.Append(store.Codes, records);
        }
        catch (Exception exception)
        {
            await AbandonAsync().ConfigureAwait(false);
            if (store.Failed(exception, write: true) is { } unavailable)
            {
                throw unavailable;
            }

            throw;
        }
    }

    public async ValueTask AddFindingsAsync(IReadOnlyList<Finding> made, CancellationToken cancellationToken = default)
    {
        int pending;
        lock (findings)
        {
            findings.AddRange(made);
            pending = findings.Count;
        }

        if (filling is null && committing is null or { IsCompleted: true } && pending >= FindingsWrittenAlone)
        {
            await WriteFindingsAloneAsync(null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Commits the filling unit. The unit is taken off the writer before the first await, so the
    /// caller may append the next unit's records while this commit runs (on the other connection);
    /// it awaits this task before the next commit and before completing.
    /// </summary>
    public Task<UnitResult> CommitAsync(CancellationToken cancellationToken = default)
    {
        if (filling is not { } unit)
        {
            return Task.FromResult(UnitResult.Empty(store.Now()));
        }

        filling = null;
        var pendingFindings = TakePendingFindings();
        var commit = CommitAsync(unit, pendingFindings, cancellationToken);
        committing = commit;
        return commit;
    }

    private async Task<UnitResult> CommitAsync(Unit unit, PendingFindings pendingFindings, CancellationToken cancellationToken)
    {
        var open = unit.Connection;
        try
        {
            var (receivedAt, firstVersion) = await TakeClockAsync(open, unit.Keys.Count, cancellationToken).ConfigureAwait(false);
            await store.Partitions.EnsureAsync(open, receivedAt, cancellationToken).ConfigureAwait(false);
            await store.Keys.RefreshAsync(open, firstVersion, cancellationToken).ConfigureAwait(false);
            var judged = PositionsToJudge(unit.Keys);
            await unit.Versions.CopyStagedAsync(open, judged, cancellationToken).ConfigureAwait(false);

            var remarks = new List<(int Position, RecordOutcome Outcome)>();
            var rejected = new HashSet<int>();
            await using (var batch = new NpgsqlBatch(open))
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(UnitMerge.Judge));
                batch.BatchCommands.Add(new NpgsqlBatchCommand(UnitMerge.Analyze));
                batch.BatchCommands.Add(Command(UnitMerge.InsertVersions, firstVersion, receivedAt));
                batch.BatchCommands.Add(Command(UnitMerge.CloseReplaced, firstVersion, receivedAt));
                batch.BatchCommands.Add(new NpgsqlBatchCommand(UnitMerge.Remarks));
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var position = reader.GetInt32(0);
                    var outcome = Outcome(reader.GetString(1));
                    remarks.Add((position, unit.Outcome(store.Codes, position, outcome, reader.GetBoolean(2))));
                    if (outcome is VersionOutcome.Duplicate or VersionOutcome.Conflict)
                    {
                        rejected.Add(position);
                    }
                }
            }

            // A withdrawal not judged is of a key never stored, alone in the unit: current, and unknown.
            remarks.AddRange(unit.Withdrawals.Except(judged).Select(position => (position, unit.Outcome(store.Codes, position, VersionOutcome.Current, true))));
            await unit.Versions.CopyNewAsync(open, firstVersion, receivedAt, judged, cancellationToken).ConfigureAwait(false);
            await unit.CopyGroupsAsync(firstVersion, receivedAt, rejected, cancellationToken).ConfigureAwait(false);
            await pendingFindings.WriteAsync(open, submissionId, cancellationToken).ConfigureAwait(false);
            await unit.CommitAsync(cancellationToken).ConfigureAwait(false);
            store.WriteFaults.Succeeded();
            store.Keys.Committed(unit.Keys, firstVersion + unit.Keys.Count);

            var duplicates = remarks.Count(r => r.Outcome.Outcome == VersionOutcome.Duplicate);
            var conflicts = remarks.Count(r => r.Outcome.Outcome == VersionOutcome.Conflict);
            return new UnitResult(PostgresRegisterStore.Utc(receivedAt), unit.Keys.Count, unit.Keys.Count - duplicates - conflicts, duplicates, conflicts,
                [.. remarks.OrderBy(r => r.Position).Select(r => r.Outcome)]);
        }
        catch (Exception exception)
        {
            // A partition made in a transaction that rolled back does not exist.
            store.Partitions.Forget();
            pendingFindings.Return();
            if (store.Failed(exception, write: true) is { } unavailable)
            {
                throw unavailable;
            }

            throw;
        }
        finally
        {
            await unit.DisposeAsync().ConfigureAwait(false);
            await ReturnConnectionAsync(open).ConfigureAwait(false);
        }
    }

    public Task CompleteAsync(SubmissionCounts counts, CancellationToken cancellationToken = default) =>
        WriteFindingsAloneAsync(open => RecordCountsAsync(open, counts, cancellationToken), cancellationToken);

    /// <summary>The submission's final counts, and its completion at the store's next receipt time.</summary>
    private async Task RecordCountsAsync(NpgsqlConnection open, SubmissionCounts counts, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            WITH clock AS ({PostgresRegisterStore.NextReceipt})
            UPDATE submissions SET completed_at = (SELECT last_receipt FROM clock), received = $2, accepted = $3, rejected = $4, duplicates = $5
            WHERE submission_id = $6
            """, open);
        command.Parameters.Add(PostgresRegisterStore.Timestamp(store.Now().UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter { Value = counts.Received });
        command.Parameters.Add(new NpgsqlParameter { Value = counts.Accepted });
        command.Parameters.Add(new NpgsqlParameter { Value = counts.Rejected });
        command.Parameters.Add(new NpgsqlParameter { Value = counts.Duplicates });
        command.Parameters.Add(new NpgsqlParameter { Value = submissionId });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the findings gathered so far, then whatever <paramref name="also"/> writes, in a
    /// transaction of their own on an idle connection; the findings wait for the next one if it fails.
    /// </summary>
    private async Task WriteFindingsAloneAsync(Func<NpgsqlConnection, Task>? also, CancellationToken cancellationToken)
    {
        NpgsqlConnection open;
        try
        {
            open = await TakeConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (store.Failed(exception, write: true) is { } unavailable)
        {
            throw unavailable;
        }

        var taken = TakePendingFindings();
        try
        {
            await using var transaction = await open.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await taken.WriteAsync(open, submissionId, cancellationToken).ConfigureAwait(false);
            if (also is not null)
            {
                await also(open).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            store.WriteFaults.Succeeded();
        }
        catch (Exception exception)
        {
            taken.Return();
            if (store.Failed(exception, write: true) is { } unavailable)
            {
                throw unavailable;
            }

            throw;
        }
        finally
        {
            await ReturnConnectionAsync(open).ConfigureAwait(false);
        }
    }

    /// <summary>A unit never committed leaves no trace: its records were only ever in staging of a transaction never committed.</summary>
    public async ValueTask DisposeAsync()
    {
        await AbandonAsync().ConfigureAwait(false);
        while (idle.TryPop(out var connection))
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Ends the filling unit, if any, and waits for a commit still running, whose failure its caller has been told.</summary>
    private async Task AbandonAsync()
    {
        if (filling is { } unit)
        {
            filling = null;
            await unit.DisposeAsync().ConfigureAwait(false);
            await ReturnConnectionAsync(unit.Connection).ConfigureAwait(false);
        }

        if (committing is { } commit)
        {
            committing = null;
            await commit.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    /// <summary>Keeps a connection for the next unit, unless the server broke it (it went down): then a new one is opened when needed.</summary>
    private async Task ReturnConnectionAsync(NpgsqlConnection connection)
    {
        if (connection.State == System.Data.ConnectionState.Open)
        {
            idle.Push(connection);
        }
        else
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<NpgsqlConnection> TakeConnectionAsync(CancellationToken cancellationToken)
    {
        if (idle.TryPop(out var connection))
        {
            return connection;
        }

        connection = await store.Writers.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await PostgresSchema.ExecuteAsync(connection, UnitStaging.Create, cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>
    /// The positions <see cref="UnitMerge.Judge"/> must decide: a key that may be stored, and
    /// every position of a key the unit has more than once. Call after the filter's refresh.
    /// </summary>
    private HashSet<int> PositionsToJudge(List<(Register Register, int Provider, string RecordId)> keys)
    {
        const int Listed = -1;
        var positions = new HashSet<int>();
        var firstPosition = new Dictionary<(Register Register, int Provider, string RecordId), int>(keys.Count);
        for (var position = 0; position < keys.Count; position++)
        {
            var key = keys[position];
            if (firstPosition.TryGetValue(key, out var first))
            {
                if (first != Listed)
                {
                    positions.Add(first);
                    firstPosition[key] = Listed;
                }

                positions.Add(position);
            }
            else if (store.Keys.MightContain(key.Register, key.Provider, key.RecordId))
            {
                positions.Add(position);
                firstPosition.Add(key, Listed);
            }
            else
            {
                firstPosition.Add(key, position);
            }
        }

        return positions;
    }

    private async Task<(DateTime ReceivedAt, long FirstVersion)> TakeClockAsync(NpgsqlConnection open, int records, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(UnitMerge.TakeClock, open);
        command.Parameters.Add(PostgresRegisterStore.Timestamp(store.Now().UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (long)records });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetDateTime(0), reader.GetInt64(1));
    }

    private NpgsqlBatchCommand Command(string sql, long firstVersion, DateTime receivedAt) => new(sql)
    {
        Parameters =
        {
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = firstVersion },
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = submissionId },
            PostgresRegisterStore.Timestamp(receivedAt),
        },
    };

    /// <summary>Takes the findings gathered so far, to be written in the caller's transaction; they are given back if it fails.</summary>
    private PendingFindings TakePendingFindings()
    {
        lock (findings)
        {
            var taken = new PendingFindings(this, [.. findings], findingsStored);
            findings.Clear();
            findingsStored += taken.Findings.Length;
            return taken;
        }
    }

    /// <summary>Findings taken for one transaction, with the ordinal of the first; put back at the front if the transaction fails.</summary>
    private sealed record PendingFindings(PostgresSubmissionWriter Writer, Finding[] Findings, long FirstOrdinal)
    {
        public Task WriteAsync(NpgsqlConnection connection, long submissionId, CancellationToken cancellationToken) =>
            Findings.Length == 0 ? Task.CompletedTask : SubmissionFindings.CopyAsync(connection, submissionId, FirstOrdinal, Findings, cancellationToken);

        /// <summary>The transaction failed: the findings wait for the next one, under the same ordinals.</summary>
        public void Return()
        {
            lock (Writer.findings)
            {
                Writer.findings.InsertRange(0, Findings);
                Writer.findingsStored -= Findings.Length;
            }
        }
    }

    /// <summary>
    /// One unit on its connection: the transaction, its versions' and groups' rows, and each
    /// record's key, index and withdrawals in unit order (the records themselves are not kept).
    /// </summary>
    private sealed class Unit(NpgsqlConnection connection, NpgsqlTransaction transaction, long submissionId) : IAsyncDisposable
    {
        private readonly UnitStaging.GroupRows groupRows = new();
        private readonly List<long> indexes = [];
        private bool committed;

        public NpgsqlConnection Connection => connection;

        public UnitStaging.VersionRows Versions { get; } = new(submissionId);

        public List<(Register Register, int Provider, string RecordId)> Keys { get; } = [];

        /// <summary>The positions of the withdrawals, ascending.</summary>
        public List<int> Withdrawals { get; } = [];

        public static async Task<Unit> BeginAsync(NpgsqlConnection connection, long submissionId, CancellationToken cancellationToken) =>
            new(connection, await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false), submissionId);

        public void Append(CodeIds codes, IReadOnlyList<IndexedRecord> records)
        {
            Versions.Write(codes, records, Keys.Count);
            groupRows.Write(codes, records, Keys.Count);
            foreach (var (index, record) in records)
            {
                var n = record.Notification;
                if (n.Withdrawn)
                {
                    Withdrawals.Add(Keys.Count);
                }

                Keys.Add((n.Register, codes.IdOf(CodeDomain.Provider, n.Provider)!.Value, n.RecordId!));
                indexes.Add(index);
            }
        }

        /// <summary>What became of the record at <paramref name="position"/>.</summary>
        public RecordOutcome Outcome(CodeIds codes, int position, VersionOutcome outcome, bool unknownWithdrawal)
        {
            var (register, provider, recordId) = Keys[position];
            return new RecordOutcome(indexes[position], new RecordKey(codes.ValueOf(provider)!, recordId, register), outcome, unknownWithdrawal);
        }

        /// <summary>Copies the groups of the versions kept, once the commit has given their ids.</summary>
        public Task CopyGroupsAsync(long firstVersion, DateTime receivedAt, IReadOnlySet<int> rejected, CancellationToken cancellationToken) =>
            groupRows.CopyKeptAsync(connection, firstVersion, receivedAt, rejected, cancellationToken);

        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            committed = true;
        }

        /// <summary>Rolls back a transaction not committed; the connection stays open for the next unit.</summary>
        public async ValueTask DisposeAsync()
        {
            Versions.Dispose();
            groupRows.Dispose();
            if (!committed)
            {
                try
                {
                    await transaction.RollbackAsync().ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
                {
                    // A broken connection has rolled the transaction back already; the error that
                    // broke it is the one the caller hears, not this one.
                }
            }

            try
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
            {
                // As above.
            }
        }
    }

    private static VersionOutcome Outcome(string text) => text switch
    {
        "current" => VersionOutcome.Current,
        "history" => VersionOutcome.History,
        "superseded" => VersionOutcome.Superseded,
        "duplicate" => VersionOutcome.Duplicate,
        "conflict" => VersionOutcome.Conflict,
        _ => throw new InvalidOperationException($"Unknown outcome '{text}'."),
    };
}
