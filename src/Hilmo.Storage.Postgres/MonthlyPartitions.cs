using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;

namespace Hilmo.Storage.Postgres;

/// <summary>
/// Makes the month partitions of the version tables as receipt times reach them. A unit's
/// versions all have the unit's receipt time, so a unit writes into one partition of each table.
/// The months known to exist are remembered, so the check costs nothing after the first unit of a month.
/// </summary>
internal sealed class MonthlyPartitions
{
    private readonly ConcurrentDictionary<DateOnly, bool> made = new();

    /// <summary>Makes the partitions of <paramref name="receivedAt"/>'s month if they are missing, in the caller's transaction.</summary>
    public async Task EnsureAsync(NpgsqlConnection connection, DateTime receivedAt, CancellationToken cancellationToken)
    {
        var month = new DateOnly(receivedAt.Year, receivedAt.Month, 1);
        if (made.ContainsKey(month))
        {
            return;
        }

        var from = month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = month.AddMonths(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var suffix = month.ToString("yyyyMM", CultureInfo.InvariantCulture);
        await using (var batch = new NpgsqlBatch(connection))
        {
            // Another process may make the same partition at the same moment; the advisory lock
            // (released with the transaction) makes the second one find it made.
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(hashtext('hilmo.partitions.' || current_schema()))"));
            foreach (var table in PostgresSchema.PartitionedTables)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(
                    $"CREATE TABLE IF NOT EXISTS {table}_p{suffix} PARTITION OF {table} FOR VALUES FROM ('{from}') TO ('{to}')"));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        made[month] = true;
    }

    /// <summary>Forgets the months made in a transaction that was rolled back.</summary>
    public void Forget() => made.Clear();
}
