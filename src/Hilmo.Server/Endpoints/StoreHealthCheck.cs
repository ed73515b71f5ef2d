using Hilmo.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hilmo.Server.Endpoints;

/// <summary>
/// <c>/healthz</c> says what the store says of itself (<see cref="IRegisterStore.CheckHealthAsync"/>):
/// Healthy when it reads and its last write succeeded, or room is back after a full disk;
/// Degraded (200) while it reads but writes fail (out of space, out of memory); Unhealthy (503)
/// while it does not answer (the database is down, or must be reopened and cannot be yet).
/// </summary>
internal sealed class StoreHealthCheck(RegisterServices register) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        StoreHealth health;
        try
        {
            health = await register.Store.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The store does not answer.");
        }

        return health.Status switch
        {
            StoreHealthStatus.Healthy => HealthCheckResult.Healthy(health.Description),
            StoreHealthStatus.Degraded => HealthCheckResult.Degraded(health.Description),
            _ => HealthCheckResult.Unhealthy(health.Description),
        };
    }
}
