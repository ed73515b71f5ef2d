using System.Text.Json;
using Hilmo.Formats;
using Hilmo.Ingest;
using Hilmo.Validation;

namespace Hilmo.Cli;

/// <summary>
/// The <c>--report</c> file: every finding of every submission, streamed as it is made, then
/// each submission's counts. Holds no finding in memory, so a report of millions is fine.
/// </summary>
/// <remarks>
/// Shape: <c>{"submissions": [{"source", "format", "findings": [...], "submissionId", "received",
/// "accepted", "rejected", "duplicates", "read"}]}</c>. Findings refer to records by index and
/// <c>tunnus</c>; no identity code is ever written.
/// </remarks>
internal sealed class FindingReportFile : IFindingSink, IAsyncDisposable
{
    private readonly FileStream file;
    private readonly Utf8JsonWriter writer;
    private readonly string language;

    private FindingReportFile(string path, string language)
    {
        file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        writer = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true, Encoder = ServiceEventJsonWriter.WriterOptions.Encoder });
        this.language = language;
        writer.WriteStartObject();
        writer.WriteStartArray("submissions");
    }

    public static FindingReportFile Create(string path, string language) => new(path, language);

    public void BeginSubmission(string source, SubmissionFormat format)
    {
        writer.WriteStartObject();
        writer.WriteString("source", source);
        writer.WriteString("format", format.Name());
        writer.WriteStartArray("findings");
    }

    public async ValueTask WriteAsync(IReadOnlyList<Finding> findings, CancellationToken cancellationToken)
    {
        foreach (var finding in findings)
        {
            FindingJson.Write(writer, finding, language);
        }

        if (writer.BytesPending > 1 << 16)
        {
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void EndSubmission(IngestResult result)
    {
        writer.WriteEndArray();
        if (result.SubmissionId is { } id)
        {
            writer.WriteNumber("submissionId", id);
        }

        writer.WriteNumber("received", result.Counts.Received);
        writer.WriteNumber("accepted", result.Counts.Accepted);
        writer.WriteNumber("rejected", result.Counts.Rejected);
        writer.WriteNumber("duplicates", result.Counts.Duplicates);
        writer.WriteBoolean("read", result.WasRead);
        writer.WriteEndObject();
    }

    /// <summary>Closes a submission that failed before the pipeline could finish it.</summary>
    public void EndSubmission(string problem)
    {
        writer.WriteEndArray();
        writer.WriteBoolean("read", false);
        writer.WriteString("problem", problem);
        writer.WriteEndObject();
    }

    public async ValueTask DisposeAsync()
    {
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync().ConfigureAwait(false);
        await writer.DisposeAsync().ConfigureAwait(false);
        await file.DisposeAsync().ConfigureAwait(false);
    }
}
