using System.Net;
using System.Text.RegularExpressions;
using Hilmo.Access;
using Hilmo.Audit;
using Hilmo.Server.Web;
using Hilmo.Testing;
using Microsoft.AspNetCore.Http;

namespace Hilmo.Server.Tests.Web;

/// <summary>The web UI at the HTTP level: headers, sign-in cookies, CSRF protection and each provider's isolation.</summary>
public sealed partial class WebHttpTests : IAsyncLifetime
{
    private ServerHarness server = null!;

    public async ValueTask InitializeAsync() => server = await ServerHarness.StartAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        await server.DisposeAsync();
    }

    [Fact]
    public async Task Pages_forbid_framing_inline_code_and_sniffing()
    {
        using var client = server.Client();
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        // Plain HTTP on loopback: HSTS would be meaningless, and is left out.
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hsts_is_sent_over_https()
    {
        var http = new DefaultHttpContext();
        http.Request.Scheme = "https";

        await SecurityHeaders.Apply(http, () => Task.CompletedTask);

        Assert.StartsWith("max-age=", http.Response.Headers.StrictTransportSecurity.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_in_sets_an_http_only_same_site_cookie_and_a_wrong_key_is_refused_and_audited()
    {
        var (client, _) = Browser();
        var (status, cookies) = await SignInAsync(client, server.Key(Role.Submitter));
        var (refused, _) = await SignInAsync(Browser().Client, "hilmo_nosuchke_" + new string('x', 43));

        Assert.Equal(HttpStatusCode.Redirect, status);
        var session = Assert.Single(cookies, c => c.StartsWith("hilmo-session=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Unauthorized, refused);
        var audit = await File.ReadAllTextAsync(server.AuditLogFile);
        Assert.Contains("web.sign-in", audit, StringComparison.Ordinal);
        Assert.Contains("denied", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_post_without_its_antiforgery_token_is_refused_and_stores_nothing()
    {
        var (client, _) = Browser();
        await SignInAsync(client, server.Key(Role.Submitter));

        using var noToken = await client.PostAsync(new Uri("/form", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["tunnus"] = "1.2.246.10.90152.99.1", ["asiakas.hetu"] = Bodies.IdentityCode, ["kaynti.alku"] = "2026-03-09T10:02",
        }));
        using var signInWithoutToken = await Browser().Client.PostAsync(new Uri("/sign-in", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = server.Key(Role.Submitter) }));

        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, signInWithoutToken.StatusCode);
        Assert.Empty(await server.Register.Services.Store.ListSubmissionsAsync(ServerHarness.ProviderA));
    }

    [Fact]
    public async Task A_provider_sees_its_own_submissions_and_another_providers_answer_not_found()
    {
        using var a = server.Client(server.Key(Role.Submitter, ServerHarness.ProviderA));
        using var b = server.Client(server.Key(Role.Submitter, ServerHarness.ProviderB));
        using var own = await a.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative), Bodies.Content(Bodies.Ndjson(3)));
        using var others = await b.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative),
            Bodies.Content(Bodies.Ndjson(3, "1.2.246.10.555.10.2026.", ServerHarness.ProviderB)));
        var ownId = IdOf(await own.Content.ReadAsStringAsync());
        var othersId = IdOf(await others.Content.ReadAsStringAsync());

        var (client, _) = Browser();
        await SignInAsync(client, server.Key(Role.Submitter, ServerHarness.ProviderA));
        var list = await client.GetStringAsync(new Uri("/portal", UriKind.Relative));
        using var mine = await client.GetAsync(new Uri($"/portal/submissions/{ownId}", UriKind.Relative));
        using var theirs = await client.GetAsync(new Uri($"/portal/submissions/{othersId}", UriKind.Relative));

        Assert.Contains($"/portal/submissions/{ownId}\"", list, StringComparison.Ordinal);
        Assert.Contains("id=\"census\"", list, StringComparison.Ordinal); // the 28 February census status per care-period register
        Assert.DoesNotContain($"/portal/submissions/{othersId}\"", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.DoesNotContain("1.2.246.10.555", await theirs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains($"submission/{othersId}", await File.ReadAllTextAsync(server.AuditLogFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_role_reaches_only_its_own_pages_and_a_revoked_key_ends_the_session()
    {
        var (provider, _) = Browser();
        var (supervisor, _) = Browser();
        var created = server.Register.Keys.Create(ServerHarness.ProviderA, Role.Submitter, "to revoke");
        await SignInAsync(provider, created.Secret);
        await SignInAsync(supervisor, server.Key(Role.Supervisor, "VALVIRA"));

        using var providerToSupervision = await provider.GetAsync(new Uri("/supervision", UriKind.Relative));
        using var supervisorToPortal = await supervisor.GetAsync(new Uri("/portal", UriKind.Relative));
        using var supervisorToForm = await supervisor.GetAsync(new Uri("/form", UriKind.Relative));
        using var anonymousToPortal = await Browser().Client.GetAsync(new Uri("/portal", UriKind.Relative));
        using var before = await provider.GetAsync(new Uri("/portal", UriKind.Relative));
        server.Register.Keys.Revoke(created.Key.Id);
        using var after = await provider.GetAsync(new Uri("/portal", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, providerToSupervision.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, supervisorToPortal.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, supervisorToForm.StatusCode);
        Assert.Contains("/sign-in?returnUrl=%2Fportal", anonymousToPortal.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);

        // Each refusal is audited: who was refused which page, and why. The revoked key's visit
        // is refused just as the anonymous one before it (same caller, address and page) within a
        // minute, so it is counted into that refusal's summary, written when the window closes.
        var refused = AuditLogEvents.Read(server.AuditLogFile).Where(e => e.Reason == AuditReasons.AccessControl)
            .Select(e => (Role: e.Actor.Split(" role:").ElementAtOrDefault(1) ?? e.Actor, e.Action, e.Target, e.Result)).ToList();
        Assert.Equal(
            new[]
            {
                ("submitter", "http.get", "/supervision", "denied: needs role supervisor or register; sent to sign-in"),
                ("supervisor", "http.get", "/portal", "denied: needs role submitter; sent to sign-in"),
                ("supervisor", "http.get", "/form", "denied: needs role submitter; sent to sign-in"),
                ("anonymous", "http.get", "/portal", "denied: not signed in; sent to sign-in"),
            },
            refused);
    }

    [Fact]
    public async Task The_session_cookie_does_not_open_the_api_so_no_api_call_can_be_forged_with_it()
    {
        var (client, _) = Browser();
        await SignInAsync(client, server.Key(Role.Submitter));

        using var submit = await client.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative), Bodies.Content(Bodies.Ndjson(1)));

        Assert.Equal(HttpStatusCode.Unauthorized, submit.StatusCode);
    }

    [Fact]
    public async Task Pages_speak_finnish_by_default_and_swedish_or_english_when_asked_and_remember_it()
    {
        var (client, _) = Browser();
        var finnish = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        var swedish = await client.GetStringAsync(new Uri("/?lang=sv", UriKind.Relative));
        var remembered = await client.GetStringAsync(new Uri("/sign-in", UriKind.Relative));
        var english = await client.GetStringAsync(new Uri("/sign-in?lang=en", UriKind.Relative));

        Assert.Contains("<html lang=\"fi\">", finnish, StringComparison.Ordinal);
        Assert.Contains("Tilastot", finnish, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"sv\">", swedish, StringComparison.Ordinal);
        Assert.Contains("Statistik", swedish, StringComparison.Ordinal);
        Assert.Contains("Logga in", remembered, StringComparison.Ordinal);
        Assert.Contains("Access key", english, StringComparison.Ordinal);
    }

    /// <summary>A client that keeps cookies and does not follow redirects, as a browser's requests look one by one.</summary>
    private (HttpClient Client, CookieContainer Cookies) Browser()
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = server.Address };
        clients.Add(client);
        return (client, cookies);
    }

    private readonly List<HttpClient> clients = [];

    /// <summary>Signs in through the sign-in form, token and all; the status and Set-Cookie headers of the answer.</summary>
    internal static async Task<(HttpStatusCode Status, IReadOnlyList<string> Cookies)> SignInAsync(HttpClient client, string key)
    {
        var form = await client.GetStringAsync(new Uri("/sign-in", UriKind.Relative));
        var token = TokenField().Match(form).Groups[1].Value;
        using var answer = await client.PostAsync(new Uri("/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["key"] = key,
        }));
        return (answer.StatusCode, answer.Headers.TryGetValues("Set-Cookie", out var set) ? [.. set] : []);
    }

    private static long IdOf(string answer) => System.Text.Json.JsonDocument.Parse(answer).RootElement.GetProperty("submissionId").GetInt64();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
