using Hilmo.Access;
using Hilmo.Audit;
using Hilmo.Server.Access;
using Hilmo.Server.Web.Shared;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Hilmo.Server.Web.SignIn;

/// <summary>
/// <c>/sign-in</c> and <c>/sign-out</c>: a person signs in with their organisation's access key,
/// checked exactly as the API checks a bearer key; every sign-in, and every refused one, is audited.
/// </summary>
internal static class SignInEndpoints
{
    public static void Map(IEndpointRouteBuilder web)
    {
        web.MapGet("/sign-in", (HttpContext http, string? returnUrl) =>
            new RazorComponentResult<SignInPage>(new { Page = WebPage.For(http), ReturnUrl = LocalOnly(returnUrl), Refused = false }));
        web.MapPost("/sign-in", SignInAsync);
        // Cast, because a handler taking only the HttpContext would otherwise be read as a bare
        // RequestDelegate and its redirect thrown away.
        web.MapPost("/sign-out", (Delegate)SignOutAsync)
            .WithMetadata(new RequireAntiforgeryTokenAttribute());
    }

    private static async Task<IResult> SignInAsync(HttpContext http, [FromForm] string? key, [FromForm] string? returnUrl,
        IAccessKeys keys, RegisterServices register, ILogger<SignInPage> logger)
    {
        var from = Caller.Of(http).From;
        if (string.IsNullOrWhiteSpace(key) || keys.Authenticate(key.Trim()) is not { } found || found.Role == Role.Researcher)
        {
            // Which of these it was is not said: a guesser learns nothing from the answer. Nor
            // is anything of what was typed written down. Repeated refusals from one address are
            // counted into one summary entry a window (RefusalAggregator), so they cannot fill the log.
            await RefusalAudit.AppendAsync(http, new AuditEvent("anonymous", "web.sign-in", "web", "sign-in to the register's web pages", from, "denied: not a key with a web view"),
                logger).ConfigureAwait(false);
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return new RazorComponentResult<SignInPage>(new { Page = WebPage.For(http), ReturnUrl = LocalOnly(returnUrl), Refused = true });
        }

        var principal = WebSignIn.PrincipalOf(found);
        await http.SignInAsync(WebSignIn.Scheme, principal).ConfigureAwait(false);
        var caller = new Caller(found.Id, found.Organisation, found.Role, from);
        await register.Audit.AppendAsync(new AuditEvent(caller.Actor, "web.sign-in", "web", "sign-in to the register's web pages", from, "ok"), http.RequestAborted).ConfigureAwait(false);
        var home = found.Role == Role.Submitter ? "/portal" : "/supervision";
        return Results.Redirect(LocalOnly(returnUrl) ?? home);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(WebSignIn.Scheme).ConfigureAwait(false);
        return Results.Redirect("/");
    }

    /// <summary>Only a path on this site may be returned to, never another site (an open redirect): see <see cref="LocalUrl"/>.</summary>
    private static string? LocalOnly(string? url) => LocalUrl.OrNull(url);
}
