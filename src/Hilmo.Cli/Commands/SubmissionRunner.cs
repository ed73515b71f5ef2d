using System.Diagnostics;
using System.Globalization;
using Hilmo.Cli.Terminal;
using Hilmo.Formats;
using Hilmo.Ingest;
using Hilmo.Storage;
using Hilmo.Validation;

namespace Hilmo.Cli.Commands;

/// <summary>
/// Runs files through the ingest pipeline, one submission per file, for <c>validate</c> (no store)
/// and <c>ingest</c>. Prints each file's counts; exit code 0 when every file was read, 2 when one
/// could not be (rejected records are not a failure).
/// </summary>
internal sealed class SubmissionRunner(IngestPipeline pipeline, IRegisterStore? store, TextWriter output, string language)
{
    public const int Read = 0;
    public const int NotRead = 2;

    public async Task<int> RunAsync(IReadOnlyList<FileInfo> files, SubmissionFormat? format, FileInfo? reportPath, CancellationToken cancellationToken)
    {
        var exitCode = Read;
        var report = reportPath is null ? null : FindingReportFile.Create(reportPath.FullName, language);
        try
        {
            foreach (var file in files)
            {
                if (!await RunAsync(file, format, report, cancellationToken).ConfigureAwait(false))
                {
                    exitCode = NotRead;
                }
            }
        }
        finally
        {
            if (report is not null)
            {
                await report.DisposeAsync().ConfigureAwait(false);
            }
        }

        return exitCode;
    }

    private async Task<bool> RunAsync(FileInfo file, SubmissionFormat? format, FindingReportFile? report, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            return Fail(file, "the file does not exist", report);
        }

        CountingStream body;
        try
        {
            body = new CountingStream(new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan | FileOptions.Asynchronous));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Fail(file, exception.Message, report);
        }

        await using (body.ConfigureAwait(false))
        {
            var detected = format ?? SubmissionFormats.FromFileName(file.Name) ?? await SniffAsync(file).ConfigureAwait(false);
            if (detected is not { } chosen)
            {
                return Fail(file, "its format cannot be told from its name or content; give --format", report);
            }

            report?.BeginSubmission(file.Name, chosen);
            var sink = new SummarySink(report);
            var clock = Stopwatch.StartNew();
            IngestResult result;
            try
            {
                await using var writer = store is null ? null
                    : await store.BeginSubmissionAsync(new SubmissionInfo(file.Name, chosen.Name()), cancellationToken).ConfigureAwait(false);
                result = await ProgressDisplay.RunAsync(file.Name, file.Length, () => body.BytesRead,
                    progress => pipeline.RunAsync(body, chosen, writer, sink, progress, cancellationToken)).ConfigureAwait(false);
            }
            catch (IOException exception)
            {
                report?.EndSubmission(exception.Message);
                output.WriteLine($"{file.Name}: could not be read to its end: {exception.Message}");
                return false;
            }

            clock.Stop();
            report?.EndSubmission(result);
            PrintSummary(file.Name, chosen, result, sink, clock.Elapsed);
            return result.WasRead;
        }
    }

    private bool Fail(FileInfo file, string problem, FindingReportFile? report)
    {
        report?.BeginSubmission(file.Name, SubmissionFormat.Ndjson);
        report?.EndSubmission(problem);
        output.WriteLine($"{file.Name}: not read: {problem}");
        return false;
    }

    private static async Task<SubmissionFormat?> SniffAsync(FileInfo file)
    {
        var start = new byte[256];
        await using var stream = file.OpenRead();
        var read = await stream.ReadAtLeastAsync(start, start.Length, throwOnEndOfStream: false).ConfigureAwait(false);
        return SubmissionFormats.Sniff(start.AsSpan(0, read));
    }

    private void PrintSummary(string name, SubmissionFormat format, IngestResult result, SummarySink sink, TimeSpan elapsed)
    {
        var c = result.Counts;
        var rate = elapsed.TotalSeconds > 0 ? c.Received / elapsed.TotalSeconds : 0;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name} ({format.Name()}): received {c.Received}, accepted {c.Accepted}, rejected {c.Rejected}, duplicates {c.Duplicates} ({elapsed.TotalSeconds:F1} s, {rate:N0} records/s)"));
        if (result.SubmissionId is { } id)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  submission {id}"));
        }

        if (result.SubmissionError is { } error)
        {
            var where = error.Position is { } p ? $" ({p})" : string.Empty;
            output.WriteLine($"  {error.Code} {error.Message(language)}{where}");
        }

        foreach (var (code, count) in result.FindingsByCode.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(12))
        {
            if (result.SubmissionError?.Code == code)
            {
                continue;
            }

            var example = sink.Examples.GetValueOrDefault(code);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {code} ×{count}  {example.Message(language)}{(example.Path is { } path ? $" [{path}]" : string.Empty)}"));
        }
    }

    /// <summary>Passes findings on to the report and keeps one example of each code for the summary.</summary>
    private sealed class SummarySink(IFindingSink? next) : IFindingSink
    {
        public Dictionary<string, Finding> Examples { get; } = new(StringComparer.Ordinal);

        public ValueTask WriteAsync(IReadOnlyList<Finding> findings, CancellationToken cancellationToken)
        {
            foreach (var finding in findings)
            {
                Examples.TryAdd(finding.Code, finding);
            }

            return next?.WriteAsync(findings, cancellationToken) ?? ValueTask.CompletedTask;
        }
    }
}
