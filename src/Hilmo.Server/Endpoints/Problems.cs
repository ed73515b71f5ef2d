using System.Globalization;
using Hilmo.Formats;
using Hilmo.Validation;

namespace Hilmo.Server.Endpoints;

/// <summary>
/// The register's error answers, as RFC 9457 ProblemDetails. A problem with a submission carries
/// its finding code and, where known, where in the body it is; never a stack trace.
/// </summary>
internal static class Problems
{
    public static IResult UnsupportedMediaType(string? contentType) => TypedResults.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported media type",
        detail: $"The register reads {string.Join(", ", Submissions.SubmissionMediaTypes.Accepted)} in UTF-8; the body was {(string.IsNullOrEmpty(contentType) ? "of no stated type" : Quote(contentType))}.");

    public static IResult UnsupportedEncoding(string contentEncoding) => TypedResults.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported content encoding",
        detail: $"The register undoes one of the content codings {string.Join(", ", ContentCodings.Supported)} (or none); the body was {Quote(contentEncoding)}.",
        extensions: new Dictionary<string, object?> { ["supportedEncodings"] = ContentCodings.Supported });

    public static IResult TooLarge(long limit) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Submission too large",
        detail: string.Create(CultureInfo.InvariantCulture, $"A submission may be {limit} bytes at most (after its content coding is undone); send the records in several submissions."),
        extensions: new Dictionary<string, object?> { ["code"] = FindingCatalogue.SubmissionTooLarge.Code, ["limit"] = limit });

    /// <summary>A body that could not be read to its end: nothing of it was stored.</summary>
    public static IResult Unreadable(Finding finding, long? submissionId, string language, int status, long? byteOffset)
    {
        var extensions = new Dictionary<string, object?>
        {
            ["code"] = finding.Code,
            ["submissionId"] = submissionId,
            ["stored"] = 0,
        };
        if (finding.Position is { Line: > 0 } position)
        {
            extensions["line"] = position.Line;
            extensions["column"] = position.Column;
        }

        if (byteOffset is { } offset)
        {
            extensions["byteOffset"] = offset;
        }

        return TypedResults.Problem(
            statusCode: status,
            title: "The submission could not be read",
            detail: $"{finding.Message(language)} No record of this submission was stored.",
            extensions: extensions);
    }

    public static IResult NotFound(string what) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no {what}.");

    /// <summary>The exception of type <typeparamref name="T"/> that caused <paramref name="exception"/>, however deeply it was wrapped by tasks and channels.</summary>
    public static T? Cause<T>(Exception exception)
        where T : Exception
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }

            if (e is AggregateException { InnerExceptions.Count: > 0 } aggregate)
            {
                return aggregate.InnerExceptions.Select(Cause<T>).FirstOrDefault(c => c is not null);
            }
        }

        return null;
    }

    private static string Quote(string text) => Finding.Quote(text, 80);
}
