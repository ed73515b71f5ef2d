using System.Globalization;
using Hilmo.Server.Access;
using Hilmo.Statistics;
using Microsoft.AspNetCore.Antiforgery;

namespace Hilmo.Server.Web.Shared;

/// <summary>
/// What every page needs to know about the request it answers: the reader's language, who is
/// signed in, the antiforgery token its forms carry, and how to write figures and times for
/// that reader. Made once per request and handed to the page's component.
/// </summary>
public sealed class WebPage
{
    public const string LanguageCookie = "hilmo-lang";

    private static readonly string[] Languages = ["fi", "sv", "en"];

    private static readonly TimeZoneInfo Finland = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    private WebPage(string language, string path, QueryString query, Caller caller, AntiforgeryTokenSet tokens, DateTimeOffset now)
    {
        Language = language;
        Path = path;
        Query = query;
        Caller = caller;
        Antiforgery = tokens;
        Now = now;
        Culture = CultureInfo.GetCultureInfo(language switch { "sv" => "sv-FI", "en" => "en-GB", _ => "fi-FI" });
    }

    /// <summary><c>fi</c>, <c>sv</c> or <c>en</c>.</summary>
    public string Language { get; }

    public CultureInfo Culture { get; }

    public string Path { get; }

    public QueryString Query { get; }

    internal Caller Caller { get; }

    public AntiforgeryTokenSet Antiforgery { get; }

    public DateTimeOffset Now { get; }

    /// <summary>
    /// The page's context. <c>?lang=</c> chooses the language and is remembered in a cookie;
    /// without either, Finnish, the register's working language.
    /// </summary>
    public static WebPage For(HttpContext http)
    {
        var language = "fi";
        if (http.Request.Query["lang"].ToString() is { Length: > 0 } asked && Languages.Contains(asked, StringComparer.Ordinal))
        {
            language = asked;
            http.Response.Cookies.Append(LanguageCookie, asked, new CookieOptions
            {
                HttpOnly = true,
                Secure = http.Request.IsHttps,
                SameSite = SameSiteMode.Lax,
                MaxAge = TimeSpan.FromDays(365),
                IsEssential = true,
            });
        }
        else if (http.Request.Cookies[LanguageCookie] is { } remembered && Languages.Contains(remembered, StringComparer.Ordinal))
        {
            language = remembered;
        }

        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        return new WebPage(language, http.Request.Path, http.Request.QueryString, Caller.Of(http), antiforgery.GetAndStoreTokens(http), time.GetUtcNow());
    }

    /// <summary>The text in the reader's language.</summary>
    public string T(LocalizedText text) => text.In(Language);

    /// <summary>
    /// This page in another language: the same query with <c>lang</c> replaced. The path is the
    /// request's, so it is written escaped and only when it is a path on this site (a request for
    /// <c>//evil.example</c> must not link there); otherwise the link goes to the front page.
    /// </summary>
    public string InLanguage(string language)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Query.Value);
        var kept = query.Where(q => q.Key != "lang").SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        var path = LocalUrl.OrNull(new PathString(Path).ToUriComponent()) ?? "/";
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path, kept.Append(new("lang", language)));
    }

    /// <summary>A figure as the reader writes it; a withheld one as <c>..</c> and one that does not exist as <c>.</c>, never as zero.</summary>
    public string Figure(double? value, CellStatus status, int decimals) => (status, value) switch
    {
        (CellStatus.PrimarySuppressed or CellStatus.SecondarySuppressed, _) => "..",
        (_, null) => ".",
        (_, { } v) => v.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Culture),
    };

    public string Figure(ChartPoint point, int decimals) => Figure(point.Value, point.Status, decimals);

    public string Integer(long value) => value.ToString("N0", Culture);

    /// <summary>A moment in Finnish time, as the reader writes dates and times.</summary>
    public string Time(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, Finland).ToString("g", Culture);

    public string Date(DateOnly date) => date.ToString("d", Culture);
}
