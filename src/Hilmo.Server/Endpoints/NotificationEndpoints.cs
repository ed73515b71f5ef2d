using System.Diagnostics;
using Hilmo.Access;
using Hilmo.Audit;
using Hilmo.Formats;
using Hilmo.Ingest;
using Hilmo.Server.Access;
using Hilmo.Server.Submissions;
using Hilmo.Server.Telemetry;
using Hilmo.Storage;
using Hilmo.Validation;

namespace Hilmo.Server.Endpoints;

/// <summary>
/// <c>POST /api/v1/notifications</c> stores a submission; <c>POST /api/v1/notifications/validate</c>
/// makes every check and stores nothing (the submitters' test service). The body is streamed
/// through the ingest pipeline, never read whole. A stored submission is all or nothing: a 200
/// answer means every accepted record is durable; a body that cannot be read to its end stores
/// none of its records.
/// </summary>
internal static class NotificationEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var notifications = routes.MapGroup("/api/v1/notifications")
            .WithTags("Notifications")
            .RequireAuthorization(Policies.Submit)
            .DisableAntiforgery();

        AcceptsSubmissions(notifications.MapPost("/", (HttpContext http, SubmissionHandler handler) => handler.HandleAsync(http, store: true)))
            .WithName("Submit")
            .WithSummary("Submit AvoHILMO service events (JSON, NDJSON or XML by Content-Type; Content-Encoding gzip, deflate or br allowed)")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        AcceptsSubmissions(notifications.MapPost("/validate", (HttpContext http, SubmissionHandler handler) => handler.HandleAsync(http, store: false)))
            .WithName("Validate")
            .WithSummary("Check service events exactly as a submission would be checked; nothing is stored");
    }

    /// <summary>What both endpoints read and answer, for the OpenAPI document (and the 415 of a body of another type or content coding).</summary>
    private static RouteHandlerBuilder AcceptsSubmissions(RouteHandlerBuilder endpoint) => endpoint
        .Accepts<object>(false, SubmissionMediaTypes.Accepted[0], SubmissionMediaTypes.Accepted[1..])
        .Produces<SubmissionFeedbackSchema>(StatusCodes.Status200OK, "application/json")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
        .ProducesProblem(StatusCodes.Status507InsufficientStorage);
}

/// <summary>Runs one submission from a request body to its answer, audit entry, log line and metrics.</summary>
internal sealed class SubmissionHandler(
    RegisterServices register,
    ServerOptions options,
    RegisterMetrics metrics,
    ILogger<SubmissionHandler> logger)
{
    public async Task<IResult> HandleAsync(HttpContext http, bool store)
    {
        var caller = Caller.Of(http);
        var clock = Stopwatch.StartNew();
        if (SubmissionMediaTypes.FormatOf(http.Request.ContentType) is not { } format)
        {
            return Problems.UnsupportedMediaType(http.Request.ContentType);
        }

        // Only the codings the register can check to their end: anything else is refused before a byte is read.
        if (!ContentCodings.TryParse(http.Request.Headers.ContentEncoding, out var coding))
        {
            return Problems.UnsupportedEncoding(http.Request.Headers.ContentEncoding.ToString());
        }

        if (http.Request.ContentLength > options.MaxRequestBytes)
        {
            return Problems.TooLarge(options.MaxRequestBytes);
        }

        var language = Language.Of(http.Request);
        var pipeline = PipelineFor(caller);
        var findings = new FindingList(options.FindingsInAnswer);

        await using var writer = store
            ? await register.Store.BeginSubmissionAsync(new SubmissionInfo($"http key:{caller.KeyId}", format.Name(), caller.Organisation), http.RequestAborted).ConfigureAwait(false)
            : null;
        // An NDJSON line that is not UTF-8 is one bad record (FMT-013), as in a file; a JSON or XML
        // document that is not UTF-8 is malformed as a whole.
        var decoded = coding is null ? http.Request.Body : ContentCodings.Decode(http.Request.Body, coding);
        var body = format == SubmissionFormat.Ndjson ? decoded : new Utf8CheckedStream(decoded);
        IngestResult result;
        try
        {
            result = await pipeline.RunAsync(body, format, writer, findings, cancellationToken: http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (Problems.Cause<InvalidUtf8Exception>(exception) is { } invalid)
        {
            var finding = Finding.ForSubmission(FindingCatalogue.InvalidEncoding, new TextPosition(0, 0, invalid.ByteOffset));
            await RefuseAsync(caller, writer, finding, invalid.Message, http.RequestAborted).ConfigureAwait(false);
            return Problems.Unreadable(finding, writer?.SubmissionId, language, StatusCodes.Status400BadRequest, invalid.ByteOffset);
        }
        catch (Exception exception) when (Problems.Cause<BadHttpRequestException>(exception) is { } bad)
        {
            var finding = Finding.ForSubmission(FindingCatalogue.SubmissionTooLarge, null, options.MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await RefuseAsync(caller, writer, finding, bad.Message, CancellationToken.None).ConfigureAwait(false);
            return bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? Problems.TooLarge(options.MaxRequestBytes)
                : TypedResults.Problem(bad.Message, statusCode: bad.StatusCode);
        }
        catch (Exception exception) when (StoreFaultAnswers.ReasonOf(exception) is { } reason)
        {
            // Answered by StoreFaultAnswers, as every endpoint's; here only logged and audited.
            Log.SubmissionFailed(logger, writer?.SubmissionId, caller.Actor, reason.ToString(), exception);
            await AuditFailureAsync(caller, writer, $"failed: the store is unavailable ({reason}); nothing stored").ConfigureAwait(false);
            throw;
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            Log.SubmissionAbandoned(logger, writer?.SubmissionId, caller.Actor);
            if (writer is not null)
            {
                await register.Audit.AppendAsync(SubmissionEvent(caller, writer.SubmissionId, "failed: the client closed the connection; nothing stored"), CancellationToken.None).ConfigureAwait(false);
            }

            return TypedResults.Empty;
        }

        clock.Stop();
        metrics.Record(format.Name(), store, result.Counts, clock.Elapsed);
        var counts = result.Counts;
        if (result.SubmissionError is { Severity: Severity.Error } error)
        {
            Log.SubmissionRefused(logger, result.SubmissionId, caller.Actor, error.Code, error.Message());
            if (writer is not null)
            {
                await register.Audit.AppendAsync(SubmissionEvent(caller, writer.SubmissionId, $"rejected: {error.Code}; nothing stored"), http.RequestAborted).ConfigureAwait(false);
            }

            var status = error.Code == FindingCatalogue.SubmissionTooLarge.Code ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
            return Problems.Unreadable(error, result.SubmissionId, language, status, error.Position?.ByteOffset);
        }

        Log.SubmissionStored(logger, result.SubmissionId, caller.Actor, format.Name(), counts.Received, counts.Accepted, counts.Rejected, counts.Duplicates, clock.ElapsedMilliseconds);
        if (writer is not null)
        {
            await register.Audit.AppendAsync(SubmissionEvent(caller, writer.SubmissionId,
                $"ok: {counts}"), http.RequestAborted).ConfigureAwait(false);
        }

        return new SubmissionAnswer(result.SubmissionId, counts, findings.Findings, findings.Truncated, language);
    }

    /// <summary>
    /// The checks and storing every submission of <paramref name="caller"/> goes through, from a
    /// system or from the web form alike: all or nothing, and a provider's records only its own.
    /// </summary>
    public IngestPipeline PipelineFor(Caller caller) => new(
        new NotificationValidator(register.Codes, register.Time, ValidationOptions.Default with
        {
            OnlyProvider = caller.Role == Role.Submitter ? caller.Organisation : null,
        }),
        register.Pseudonymiser,
        new IngestOptions
        {
            Atomic = true,
            Limits = SubmissionLimits.Default with { MaxSubmissionBytes = options.MaxRequestBytes },
        });

    /// <summary>Counts a submission in the register's metrics, whichever way it came.</summary>
    public void Measure(SubmissionFormat format, bool stored, SubmissionCounts counts, TimeSpan elapsed) =>
        metrics.Record(format.Name(), stored, counts, elapsed);

    /// <summary>Keeps the reason a body was refused with its submission, so the feedback can be read again; none of its records was stored.</summary>
    private async Task RefuseAsync(Caller caller, ISubmissionWriter? writer, Finding finding, string problem, CancellationToken cancellationToken)
    {
        Log.SubmissionRefused(logger, writer?.SubmissionId, caller.Actor, finding.Code, problem);
        if (writer is null)
        {
            return;
        }

        await writer.AddFindingsAsync([finding], cancellationToken).ConfigureAwait(false);
        await writer.CompleteAsync(new SubmissionCounts(0, 0, 0, 0), cancellationToken).ConfigureAwait(false);
        await register.Audit.AppendAsync(SubmissionEvent(caller, writer.SubmissionId, $"rejected: {finding.Code}; nothing stored"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Audits a submission the store failed; the log may sit on the same full disk, so a failure here is logged, not thrown over the store's.</summary>
    private async Task AuditFailureAsync(Caller caller, ISubmissionWriter? writer, string result)
    {
        if (writer is null)
        {
            return;
        }

        try
        {
            await register.Audit.AppendAsync(SubmissionEvent(caller, writer.SubmissionId, result), CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            Log.FailureNotAudited(logger, writer.SubmissionId, exception);
        }
    }

    private static AuditEvent SubmissionEvent(Caller caller, long submissionId, string result) =>
        new(caller.Actor, "submission.create", $"submission/{submissionId}", AuditReasons.Notification, caller.From, result);
}
