using System.Globalization;
using Hilmo.Server.Endpoints;
using Hilmo.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace Hilmo.Server.Reports;

/// <summary>
/// A report refused for load, by the limiter or by the store running out of memory or time for
/// it, is answered 503 with Retry-After and a problem document, from the API and the pages alike;
/// never 500.
/// </summary>
internal sealed class ReportsBusyProblems(ReportLimiter limiter, IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        TimeSpan retryAfter;
        string detail;
        if (Problems.Cause<ReportsBusyException>(exception) is { } busy)
        {
            retryAfter = busy.RetryAfter;
            detail = "Too many reports are being computed now.";
        }
        else if (Problems.Cause<ReportCapacityException>(exception) is { } capacity)
        {
            retryAfter = limiter.RetryAfter();
            detail = capacity.Message;
        }
        else
        {
            return false;
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var written = await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Reports are busy",
                Detail = string.Create(CultureInfo.InvariantCulture, $"{detail} Try again in {seconds} s; submissions are not affected."),
            },
        }).ConfigureAwait(false);
        if (!written)
        {
            await httpContext.Response.WriteAsync(detail, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
