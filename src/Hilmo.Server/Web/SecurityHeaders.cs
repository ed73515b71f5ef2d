namespace Hilmo.Server.Web;

/// <summary>
/// Headers on every answer that make the pages hard to misuse from elsewhere: no framing, no
/// script or style but the register's own files (no inline code at all), no sniffing, no
/// referrer, and HSTS when served over HTTPS.
/// </summary>
/// <remarks>
/// Error answers too: the exception handler clears the headers before it writes a 500 (and the
/// 400 or 413 of a body that cannot be read), so the headers are set again just before the
/// answer's headers go out, whatever was done to them on the way.
/// </remarks>
internal static class SecurityHeaders
{
    public const string PagePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>The API's browsable page (Swagger UI, not ours) needs inline styles and scripts: it gets only the framing rule.</summary>
    public const string ApiExplorerPolicy = "frame-ancestors 'none'";

    public static Task Apply(HttpContext http, Func<Task> next)
    {
        Set(http);
        http.Response.OnStarting(static state =>
        {
            Set((HttpContext)state);
            return Task.CompletedTask;
        }, http);
        return next();
    }

    private static void Set(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        var path = http.Request.Path;
        headers.ContentSecurityPolicy = path.StartsWithSegments("/api") && !path.StartsWithSegments("/api/v1")
            ? ApiExplorerPolicy
            : PagePolicy;
        if (http.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        }
    }
}
