using System.Security.Claims;
using Hilmo.Access;
using Hilmo.Server.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Hilmo.Server.Web.Shared;

/// <summary>
/// Signing in to the pages: a person pastes their organisation's access key once, the register
/// checks it as it checks a bearer key, and answers with a session cookie (HttpOnly, SameSite
/// Strict, Secure on HTTPS) carrying the key's id, organisation and role. The key itself is never
/// kept in the cookie, and every request checks that the key has not been revoked since.
/// </summary>
internal static class WebSignIn
{
    public const string Scheme = "HilmoWeb";

    public const string CookieName = "hilmo-session";

    /// <summary>Anyone, signed in or not; the cookie is read so that pages know who is there.</summary>
    public const string VisitorPolicy = "WebVisitor";

    /// <summary>A provider (submitter key): the portal and the form, on its own data only.</summary>
    public const string ProviderPolicy = "WebProvider";

    /// <summary>A supervisor or a register keeper: aggregates of every provider.</summary>
    public const string SupervisorPolicy = "WebSupervisor";

    public static AuthenticationBuilder AddWebSignIn(this AuthenticationBuilder authentication)
    {
        authentication.Services.AddAuthorizationBuilder()
            .AddPolicy(VisitorPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireAssertion(_ => true))
            .AddPolicy(ProviderPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireRole(nameof(Role.Submitter)))
            .AddPolicy(SupervisorPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireRole(nameof(Role.Supervisor), nameof(Role.Register)));
        return authentication.AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/sign-in";
            cookie.AccessDeniedPath = "/sign-in";
            cookie.ReturnUrlParameter = "returnUrl";
            cookie.Events.OnValidatePrincipal = RejectRevokedKeys;
        });
    }

    public static ClaimsPrincipal PrincipalOf(AccessKey key) => new(new ClaimsIdentity(
        [
            new Claim(Caller.KeyIdClaim, key.Id),
            new Claim(Caller.OrganisationClaim, key.Organisation),
            new Claim(ClaimTypes.Role, key.Role.ToString()),
        ],
        Scheme));

    /// <summary>A key revoked after sign-in ends the session at the next request, as it would stop the API at once.</summary>
    private static async Task RejectRevokedKeys(CookieValidatePrincipalContext context)
    {
        var keyId = context.Principal?.FindFirstValue(Caller.KeyIdClaim);
        var keys = context.HttpContext.RequestServices.GetRequiredService<IAccessKeys>();
        if (keyId is null || !keys.List().Any(k => k.Id == keyId && k.RevokedAt is null))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme).ConfigureAwait(false);
        }
    }
}
