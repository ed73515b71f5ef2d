using Hilmo.Statistics.Signals.Alerts;
using Npgsql;
using NpgsqlTypes;

namespace Hilmo.Storage.Postgres;

/// <summary>The stored epidemic signals: each run's alerts by its as-of time (<c>signal_runs</c>, <c>signal_alerts</c>).</summary>
public sealed partial class PostgresRegisterStore
{
    public async Task StoreSignalRunAsync(SignalRunResult run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var alert in run.Alerts)
        {
            if (alert.AsOf != run.AsOf)
            {
                throw new ArgumentException($"An alert of {alert.Syndrome} in {alert.County} on {alert.Period:yyyy-MM-dd} was computed as of {alert.AsOf:O}, not as of its run's {run.AsOf:O}.", nameof(run));
            }
        }

        try
        {
            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

            // The run's alerts go with it (ON DELETE CASCADE).
            await using (var replace = new NpgsqlCommand("DELETE FROM signal_runs WHERE as_of = $1", connection, transaction))
            {
                replace.Parameters.Add(Timestamp(run.AsOf.UtcDateTime));
                await replace.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var insertRun = new NpgsqlCommand("INSERT INTO signal_runs (as_of, stored_at, alerts) VALUES ($1, $2, $3)", connection, transaction))
            {
                insertRun.Parameters.Add(Timestamp(run.AsOf.UtcDateTime));
                insertRun.Parameters.Add(Timestamp(timeProvider.GetUtcNow().UtcDateTime));
                insertRun.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (long)run.Alerts.Count });
                await insertRun.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var import = await connection.BeginBinaryImportAsync($"COPY signal_alerts ({SignalAlertQuery.Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
            {
                foreach (var alert in run.Alerts)
                {
                    await import.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await import.WriteAsync(DateTime.SpecifyKind(run.AsOf.UtcDateTime, DateTimeKind.Unspecified), NpgsqlDbType.Timestamp, cancellationToken).ConfigureAwait(false);
                    await import.WriteAsync(alert.Period, NpgsqlDbType.Date, cancellationToken).ConfigureAwait(false);
                    await import.WriteAsync(alert.Resolution.Code(), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await import.WriteAsync(alert.County, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await import.WriteAsync(alert.Syndrome, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await import.WriteAsync(alert.Method.Code(), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await import.WriteAsync(alert.Observed, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    if (alert.Expected is { } expected)
                    {
                        await import.WriteAsync(expected, NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await import.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                    }

                    await import.WriteAsync(alert.Threshold, NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
                    await import.WriteAsync(alert.Score, NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
                    await import.WriteAsync(alert.Parameters, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                }

                await import.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (Failed(exception, write: true) is { } unavailable)
        {
            throw unavailable;
        }
    }

    public async Task<IReadOnlyList<SignalAlert>> ListSignalAlertsAsync(SignalAlertQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        try
        {
            var parameters = new List<NpgsqlParameter>();
            var text = query.Select(value =>
            {
                parameters.Add(value switch
                {
                    DateTime time => Timestamp(time),
                    DateOnly date => new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Date, Value = date },
                    _ => new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = value },
                });
                return "$" + parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            });
            await using var command = DataSource.CreateCommand(text);
            command.Parameters.AddRange(parameters.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var alerts = new List<SignalAlert>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                alerts.Add(SignalAlertQuery.Read(reader.GetDateTime(0), reader.GetFieldValue<DateOnly>(1), reader.GetString(2), reader.GetString(3),
                    reader.GetString(4), reader.GetString(5), reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetDouble(7),
                    reader.GetDouble(8), reader.GetDouble(9), reader.GetString(10)));
            }

            return alerts;
        }
        catch (Exception exception) when (PostgresFaults.Classify(exception) is { } unavailable)
        {
            throw unavailable;
        }
    }
}
