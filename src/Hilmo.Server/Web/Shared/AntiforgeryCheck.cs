using Microsoft.AspNetCore.Antiforgery;

namespace Hilmo.Server.Web.Shared;

/// <summary>
/// Every post of the pages needs its antiforgery token, whatever the endpoint binds. ASP.NET
/// Core's antiforgery middleware only notes whether the token was valid; minimal API endpoints
/// refuse a bad one only when they bind form fields, so a post that binds none (sign-out) went
/// through without one. This filter refuses it for every endpoint of the pages: 400, nothing done.
/// </summary>
internal static class AntiforgeryCheck
{
    public static TBuilder RequireAntiforgeryOnPosts<TBuilder>(this TBuilder endpoints)
        where TBuilder : IEndpointConventionBuilder
    {
        endpoints.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
            {
                return await next(context).ConfigureAwait(false);
            }

            // The middleware's verdict when it judged this request, else the token is checked here.
            var valid = http.Features.Get<IAntiforgeryValidationFeature>() is { } judged ? judged.IsValid : await IsValidAsync(http).ConfigureAwait(false);
            return valid ? await next(context).ConfigureAwait(false) : Results.StatusCode(StatusCodes.Status400BadRequest);
        });
        return endpoints;
    }

    private static async Task<bool> IsValidAsync(HttpContext http)
    {
        try
        {
            return await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            // A form that cannot be read carries no token that could be read.
            return false;
        }
    }
}
