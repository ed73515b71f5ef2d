using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Hilmo.Access;
using Hilmo.Identity;
using Hilmo.Server;
using Hilmo.Synthetic;

namespace Hilmo.Cli.Commands;

/// <summary>
/// <c>hilmo bench http --records N --batch 1000</c>: one client posting NDJSON batches over
/// loopback to a real server (Kestrel, the embedded store, a register key), one batch after the
/// other, as a provider's system sends its day's records. Client and server share the machine.
/// </summary>
internal static class HttpBench
{
    public static Command Create()
    {
        var records = new Option<int>("--records") { Description = "Records to send", DefaultValueFactory = _ => 200_000, HelpName = "N" };
        var batch = new Option<int>("--batch") { Description = "Records per request", DefaultValueFactory = _ => 1000, HelpName = "N" };
        var codes = CommonOptions.Codes();
        var command = new Command("http", "Measure submissions over HTTP: one client, NDJSON batches, loopback") { records, batch, codes };
        command.SetAction((parsed, cancellationToken) =>
            RunAsync(parsed.GetValue(records), parsed.GetValue(batch), parsed.GetValue(codes), Console.Out, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int count, int batchSize, string? codesFolder, TextWriter output, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("hilmo-bench-http-").FullName;
        try
        {
            var folder = new DataFolder(work);
            var codes = RegisterComponents.LoadCodes(codesFolder);
            var batches = Batches(codes, count, batchSize);

            await using var register = await RegisterHost.OpenAsync(folder, codes, allowTemporaryIdentityCodes: false).ConfigureAwait(false);
            var key = register.Keys.Create("THL", Role.Register, "bench").Secret;
            await using var app = register.BuildServer(ServerOptions.Default with { RequestsPerMinute = int.MaxValue / 2 },
                "http://127.0.0.1:0", ["--Logging:LogLevel:Default=Warning"]);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);

            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            long received = 0, accepted = 0;
            var clock = Stopwatch.StartNew();
            foreach (var body in batches)
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                using var response = await client.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                var answer = await response.Content.ReadFromJsonAsync<Answer>(cancellationToken).ConfigureAwait(false);
                received += answer!.Received;
                accepted += answer.Accepted;
            }

            clock.Stop();
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"http submit {received,10:N0} records in {batches.Count} requests of {batchSize} in {clock.Elapsed.TotalSeconds:F2} s: {received / clock.Elapsed.TotalSeconds:N0} records/s (accepted {accepted:N0}; {clock.Elapsed.TotalMilliseconds / batches.Count:F1} ms a request)"));
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Generated records as NDJSON bodies of <paramref name="batchSize"/> lines, made before the clock starts.</summary>
    private static List<byte[]> Batches(Codes.CodeServer codes, int count, int batchSize)
    {
        var batches = new List<byte[]>();
        var records = new ServiceEventGenerator(codes, new SyntheticIdentityCodes(), new GeneratorOptions { Seed = 1 }).Generate(count);
        foreach (var chunk in records.Chunk(batchSize))
        {
            using var stream = new MemoryStream();
            using (var writer = new GeneratedRecordNdjsonWriter(stream))
            {
                writer.WriteAll(chunk);
            }

            batches.Add(stream.ToArray());
        }

        return batches;
    }

    private sealed record Answer(long Received, long Accepted);
}
