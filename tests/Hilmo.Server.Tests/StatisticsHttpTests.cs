using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Hilmo.Access;
using Hilmo.Notifications;

namespace Hilmo.Server.Tests;

/// <summary>
/// The HTTP conventions of the open data, as caches, browsers and statistical clients expect them:
/// validators and 304s, HEAD, cross-origin reading, compression, the language of labels,
/// unknown parameters refused, files as downloads, a health status in JSON outside the rate limit.
/// </summary>
public sealed class StatisticsHttpTests : IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private ServerHarness server = null!;
    private Uri table = null!;
    private int year;

    public async ValueTask InitializeAsync()
    {
        server = await ServerHarness.StartAsync(ServerOptions.Default with { RequestsPerMinute = 30 });
        year = await server.PublishGeneratedAsync(2_000, seed: 3, [Register.AvoHilmo], "http", Cancel);
        table = new Uri($"/api/v1/statistics/visits?from={year}-01-01&to={year}-12-31&by=county", UriKind.Relative);
    }

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_table_has_validators_and_a_current_copy_gets_304()
    {
        using var client = server.Client();
        using var first = await client.GetAsync(table, Cancel);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var tag = first.Headers.ETag;
        Assert.NotNull(tag);
        Assert.NotNull(first.Content.Headers.LastModified);
        Assert.True(first.Headers.CacheControl!.Public);
        Assert.NotNull(first.Headers.CacheControl.MaxAge);

        using var byTag = new HttpRequestMessage(HttpMethod.Get, table);
        byTag.Headers.IfNoneMatch.Add(tag);
        using var notModified = await client.SendAsync(byTag, Cancel);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var byTime = new HttpRequestMessage(HttpMethod.Get, table);
        byTime.Headers.IfModifiedSince = first.Content.Headers.LastModified;
        using var notModifiedSince = await client.SendAsync(byTime, Cancel);
        Assert.Equal(HttpStatusCode.NotModified, notModifiedSince.StatusCode);

        using var otherTag = new HttpRequestMessage(HttpMethod.Get, table);
        otherTag.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"another\""));
        using var changed = await client.SendAsync(otherTag, Cancel);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    [Fact]
    public async Task An_unsuppressed_table_is_never_kept_by_a_shared_cache()
    {
        using var response = await server.Client(server.Key(Role.Supervisor, "valvira")).GetAsync(table, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.True(response.Headers.CacheControl.Private);
    }

    [Fact]
    public async Task Head_answers_the_headers_without_the_body()
    {
        using var response = await server.Client().SendAsync(new HttpRequestMessage(HttpMethod.Head, table), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Fact]
    public async Task Any_origin_may_read_the_open_data_and_its_preflight_is_answered()
    {
        using var client = server.Client();
        using var get = new HttpRequestMessage(HttpMethod.Get, table);
        get.Headers.Add("Origin", "https://news.example");
        using var answer = await client.SendAsync(get, Cancel);
        Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("ETag", answer.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.Ordinal);

        using var preflight = new HttpRequestMessage(HttpMethod.Options, table);
        preflight.Headers.Add("Origin", "https://news.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        using var allowed = await client.SendAsync(preflight, Cancel);
        Assert.True(allowed.IsSuccessStatusCode, allowed.StatusCode.ToString());
        Assert.Equal("*", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());

        // A submission is no open data: no page elsewhere is let to post one.
        using var submit = new HttpRequestMessage(HttpMethod.Options, new Uri("/api/v1/notifications", UriKind.Relative));
        submit.Headers.Add("Origin", "https://news.example");
        submit.Headers.Add("Access-Control-Request-Method", "POST");
        using var refused = await client.SendAsync(submit, Cancel);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_large_table_comes_compressed_when_asked()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(table + "&format=csv", UriKind.Relative));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await server.Client().SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Content.Headers.ContentEncoding.Contains("gzip"), response.ToString());
    }

    [Fact]
    public async Task The_labels_follow_lang_or_accept_language_and_say_which_and_other_languages_are_refused()
    {
        using var client = server.Client();
        using var swedish = new HttpRequestMessage(HttpMethod.Get, table);
        swedish.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("sv-FI"));
        using var answer = await client.SendAsync(swedish, Cancel);
        Assert.Equal("sv", answer.Content.Headers.ContentLanguage.Single());
        Assert.Contains("välfärdsområde", await answer.Content.ReadAsStringAsync(Cancel), StringComparison.OrdinalIgnoreCase);

        using var plain = await client.GetAsync(table, Cancel);
        Assert.Equal("fi", plain.Content.Headers.ContentLanguage.Single());

        using var german = await client.GetAsync(new Uri(table + "&lang=de", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, german.StatusCode);
        Assert.Contains("fi, sv or en", await german.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_parameter_is_refused_by_name_rather_than_ignored()
    {
        using var response = await server.Client().GetAsync(new Uri(table + "&sex=2", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("sex", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_chooses_the_format_and_files_are_downloads()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, table);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var csv = await server.Client().SendAsync(request, Cancel);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition!.DispositionType);

        using var json = await server.Client().GetAsync(table, Cancel);
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Health_is_json_and_answers_past_the_rate_limit()
    {
        using var client = server.Client();
        for (var i = 0; i < 40; i++)
        {
            using var _ = await client.GetAsync(new Uri("/api/v1/codes", UriKind.Relative), Cancel);
        }

        using var limited = await client.GetAsync(new Uri("/api/v1/codes", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("store").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_openapi_document_says_how_to_authenticate_and_what_every_call_may_answer()
    {
        using var response = await server.Client().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), Cancel);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var root = document.RootElement;
        Assert.Equal("bearer", root.GetProperty("components").GetProperty("securitySchemes").GetProperty("accessKey").GetProperty("scheme").GetString());
        var paths = root.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/healthz", out _));
        var submit = paths.GetProperty("/api/v1/notifications").GetProperty("post").GetProperty("responses");
        foreach (var status in new[] { "200", "401", "403", "429" })
        {
            Assert.True(submit.TryGetProperty(status, out _), status);
        }

        var table = paths.GetProperty("/api/v1/statistics/{name}").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.True(table.TryGetProperty("text/csv; charset=utf-8", out _) || table.TryGetProperty("text/csv", out _), table.ToString());

        // No number is typed as "integer or string".
        Assert.DoesNotContain("\"string\"]", root.GetRawText().Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_gives_the_published_years_and_the_fixed_categories_of_each_dimension()
    {
        using var client = server.Client();
        var metadata = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/statistics/visits/metadata", UriKind.Relative), Cancel)).RootElement;
        var years = metadata.GetProperty("publishedYears").EnumerateArray().Select(y => y.GetInt32()).ToList();
        Assert.Contains(year, years);
        Assert.All(years, y => Assert.True(y < DateTime.UtcNow.Year, $"{y} has not ended"));
        var dimensions = metadata.GetProperty("dimensions").EnumerateArray().ToDictionary(d => d.GetProperty("code").GetString()!);
        Assert.Equal("time", dimensions["month"].GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, dimensions["month"].GetProperty("categories").ValueKind);
        var counties = dimensions["county"].GetProperty("categories").EnumerateArray().ToList();
        Assert.Equal("SSS", counties[0].GetProperty("code").GetString());
        Assert.True(counties.Count > 20, "every wellbeing services county is a fixed category");
        Assert.All(counties.Skip(1), c => Assert.Equal("SSS", c.GetProperty("parent").GetString()));

        // The list of reports stays light: no query per report.
        var list = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/statistics", UriKind.Relative), Cancel)).RootElement;
        Assert.All(list.EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("publishedYears").ValueKind));
    }

    [Fact]
    public async Task The_config_states_the_rate_limit_and_cross_origin_reading()
    {
        var config = JsonDocument.Parse(await server.Client().GetStringAsync(new Uri("/api/v1/statistics/config", UriKind.Relative), Cancel)).RootElement;
        Assert.Equal(30, config.GetProperty("rateLimit").GetProperty("requestsPerMinute").GetInt32());
        Assert.Equal("*", config.GetProperty("cors").GetProperty("allowedOrigins").GetString());
        Assert.Equal(["GET", "HEAD"], config.GetProperty("cors").GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.False(config.GetProperty("cors").GetProperty("credentials").GetBoolean());
    }

    [Fact]
    public async Task Every_municipality_of_the_code_server_names_its_wellbeing_services_county_as_parent()
    {
        using var client = server.Client();
        var counties = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/codes/hyvinvointialue", UriKind.Relative), Cancel)).RootElement
            .GetProperty("codes").EnumerateArray().Select(c => c.GetProperty("code").GetString()).ToHashSet();
        var municipalities = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/codes/kunta?date=2025-06-30", UriKind.Relative), Cancel)).RootElement
            .GetProperty("codes").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("parent").GetString());
        Assert.True(municipalities.Count > 300);
        Assert.Contains(municipalities["091"], counties);

        // Åland's municipalities belong to no wellbeing services county.
        Assert.All(municipalities.Where(m => m.Key is not ("478" or "035" or "043" or "060" or "062" or "065" or "076" or "170" or "295" or "318" or "417" or "438" or "736" or "766" or "771" or "941")),
            m => Assert.True(m.Value is not null && counties.Contains(m.Value), $"municipality {m.Key} has parent {m.Value}"));
    }
}
