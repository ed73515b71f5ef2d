using Hilmo.Access;
using Hilmo.Audit;
using Hilmo.Server.Access;
using Hilmo.Statistics.Signals.Alerts;
using Hilmo.Storage;

namespace Hilmo.Server.Endpoints;

/// <summary>
/// <c>GET /api/v1/signals?from=&amp;to=&amp;syndrome=&amp;county=&amp;method=&amp;asOf=&amp;format=json|csv</c>:
/// the stored epidemic-signal alerts (<c>hilmo signals run</c>) of the latest run, or of the run
/// as of a receipt time. Alerts name a county and a syndrome on a day, often of a handful of
/// visits, so only the register keepers and the supervising authority read them, audited; the
/// public's series is the protected weekly table of the <c>syndromes</c> report under
/// <c>/api/v1/statistics/syndromes</c>.
/// </summary>
internal static class SignalsEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/signals", GetAsync)
            .WithTags("Signals")
            .RequireAuthorization(Policies.ReadSignals)
            .WithName("GetSignals")
            .WithSummary("Stored epidemic-signal alerts: day or week, county, syndrome, method, observed, expected, threshold, score and the as-of time")
            .Produces<IReadOnlyList<SignalAlertOutput.AlertDocument>>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> GetAsync(HttpContext http, RegisterServices register,
        DateOnly? from = null, DateOnly? to = null, string? syndrome = null, string? county = null, string? method = null, DateTimeOffset? asOf = null, string? format = null)
    {
        SignalMethod? chosen = null;
        if (method is not null)
        {
            if (!SignalCodes.TryParseMethod(method, out var parsed))
            {
                return BadRequest($"method must be one of {string.Join(", ", SignalCodes.Methods.Select(m => m.Code()))}, not \"{method}\".");
            }

            chosen = parsed;
        }

        if (format is not (null or "json" or "csv"))
        {
            return BadRequest($"format must be json or csv, not \"{format}\".");
        }

        if (from > to)
        {
            return BadRequest($"from ({from:yyyy-MM-dd}) is after to ({to:yyyy-MM-dd}).");
        }

        var caller = Caller.Of(http);
        var alerts = await register.Store.ListSignalAlertsAsync(new SignalAlertQuery(from, to, syndrome, county, chosen, asOf), http.RequestAborted).ConfigureAwait(false);
        await register.Audit.AppendAsync(new AuditEvent(caller.Actor, "signals.read", "signals",
            caller.Role == Role.Supervisor ? AuditReasons.Supervision : AuditReasons.RegisterKeeping, caller.From, $"ok: {alerts.Count} alerts"), http.RequestAborted).ConfigureAwait(false);
        return format == "csv"
            ? TypedResults.Text(SignalAlertOutput.Csv(alerts), "text/csv; charset=utf-8")
            : TypedResults.Json(alerts.Select(SignalAlertOutput.Document).ToList());
    }

    private static IResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The signals cannot be listed as asked", detail: detail);
}
