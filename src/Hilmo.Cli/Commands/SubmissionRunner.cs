using System.Diagnostics;
using System.Globalization;
using Hilmo.Audit;
using Hilmo.Cli.Terminal;
using Hilmo.Formats;
using Hilmo.Ingest;
using Hilmo.Storage;
using Hilmo.Validation;

namespace Hilmo.Cli.Commands;

/// <summary>
/// Runs files through the ingest pipeline, one submission per file, for <c>validate</c> (no store)
/// and <c>ingest</c>. Prints each file's counts; exit code 0 when every file was read, 2 when one
/// could not be (rejected records are not a failure). With a store, every file is a submission to
/// the register and gets its audit entry, as one sent to the server does: stored, rejected, or
/// not read at all.
/// </summary>
/// <param name="pipeline">The checks and the pseudonymiser.</param>
/// <param name="store">The register, or null to check only.</param>
/// <param name="audit">The register's audit log; given with <paramref name="store"/>.</param>
/// <param name="output">Where the summaries go.</param>
/// <param name="language">Language of finding messages.</param>
internal sealed class SubmissionRunner(IngestPipeline pipeline, IRegisterStore? store, IAuditLog? audit, TextWriter output, string language)
{
    /// <summary>Who runs the command, as the audit log names a command-line user.</summary>
    private static string Actor => $"cli:{Environment.UserName}";

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
            return await FailAsync(file, "the file does not exist", report, cancellationToken).ConfigureAwait(false);
        }

        CountingStream body;
        try
        {
            body = new CountingStream(new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan | FileOptions.Asynchronous));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return await FailAsync(file, exception.Message, report, cancellationToken, "it could not be opened").ConfigureAwait(false);
        }

        await using (body.ConfigureAwait(false))
        {
            var detected = format ?? SubmissionFormats.FromFileName(file.Name) ?? await SniffAsync(file).ConfigureAwait(false);
            if (detected is not { } chosen)
            {
                return await FailAsync(file, "its format cannot be told from its name or content; give --format", report, cancellationToken).ConfigureAwait(false);
            }

            report?.BeginSubmission(file.Name, chosen);
            var sink = new SummarySink(report);
            var clock = Stopwatch.StartNew();
            IngestResult result;
            long? submissionId = null;
            try
            {
                await using var writer = store is null ? null
                    : await store.BeginSubmissionAsync(new SubmissionInfo(file.Name, chosen.Name()), cancellationToken).ConfigureAwait(false);
                submissionId = writer?.SubmissionId;
                result = await ProgressDisplay.RunAsync(file.Name, file.Length, () => body.BytesRead,
                    progress => pipeline.RunAsync(body, chosen, writer, sink, progress, cancellationToken)).ConfigureAwait(false);
            }
            catch (IOException exception)
            {
                report?.EndSubmission(exception.Message);
                output.WriteLine($"{file.Name}: could not be read to its end: {exception.Message}");
                await AuditAsync(file, submissionId, "failed: a read error before the end of the file; the records committed before it stay stored", CancellationToken.None).ConfigureAwait(false);
                return false;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped by the user: the units committed before stay, so this is a submission too.
                await AuditAsync(file, submissionId, "failed: cancelled; the records committed before it stay stored", CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            clock.Stop();
            report?.EndSubmission(result);
            PrintSummary(file.Name, chosen, result, sink, clock.Elapsed);
            await AuditAsync(file, result.SubmissionId ?? submissionId, Outcome(result), CancellationToken.None).ConfigureAwait(false);
            return result.WasRead;
        }
    }

    /// <summary>
    /// A file that never became a submission. <paramref name="audited"/> stands for
    /// <paramref name="problem"/> in the audit entry where the problem's own text names more of
    /// the machine than the file (an exception's message carries the whole path).
    /// </summary>
    private async Task<bool> FailAsync(FileInfo file, string problem, FindingReportFile? report, CancellationToken cancellationToken, string? audited = null)
    {
        report?.BeginSubmission(file.Name, SubmissionFormat.Ndjson);
        report?.EndSubmission(problem);
        output.WriteLine($"{file.Name}: not read: {problem}");
        await AuditAsync(file, null, $"rejected: not read: {audited ?? problem}; nothing stored", cancellationToken).ConfigureAwait(false);
        return false;
    }

    /// <summary>How a submission ended, in the words the server's audit entries use.</summary>
    private static string Outcome(IngestResult result) => result.SubmissionError is { Severity: Severity.Error } error
        ? $"rejected: {error.Code}, not read to its end; stored before it: {result.Counts}"
        : $"ok: {result.Counts}";

    /// <summary>
    /// The audit entry of one file of <c>ingest</c> (none for <c>validate</c>, which stores
    /// nothing): the command's user, the submission and the file's name (never its folder).
    /// </summary>
    private async Task AuditAsync(FileInfo file, long? submissionId, string result, CancellationToken cancellationToken)
    {
        if (audit is null)
        {
            return;
        }

        var target = submissionId is { } id
            ? string.Create(CultureInfo.InvariantCulture, $"submission/{id} file/{file.Name}")
            : $"file/{file.Name}";
        await audit.AppendAsync(new AuditEvent(Actor, "submission.create", target, AuditReasons.Notification, "cli", result), cancellationToken).ConfigureAwait(false);
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
