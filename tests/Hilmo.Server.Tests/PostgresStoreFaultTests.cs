using System.Collections.Concurrent;
using System.Net;
using Hilmo.Access;
using Hilmo.Testing;
using Hilmo.Testing.Storage;
using Npgsql;

namespace Hilmo.Server.Tests;

/// <summary>
/// The server over PostgreSQL when the database fails under it, on a cluster of the test's own:
/// stopped as a crash stops it while providers keep submitting, and filled to its last byte. Every
/// answer is a 200 or a problem document with Retry-After (503 while it is down, 507 while it is
/// full), never a 500 or a hang; every acknowledged submission is stored whole and a refused one not
/// at all; <c>/healthz</c> says what is wrong; and the server stores again by itself once the
/// database is back, with no restart of the register.
/// </summary>
public sealed class PostgresStoreFaultTests
{
    private const string Prefix = "1.2.246.10.2345678.10.2026.";
    private static readonly Uri Notifications = new("/api/v1/notifications", UriKind.Relative);
    private static readonly Uri Health = new("/healthz", UriKind.Relative);

    [Fact]
    public async Task A_database_stopped_while_providers_submit_answers_503_loses_no_acknowledged_record_and_the_server_stores_again_after_the_restart()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var cluster = await PrivatePostgres.CreateAsync();
        await using var server = await ServerHarness.StartAsync(postgres: cluster.ConnectionString);
        var client = server.Client(server.Key(Role.Register));
        var answers = new ConcurrentBag<(string Batch, HttpStatusCode Status)>();
        using var stop = new CancellationTokenSource();

        // Four providers' systems submit 100-record batches back to back, through the stop and the restart.
        var submitters = Enumerable.Range(0, 4).Select(submitter => Task.Run(async () =>
        {
            for (var batch = 0; !stop.IsCancellationRequested; batch++)
            {
                var name = $"s{submitter}b{batch}.";
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                using var answer = await client.PostAsync(Notifications, Bodies.Content(Bodies.Ndjson(100, Prefix + name)), timeout.Token);
                answers.Add((name, answer.StatusCode));
                if (answer.StatusCode != HttpStatusCode.OK)
                {
                    await AssertRefusedAsync(answer, HttpStatusCode.ServiceUnavailable, "unreachable");
                    await Task.Delay(100, CancellationToken.None);
                }
            }
        }, CancellationToken.None)).ToArray();

        await WaitUntilAsync(() => answers.Count(a => a.Status == HttpStatusCode.OK) >= 8, "eight batches stored before the stop");
        await cluster.StopAsync();
        var stoppedAt = answers.Count;

        await WaitUntilAsync(() => answers.Count >= stoppedAt + 8, "eight answers while the database is down");
        using (var down = await client.GetAsync(Health, cancel))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.StartsWith("{\"status\":\"Unhealthy\"", await down.Content.ReadAsStringAsync(cancel), StringComparison.Ordinal);
        }

        await cluster.StartAsync();
        await WaitUntilAsync(async () =>
        {
            using var health = await client.GetAsync(Health, cancel);
            return health.StatusCode == HttpStatusCode.OK;
        }, "healthy after the restart");
        var restartedAt = answers.Count;
        await WaitUntilAsync(() => answers.Count >= restartedAt + 8, "eight answers after the restart");
        await stop.CancelAsync();
        await Task.WhenAll(submitters);

        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{a.Batch} answered {(int)a.Status}"));
        Assert.Contains(answers, a => a.Status == HttpStatusCode.ServiceUnavailable);

        // After the restart every answer is a 200 again: the pools reopened without a restart of the register.
        using (var after = await client.PostAsync(Notifications, Bodies.Content(Bodies.Ndjson(100, Prefix + "after.")), cancel))
        {
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        }

        var stored = await StoredRecordsByBatchAsync(cluster.ConnectionString, cancel);
        Assert.Equal(100, stored.GetValueOrDefault("after."));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.OK), a => Assert.Equal(100, stored.GetValueOrDefault(a.Batch)));

        // A refused batch is not half there. (One cut at its commit's acknowledgement may be there whole: the database committed it.)
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Contains(stored.GetValueOrDefault(a.Batch), new[] { 0, 100 }));
    }

    [Fact]
    public async Task A_full_database_disk_answers_507_stores_nothing_of_the_refused_submission_and_the_server_stores_again_when_room_returns()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var disk = SmallDisk.Mount(160);
        await using var cluster = await PrivatePostgres.CreateAsync(disk.Path);
        await using var server = await ServerHarness.StartAsync(postgres: cluster.ConnectionString);
        var client = server.Client(server.Key(Role.Register));
        using (var first = await client.PostAsync(Notifications, Bodies.Content(Bodies.Ndjson(200, Prefix + "before.")), cancel))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        disk.Fill();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            using var full = await client.PostAsync(Notifications, Bodies.Content(Bodies.Ndjson(2_000, Prefix + $"full{attempt}.")), timeout.Token);
            await AssertRefusedAsync(full, HttpStatusCode.InsufficientStorage, "out-of-space", cluster.Log);
        }

        using (var degraded = await client.GetAsync(Health, cancel))
        {
            Assert.DoesNotContain("{\"status\":\"Healthy\"", await degraded.Content.ReadAsStringAsync(cancel), StringComparison.Ordinal);
        }

        disk.Free();
        using (var after = await client.PostAsync(Notifications, Bodies.Content(Bodies.Ndjson(200, Prefix + "after.")), cancel))
        {
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        }

        Assert.StartsWith("{\"status\":\"Healthy\"", await client.GetStringAsync(Health, cancel), StringComparison.Ordinal);
        var stored = await StoredRecordsByBatchAsync(cluster.ConnectionString, cancel);
        Assert.Equal(new Dictionary<string, int> { ["before."] = 200, ["after."] = 200 }, stored);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage answer, HttpStatusCode expected, string problem, string? log = null)
    {
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == expected, $"Expected {(int)expected}, got {(int)answer.StatusCode}: {body}\n{log}");
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(answer.Headers.RetryAfter);
        Assert.Contains(problem, body, StringComparison.Ordinal);
    }

    /// <summary>Stored records of each batch, by the batch's part of <c>tunnus</c>.</summary>
    private static async Task<Dictionary<string, int>> StoredRecordsByBatchAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT split_part(substr(record_id, $1), '.', 1) || '.', count(DISTINCT record_id)::int FROM event_versions GROUP BY 1", connection)
        {
            Parameters = { new() { Value = Prefix.Length + 1 } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var stored = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            stored[reader.GetString(0)] = reader.GetInt32(1);
        }

        return stored;
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not {what} within 60 s.");
            await Task.Delay(100, CancellationToken.None);
        }
    }
}
