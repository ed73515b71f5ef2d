using Hilmo.Notifications;
using Hilmo.Validation;
using Npgsql;
using NpgsqlTypes;

namespace Hilmo.Storage.Postgres;

/// <summary>
/// Stores the units of one submission on a connection of its own, so submissions are copied in
/// parallel and only their commits take turns (<see cref="UnitMerge.TakeClock"/>). A unit is one
/// transaction: its records stream into staging by binary COPY as they are appended (so the
/// server takes them in while the pipeline parses the next ones), with their new code values
/// stored first; the commit copies the repeating groups, then decides every record's outcome and
/// moves the register's current state in set-based SQL. Findings wait for the next unit's
/// transaction, or completion.
/// </summary>
internal sealed class PostgresSubmissionWriter(PostgresRegisterStore store, long submissionId) : ISubmissionWriter
{
    /// <summary>Findings of a file that is mostly rejected are written in batches of this many, so memory stays bounded.</summary>
    private const int FindingsWrittenAlone = 8192;

    private readonly List<IndexedRecord> unit = [];
    private readonly List<Finding> findings = [];
    private long findingsStored;
    private NpgsqlConnection? connection;
    private NpgsqlTransaction? transaction;
    private readonly CopyRows versionRows = new();
    private readonly UnitStaging.GroupRows groupRows = new();
    private NpgsqlRawCopyStream? versions;

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
            if (versions is null)
            {
                var open = await OpenAsync(cancellationToken).ConfigureAwait(false);
                transaction = await open.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                versions = await CopyRows.BeginAsync(open, UnitStaging.CopyVersions, cancellationToken).ConfigureAwait(false);
            }

            UnitStaging.WriteVersions(versionRows, store.Codes, records, unit.Count);
            await versionRows.SendAsync(versions, cancellationToken).ConfigureAwait(false);
            groupRows.Write(store.Codes, records, unit.Count);
        }
        catch
        {
            await AbandonUnitAsync().ConfigureAwait(false);
            throw;
        }

        // The records are immutable; holding them for the groups' COPY at commit costs only the list.
        unit.AddRange(records);
    }

    public async ValueTask AddFindingsAsync(IReadOnlyList<Finding> made, CancellationToken cancellationToken = default)
    {
        findings.AddRange(made);
        if (unit.Count == 0 && findings.Count >= FindingsWrittenAlone)
        {
            var open = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var alone = await open.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var written = await WritePendingFindingsAsync(open, cancellationToken).ConfigureAwait(false);
            await alone.CommitAsync(cancellationToken).ConfigureAwait(false);
            FindingsStored(written);
        }
    }

    public async Task<UnitResult> CommitAsync(CancellationToken cancellationToken = default)
    {
        if (unit.Count == 0)
        {
            return UnitResult.Empty(store.Now());
        }

        try
        {
            var open = connection!;
            await CopyRows.EndAsync(versions!, cancellationToken).ConfigureAwait(false);
            versions = null;
            await groupRows.CopyAsync(open, cancellationToken).ConfigureAwait(false);

            var (receivedAt, firstVersion) = await TakeClockAsync(open, cancellationToken).ConfigureAwait(false);
            await store.Partitions.EnsureAsync(open, receivedAt, cancellationToken).ConfigureAwait(false);
            await store.Keys.RefreshAsync(open, cancellationToken).ConfigureAwait(false);
            var judge = Command(UnitMerge.Judge, firstVersion, receivedAt);
            judge.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, Value = PositionsToJudge() });

            var remarks = new List<RecordOutcome>();
            await using (var batch = new NpgsqlBatch(open))
            {
                batch.BatchCommands.Add(judge);
                batch.BatchCommands.Add(new NpgsqlBatchCommand(UnitMerge.JudgeNew));
                batch.BatchCommands.Add(new NpgsqlBatchCommand(UnitMerge.Analyze));
                batch.BatchCommands.Add(Command(UnitMerge.InsertVersions, firstVersion, receivedAt));
                foreach (var sql in UnitMerge.InsertGroups(unit.Any(r => r.Record.Notification is CarePeriod)))
                {
                    batch.BatchCommands.Add(Command(sql, firstVersion, receivedAt));
                }

                batch.BatchCommands.Add(Command(UnitMerge.CloseReplaced, firstVersion, receivedAt));
                batch.BatchCommands.Add(new NpgsqlBatchCommand(UnitMerge.Remarks));
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var key = new Notifications.RecordKey(store.Codes.ValueOf(reader.GetInt32(1))!, reader.GetString(2), (Register)reader.GetInt16(5));
                    remarks.Add(new RecordOutcome(reader.GetInt64(0), key, Outcome(reader.GetString(3)), reader.GetBoolean(4)));
                }
            }

            var written = await WritePendingFindingsAsync(open, cancellationToken).ConfigureAwait(false);
            await transaction!.CommitAsync(cancellationToken).ConfigureAwait(false);
            await transaction.DisposeAsync().ConfigureAwait(false);
            transaction = null;
            store.Keys.Committed(unit.Select(r => (r.Record.Register, store.Codes.IdOf(CodeDomain.Provider, r.Record.Notification.Provider)!.Value, r.Record.Notification.RecordId!)), firstVersion + unit.Count);
            FindingsStored(written);

            var duplicates = remarks.Count(r => r.Outcome == VersionOutcome.Duplicate);
            var conflicts = remarks.Count(r => r.Outcome == VersionOutcome.Conflict);
            return new UnitResult(PostgresRegisterStore.Utc(receivedAt), unit.Count, unit.Count - duplicates - conflicts, duplicates, conflicts, remarks);
        }
        catch
        {
            // A partition made in a transaction that rolled back does not exist.
            store.Partitions.Forget();
            throw;
        }
        finally
        {
            await AbandonUnitAsync().ConfigureAwait(false);
        }
    }

    public async Task CompleteAsync(SubmissionCounts counts, CancellationToken cancellationToken = default)
    {
        var open = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var completion = await open.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var written = await WritePendingFindingsAsync(open, cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand($"""
            WITH clock AS ({PostgresRegisterStore.NextReceipt})
            UPDATE submissions SET completed_at = (SELECT last_receipt FROM clock), received = $2, accepted = $3, rejected = $4, duplicates = $5
            WHERE submission_id = $6
            """, open))
        {
            command.Parameters.Add(PostgresRegisterStore.Timestamp(store.Now().UtcDateTime));
            command.Parameters.Add(new NpgsqlParameter { Value = counts.Received });
            command.Parameters.Add(new NpgsqlParameter { Value = counts.Accepted });
            command.Parameters.Add(new NpgsqlParameter { Value = counts.Rejected });
            command.Parameters.Add(new NpgsqlParameter { Value = counts.Duplicates });
            command.Parameters.Add(new NpgsqlParameter { Value = submissionId });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await completion.CommitAsync(cancellationToken).ConfigureAwait(false);
        FindingsStored(written);
    }

    /// <summary>A unit never committed leaves no trace: its records were only ever in staging of a transaction never committed.</summary>
    public async ValueTask DisposeAsync()
    {
        await AbandonUnitAsync().ConfigureAwait(false);
        versionRows.Dispose();
        groupRows.Dispose();
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            connection = null;
        }
    }

    /// <summary>Ends the open unit, if any: a COPY not completed is cancelled, a transaction not committed rolls back.</summary>
    private async Task AbandonUnitAsync()
    {
        unit.Clear();
        versionRows.Clear();
        groupRows.Clear();
        if (versions is not null)
        {
            try
            {
                await versions.CancelAsync().ConfigureAwait(false);
                await versions.DisposeAsync().ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                // The COPY may be what failed; the rollback below discards it either way.
            }

            versions = null;
        }

        if (transaction is not null)
        {
            try
            {
                await transaction.RollbackAsync().ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                // A broken connection has rolled the transaction back already.
            }

            await transaction.DisposeAsync().ConfigureAwait(false);
            transaction = null;
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (connection is null)
        {
            connection = await store.Writers.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await PostgresSchema.ExecuteAsync(connection, UnitStaging.Create, cancellationToken).ConfigureAwait(false);
        }

        return connection;
    }

    /// <summary>
    /// The positions <see cref="UnitMerge.Judge"/> must decide: a key that may be stored, and
    /// every position of a key the unit has more than once. Call after the filter's refresh.
    /// </summary>
    private int[] PositionsToJudge()
    {
        const int Listed = -1;
        var positions = new List<int>();
        var firstPosition = new Dictionary<(Register Register, int Provider, string RecordId), int>(unit.Count);
        for (var position = 0; position < unit.Count; position++)
        {
            var e = unit[position].Record.Notification;
            var key = (Register: e.Register, Provider: store.Codes.IdOf(CodeDomain.Provider, e.Provider)!.Value, RecordId: e.RecordId!);
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

        return [.. positions];
    }

    private async Task<(DateTime ReceivedAt, long FirstVersion)> TakeClockAsync(NpgsqlConnection open, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(UnitMerge.TakeClock, open);
        command.Parameters.Add(PostgresRegisterStore.Timestamp(store.Now().UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (long)unit.Count });
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

    /// <summary>Writes the findings gathered so far in the caller's transaction; they are forgotten only once it commits (<see cref="FindingsStored"/>).</summary>
    private async Task<int> WritePendingFindingsAsync(NpgsqlConnection open, CancellationToken cancellationToken)
    {
        if (findings.Count > 0)
        {
            await SubmissionFindings.CopyAsync(open, submissionId, findingsStored, findings, cancellationToken).ConfigureAwait(false);
        }

        return findings.Count;
    }

    private void FindingsStored(int written)
    {
        findings.RemoveRange(0, written);
        findingsStored += written;
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
