using Hilmo.Testing;
using Npgsql;

namespace Hilmo.Storage.Postgres.Tests;

/// <summary>What the tests of this engine do beside the store's own calls: store one unit, and look at the tables with plain SQL.</summary>
internal static class TestDatabase
{
    /// <summary>Stores the records as one unit of a submission of their own.</summary>
    public static async Task<UnitResult> StoreAsync(IRegisterStore store, params Notifications.RegisteredNotification[] records)
    {
        await using var writer = await store.BeginSubmissionAsync(new SubmissionInfo("test.ndjson", "NDJSON"), TestContext.Current.CancellationToken);
        await writer.AppendAsync(TestRecords.Indexed(records), TestContext.Current.CancellationToken);
        return await writer.CommitAsync(TestContext.Current.CancellationToken);
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The first column of every row the query returns.</summary>
    public static async Task<List<T>> ColumnAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var values = new List<T>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }
}
