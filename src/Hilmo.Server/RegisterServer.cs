using Hilmo.Server.Access;
using Hilmo.Server.Endpoints;
using Hilmo.Server.Reports;
using Hilmo.Server.Telemetry;
using Hilmo.Server.Web;
using Microsoft.AspNetCore.Authentication;

namespace Hilmo.Server;

/// <summary>
/// The register as an HTTP service. Read top to bottom, this is the table of contents: what the
/// server is made of, then the order a request passes through it, then its endpoints by area.
/// </summary>
public static class RegisterServer
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(RegisterServices register, ServerOptions? options = null, string? urls = null, string[]? args = null)
    {
        options ??= ServerOptions.Default;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args ?? [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(urls ?? DefaultUrl);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes;
        });

        builder.Services.AddSingleton(register);
        builder.Services.AddSingleton(register.Keys);
        builder.Services.AddSingleton(register.Time);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<SubmissionHandler>();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<StoreFaultAnswers>();
        builder.Services.AddSingleton<ReportLimiter>();
        builder.Services.AddSingleton<ReportRunner>();
        builder.Services.AddExceptionHandler<ReportsBusyProblems>();
        builder.Services.AddAuthentication(AccessKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, AccessKeyAuthentication>(AccessKeyAuthentication.SchemeName, null);
        builder.Services.AddAuthorization(Policies.Add);
        RefusalAudit.AddServices(builder.Services, register);
        builder.Services.AddRateLimiter(limiter => RateLimits.Configure(limiter, options));
        builder.Services.AddOpenApi(OpenApiConventions.Add);
        // Numbers are numbers: the API reads and documents them as JSON numbers only, never as strings.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);
        builder.Services.AddWebUi();
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        builder.Services.AddCors(StatisticsCors.Add);
        TableCompression.Add(builder.Services);
        builder.AddRegisterTelemetry();

        var app = builder.Build();
        // First, so that every answer carries them, the exception handler's and status pages' too.
        app.Use(SecurityHeaders.Apply);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Only the statistics APIs' tables are compressed: they hold no secret a compressed length could betray (BREACH).
        TableCompression.Use(app);
        app.UseCors();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();

        NotificationEndpoints.Map(app);
        SubmissionEndpoints.Map(app);
        RecordHistoryEndpoints.Map(app);
        SignalsEndpoints.Map(app);
        SubjectRequestEndpoints.Map(app);
        CodeEndpoints.Map(app);
        StatisticsEndpoints.Map(app);
        SotkanetEndpoints.Map(app);
        PxWeb.PxWebEndpoints.Map(app);
        app.MapWebUi();
        HealthAnswer.Map(app);
        app.MapOpenApi().AllowAnonymous();
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = "api";
            ui.SwaggerEndpoint("/openapi/v1.json", "Hilmo register API v1");
            ui.DocumentTitle = "Hilmo register API";
        });
        return app;
    }
}
