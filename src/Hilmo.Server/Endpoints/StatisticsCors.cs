using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Hilmo.Server.Endpoints;

/// <summary>
/// Cross-origin reading of the open data: any web page may fetch the published tables, the code
/// lists and the health status with GET or HEAD (a dashboard, a newsroom's chart). No credentials
/// are shared across origins, so a page elsewhere never reads what a signed-in user may see.
/// </summary>
internal static class StatisticsCors
{
    public const string Policy = "open-data";

    public static IReadOnlyList<string> Methods { get; } = [HttpMethods.Get, HttpMethods.Head];

    public static void Add(CorsOptions cors) => cors.AddPolicy(Policy, policy => policy
        .AllowAnyOrigin()
        .WithMethods([.. Methods])
        .WithHeaders("Accept", "Accept-Language", "If-None-Match", "If-Modified-Since")
        .WithExposedHeaders("ETag", "Last-Modified", "Content-Language", "Content-Disposition", "Retry-After")
        .SetPreflightMaxAge(TimeSpan.FromHours(1)));
}
