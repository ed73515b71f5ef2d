using DuckDB.NET.Data;

namespace Hilmo.Storage.DuckDb;

/// <summary>
/// Stores the units of one submission. Each unit is one transaction: its record keys are staged
/// in a temporary table, compared with the stored versions in one set-based query, and the new
/// versions appended; the version each new one replaces gets its <c>current_until</c>.
/// </summary>
internal sealed class DuckDbSubmissionWriter(DuckDbRegisterStore store, long submissionId) : ISubmissionWriter
{
    public long SubmissionId => submissionId;

    public Task<StoreResult> StoreAsync(IReadOnlyList<IndexedRecord> records, CancellationToken cancellationToken = default) =>
        store.WriteAsync(connection => Store(connection, records), cancellationToken);

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

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private StoreResult Store(DuckDBConnection connection, IReadOnlyList<IndexedRecord> records)
    {
        var receivedAt = store.NextReceiptTime();
        var outcomes = new RecordOutcome[records.Count];
        using var transaction = connection.BeginTransaction();
        try
        {
            var providers = new int[records.Count];
            for (var i = 0; i < records.Count; i++)
            {
                providers[i] = store.Codes.IdOf(CodeDomain.Provider, records[i].Record.Key.Provider)!.Value;
            }

            var stored = StoredState(connection, records, providers);
            Decide(records, providers, stored, outcomes);

            var superseded = new List<long>();
            using (var appenders = new VersionAppenders(connection, store.Codes))
            {
                for (var i = 0; i < records.Count; i++)
                {
                    if (outcomes[i].Outcome is not (VersionOutcome.Current or VersionOutcome.History or VersionOutcome.Superseded))
                    {
                        continue;
                    }

                    var becomesCurrent = outcomes[i].Outcome == VersionOutcome.Current;
                    appenders.Append(store.NextVersionId++, submissionId, receivedAt, becomesCurrent ? receivedAt : null, providers[i], records[i].Record);
                    if (becomesCurrent && stored[i].CurrentVersion is { } replaced)
                    {
                        superseded.Add(replaced);
                    }
                }
            }

            if (superseded.Count > 0)
            {
                MarkSuperseded(connection, superseded, receivedAt);
            }

            store.Codes.WritePending(connection);
            store.Codes.Publish();
            transaction.Commit();
            store.Codes.Committed();
            return new StoreResult(DuckDbRegisterStore.Utc(receivedAt), outcomes);
        }
        catch
        {
            transaction.Rollback();
            store.Codes.RolledBack();
            throw;
        }
    }

    /// <summary>What the store already holds for each incoming record's key.</summary>
    private static StoredKeyState[] StoredState(DuckDBConnection connection, IReadOnlyList<IndexedRecord> records, int[] providers)
    {
        DuckDbRegisterStore.Execute(connection, "DELETE FROM incoming");
        using (var appender = connection.CreateAppender("temp", "main", "incoming"))
        {
            for (var i = 0; i < records.Count; i++)
            {
                var record = records[i].Record;
                appender.CreateRow().AppendValue(i).AppendValue(providers[i]).AppendValue(record.Key.RecordId).AppendValue(record.UpdatedAt).EndRow();
            }
        }

        var states = new StoredKeyState[records.Count];
        using var command = connection.CreateCommand();
        command.CommandText = """
            WITH keys AS (SELECT DISTINCT provider, record_id FROM incoming),
            stored AS (
                SELECT v.provider, v.record_id, v.updated_at, v.content_hash, v.version_id,
                       v.current_from IS NOT NULL AND v.current_until IS NULL AS is_current
                FROM event_versions v SEMI JOIN keys k ON v.provider = k.provider AND v.record_id = k.record_id)
            SELECT i.idx, same.content_hash, cur.updated_at, cur.version_id
            FROM incoming i
            LEFT JOIN stored same ON same.provider = i.provider AND same.record_id = i.record_id AND same.updated_at = i.updated_at
            LEFT JOIN stored cur ON cur.provider = i.provider AND cur.record_id = i.record_id AND cur.is_current
            WHERE same.content_hash IS NOT NULL OR cur.version_id IS NOT NULL
            """;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            states[reader.GetInt32(0)] = new StoredKeyState(
                reader.IsDBNull(1) ? null : reader.GetFieldValue<ulong>(1),
                reader.IsDBNull(2) ? null : reader.GetDateTime(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3));
        }

        return states;
    }

    /// <summary>
    /// Decides each record's fate. A key's newest new version becomes current if it is newer than
    /// the stored current one; its other new versions are kept as history. The same key and update
    /// time twice, in the store or in this unit, is a duplicate when the content is the same and a
    /// conflict when it is not.
    /// </summary>
    private static void Decide(IReadOnlyList<IndexedRecord> records, int[] providers, StoredKeyState[] stored, RecordOutcome[] outcomes)
    {
        var firstInUnit = new Dictionary<(int, string, DateTime), ulong>();
        var newestNew = new Dictionary<(int, string), int>();
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i].Record;
            var index = records[i].Index;
            VersionOutcome outcome;
            if (stored[i].SameTimeHash is { } storedHash)
            {
                outcome = storedHash == record.ContentHash ? VersionOutcome.Duplicate : VersionOutcome.Conflict;
            }
            else if (firstInUnit.TryGetValue((providers[i], record.Key.RecordId, record.UpdatedAt), out var unitHash))
            {
                outcome = unitHash == record.ContentHash ? VersionOutcome.Duplicate : VersionOutcome.Conflict;
            }
            else
            {
                firstInUnit.Add((providers[i], record.Key.RecordId, record.UpdatedAt), record.ContentHash);
                outcome = stored[i].CurrentUpdatedAt is { } current && record.UpdatedAt < current
                    ? VersionOutcome.History
                    : VersionOutcome.Superseded;
                if (outcome == VersionOutcome.Superseded)
                {
                    var key = (providers[i], record.Key.RecordId);
                    if (!newestNew.TryGetValue(key, out var best) || records[best].Record.UpdatedAt < record.UpdatedAt)
                    {
                        newestNew[key] = i;
                    }
                }
            }

            outcomes[i] = new RecordOutcome(index, outcome);
        }

        foreach (var winner in newestNew.Values)
        {
            outcomes[winner] = outcomes[winner] with { Outcome = VersionOutcome.Current };
        }

        // A withdrawal is of an unknown record when neither the store nor this unit has another version of it.
        var versionsInUnit = firstInUnit.Keys.GroupBy(k => (k.Item1, k.Item2)).ToDictionary(g => g.Key, g => g.Count());
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i].Record;
            if (record.Event.Withdrawn && stored[i].CurrentVersion is null && stored[i].SameTimeHash is null
                && outcomes[i].Outcome is VersionOutcome.Current or VersionOutcome.History or VersionOutcome.Superseded
                && versionsInUnit[(providers[i], record.Key.RecordId)] == 1)
            {
                outcomes[i] = outcomes[i] with { UnknownWithdrawal = true };
            }
        }
    }

    private static void MarkSuperseded(DuckDBConnection connection, List<long> superseded, DateTime receivedAt)
    {
        DuckDbRegisterStore.Execute(connection, "DELETE FROM superseded");
        using (var appender = connection.CreateAppender("temp", "main", "superseded"))
        {
            foreach (var versionId in superseded)
            {
                appender.CreateRow().AppendValue(versionId).EndRow();
            }
        }

        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE event_versions SET current_until = $1
            FROM superseded s WHERE event_versions.version_id = s.version_id
            """;
        command.Parameters.Add(new DuckDBParameter(receivedAt));
        command.ExecuteNonQuery();
    }

    /// <param name="SameTimeHash">Content hash of a stored version with the same key and update time.</param>
    /// <param name="CurrentUpdatedAt">Update time of the key's current stored version.</param>
    /// <param name="CurrentVersion">Id of the key's current stored version.</param>
    private readonly record struct StoredKeyState(ulong? SameTimeHash, DateTime? CurrentUpdatedAt, long? CurrentVersion);
}
