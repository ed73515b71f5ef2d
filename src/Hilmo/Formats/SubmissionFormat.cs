namespace Hilmo.Formats;

/// <summary>The wire formats a submission may come in.</summary>
public enum SubmissionFormat
{
    /// <summary>One record object, or an array of them (<c>application/json</c>).</summary>
    Json,

    /// <summary>One record per line (<c>application/x-ndjson</c>), the bulk format.</summary>
    Ndjson,

    /// <summary>The same tree as XML (<c>application/xml</c>).</summary>
    Xml,
}

/// <summary>Chooses the format of a submission and the reader for it.</summary>
public static class SubmissionFormats
{
    /// <summary>The format a file name implies; null when its extension says nothing.</summary>
    public static SubmissionFormat? FromFileName(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".ndjson" or ".jsonl" => SubmissionFormat.Ndjson,
        ".json" => SubmissionFormat.Json,
        ".xml" => SubmissionFormat.Xml,
        _ => null,
    };

    /// <summary>The format a media type names; null for any other type.</summary>
    public static SubmissionFormat? FromMediaType(string? mediaType) => mediaType?.Split(';')[0].Trim().ToLowerInvariant() switch
    {
        "application/x-ndjson" or "application/ndjson" or "application/jsonl" or "application/x-jsonlines" => SubmissionFormat.Ndjson,
        "application/json" => SubmissionFormat.Json,
        "application/xml" or "text/xml" => SubmissionFormat.Xml,
        _ => null,
    };

    /// <summary>
    /// Guesses from the first bytes: <c>&lt;</c> is XML, <c>[</c> a JSON array, <c>{</c> NDJSON
    /// (a one-record JSON file is valid NDJSON too, as long as it is on one line).
    /// </summary>
    public static SubmissionFormat? Sniff(ReadOnlySpan<byte> start)
    {
        if (start.StartsWith("\uFEFF"u8))
        {
            start = start[3..];
        }

        var first = start.IndexOfAnyExcept(" \t\r\n"u8);
        return first < 0 ? null : start[first] switch
        {
            (byte)'<' => SubmissionFormat.Xml,
            (byte)'[' => SubmissionFormat.Json,
            (byte)'{' => SubmissionFormat.Ndjson,
            _ => null,
        };
    }

    public static string MediaType(this SubmissionFormat format) => format switch
    {
        SubmissionFormat.Json => "application/json",
        SubmissionFormat.Ndjson => "application/x-ndjson",
        _ => "application/xml",
    };

    public static string Name(this SubmissionFormat format) => format switch
    {
        SubmissionFormat.Json => "JSON",
        SubmissionFormat.Ndjson => "NDJSON",
        _ => "XML",
    };

    public static ISubmissionReader CreateReader(this SubmissionFormat format, SubmissionLimits limits) => format switch
    {
        SubmissionFormat.Json => new JsonSubmissionReader(limits),
        SubmissionFormat.Ndjson => new NdjsonSubmissionReader(limits),
        _ => new XmlSubmissionReader(limits),
    };
}
