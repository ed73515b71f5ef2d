namespace Hilmo.Server.Endpoints;

/// <summary>The language of messages in an answer: <c>?lang=</c>, else the best of Accept-Language, else English.</summary>
internal static class Language
{
    private static readonly string[] Supported = ["fi", "sv", "en"];

    public static string Of(HttpRequest request)
    {
        if (request.Query["lang"].ToString() is { Length: > 0 } asked && Supported.Contains(asked, StringComparer.OrdinalIgnoreCase))
        {
            return asked.ToLowerInvariant();
        }

        var accepted = request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value?.Split('-')[0].ToLowerInvariant())
            .FirstOrDefault(l => l is not null && Supported.Contains(l));
        return accepted ?? "en";
    }
}
