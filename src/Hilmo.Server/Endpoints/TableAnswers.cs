using System.Security.Cryptography;
using Hilmo.Server.Reports;
using Hilmo.Statistics.Outputs;
using Microsoft.Net.Http.Headers;

namespace Hilmo.Server.Endpoints;

/// <summary>
/// The HTTP conventions of a statistics table, as open-data clients and caches expect them: an
/// entity tag of the bytes and the data's last update, conditional requests answered 304, a cache
/// lifetime for published figures and none for anyone's own, the language of the labels, and
/// files offered as downloads.
/// </summary>
internal static class TableAnswers
{
    /// <summary>For OpenAPI: a table's 200 in each format the tables are written in, and the 304 of a current copy.</summary>
    public static RouteHandlerBuilder ProducesTable(this RouteHandlerBuilder route) => route
        .Produces(StatusCodes.Status200OK, responseType: typeof(Stream), contentType: StatisticsFormats.ContentTypeOf(StatisticsFormat.JsonStat),
            StatisticsFormats.ContentTypeOf(StatisticsFormat.Csv), StatisticsFormats.ContentTypeOf(StatisticsFormat.Px), StatisticsFormats.ContentTypeOf(StatisticsFormat.Xlsx))
        .Produces(StatusCodes.Status304NotModified);

    /// <summary>How long a cache may keep a published table: a release's figures are fixed, the latest release may be replaced.</summary>
    public static readonly TimeSpan PublishedLifetime = TimeSpan.FromMinutes(5);

    /// <summary>The query parameters the table call takes; any other is a mistake the caller should hear of.</summary>
    public static readonly string[] Parameters = ["from", "to", "by", "format", "lang", "asOf", "release", "provider"];

    /// <summary>The first query parameter not in <paramref name="known"/>, or null.</summary>
    public static string? UnknownParameter(HttpRequest request, IReadOnlyCollection<string> known) =>
        request.Query.Keys.FirstOrDefault(key => !known.Contains(key, StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// The labels' language: <c>lang=</c> (fi, sv or en; anything else is refused), else the best of
    /// Accept-Language, else Finnish, the language of the register's publications.
    /// </summary>
    public static bool TryLanguage(HttpRequest request, string? lang, out string language)
    {
        if (lang is not null)
        {
            language = lang.Trim().ToLowerInvariant();
            return language is "fi" or "sv" or "en";
        }

        language = request.GetTypedHeaders().AcceptLanguage
            .Where(l => (l.Quality ?? 1) > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value?.Split('-')[0].ToLowerInvariant())
            .FirstOrDefault(l => l is "fi" or "sv" or "en") ?? "fi";
        return true;
    }

    /// <summary>The format: <c>format=</c>, else the first of Accept that names one (text/csv, xlsx), else JSON-stat.</summary>
    public static bool TryFormat(HttpRequest request, string? format, out StatisticsFormat chosen)
    {
        if (format is not null)
        {
            return StatisticsFormats.TryParse(format, out chosen);
        }

        chosen = StatisticsFormat.JsonStat;
        foreach (var accepted in request.GetTypedHeaders().Accept.Where(a => (a.Quality ?? 1) > 0).OrderByDescending(a => a.Quality ?? 1))
        {
            var media = accepted.MediaType.Value;
            if (string.Equals(media, "text/csv", StringComparison.OrdinalIgnoreCase))
            {
                chosen = StatisticsFormat.Csv;
                return true;
            }

            if (string.Equals(media, StatisticsFormats.ContentTypeOf(StatisticsFormat.Xlsx), StringComparison.OrdinalIgnoreCase))
            {
                chosen = StatisticsFormat.Xlsx;
                return true;
            }

            if (media is "application/json" or "*/*" or "application/*")
            {
                return true;
            }
        }

        return true;
    }

    /// <summary>
    /// Sets the headers of <paramref name="answer"/> and answers it, or 304 when the caller's copy
    /// is current (If-None-Match first, If-Modified-Since only without it, as RFC 9110 orders them).
    /// </summary>
    public static IResult Send(HttpContext http, TableAnswer answer, StatisticsFormat format, string language, string fileName, bool published) =>

        // JSON-stat is read by programs in place; the files are documents to save.
        Send(http, answer, StatisticsFormats.ContentTypeOf(format), language, format == StatisticsFormat.JsonStat ? null : fileName, published, inlineName: fileName);

    /// <summary>
    /// The same for an answer of any media type: a download when <paramref name="fileName"/> is
    /// given, else read in place (named <paramref name="inlineName"/> if any).
    /// </summary>
    public static IResult Send(HttpContext http, TableAnswer answer, string contentType, string language, string? fileName, bool published, string? inlineName = null)
    {
        // An answer that may come compressed has as many representations as codings, one tag of
        // the content for all of them: so the tag is weak (RFC 9110 §8.8.1: the same content,
        // not the same bytes), as a 304 to any of them is right, and caches key on Accept-Encoding.
        var compressible = TableCompression.Applies(http.Request, contentType);
        var tag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(answer.Bytes).AsSpan(0, 16)) + "\"", isWeak: compressible);
        var lastModified = TruncateToSeconds(answer.Updated);
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = tag;
        headers.LastModified = lastModified;
        headers.CacheControl = published
            ? new CacheControlHeaderValue { Public = true, MaxAge = PublishedLifetime }
            : new CacheControlHeaderValue { Private = true, NoStore = true };
        http.Response.Headers.Vary = compressible ? "Accept, Accept-Language, Authorization, Accept-Encoding" : "Accept, Accept-Language, Authorization";
        http.Response.Headers.ContentLanguage = language;

        var asked = http.Request.GetTypedHeaders();
        var current = asked.IfNoneMatch.Count > 0
            ? asked.IfNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(tag, useStrongComparison: false))
            : asked.IfModifiedSince is { } since && lastModified <= since;
        if (current)
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        if (fileName is not null)
        {
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        }
        else if (inlineName is not null)
        {
            http.Response.Headers.ContentDisposition = $"inline; filename=\"{inlineName}\"";
        }

        return TypedResults.Bytes(answer.Bytes, contentType);
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset time) =>
        new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), time.Offset);
}
