using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Hilmo.Server.Telemetry;

/// <summary>
/// OpenTelemetry in one place: the register's metrics and ASP.NET Core's own, and traces of every
/// request. Exported over OTLP when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set;
/// otherwise collected for in-process listeners only.
/// </summary>
internal static class TelemetrySetup
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void AddRegisterTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RegisterMetrics>();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("hilmo"))
            .WithMetrics(metrics => metrics.AddMeter(RegisterMetrics.MeterName).AddAspNetCoreInstrumentation())
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation());
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(OtlpEndpointVariable)))
        {
            telemetry.UseOtlpExporter();
        }
    }
}
