using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Hilmo.Cli.Terminal;
using Hilmo.Formats;
using Hilmo.Identity;
using Hilmo.Ingest;
using Hilmo.Storage;
using Hilmo.Storage.DuckDb;
using Hilmo.Storage.Postgres;
using Hilmo.Synthetic;

namespace Hilmo.Cli.Commands;

/// <summary>
/// <c>hilmo bench ingest --records N [--postgres CONN]</c>: how fast the register ingests, end to
/// end (parse, validate, pseudonymise, store), measured against the engine's own load of the same
/// file in the same run (DuckDB's <c>read_ndjson</c>, or PostgreSQL's plain COPY into an unindexed
/// table), so that the machine's speed and load cancel out of the ratio. On PostgreSQL the run
/// uses a schema of its own, dropped afterwards.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var records = new Option<long>("--records")
        {
            Description = "Records to generate and ingest",
            DefaultValueFactory = _ => 2_000_000,
            HelpName = "N",
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated data", DefaultValueFactory = _ => 1, HelpName = "S" };
        var folder = new Option<DirectoryInfo?>("--folder")
        {
            Description = "Work in this folder and keep its files (default: a temporary folder, removed afterwards)",
            HelpName = "DIR",
        };
        var codes = CommonOptions.Codes();
        var postgres = CommonOptions.Postgres();
        var ingest = new Command("ingest", "Measure ingest throughput and compare it with the engine's raw load of the same file")
        {
            records, seed, folder, codes, postgres,
        };
        ingest.SetAction((parsed, cancellationToken) => RunAsync(
            parsed.GetValue(records), parsed.GetValue(seed), parsed.GetValue(folder), parsed.GetValue(codes),
            ConfiguredStore.PostgresConnection(parsed.GetValue(postgres)), Console.Out, cancellationToken));
        return new Command("bench", "Measure the register's performance") { ingest, HttpBench.Create(), ReportBench.Create(), SignalsBench.Create() };
    }

    private static async Task<int> RunAsync(long count, int seed, DirectoryInfo? keep, string? codesFolder, string? postgres, TextWriter output, CancellationToken cancellationToken)
    {
        var work = keep?.FullName ?? Directory.CreateTempSubdirectory("hilmo-bench-").FullName;
        Directory.CreateDirectory(work);
        try
        {
            var codes = RegisterComponents.LoadCodes(codesFolder);
            var file = Path.Combine(work, "bench.ndjson");

            var clock = Stopwatch.StartNew();
            var generator = new ServiceEventGenerator(codes, new SyntheticIdentityCodes(), new GeneratorOptions { Seed = seed });
            await using (var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.SequentialScan))
            using (var writer = new GeneratedRecordNdjsonWriter(stream))
            {
                foreach (var record in generator.Generate(count))
                {
                    writer.Write(record);
                }

                writer.Flush();

                // On disk before the clock starts, so the kernel's write-back of the file does not
                // compete with the store's own writes during the measurement.
                stream.Flush(flushToDisk: true);
            }

            var size = new FileInfo(file).Length;
            Report(output, "generated", count, clock.Elapsed, $"{size / 1e6:N0} MB of NDJSON");

            // The register: every check, a pseudonym per record, the versioned store.
            using var pseudonymiser = RegisterComponents.ThrowawayPseudonymiser(allowTemporaryCodes: false);
            var pipeline = RegisterComponents.Pipeline(codes, pseudonymiser);
            IngestResult result;
            TimeSpan ingestTime;
            var processor = Process.GetCurrentProcess();
            var cpuBefore = processor.TotalProcessorTime;
            await using var scratch = postgres is null ? null : await ScratchSchema.CreateAsync(postgres, "hilmo_bench", cancellationToken);
            await using (var store = scratch is null
                ? DuckDbRegisterStore.Open(Path.Combine(work, "hilmo.duckdb"))
                : (IRegisterStore)await PostgresRegisterStore.OpenAsync(scratch.ConnectionString, cancellationToken: cancellationToken))
            {
                await using var body = new CountingStream(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan | FileOptions.Asynchronous));
                await using var submission = await store.BeginSubmissionAsync(new SubmissionInfo("bench.ndjson", SubmissionFormat.Ndjson.Name()), cancellationToken);
                clock.Restart();
                result = await ProgressDisplay.RunAsync("hilmo ingest", size, () => body.BytesRead,
                    progress => pipeline.RunAsync(body, SubmissionFormat.Ndjson, submission, new FindingList(0), progress, cancellationToken));
                ingestTime = clock.Elapsed;
            }

            processor.Refresh();
            var cpu = processor.TotalProcessorTime - cpuBefore;
            var c = result.Counts;
            Report(output, "hilmo ingest", c.Received, ingestTime,
                $"accepted {c.Accepted}, rejected {c.Rejected}, duplicates {c.Duplicates}; CPU {cpu.TotalSeconds:F1} s");

            // The engine alone: the same file into a table, nothing checked, nothing derived.
            clock.Restart();
            var loaded = scratch is null
                ? DuckDbRawLoad.Load(file, Path.Combine(work, "raw.duckdb"))
                : await PostgresPlainCopy.LoadAsync(scratch.ConnectionString, file, cancellationToken);
            var rawTime = clock.Elapsed;
            Report(output, scratch is null ? "duckdb raw load" : "postgres COPY", loaded, rawTime,
                scratch is null ? "read_ndjson into a table" : "binary COPY of each line into an unindexed table");

            var ours = c.Received / ingestTime.TotalSeconds;
            var raw = loaded / rawTime.TotalSeconds;
            processor.Refresh();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio {ours / raw:F2} of {(scratch is null ? "DuckDB's raw load" : "PostgreSQL's plain COPY")}; peak memory {processor.PeakWorkingSet64 / (1 << 20):N0} MB"));
            return 0;
        }
        finally
        {
            if (keep is null)
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static void Report(TextWriter output, string what, long records, TimeSpan elapsed, string detail) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-16} {records,10:N0} records in {elapsed.TotalSeconds,6:F2} s: {records / elapsed.TotalSeconds,9:N0} records/s ({detail})"));
}
