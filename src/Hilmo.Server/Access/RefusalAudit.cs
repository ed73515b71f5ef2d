using System.Globalization;
using Hilmo.Audit;
using Hilmo.Server.Telemetry;
using Hilmo.Server.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Hilmo.Server.Access;

/// <summary>
/// Writes every request the access rules refuse to the audit log before it is answered: a 401
/// (no key, or a key that is unknown, malformed or revoked), a 403 (a key whose role may not do
/// this), and a page's redirect to the sign-in page (not signed in, or a role without that page).
/// Refusals an endpoint makes itself (another provider's figures) go through <see cref="AppendAsync(HttpContext, RegisterServices, ILogger, string)"/> too.
/// </summary>
/// <remarks>
/// The target is the endpoint's route with only its numeric values filled in
/// (<c>/api/v1/submissions/42</c>, <c>/api/v1/statistics/{name}</c>, <c>/portal</c>), never the path or query as
/// sent, nor anything of the Authorization header: whatever a caller puts there stays out of the
/// log. Refusals pass the rate limiter first, so an anonymous caller cannot make the log grow
/// faster than its address's requests a minute.
/// </remarks>
internal sealed class RefusalAudit(RegisterServices register, ILogger<RefusalAudit> logger) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged || authorizeResult.Forbidden)
        {
            var why = authorizeResult.Forbidden ? $"needs role {NeededRoles(policy)}"
                : string.IsNullOrEmpty(context.Request.Headers.Authorization) ? "no access key" : "the access key is not valid";
            var result = policy.AuthenticationSchemes.Contains(WebSignIn.Scheme)
                ? $"denied: {(authorizeResult.Forbidden ? why : "not signed in")}; sent to sign-in"
                : $"denied: {(authorizeResult.Forbidden ? 403 : 401)} {why}";
            await AppendAsync(context, register, logger, result).ConfigureAwait(false);
        }

        await standard.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }

    /// <summary>
    /// The services that audit refusals: this handler, and the <see cref="RefusalAggregator"/> that
    /// writes the first of each kind of refusal in a window in full and counts the rest into one
    /// summary, so that refused requests cannot fill the log; a background service writes the
    /// summaries of closed windows, and the rest are written when the server stops.
    /// </summary>
    public static void AddServices(IServiceCollection services, RegisterServices register)
    {
        services.AddSingleton(_ => new RefusalAggregator(register.Audit, register.Time, RefusalAggregator.DefaultWindow));
        services.AddHostedService<RefusalSummaryWriter>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, RefusalAudit>();
    }

    /// <summary>Logs and audits a refused request to the endpoint <paramref name="http"/> reached; <paramref name="result"/> starts with <c>denied:</c> and says why.</summary>
    public static async Task AppendAsync(HttpContext http, RegisterServices register, ILogger logger, string result)
    {
        _ = register;
        var caller = Caller.Of(http);
        var action = "http." + http.Request.Method.ToLowerInvariant();
        var target = Target(http);
        await AppendAsync(http, new AuditEvent(caller.Actor, action, target, AuditReasons.AccessControl, caller.From, result), logger).ConfigureAwait(false);
    }

    /// <summary>
    /// Audits a refusal through the <see cref="RefusalAggregator"/>: the first of its kind in a
    /// window is written (and logged) before the request is answered, the same again only counted.
    /// </summary>
    public static async Task AppendAsync(HttpContext http, AuditEvent refusal, ILogger logger)
    {
        // Not the request's token: the refusal is audited even when the client has gone.
        if (await http.RequestServices.GetRequiredService<RefusalAggregator>().AppendAsync(refusal, CancellationToken.None).ConfigureAwait(false))
        {
            Log.AccessDenied(logger, refusal.Actor, refusal.Action, refusal.Target);
        }
    }

    /// <summary>The route of the endpoint reached, with the values of its parameters that are plain numbers.</summary>
    internal static string Target(HttpContext http)
    {
        if (http.GetEndpoint() is not RouteEndpoint { RoutePattern: var pattern })
        {
            return "(no route)";
        }

        var text = "/" + (pattern.RawText ?? string.Empty).Trim('/');
        foreach (var parameter in pattern.Parameters)
        {
            if (http.Request.RouteValues.TryGetValue(parameter.Name, out var value)
                && Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 and <= 19 } number
                && !number.AsSpan().ContainsAnyExceptInRange('0', '9'))
            {
                var start = text.IndexOf("{" + parameter.Name, StringComparison.Ordinal);
                var end = start < 0 ? -1 : text.IndexOf('}', start);
                if (end > start)
                {
                    text = string.Concat(text.AsSpan(0, start), number, text.AsSpan(end + 1));
                }
            }
        }

        return text;
    }

    private static string NeededRoles(AuthorizationPolicy policy) =>
        string.Join(" or ", policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).Select(r => r.ToLowerInvariant()));
}
