using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Hilmo.Server.Access;

/// <summary>
/// Requests per minute per access key (per address for anonymous callers), as a token bucket so a
/// burst is allowed and the rate is kept on average. A refused request is answered 429 with
/// Retry-After and a ProblemDetails body.
/// </summary>
internal static class RateLimits
{
    public static void Configure(RateLimiterOptions limiter, ServerOptions options)
    {
        var perMinute = Math.Max(1, options.RequestsPerMinute);
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            var caller = Caller.Of(http);
            var partition = caller.KeyId is { } key ? $"key:{key}" : $"address:{caller.From}";
            return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = perMinute,
                TokensPerPeriod = Math.Max(1, perMinute / 60),
                ReplenishmentPeriod = TimeSpan.FromSeconds(perMinute >= 60 ? 1 : 60.0 / perMinute),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = async (context, cancellationToken) =>
        {
            var http = context.HttpContext;
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails =
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many requests",
                    Detail = string.Create(CultureInfo.InvariantCulture, $"This key may make {perMinute} requests a minute; try again in {seconds} s."),
                },
            }).ConfigureAwait(false);
        };
    }
}
