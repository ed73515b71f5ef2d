using Hilmo.Server.Web.Form;
using Hilmo.Server.Web.Portal;
using Hilmo.Server.Web.Public;
using Hilmo.Server.Web.Shared;
using Hilmo.Server.Web.SignIn;
using Hilmo.Server.Web.Supervision;

namespace Hilmo.Server.Web;

/// <summary>
/// The web pages: server-rendered Razor components, readable without JavaScript, in Finnish,
/// Swedish and English. They read through the same services as the API: published tables for
/// everyone, a provider's own data for that provider, aggregates for supervisors.
/// </summary>
internal static class WebUi
{
    public static void AddWebUi(this IServiceCollection services)
    {
        services.AddRazorComponents();
        // Finnish and Swedish letters are written as themselves, not as character references.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(encoder =>
            encoder.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "hilmo-csrf";
            antiforgery.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            // The security headers forbid framing altogether (frame-ancestors 'none', X-Frame-Options DENY).
            antiforgery.SuppressXFrameOptionsHeader = true;
        });
        services.AddAuthentication().AddWebSignIn();
    }

    public static void MapWebUi(this IEndpointRouteBuilder routes)
    {
        WebAssets.Map(routes);

        // Every page is read with the sign-in cookie (and only with it: the API's bearer keys do
        // not open pages, and the cookie does not open the API, so no API call can be forged from
        // another site with it).
        // Every post of the pages needs its antiforgery token (AntiforgeryCheck).
        var visitor = routes.MapGroup("").RequireAuthorization(WebSignIn.VisitorPolicy).ExcludeFromDescription().RequireAntiforgeryOnPosts();
        PublicEndpoints.Map(visitor);
        IndicatorEndpoints.Map(visitor);
        SignInEndpoints.Map(visitor);

        PortalEndpoints.Map(routes.MapGroup("/portal").RequireAuthorization(WebSignIn.ProviderPolicy).ExcludeFromDescription().RequireAntiforgeryOnPosts());
        FormEndpoints.Map(routes.MapGroup("/form").RequireAuthorization(WebSignIn.ProviderPolicy).ExcludeFromDescription().RequireAntiforgeryOnPosts());
        SupervisionEndpoints.Map(routes.MapGroup("/supervision").RequireAuthorization(WebSignIn.SupervisorPolicy).ExcludeFromDescription().RequireAntiforgeryOnPosts());
    }
}
