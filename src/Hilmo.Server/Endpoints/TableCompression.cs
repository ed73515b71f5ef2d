using Microsoft.AspNetCore.ResponseCompression;

namespace Hilmo.Server.Endpoints;

/// <summary>
/// Brotli or gzip, as the caller's Accept-Encoding asks, for the statistics APIs' answers in the
/// text formats (JSON-stat and other JSON, CSV, PX): a year of a large table is megabytes of
/// repetitive text. XLSX is a zip already and is sent as it is.
/// </summary>
/// <remarks>
/// Only these paths: their answers are the public's tables (or a key holder's own figures), which
/// echo no secret of the request, so a compressed length betrays nothing (BREACH needs a secret
/// and the attacker's text in one compressed answer). Submissions, access and the web UI, which
/// carry keys, tokens and anti-forgery fields, are never compressed.
/// </remarks>
internal static class TableCompression
{
    private static readonly string[] Paths = ["/api/v1/statistics", PxWeb.PxWebEndpoints.Prefix, SotkanetEndpoints.Prefix];

    /// <summary>JSON-stat and the other JSON answers, CSV, and PX (served as octet-stream).</summary>
    private static readonly string[] MediaTypes = ["application/json", "text/csv", "application/octet-stream"];

    public static void Add(IServiceCollection services) => services.AddResponseCompression(compression =>
    {
        compression.EnableForHttps = true;
        // Brotli first: of two codings the caller accepts equally, the first listed is used.
        compression.Providers.Add<BrotliCompressionProvider>();
        compression.Providers.Add<GzipCompressionProvider>();
        compression.MimeTypes = MediaTypes;
    });

    public static void Use(IApplicationBuilder app) =>
        app.UseWhen(http => Applies(http.Request), tables => tables.UseResponseCompression());

    /// <summary>Whether an answer of <paramref name="contentType"/> to <paramref name="request"/> may come compressed.</summary>
    public static bool Applies(HttpRequest request, string contentType) =>
        Applies(request) && MediaTypes.Any(media => contentType.Split(';')[0].Trim().Equals(media, StringComparison.OrdinalIgnoreCase));

    private static bool Applies(HttpRequest request) => Paths.Any(path => request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase));
}
