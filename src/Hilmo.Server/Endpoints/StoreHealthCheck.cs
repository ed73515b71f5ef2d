using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hilmo.Server.Endpoints;

/// <summary><c>/healthz</c> is healthy when the store answers a query.</summary>
internal sealed class StoreHealthCheck(RegisterServices register) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await register.Store.GetSubmissionAsync(0, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The store answers.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The store does not answer.");
        }
    }
}
