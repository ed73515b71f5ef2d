using System.Text.Json;
using Hilmo.Notifications;
using Hilmo.Server.Access;
using Hilmo.Subjects;
using Microsoft.Net.Http.Headers;

namespace Hilmo.Server.Endpoints;

/// <summary>
/// <c>POST /api/v1/subject-requests</c> with <c>{"identityCode": "…", "usageSince": "…"}</c>: the
/// register keeper answers a person's request of access with every stored record about them and
/// the log of their use (<see cref="SubjectRequests"/>), as JSON, or as an HTML page for the person
/// with <c>?format=html</c> or <c>Accept: text/html</c>. The code is in the body, never in the
/// address (which proxies and logs keep); it is read here, handed to the key source and dropped:
/// no answer or error repeats it.
/// </summary>
internal static class SubjectRequestEndpoints
{
    /// <summary>Far more than the body needs; a request is read whole before anything else happens.</summary>
    private const int MaxBodyBytes = 4 * 1024;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/subject-requests", PostAsync)
            .WithTags("Subject requests")
            .RequireAuthorization(Policies.AnswerSubjectRequests)
            .WithName("CreateSubjectRequest")
            .WithSummary("Answer a data subject's request of access: every stored record about the person and the log of their use (register keepers only)")
            .Accepts<SubjectRequestBody>("application/json")
            .Produces<SubjectReportDocument>(StatusCodes.Status200OK, "application/json", "text/html")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> PostAsync(HttpContext http, RegisterServices register, string? format = null)
    {
        if (format is not (null or "json" or "html"))
        {
            return BadRequest($"format must be json or html, not \"{format}\".");
        }

        var body = await ReadBodyAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
        if (body.Error is { } error)
        {
            return BadRequest(error);
        }

        if (!register.SubjectKeys.TryDerive(new IdentityCodeText(body.IdentityCode!), out var keys, out var refusal))
        {
            return BadRequest(refusal);
        }

        var caller = Caller.Of(http);
        var report = await register.SubjectRequests.AnswerAsync(keys, new SubjectRequester(caller.Actor, caller.From), body.UsageSince, http.RequestAborted).ConfigureAwait(false);

        // Health data about one person: no cache anywhere may keep it.
        http.Response.Headers.CacheControl = "no-store";
        var html = format == "html" || (format is null && http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)));
        return html
            ? TypedResults.Text(SubjectReportHtml.Write(report, Language.Of(http.Request)), "text/html; charset=utf-8")
            : TypedResults.Json(SubjectReportDocument.Of(report));
    }

    private static async Task<(string? IdentityCode, DateTimeOffset? UsageSince, string? Error)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, "The body must be JSON (Content-Type: application/json): {\"identityCode\": \"…\"}.");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return (null, null, $"The body is larger than {MaxBodyBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("identityCode", out var code) || code.ValueKind != JsonValueKind.String)
            {
                return (null, null, "The body must be an object with the member \"identityCode\", a string.");
            }

            DateTimeOffset? since = null;
            if (root.TryGetProperty("usageSince", out var sinceElement) && sinceElement.ValueKind != JsonValueKind.Null)
            {
                if (sinceElement.ValueKind != JsonValueKind.String || !sinceElement.TryGetDateTimeOffset(out var parsed))
                {
                    return (null, null, "\"usageSince\" must be a time in ISO 8601 with its offset, e.g. 2025-01-01T00:00:00Z.");
                }

                since = parsed;
            }

            return (code.GetString()!.Trim(), since, null);
        }
        catch (JsonException)
        {
            // The parser's message may quote the text around the error, which may be the code.
            return (null, null, "The body is not valid JSON.");
        }
    }

    private static IResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The subject request cannot be answered as asked", detail: detail);
}

/// <summary>The body of <c>POST /api/v1/subject-requests</c>.</summary>
/// <param name="IdentityCode">The person's identity code (henkilötunnus); never stored or logged.</param>
/// <param name="UsageSince">Start of the usage log; default two years back.</param>
internal sealed record SubjectRequestBody(string IdentityCode, DateTimeOffset? UsageSince);
