using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hilmo.Storage;
using Hilmo.Storage.DuckDb;
using Hilmo.Storage.Postgres;
using Hilmo.Testing.Storage;

namespace Hilmo.Server.Tests;

/// <summary>
/// The promise of a 200 answer, tested the hard way: a real <c>hilmo serve</c> process is killed
/// with SIGKILL while clients stream submissions to it. After a restart every submission answered
/// 200 is wholly in the store, and every other one is wholly there or wholly absent.
/// </summary>
public sealed partial class CrashTests : IDisposable
{
    private const int RecordsPerSubmission = 200;

    private readonly string folder = Directory.CreateTempSubdirectory("hilmo-crash-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [MemberData(nameof(StoreEngines.All), MemberType = typeof(StoreEngines))]
    public async Task Every_submission_answered_200_survives_a_kill_and_none_is_half_stored(StoreEngine engine)
    {
        var postgres = await StoreEngines.PostgresConnectionAsync(engine);
        var answered = new HashSet<int>();
        var sent = 0;
        using (var first = await ServerProcess.StartAsync(folder, postgres))
        {
            Assert.NotNull(first.RegisterKey);
            File.WriteAllText(Path.Combine(folder, "key.txt"), first.RegisterKey);
            using var stop = new CancellationTokenSource();
            var clients = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                using var client = first.Client(first.RegisterKey!);
                while (!stop.IsCancellationRequested)
                {
                    var number = Interlocked.Increment(ref sent);
                    try
                    {
                        using var response = await client.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative),
                            Bodies.Content(Bodies.Ndjson(RecordsPerSubmission, $"1.2.246.10.2345678.10.2026.{number}.")));
                        if (response.IsSuccessStatusCode)
                        {
                            var accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("accepted").GetInt64();
                            Assert.Equal(RecordsPerSubmission, accepted);
                            lock (answered)
                            {
                                answered.Add(number);
                            }
                        }
                    }
                    catch (HttpRequestException)
                    {
                        // The server died under this request: it was never answered.
                        return;
                    }
                }
            })).ToList();

            while (answered.Count < 20)
            {
                await Task.Delay(20);
            }

            first.Kill();
            await Task.WhenAll(clients);
        }

        using (var second = await ServerProcess.StartAsync(folder, postgres))
        {
            Assert.Null(second.RegisterKey);
            using var client = second.Client(File.ReadAllText(Path.Combine(folder, "key.txt")));
            Assert.True((await client.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode);
            using var after = await client.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative),
                Bodies.Content(Bodies.Ndjson(RecordsPerSubmission, "1.2.246.10.2345678.10.2026.after.")));
            Assert.True(after.IsSuccessStatusCode);
            second.Kill();
        }

        await using IRegisterStore store = postgres is null
            ? DuckDbRegisterStore.Open(Path.Combine(folder, "hilmo.duckdb"))
            : await PostgresRegisterStore.OpenAsync(postgres);
        var stored = new Dictionary<string, int>();
        await foreach (var version in store.ReadCurrentAsync(new CurrentQuery()))
        {
            var submission = version.Record.Key.RecordId.Split('.')[^2];
            stored[submission] = stored.GetValueOrDefault(submission) + 1;
        }

        Assert.All(answered, n => Assert.Equal(RecordsPerSubmission, stored.GetValueOrDefault(n.ToString(CultureInfo.InvariantCulture))));
        Assert.All(stored, pair => Assert.Equal(RecordsPerSubmission, pair.Value));
        Assert.Equal(RecordsPerSubmission, stored["after"]);
        Assert.InRange(stored.Count, answered.Count + 1, answered.Count + 3);
    }

    /// <summary><c>hilmo serve</c> as a child process on a free loopback port.</summary>
    private sealed partial class ServerProcess : IDisposable
    {
        private readonly Process process;

        private ServerProcess(Process process, Uri address, string? registerKey)
        {
            this.process = process;
            Address = address;
            RegisterKey = registerKey;
        }

        public Uri Address { get; }

        /// <summary>The register-keeper key printed on first start; null on later starts.</summary>
        public string? RegisterKey { get; }

        /// <param name="dataFolder">The data folder.</param>
        /// <param name="postgres">The PostgreSQL store's connection string, or null for the embedded store.</param>
        public static async Task<ServerProcess> StartAsync(string dataFolder, string? postgres)
        {
            var cli = typeof(Hilmo.Cli.RegisterHost).Assembly.Location;
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { cli, "serve", "--data", dataFolder, "--urls", "http://127.0.0.1:0" }.Concat(postgres is null ? [] : ["--postgres", postgres]))
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start)!;
            string? key = null;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.Trim().StartsWith("hilmo_", StringComparison.Ordinal))
                {
                    key = line.Trim();
                }

                if (Listening().Match(line) is { Success: true } match)
                {
                    // Keep reading, so the child never blocks on a full pipe.
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                    return new ServerProcess(process, new Uri(match.Groups[1].Value), key);
                }
            }

            throw new InvalidOperationException($"hilmo serve did not start: {await process.StandardError.ReadToEndAsync(CancellationToken.None)}");
        }

        public HttpClient Client(string key)
        {
            var client = new HttpClient { BaseAddress = Address };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            return client;
        }

        /// <summary>SIGKILL: no shutdown, no checkpoint, no flush.</summary>
        public void Kill()
        {
            process.Kill();
            process.WaitForExit();
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                Kill();
            }

            process.Dispose();
        }

        [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
        private static partial Regex Listening();
    }
}
