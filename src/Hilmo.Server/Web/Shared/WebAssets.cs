namespace Hilmo.Server.Web.Shared;

/// <summary>
/// The stylesheet and the form's code-search script, embedded in the assembly and served under
/// <c>/web/assets/</c>, so that the content security policy can forbid every inline style and script.
/// </summary>
internal static class WebAssets
{
    private static readonly Dictionary<string, (byte[] Content, string ContentType)> Files = Load();

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/web/assets/{name}", (string name, HttpContext http) =>
        {
            if (!Files.TryGetValue(name, out var file))
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(file.Content, file.ContentType);
        }).AllowAnonymous().ExcludeFromDescription();

    private static Dictionary<string, (byte[], string)> Load()
    {
        const string prefix = "Hilmo.Server.Web.Assets.";
        var assembly = typeof(WebAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[prefix.Length..];
            files[name] = (copy.ToArray(), Path.GetExtension(name) switch
            {
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                _ => "application/octet-stream",
            });
        }

        return files;
    }
}
