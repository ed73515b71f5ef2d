using DuckDB.NET.Data;
using Hilmo.Statistics.Signals.Alerts;

namespace Hilmo.Storage.DuckDb;

/// <summary>The stored epidemic signals: each run's alerts by its as-of time (<c>signal_runs</c>, <c>signal_alerts</c>).</summary>
public sealed partial class DuckDbRegisterStore
{
    public Task StoreSignalRunAsync(SignalRunResult run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var asOf = run.AsOf.UtcDateTime;
        var storedAt = timeProvider.GetUtcNow().UtcDateTime;
        return WriteAsync(connection => InTransaction(connection, () =>
        {
            using (var delete = connection.CreateCommand())
            {
                delete.CommandText = "DELETE FROM signal_alerts WHERE as_of = $1; DELETE FROM signal_runs WHERE as_of = $1";
                delete.Parameters.Add(new DuckDBParameter(asOf));
                delete.ExecuteNonQuery();
            }

            using (var insertRun = connection.CreateCommand())
            {
                insertRun.CommandText = "INSERT INTO signal_runs (as_of, stored_at, alerts) VALUES ($1, $2, $3)";
                insertRun.Parameters.Add(new DuckDBParameter(asOf));
                insertRun.Parameters.Add(new DuckDBParameter(storedAt));
                insertRun.Parameters.Add(new DuckDBParameter((long)run.Alerts.Count));
                insertRun.ExecuteNonQuery();
            }

            using var insert = connection.CreateCommand();
            insert.CommandText = $"INSERT INTO signal_alerts ({SignalAlertQuery.Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
            foreach (var alert in run.Alerts)
            {
                if (alert.AsOf != run.AsOf)
                {
                    throw new ArgumentException($"An alert of {alert.Syndrome} in {alert.County} on {alert.Period:yyyy-MM-dd} was computed as of {alert.AsOf:O}, not as of its run's {run.AsOf:O}.", nameof(run));
                }

                insert.Parameters.Clear();
                insert.Parameters.Add(new DuckDBParameter(asOf));
                insert.Parameters.Add(new DuckDBParameter(alert.Period));
                insert.Parameters.Add(new DuckDBParameter(alert.Resolution.Code()));
                insert.Parameters.Add(new DuckDBParameter(alert.County));
                insert.Parameters.Add(new DuckDBParameter(alert.Syndrome));
                insert.Parameters.Add(new DuckDBParameter(alert.Method.Code()));
                insert.Parameters.Add(new DuckDBParameter(alert.Observed));
                insert.Parameters.Add(new DuckDBParameter((object?)alert.Expected ?? DBNull.Value));
                insert.Parameters.Add(new DuckDBParameter(alert.Threshold));
                insert.Parameters.Add(new DuckDBParameter(alert.Score));
                insert.Parameters.Add(new DuckDBParameter(alert.Parameters));
                insert.ExecuteNonQuery();
            }
        }), cancellationToken);
    }

    public async Task<IReadOnlyList<SignalAlert>> ListSignalAlertsAsync(SignalAlertQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = query.Select(value =>
        {
            command.Parameters.Add(new DuckDBParameter(value));
            return "$" + command.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
        using var reader = command.ExecuteReader();
        var alerts = new List<SignalAlert>();
        while (reader.Read())
        {
            alerts.Add(SignalAlertQuery.Read(reader.GetDateTime(0), reader.GetFieldValue<DateOnly>(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetDouble(7),
                reader.GetDouble(8), reader.GetDouble(9), reader.GetString(10)));
        }

        return alerts;
    }
}
