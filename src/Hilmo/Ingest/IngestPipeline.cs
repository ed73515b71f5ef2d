using System.Threading.Channels;
using Hilmo.Formats;
using Hilmo.Storage;
using Hilmo.Validation;

namespace Hilmo.Ingest;

/// <summary>
/// The one data flow of the register: read → parse → validate → pseudonymise → store. A reader
/// streams the body in batches; workers process batches in parallel; the caller's task puts them
/// back in order and hands them to the store in large units. Memory is bounded by the channels,
/// not by the size of the submission.
/// </summary>
public sealed class IngestPipeline(NotificationValidator validator, IPseudonymiser pseudonymiser, IngestOptions? options = null)
{
    private readonly IngestOptions options = options ?? IngestOptions.Default;

    /// <summary>
    /// Runs one submission. With no <paramref name="writer"/> nothing is stored: the records are
    /// only checked (the submitters' test service).
    /// </summary>
    public async Task<IngestResult> RunAsync(
        Stream body,
        SubmissionFormat format,
        ISubmissionWriter? writer,
        IFindingSink findings,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = stop.Token;
        var toWorkers = Channel.CreateBounded<(long Sequence, RecordBatch Batch)>(
            new BoundedChannelOptions(options.Workers * 2) { SingleWriter = true });
        var toStore = Channel.CreateBounded<ProcessedBatch>(
            new BoundedChannelOptions(options.Workers * 2) { SingleReader = true });

        var reading = Task.Run(() => ReadAsync(body, format, toWorkers.Writer, token), token);
        var workers = Enumerable.Range(0, options.Workers)
            .Select(_ => Task.Run(() => WorkAsync(toWorkers.Reader, toStore.Writer, token), token))
            .ToArray();
        var producing = Task.WhenAll(workers.Append(reading)).ContinueWith(
            t => toStore.Writer.TryComplete(t.Exception?.InnerException), TaskScheduler.Default);

        try
        {
            var result = await StoreAsync(toStore.Reader, writer, findings, progress, token).ConfigureAwait(false);
            await producing.ConfigureAwait(false);
            return result;
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            toWorkers.Writer.TryComplete();
            await Task.WhenAll(workers.Append(reading)).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            throw;
        }
    }

    private async Task ReadAsync(Stream body, SubmissionFormat format, ChannelWriter<(long, RecordBatch)> output, CancellationToken token)
    {
        try
        {
            var sequence = 0L;
            await foreach (var batch in Reader(format).ReadAsync(body, token).ConfigureAwait(false))
            {
                await output.WriteAsync((sequence++, batch), token).ConfigureAwait(false);
            }

            output.TryComplete();
        }
        catch (Exception exception)
        {
            output.TryComplete(exception);
            throw;
        }
    }

    private ISubmissionReader Reader(SubmissionFormat format) => format.CreateReader(options.Limits);

    private async Task WorkAsync(ChannelReader<(long Sequence, RecordBatch Batch)> input, ChannelWriter<ProcessedBatch> output, CancellationToken token)
    {
        var processor = new RecordProcessor(validator, pseudonymiser, options.Limits);
        await foreach (var (sequence, batch) in input.ReadAllAsync(token).ConfigureAwait(false))
        {
            ProcessedBatch processed;
            using (batch)
            {
                processed = processor.Process(sequence, batch);
            }

            await output.WriteAsync(processed, token).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Restores the order of the batches and hands their records to the store at once, so they
    /// do not linger in memory; every <see cref="IngestOptions.StoreUnitRecords"/> records the
    /// unit is committed. A commit runs while the next unit fills (<see cref="UnitCommits"/>).
    /// Validation findings go to the sink batch by batch, version findings when their unit is
    /// committed: nothing waits in memory that need not.
    /// </summary>
    private async Task<IngestResult> StoreAsync(
        ChannelReader<ProcessedBatch> input,
        ISubmissionWriter? writer,
        IFindingSink sink,
        IProgress<long>? progress,
        CancellationToken token)
    {
        var tally = new Tally();
        await using var commits = new UnitCommits(writer, sink, tally, progress);
        var waiting = new Dictionary<long, ProcessedBatch>();
        var next = 0L;
        var unitRecords = 0L;
        Finding? submissionError = null;
        var held = new List<IndexedRecord>();

        await foreach (var processed in input.ReadAllAsync(token).ConfigureAwait(false))
        {
            await commits.SettleIfDoneAsync(token).ConfigureAwait(false);
            waiting.Add(processed.Sequence, processed);
            while (waiting.Remove(next, out var batch))
            {
                next++;
                tally.Received += batch.Received;
                tally.Rejected += batch.Rejected;
                submissionError ??= batch.SubmissionError;
                await ReportAsync(batch.Findings, writer, sink, tally, token).ConfigureAwait(false);
                if (writer is null)
                {
                    tally.Accepted += batch.Valid.Count;
                }
                else if (options.Atomic)
                {
                    held.AddRange(batch.Valid);
                }
                else if (batch.Valid.Count > 0)
                {
                    await writer.AppendAsync(batch.Valid, token).ConfigureAwait(false);
                    unitRecords += batch.Valid.Count;
                    if (unitRecords >= options.StoreUnitRecords)
                    {
                        await commits.StartAsync(token).ConfigureAwait(false);
                        unitRecords = 0;
                    }
                }
            }
        }

        if (submissionError is { } error)
        {
            await ReportAsync([error], writer, sink, tally, token).ConfigureAwait(false);
        }

        if (options.Atomic && held.Count > 0)
        {
            if (submissionError is { Severity: Severity.Error })
            {
                // All or nothing: a submission that could not be read to its end stores none of its records.
                tally.Rejected += held.Count;
            }
            else
            {
                await writer!.AppendAsync(held, token).ConfigureAwait(false);
                unitRecords = held.Count;
            }
        }

        if (unitRecords > 0)
        {
            await commits.StartAsync(token).ConfigureAwait(false);
        }

        await commits.SettleAsync(token).ConfigureAwait(false);
        progress?.Report(tally.Received);
        var counts = new SubmissionCounts(tally.Received, tally.Accepted, tally.Rejected, tally.Duplicates);
        if (writer is not null)
        {
            await writer.CompleteAsync(counts, token).ConfigureAwait(false);
        }

        return new IngestResult(writer?.SubmissionId, counts, submissionError, tally.ByCode);
    }

    /// <summary>
    /// The unit commits of one submission, one at a time, each overlapping the filling of the next
    /// unit: the store merges a unit while the workers parse the records of the next, instead of
    /// the two waiting for each other. A commit's outcome (tally, findings) is taken in on the
    /// store task, in unit order, once the commit has finished; before the next commit starts,
    /// and before the submission completes, the running one is awaited.
    /// </summary>
    private sealed class UnitCommits(ISubmissionWriter? writer, IFindingSink sink, Tally tally, IProgress<long>? progress) : IAsyncDisposable
    {
        private Task<UnitResult>? running;

        /// <summary>Waits for the running commit, then starts committing the writer's open unit.</summary>
        public async Task StartAsync(CancellationToken token)
        {
            await SettleAsync(token).ConfigureAwait(false);
            running = writer!.CommitAsync(token);

            // A store whose commit has already finished (the embedded one commits synchronously)
            // reports at once, as if nothing overlapped.
            await SettleIfDoneAsync(token).ConfigureAwait(false);
        }

        public async ValueTask SettleIfDoneAsync(CancellationToken token)
        {
            if (running is { IsCompleted: true })
            {
                await SettleAsync(token).ConfigureAwait(false);
            }
        }

        /// <summary>Waits for the running commit, if any, and takes in its outcome.</summary>
        public async Task SettleAsync(CancellationToken token)
        {
            if (running is not { } commit)
            {
                return;
            }

            running = null;
            await RecordUnitAsync(await commit.ConfigureAwait(false), writer!, sink, tally, token).ConfigureAwait(false);
            progress?.Report(tally.Received);
        }

        /// <summary>
        /// A submission that failed still waits for its running commit, so the writer is not
        /// disposed under it; that commit's own failure, if any, is not the one to report.
        /// </summary>
        public async ValueTask DisposeAsync()
        {
            if (running is { } commit)
            {
                running = null;
                await commit.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }

    private static async Task RecordUnitAsync(UnitResult result, ISubmissionWriter writer, IFindingSink sink, Tally tally, CancellationToken token)
    {
        tally.Accepted += result.Stored;
        tally.Duplicates += result.Duplicates;
        tally.Rejected += result.Conflicts;
        var findings = new List<Finding>();
        foreach (var remark in result.Remarks)
        {
            if (remark.Outcome == VersionOutcome.Conflict)
            {
                findings.Add(new Finding(FindingCatalogue.ConflictingVersion, remark.Index, remark.RecordId, WireNames.UpdatedAt, []) { Provider = remark.Key.Provider });
            }
            else if (remark.Outcome == VersionOutcome.History)
            {
                findings.Add(new Finding(FindingCatalogue.OlderThanCurrent, remark.Index, remark.RecordId, WireNames.UpdatedAt, []) { Provider = remark.Key.Provider });
            }

            if (remark.UnknownWithdrawal)
            {
                findings.Add(new Finding(FindingCatalogue.WithdrawalOfUnknownRecord, remark.Index, remark.RecordId, WireNames.Withdrawn, []) { Provider = remark.Key.Provider });
            }
        }

        await ReportAsync(findings, writer, sink, tally, token).ConfigureAwait(false);
    }

    /// <summary>Tells the sink, and keeps with the submission in the store, findings just made.</summary>
    private static async ValueTask ReportAsync(IReadOnlyList<Finding> findings, ISubmissionWriter? writer, IFindingSink sink, Tally tally, CancellationToken token)
    {
        if (findings.Count == 0)
        {
            return;
        }

        tally.Count(findings);
        await sink.WriteAsync(findings, token).ConfigureAwait(false);
        if (writer is not null)
        {
            await writer.AddFindingsAsync(findings, token).ConfigureAwait(false);
        }
    }

    private sealed class Tally
    {
        public long Received;
        public long Accepted;
        public long Rejected;
        public long Duplicates;
        public Dictionary<string, long> ByCode { get; } = new(StringComparer.Ordinal);

        public void Count(IReadOnlyList<Finding> findings)
        {
            foreach (var finding in findings)
            {
                ByCode[finding.Code] = ByCode.GetValueOrDefault(finding.Code) + 1;
            }
        }
    }
}
