using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Hilmo.Access;
using Hilmo.Audit;
using Hilmo.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hilmo.Server.Tests.Web;

/// <summary>
/// The web pages attacked (issue 18): redirects to other sites, posts without their antiforgery
/// token, error answers without the security headers, hostile form posts, and refused sign-ins
/// and API calls sent to fill the audit log. None may answer 500, hang or leak.
/// </summary>
public sealed partial class WebHardeningTests
{
    /// <summary>Return addresses that lead off the site once a browser has read them, or that a careless check lets through.</summary>
    public static TheoryData<string> HostileReturnUrls { get; } =
    [
        "/\t/evil.example",
        "/\\evil.example",
        "//evil.example",
        "///evil.example",
        "/%09/evil.example",
        "\\/evil.example",
        "\\\\evil.example",
        "/%2F/evil.example",
        "/%2f%2fevil.example",
        "%2F%2Fevil.example",
        "/%5Cevil.example",
        "/%255C%255Cevil.example",
        "/\r\n/evil.example",
        "/%0d%0aSet-Cookie:%20x=1",
        "/\0",
        "/\u007f",
        "/ä",
        "/\u2028",
        " //evil.example",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "https://evil.example/",
        "http:evil.example",
        "evil.example",
        "/",
        "",
    ];

    [Theory]
    [MemberData(nameof(HostileReturnUrls))]
    public async Task Sign_in_returns_only_to_a_path_on_this_site(string returnUrl)
    {
        await using var server = await HostileServer.StartAsync();
        var client = server.Browser();

        using var page = await client.GetAsync(new Uri("/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl), UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        var token = TokenField().Match(html).Groups[1].Value;
        // Refused first: the token is the anonymous visitor's, and a sign-in makes it another's.
        using var refused = await client.PostAsync(new Uri("/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["key"] = "wrong",
            ["returnUrl"] = returnUrl,
        }));
        using var signedIn = await client.PostAsync(new Uri("/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["key"] = server.Key(Role.Submitter),
            ["returnUrl"] = returnUrl,
        }));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("name=\"returnUrl\"", html, StringComparison.Ordinal);
        if (returnUrl.Contains('\0', StringComparison.Ordinal))
        {
            // ASP.NET Core's form reader refuses a NUL anywhere in a posted form: the whole post is a 400.
            Assert.Equal(HttpStatusCode.BadRequest, signedIn.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            return;
        }

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/portal", signedIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.DoesNotContain("name=\"returnUrl\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/portal/quality", "/portal/quality")]
    [InlineData("/portal/submissions/7?saved=1", "/portal/submissions/7?saved=1")]
    [InlineData("/portal/access?year=2025&lang=sv", "/portal/access?year=2025&lang=sv")]
    public async Task Sign_in_returns_to_a_page_of_this_site(string returnUrl, string expected)
    {
        await using var server = await HostileServer.StartAsync();
        var client = server.Browser();

        var html = await client.GetStringAsync(new Uri("/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl), UriKind.Relative));
        using var signedIn = await client.PostAsync(new Uri("/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TokenField().Match(html).Groups[1].Value,
            ["key"] = server.Key(Role.Submitter),
            ["returnUrl"] = returnUrl,
        }));

        Assert.Equal(expected, signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_language_links_of_any_page_stay_on_this_site()
    {
        await using var server = await HostileServer.StartAsync();

        // A raw request line: an HTTP client would read "//evil.example" as another host.
        var answer = await RawAsync(server.Address, "GET //evil.example/?lang=sv HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.DoesNotMatch("href=\"(//|/\\\\|\\\\)", answer);
        Assert.DoesNotContain("500", answer.Split("\r\n")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_without_its_antiforgery_token_is_refused_and_the_session_stays()
    {
        await using var server = await HostileServer.StartAsync();
        var client = server.Browser();
        var html = await client.GetStringAsync(new Uri("/sign-in", UriKind.Relative));
        var token = TokenField().Match(html).Groups[1].Value;
        using var signedIn = await client.PostAsync(new Uri("/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["key"] = server.Key(Role.Submitter),
        }));
        var portal = await client.GetStringAsync(new Uri("/portal", UriKind.Relative));
        var pageToken = TokenField().Match(portal).Groups[1].Value;

        using var noToken = await client.PostAsync(new Uri("/sign-out", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>()));
        using var noBody = await client.PostAsync(new Uri("/sign-out", UriKind.Relative), null);
        using var wrongToken = await client.PostAsync(new Uri("/sign-out", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = pageToken[..^4] + "AAAA",
        }));
        using var json = await client.PostAsync(new Uri("/sign-out", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"));
        using var stillIn = await client.GetAsync(new Uri("/portal", UriKind.Relative));
        using var signedOut = await client.PostAsync(new Uri("/sign-out", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = pageToken,
        }));
        using var afterwards = await client.GetAsync(new Uri("/portal", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/", signedOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
    }

    [Fact]
    public async Task Every_post_of_the_pages_needs_its_antiforgery_token()
    {
        await using var server = await HostileServer.StartAsync();
        var client = server.Browser();
        var html = await client.GetStringAsync(new Uri("/sign-in", UriKind.Relative));
        using var signedIn = await client.PostAsync(new Uri("/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TokenField().Match(html).Groups[1].Value,
            ["key"] = server.Key(Role.Submitter),
        }));

        // Every POST route the pages have, found from the endpoints themselves, so a new one cannot be forgotten.
        var posts = server.PagePostRoutes();
        Assert.Contains("/sign-out", posts);
        Assert.Contains("/sign-in", posts);
        Assert.Contains("/form", posts);
        foreach (var route in posts)
        {
            using var answer = await client.PostAsync(new Uri(route, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = "x" }));
            Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"POST {route} without a token answered {(int)answer.StatusCode}.");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/portal", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers_error_answers_too()
    {
        await using var server = await HostileServer.StartAsync(
            ServerOptions.Default with { MaxRequestBytes = 16 * 1024 },
            app => app.MapGet("/test/fault", string () => throw new InvalidOperationException("injected fault")));
        await using var limited = await HostileServer.StartAsync(ServerOptions.Default with { RequestsPerMinute = 2 });
        using var client = new HttpClient { BaseAddress = server.Address };
        var big = new ByteArrayContent(new byte[64 * 1024]);
        big.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-ndjson");
        var bigForm = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = new string('k', 64 * 1024) });

        var answers = new List<(string What, HttpResponseMessage Answer)>
        {
            ("page", await client.GetAsync(new Uri("/", UriKind.Relative))),
            ("500", await client.GetAsync(new Uri("/test/fault", UriKind.Relative))),
            ("404 page", await client.GetAsync(new Uri("/no-such-page", UriKind.Relative))),
            ("404 api", await client.GetAsync(new Uri("/api/v1/submissions/999", UriKind.Relative))),
            ("405", await client.DeleteAsync(new Uri("/sign-in", UriKind.Relative))),
            ("400 antiforgery", await client.PostAsync(new Uri("/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = "x" }))),
            ("401", await client.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative), new StringContent("{}"))),
            ("413 api", await new HttpClient { BaseAddress = server.Address }.SendAsync(Bearer(HttpMethod.Post, "/api/v1/notifications", server.Key(Role.Register, "THL"), big))),
            ("413 form", await client.PostAsync(new Uri("/sign-in", UriKind.Relative), bigForm)),
        };
        using var limitedClient = new HttpClient { BaseAddress = limited.Address };
        for (var i = 0; i < 5; i++)
        {
            answers.Add(("429", await limitedClient.GetAsync(new Uri("/api/v1/codes", UriKind.Relative))));
        }

        Assert.Equal(HttpStatusCode.InternalServerError, answers.Single(a => a.What == "500").Answer.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1].Answer.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answers.Single(a => a.What == "413 api").Answer.StatusCode);
        foreach (var (what, answer) in answers)
        {
            var name = $"{what} ({(int)answer.StatusCode})";
            Assert.True(answer.Headers.TryGetValues("Content-Security-Policy", out var csp), $"{name} has no Content-Security-Policy.");
            Assert.Contains("frame-ancestors 'none'", string.Join(' ', csp!), StringComparison.Ordinal);
            Assert.True(answer.Headers.TryGetValues("X-Frame-Options", out var frame) && frame.Single() == "DENY", $"{name} has no X-Frame-Options.");
            Assert.True(answer.Headers.TryGetValues("X-Content-Type-Options", out var sniff) && sniff.Single() == "nosniff", $"{name} has no X-Content-Type-Options.");
            Assert.True(answer.Headers.TryGetValues("Referrer-Policy", out var referrer) && referrer.Single() == "no-referrer", $"{name} has no Referrer-Policy.");
            Assert.DoesNotContain("injected fault", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            answer.Dispose();
        }
    }

    [Fact]
    public async Task A_request_kestrel_cannot_parse_is_answered_400_and_closed()
    {
        await using var server = await HostileServer.StartAsync();

        // Kestrel answers these itself, before any middleware (so without the security headers):
        // an empty 400 that closes the connection, never a 500 or a hang.
        var badHeader = await RawAsync(server.Address, "GET / HTTP/1.1\r\nHost: localhost\r\nNo colon here\r\n\r\n");
        // A control character in the path passes Kestrel, and reaches no page: 404, with the headers.
        var controlInPath = await RawAsync(server.Address, "GET /\u0001 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400", badHeader, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 404", controlInPath, StringComparison.Ordinal);
        Assert.Contains("X-Frame-Options: DENY", controlInPath, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Hsts_is_on_the_error_answers_over_https_too()
    {
        var http = new DefaultHttpContext();
        http.Request.Scheme = "https";
        var response = new StartableResponse();
        http.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>(response);

        await Hilmo.Server.Web.SecurityHeaders.Apply(http, () =>
        {
            // What the exception handler does before it writes the 500.
            http.Response.Headers.Clear();
            return Task.CompletedTask;
        });
        await response.StartAsync();

        Assert.StartsWith("max-age=", http.Response.Headers.StrictTransportSecurity.ToString(), StringComparison.Ordinal);
        Assert.Equal("DENY", http.Response.Headers.XFrameOptions.ToString());
    }

    public static TheoryData<string, string> HostileFormFields { get; } = new()
    {
        { "tunnus", new string('1', 3 * 1024 * 1024) },
        { "kaynti.alku", "2026-13-45T99:99" },
        { "kaynti.alku", "99999-01-01T00:00" },
        { "kaynti.alku", "-0001-01-01T00:00" },
        { "kaynti.alku", "2026-03-09T10:02\0" },
        { "kaynti.loppu", "2026-02-30T10:00" },
        { "ajanvaraus.varattu", "0000-00-00T00:00" },
        { "yksikko", "\u0001\u0002\u001b[31m\u007f" },
        { "asiakas.hetu", "\0\0\0\0" },
        { "asiakas.hetu", new string('9', 100_000) },
        { "asiakas.kotikunta", "\ud800" },
        { "kaynti.palvelumuoto", "T11\r\nT11" },
        { "kayntisyyt[0].icpc2", "<script>alert(1)</script>" },
        { "kayntisyyt[99999999999999999999].icpc2", "A01" },
        { "kayntisyyt[-1].icpc2", "A01" },
        { "kayntisyyt[].icpc2", "A01" },
        { "kaynti", "x" },
        { "kaynti.alku.x", "x" },
        { "toimenpiteet[1].spat", "SPAT1000" },
        { "", "x" },
        { "paivitetty", "1900-01-01T00:00" },
        { "tuottaja", "90153" },
    };

    [Theory]
    [MemberData(nameof(HostileFormFields))]
    public async Task A_hostile_form_post_is_answered_and_never_with_500(string field, string value)
    {
        await using var server = await HostileServer.StartAsync();
        var (client, token) = await SignedInFormAsync(server);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", token),
            new("kaynti.alku", "2026-03-09T10:02"),
            new(field, value),
        };

        using var answer = await client.PostAsync(new Uri("/form", UriKind.Relative), new FormUrlEncodedContent(fields));
        var html = await answer.Content.ReadAsStringAsync();

        Assert.True((int)answer.StatusCode is 302 or 400 or 413 or 422, $"{field} = {Shorten(value)} answered {(int)answer.StatusCode}.");
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        if (answer.StatusCode == HttpStatusCode.Redirect)
        {
            // Stored only as the signed-in provider's record.
            Assert.All(await server.Register.Services.Store.ListSubmissionsAsync(ServerHarness.ProviderB), _ => Assert.Fail("stored for another provider"));
        }
    }

    [Fact]
    public async Task Hostile_form_posts_of_another_shape_are_answered_and_never_with_500()
    {
        await using var server = await HostileServer.StartAsync();
        var (client, token) = await SignedInFormAsync(server);
        var tokenOnly = new Dictionary<string, string> { ["__RequestVerificationToken"] = token };
        var many = Enumerable.Range(0, 5000).Select(i => new KeyValuePair<string, string>("f" + i.ToString(CultureInfo.InvariantCulture), "x"))
            .Prepend(new("__RequestVerificationToken", token));
        var repeated = Enumerable.Range(0, 100).Select(_ => new KeyValuePair<string, string>("kaynti.alku", "2026-03-09T10:02"))
            .Prepend(new("__RequestVerificationToken", token));
        var invalidUtf8 = new ByteArrayContent([.. Encoding.ASCII.GetBytes("__RequestVerificationToken=" + Uri.EscapeDataString(token) + "&yksikko="), 0xFF, 0xFE, 0xC0, 0x80]);
        invalidUtf8.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        var multipart = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(new byte[1000]), "kaynti.alku", "x.bin" } };

        var answers = new[]
        {
            ("only the token", await client.PostAsync(new Uri("/form", UriKind.Relative), new FormUrlEncodedContent(tokenOnly))),
            ("5,000 fields", await client.PostAsync(new Uri("/form", UriKind.Relative), new FormUrlEncodedContent(many))),
            ("one field 100 times", await client.PostAsync(new Uri("/form", UriKind.Relative), new FormUrlEncodedContent(repeated))),
            ("invalid UTF-8", await client.PostAsync(new Uri("/form", UriKind.Relative), invalidUtf8)),
            ("multipart with a file", await client.PostAsync(new Uri("/form", UriKind.Relative), multipart)),
            ("JSON", await client.PostAsync(new Uri("/form", UriKind.Relative), new StringContent("{\"kaynti\":{}}", Encoding.UTF8, "application/json"))),
            ("no body", await client.PostAsync(new Uri("/form", UriKind.Relative), null)),
            ("code search, huge query", await client.GetAsync(new Uri("/form/codes/icd10?q=" + new string('a', 8000), UriKind.Relative))),
            ("code search, control characters", await client.GetAsync(new Uri("/form/codes/icd10?q=%00%01%1b", UriKind.Relative))),
            ("code search, unknown list", await client.GetAsync(new Uri("/form/codes/%2e%2e%2f", UriKind.Relative))),
        };

        foreach (var (what, answer) in answers)
        {
            Assert.True((int)answer.StatusCode is 200 or 302 or 400 or 404 or 413 or 415 or 422, $"{what} answered {(int)answer.StatusCode}.");
            answer.Dispose();
        }
    }

    [Fact]
    public async Task A_thousand_refused_sign_ins_make_a_few_audit_entries_that_count_them_all_and_keep_no_key()
    {
        await using var server = await HostileServer.StartAsync();
        var revoked = server.Register.Keys.Create(ServerHarness.ProviderA, Role.Submitter, "revoked");
        server.Register.Keys.Revoke(revoked.Key.Id);
        var researcher = server.Key(Role.Researcher);
        var live = server.Key(Role.Submitter);
        var wrongSecret = live[..^6] + "zzzzzz";
        string[] presented = [revoked.Secret, researcher, wrongSecret, "hilmo_nosuchke_" + new string('q', 43), ""];
        var client = server.Browser();
        var token = TokenField().Match(await client.GetStringAsync(new Uri("/sign-in", UriKind.Relative))).Groups[1].Value;

        const int Refusals = 1000;
        await Parallel.ForAsync(0, Refusals, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            using var answer = await client.PostAsync(new Uri("/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["key"] = presented[i % presented.Length],
            }));
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        });
        await server.StopAsync();

        var refusals = AuditLogEvents.Read(server.AuditLogFile).Where(e => e.Action == "web.sign-in" && e.Result.StartsWith("denied", StringComparison.Ordinal)).ToList();
        Assert.InRange(refusals.Count, 1, 10);
        Assert.Equal(Refusals, refusals.Sum(Counted));
        // One entry each was about 378 bytes: 378 kB for these; now a few entries and checkpoints.
        Assert.InRange(new FileInfo(server.AuditLogFile).Length, 1, 16 * 1024);
        Assert.True(server.VerifyAudit() is { IsIntact: true, EntriesAfterLastCheckpoint: 0 }, server.VerifyAudit().Problem);
        AssertNoSecretIn(await File.ReadAllTextAsync(server.AuditLogFile), presented);
    }

    [Fact]
    public async Task A_thousand_refused_api_calls_make_a_few_audit_entries_that_count_them_all_and_keep_no_key()
    {
        await using var server = await HostileServer.StartAsync();
        var revoked = server.Register.Keys.Create(ServerHarness.ProviderA, Role.Submitter, "revoked");
        server.Register.Keys.Revoke(revoked.Key.Id);
        var researcher = server.Key(Role.Researcher);
        var wrongSecret = server.Key(Role.Submitter)[..^6] + "zzzzzz";
        string[] presented = [revoked.Secret, wrongSecret, "hilmo_nosuchke_" + new string('q', 43)];
        using var client = new HttpClient { BaseAddress = server.Address };

        const int Refusals = 1000;
        await Parallel.ForAsync(0, Refusals, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            // Three kinds of refusal: a bad key (401), no key (401) and a role that may not (403).
            var key = i % 3 == 0 ? presented[i / 3 % presented.Length] : i % 3 == 1 ? null : researcher;
            using var request = Bearer(HttpMethod.Get, "/api/v1/submissions/" + (i % 7).ToString(CultureInfo.InvariantCulture), key, null);
            using var answer = await client.SendAsync(request);
            Assert.True(answer.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{(int)answer.StatusCode}");
        });
        await server.StopAsync();

        var refusals = AuditLogEvents.Read(server.AuditLogFile).Where(e => e.Reason == AuditReasons.AccessControl).ToList();
        Assert.InRange(refusals.Count, 1, 3 * 7 * 2);
        Assert.Equal(Refusals, refusals.Sum(Counted));
        Assert.True(server.VerifyAudit() is { IsIntact: true, EntriesAfterLastCheckpoint: 0 }, server.VerifyAudit().Problem);
        AssertNoSecretIn(await File.ReadAllTextAsync(server.AuditLogFile), [.. presented, researcher]);
    }

    /// <summary>How many refusals an entry stands for: one, or the count a summary gives.</summary>
    internal static long Counted(AuditEvent refusal) =>
        SummaryCount().Match(refusal.Result) is { Success: true } summary ? long.Parse(summary.Groups[1].Value, CultureInfo.InvariantCulture) : 1;

    private static void AssertNoSecretIn(string audit, IEnumerable<string> secrets)
    {
        foreach (var secret in secrets.Where(s => s.Length > 20))
        {
            // The random part of a secret, whole or any long piece of it.
            // hilmo_<id>_<random>: the random part may itself hold '_'.
            var random = secret[(secret.IndexOf('_', "hilmo_".Length) + 1)..];
            Assert.DoesNotContain(random, audit, StringComparison.Ordinal);
            Assert.DoesNotContain(random[..16], audit, StringComparison.Ordinal);
            Assert.DoesNotContain(random[^16..], audit, StringComparison.Ordinal);
        }
    }

    private static HttpRequestMessage Bearer(HttpMethod method, string path, string? key, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (key is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }

    private static async Task<(HttpClient Client, string Token)> SignedInFormAsync(HostileServer server)
    {
        var client = server.Browser();
        var html = await client.GetStringAsync(new Uri("/sign-in", UriKind.Relative));
        using var signedIn = await client.PostAsync(new Uri("/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TokenField().Match(html).Groups[1].Value,
            ["key"] = server.Key(Role.Submitter),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var form = await client.GetStringAsync(new Uri("/form", UriKind.Relative));
        return (client, TokenField().Match(form).Groups[1].Value);
    }

    private static async Task<string> RawAsync(Uri address, string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        // Never a hang: Kestrel closes the connection after its answer, or the test gives up.
        tcp.ReceiveTimeout = 30_000;
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex(@"\(and ([0-9]+) further alike between ")]
    private static partial Regex SummaryCount();

    /// <summary>A response feature that runs its OnStarting callbacks when told, as Kestrel does before it sends the headers.</summary>
    private sealed class StartableResponse : Microsoft.AspNetCore.Http.Features.HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> starting = [];

        public override void OnStarting(Func<object, Task> callback, object state) => starting.Add((callback, state));

        public async Task StartAsync()
        {
            for (var i = starting.Count - 1; i >= 0; i--)
            {
                await starting[i].Callback(starting[i].State);
            }
        }
    }
}
