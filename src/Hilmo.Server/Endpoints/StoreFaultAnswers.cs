using System.Globalization;
using Hilmo.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace Hilmo.Server.Endpoints;

/// <summary>
/// The one mapping from the store's failures to answers, for every endpoint and page: a store out
/// of disk space answers 507 Insufficient Storage, one that cannot be reached or is out of memory
/// 503 Service Unavailable, both as a problem document with <c>Retry-After</c>, never 500. A full
/// disk met outside the store (the audit log beside it) is the same 507. Nothing of the failed
/// request was stored: a submission is one unit, all or nothing.
/// </summary>
internal sealed class StoreFaultAnswers(IProblemDetailsService problems, ILogger<StoreFaultAnswers> logger) : IExceptionHandler
{
    /// <summary>errno ENOSPC, the <c>HResult</c> of an <see cref="IOException"/> for a full disk on Unix.</summary>
    private const int NoSpace = 28;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (ReasonOf(exception) is not { } reason || httpContext.Response.HasStarted)
        {
            return false;
        }

        Telemetry.Log.StoreUnavailable(logger, reason.ToString(), httpContext.Request.Path);
        var (status, retryAfter) = Answer(reason);
        httpContext.Response.StatusCode = status;
        httpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = status == StatusCodes.Status507InsufficientStorage ? "Insufficient storage" : "Service unavailable",
                Detail = $"{StoreUnavailableException.Describe(reason)} Nothing of this request was stored; try again later.",
                Extensions = { ["reason"] = Wire(reason), ["stored"] = 0, ["retryAfter"] = retryAfter },
            },
        }).ConfigureAwait(false);
    }

    /// <summary>The store's failure <paramref name="exception"/> comes from, however wrapped; null for any other error.</summary>
    public static StoreUnavailableReason? ReasonOf(Exception exception) =>
        Problems.Cause<StoreUnavailableException>(exception)?.Reason
        ?? (Problems.Cause<IOException>(exception) is { HResult: NoSpace } ? StoreUnavailableReason.OutOfSpace : null);

    /// <summary>The status and seconds to wait: room and memory take an operator, a server restart less.</summary>
    private static (int Status, int RetryAfterSeconds) Answer(StoreUnavailableReason reason) => reason switch
    {
        StoreUnavailableReason.OutOfSpace => (StatusCodes.Status507InsufficientStorage, 300),
        StoreUnavailableReason.OutOfMemory => (StatusCodes.Status503ServiceUnavailable, 60),
        _ => (StatusCodes.Status503ServiceUnavailable, 30),
    };

    private static string Wire(StoreUnavailableReason reason) => reason switch
    {
        StoreUnavailableReason.OutOfSpace => "out-of-space",
        StoreUnavailableReason.OutOfMemory => "out-of-memory",
        _ => "unreachable",
    };
}
