using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hilmo.Server.Endpoints;

/// <summary>
/// <c>/healthz</c> as a JSON status a monitor can read (<c>{"status":"Degraded","checks":{"store":…}}</c>),
/// never cached, and outside the rate limit, so that a busy or attacked server still tells its state.
/// </summary>
internal static class HealthAnswer
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteAsync })
            .AllowAnonymous()
            .DisableRateLimiting()
            .RequireCors(StatisticsCors.Policy);

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return JsonSerializer.SerializeAsync(http.Response.Body, new HealthStatus(
            report.Status.ToString(),
            report.Entries.ToDictionary(e => e.Key, e => new CheckStatus(e.Value.Status.ToString(), e.Value.Description))),
            HealthJson.Default.HealthStatus, http.RequestAborted);
    }
}

internal sealed record HealthStatus(string Status, IReadOnlyDictionary<string, CheckStatus> Checks);

internal sealed record CheckStatus(string Status, string? Description);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(HealthStatus))]
internal sealed partial class HealthJson : System.Text.Json.Serialization.JsonSerializerContext;
