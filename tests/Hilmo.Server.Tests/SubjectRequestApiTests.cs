using System.Net;
using System.Text.Json;
using Hilmo.Access;
using Hilmo.Testing;
using Hilmo.Testing.Storage;

namespace Hilmo.Server.Tests;

/// <summary>
/// <c>POST /api/v1/subject-requests</c> on a running server over both engines: the person's
/// records from every provider and the log of their use, as JSON and as a page; bad bodies
/// refused without repeating what was sent; the code in no answer and no log.
/// </summary>
public abstract class SubjectRequestApiTests(StoreEngine engine) : IAsyncLifetime
{
    private const string OtherPerson = "010101-123N";

    private ServerHarness server = null!;
    private string keeper = null!;

    public async ValueTask InitializeAsync()
    {
        server = await ServerHarness.StartAsync(engine: engine);
        keeper = server.Key(Role.Register, "THL");
        await SubmitAsync(ServerHarness.ProviderA, "1.2.246.10.2345678.10.2026.1", Bodies.IdentityCode);
        await SubmitAsync(ServerHarness.ProviderB, "1.2.246.10.2345678.10.2026.2", Bodies.IdentityCode);
        await SubmitAsync(ServerHarness.ProviderB, "1.2.246.10.2345678.10.2026.3", OtherPerson);
    }

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    private async Task SubmitAsync(string provider, string recordId, string identityCode)
    {
        var record = Bodies.Record(recordId, provider).Replace(Bodies.IdentityCode, identityCode, StringComparison.Ordinal);
        using var response = await server.Client(server.Key(Role.Submitter, provider)).PostAsync(
            new Uri("/api/v1/notifications", UriKind.Relative), Bodies.Content(record + "\n"), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private async Task<HttpResponseMessage> RequestAsync(string body, string query = "", string mediaType = "application/json") =>
        await server.Client(keeper).PostAsync(new Uri("/api/v1/subject-requests" + query, UriKind.Relative), Bodies.Content(body, mediaType), TestContext.Current.CancellationToken);

    [Fact]
    public async Task The_keeper_gets_the_persons_records_from_every_provider_and_their_use()
    {
        // A view of one of the records before the request: it is in the person's log.
        using (var view = await server.Client(keeper).GetAsync(new Uri($"/api/v1/notifications/{ServerHarness.ProviderA}/1.2.246.10.2345678.10.2026.1/history", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            view.EnsureSuccessStatusCode();
        }

        using var response = await RequestAsync($"{{\"identityCode\": \"{Bodies.IdentityCode}\"}}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(Bodies.IdentityCode, text, StringComparison.Ordinal);
        var root = JsonDocument.Parse(text).RootElement;
        Assert.Equal(2, root.GetProperty("providers").GetInt32());
        Assert.Equal(["1.2.246.10.2345678.10.2026.1", "1.2.246.10.2345678.10.2026.2"],
            root.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("tunnus").GetString()).Order(StringComparer.Ordinal));
        var uses = root.GetProperty("usage").EnumerateArray().Select(u => u.GetProperty("kind").GetString()).ToList();
        Assert.Equal(2, uses.Count(u => u == "received"));
        Assert.Contains("history-viewed", uses);

        var log = AuditLogEvents.Read(server.AuditLogFile);
        var request = Assert.Single(log, e => e.Action == "subject-request.create");
        Assert.StartsWith("subject/", request.Target, StringComparison.Ordinal);
        Assert.StartsWith("ok: 2 versions of 2 records from 2 providers", request.Result, StringComparison.Ordinal);
        Assert.DoesNotContain(Bodies.IdentityCode, await File.ReadAllTextAsync(server.AuditLogFile, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_for_the_person_is_html_in_the_language_asked()
    {
        using var response = await RequestAsync($"{{\"identityCode\": \"{Bodies.IdentityCode}\"}}", "?format=html&lang=sv");

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("<html lang=\"sv\">", page, StringComparison.Ordinal);
        Assert.Contains("Vårdanmälningsregistrets uppgifter om personen", page, StringComparison.Ordinal);
        Assert.Contains("1.2.246.10.2345678.10.2026.2", page, StringComparison.Ordinal);
        Assert.DoesNotContain("1.2.246.10.2345678.10.2026.3", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Bodies.IdentityCode, page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"identityCode\": \"131052-308U\"}", "application/json", 400, "not a valid identity code")]
    [InlineData("{\"identityCode\": \"010190-999W\"}", "application/json", 400, "temporary identity code")]
    [InlineData("{\"identityCode\": 131052}", "application/json", 400, "member \\\"identityCode\\\", a string")]
    [InlineData("{\"identityCode\": \"131052-308T\"", "application/json", 400, "not valid JSON")]
    [InlineData("{\"identityCode\": \"131052-308T\"}", "text/plain", 415, "rfc9110")]
    [InlineData("{\"identityCode\": \"131052-308T\", \"usageSince\": \"yesterday\"}", "application/json", 400, "usageSince")]
    public async Task A_request_it_cannot_answer_is_refused_without_repeating_the_code(string body, string mediaType, int status, string expected)
    {
        using var response = await RequestAsync(body, mediaType: mediaType);

        Assert.Equal(status, (int)response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("131052", text, StringComparison.Ordinal);
        Assert.DoesNotContain("010190", text, StringComparison.Ordinal);
        Assert.DoesNotContain(AuditLogEvents.Read(server.AuditLogFile), e => e.Action == "subject-request.create");
    }
}

/// <summary>Subject requests on the embedded store.</summary>
public sealed class SubjectRequestApiOnDuckDbTests() : SubjectRequestApiTests(StoreEngine.DuckDb);

/// <summary>Subject requests on PostgreSQL.</summary>
public sealed class SubjectRequestApiOnPostgresTests() : SubjectRequestApiTests(StoreEngine.Postgres);
