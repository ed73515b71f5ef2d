using Hilmo.Formats;
using Microsoft.Net.Http.Headers;

namespace Hilmo.Server.Submissions;

/// <summary>Which wire format a request body is, by its Content-Type.</summary>
internal static class SubmissionMediaTypes
{
    public static readonly string[] Accepted =
        ["application/json", "application/x-ndjson", "application/ndjson", "application/jsonl", "application/xml", "text/xml"];

    /// <summary>The format of <paramref name="contentType"/>; null when the register does not read it (415).</summary>
    public static SubmissionFormat? FormatOf(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return null;
        }

        // Every format is UTF-8 on the wire; a body that says otherwise is refused rather than misread.
        if (parsed.Charset.HasValue && !parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parsed.MediaType.Value?.ToLowerInvariant() switch
        {
            "application/json" => SubmissionFormat.Json,
            "application/x-ndjson" or "application/ndjson" or "application/jsonl" => SubmissionFormat.Ndjson,
            "application/xml" or "text/xml" => SubmissionFormat.Xml,
            _ => null,
        };
    }
}
