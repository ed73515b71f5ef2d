using System.Text.Json;
using Hilmo.Formats;
using Hilmo.Storage;
using Hilmo.Validation;

namespace Hilmo.Server.Submissions;

/// <summary>
/// The feedback on a submission, the same shape whether it is answered at once or read again:
/// <c>submissionId, received, accepted, rejected, duplicates, findings[]</c>. Written with
/// <see cref="FindingJson"/>, so it matches the CLI's report file finding for finding.
/// </summary>
internal sealed class SubmissionAnswer(
    long? submissionId,
    SubmissionCounts counts,
    IReadOnlyList<Finding> findings,
    bool findingsTruncated,
    string language,
    SubmissionSummary? summary = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(httpContext.Response.Body);
        writer.WriteStartObject();
        if (submissionId is { } id)
        {
            writer.WriteNumber("submissionId", id);
        }
        else
        {
            writer.WriteNull("submissionId");
        }

        if (summary is not null)
        {
            writer.WriteString("source", summary.Info.Source);
            writer.WriteString("format", summary.Info.Format);
            writer.WriteString("receivedAt", summary.ReceivedAt);
            if (summary.CompletedAt is { } completed)
            {
                writer.WriteString("completedAt", completed);
            }
            else
            {
                writer.WriteNull("completedAt");
            }
        }

        writer.WriteNumber("received", counts.Received);
        writer.WriteNumber("accepted", counts.Accepted);
        writer.WriteNumber("rejected", counts.Rejected);
        writer.WriteNumber("duplicates", counts.Duplicates);
        writer.WriteStartArray("findings");
        foreach (var finding in findings)
        {
            FindingJson.Write(writer, finding, language);
        }

        writer.WriteEndArray();
        writer.WriteBoolean("findingsTruncated", findingsTruncated);
        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
    }
}
