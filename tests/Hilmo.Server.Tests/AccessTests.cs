using System.Net;
using System.Text.Json;
using Hilmo.Access;
using Hilmo.Audit;
using Hilmo.Testing;
using Hilmo.Testing.Storage;

namespace Hilmo.Server.Tests;

/// <summary>Who may do what: every role against every endpoint, and provider A never reaching provider B's data.</summary>
public abstract class AccessTests(StoreEngine engine) : IAsyncLifetime
{
    private ServerHarness server = null!;
    private long submissionOfA;
    private long submissionOfB;
    private readonly Dictionary<string, string?> keys = [];

    public async ValueTask InitializeAsync()
    {
        server = await ServerHarness.StartAsync(engine: engine);
        keys["anonymous"] = null;
        keys["unknown key"] = "hilmo_nosuchkey_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        keys["submitter A"] = server.Key(Role.Submitter, ServerHarness.ProviderA);
        keys["submitter B"] = server.Key(Role.Submitter, ServerHarness.ProviderB);
        keys["register"] = server.Key(Role.Register, "THL");
        keys["supervisor"] = server.Key(Role.Supervisor, "Valvira");
        keys["researcher"] = server.Key(Role.Researcher, "University of Turku");
        submissionOfA = await SubmitAsync(keys["submitter A"]!, ServerHarness.ProviderA);
        submissionOfB = await SubmitAsync(keys["submitter B"]!, ServerHarness.ProviderB);
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private async Task<long> SubmitAsync(string key, string provider)
    {
        using var response = await server.Client(key).PostAsync(new Uri("/api/v1/notifications", UriKind.Relative),
            Bodies.Content(Bodies.Record($"1.2.246.10.2345678.10.2026.{provider}", provider) + "\n"));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("submissionId").GetInt64();
    }

    public static TheoryData<string, string, int> Matrix => new()
    {
        // caller, request, expected status
        { "anonymous", "submit", 401 }, { "anonymous", "validate", 401 }, { "anonymous", "read A", 401 }, { "anonymous", "codes", 200 }, { "anonymous", "health", 200 },
        { "unknown key", "submit", 401 }, { "unknown key", "validate", 401 }, { "unknown key", "read A", 401 },
        { "submitter A", "submit", 200 }, { "submitter A", "validate", 200 }, { "submitter A", "read A", 200 }, { "submitter A", "read B", 404 }, { "submitter A", "codes", 200 },
        { "submitter B", "read A", 404 }, { "submitter B", "read B", 200 },
        { "register", "submit", 200 }, { "register", "validate", 200 }, { "register", "read A", 200 }, { "register", "read B", 200 },
        { "supervisor", "submit", 403 }, { "supervisor", "validate", 403 }, { "supervisor", "read A", 403 }, { "supervisor", "codes", 200 },
        { "researcher", "submit", 403 }, { "researcher", "validate", 403 }, { "researcher", "read A", 403 }, { "researcher", "codes", 200 },
        // A record's history: the provider itself and the register keepers; another provider's record is not found.
        { "anonymous", "history A", 401 }, { "unknown key", "history A", 401 },
        { "submitter A", "history A", 200 }, { "submitter A", "history B", 404 }, { "submitter B", "history A", 404 }, { "submitter B", "history B", 200 },
        { "register", "history A", 200 }, { "register", "history B", 200 }, { "register", "history none", 404 },
        { "supervisor", "history A", 403 }, { "researcher", "history A", 403 },
        // Signal alerts: the register keepers and the supervising authority; the public reads the weekly table instead.
        { "anonymous", "signals", 401 }, { "submitter A", "signals", 403 }, { "researcher", "signals", 403 },
        { "register", "signals", 200 }, { "supervisor", "signals", 200 },
        // A data-subject request shows one person's records from every provider: the register keepers alone.
        { "anonymous", "subject request", 401 }, { "submitter A", "subject request", 403 }, { "supervisor", "subject request", 403 },
        { "researcher", "subject request", 403 }, { "register", "subject request", 200 },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_reaches_exactly_what_it_may(string caller, string request, int expected)
    {
        var client = server.Client(keys[caller]);
        using var response = request switch
        {
            "submit" => await client.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative), Bodies.Content(Bodies.Record("1.2.246.10.2345678.10.2026.m") + "\n")),
            "validate" => await client.PostAsync(new Uri("/api/v1/notifications/validate", UriKind.Relative), Bodies.Content(Bodies.Record("1.2.246.10.2345678.10.2026.m") + "\n")),
            "read A" => await client.GetAsync(new Uri($"/api/v1/submissions/{submissionOfA}", UriKind.Relative)),
            "read B" => await client.GetAsync(new Uri($"/api/v1/submissions/{submissionOfB}", UriKind.Relative)),
            "history A" => await client.GetAsync(new Uri($"/api/v1/notifications/{ServerHarness.ProviderA}/1.2.246.10.2345678.10.2026.{ServerHarness.ProviderA}/history", UriKind.Relative)),
            "history B" => await client.GetAsync(new Uri($"/api/v1/notifications/{ServerHarness.ProviderB}/1.2.246.10.2345678.10.2026.{ServerHarness.ProviderB}/history", UriKind.Relative)),
            "signals" => await client.GetAsync(new Uri("/api/v1/signals?format=csv", UriKind.Relative)),
            "subject request" => await client.PostAsync(new Uri("/api/v1/subject-requests", UriKind.Relative),
                Bodies.Content($"{{\"identityCode\": \"{Bodies.IdentityCode}\"}}", "application/json")),
            "history none" => await client.GetAsync(new Uri($"/api/v1/notifications/{ServerHarness.ProviderA}/1.2.246.10.2345678.10.2026.none/history", UriKind.Relative)),
            "codes" => await client.GetAsync(new Uri("/api/v1/codes", UriKind.Relative)),
            "health" => await client.GetAsync(new Uri("/healthz", UriKind.Relative)),
            _ => throw new ArgumentOutOfRangeException(nameof(request)),
        };

        Assert.Equal(expected, (int)response.StatusCode);
        if (expected >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        if (expected == 401)
        {
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
    }

    [Fact]
    public async Task A_revoked_key_is_refused_at_once()
    {
        var key = server.Key(Role.Submitter);
        var client = server.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"/api/v1/submissions/{submissionOfA}", UriKind.Relative))).StatusCode);

        server.Register.Keys.Revoke(server.Register.Keys.Authenticate(key)!.Id);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri($"/api/v1/submissions/{submissionOfA}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Every_submission_and_every_read_of_feedback_is_in_the_audit_log_and_denials_too()
    {
        await server.Client(keys["submitter B"]).GetAsync(new Uri($"/api/v1/submissions/{submissionOfA}", UriKind.Relative));
        await server.Client(keys["submitter A"]).GetAsync(new Uri($"/api/v1/submissions/{submissionOfA}", UriKind.Relative));

        var log = await File.ReadAllTextAsync(server.AuditLogFile);
        Assert.Contains($"submission/{submissionOfA}", log, StringComparison.Ordinal);
        Assert.Contains("submission.create", log, StringComparison.Ordinal);
        Assert.Contains("denied: another organisation", log, StringComparison.Ordinal);
        Assert.Contains("submission.read", log, StringComparison.Ordinal);
        Assert.DoesNotContain(Bodies.IdentityCode, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_refused_request_is_in_the_audit_log_with_who_what_and_why_and_nothing_the_caller_sent()
    {
        var before = AuditLogEvents.Read(server.AuditLogFile).Count;
        var body = Bodies.Record("1.2.246.10.2345678.10.2026.refused") + "\n";
        using var anonymous = await server.Client().PostAsync(new Uri("/api/v1/notifications", UriKind.Relative), Bodies.Content(body));
        using var unknown = await server.Client(keys["unknown key"]).GetAsync(new Uri($"/api/v1/submissions/{submissionOfA}", UriKind.Relative));
        // An identity code pasted where the key should be: it must not reach the log.
        using var pasted = await server.Client(Bodies.IdentityCode).GetAsync(new Uri($"/api/v1/submissions/{submissionOfB}", UriKind.Relative));
        using var supervisor = await server.Client(keys["supervisor"]).PostAsync(new Uri("/api/v1/notifications", UriKind.Relative), Bodies.Content(body));
        using var researcher = await server.Client(keys["researcher"]).GetAsync(new Uri($"/api/v1/submissions/{submissionOfB}", UriKind.Relative));
        using var othersFigures = await server.Client(keys["submitter A"]).GetAsync(
            new Uri($"/api/v1/statistics/visits?provider={ServerHarness.ProviderB}&from=2026-01-01&to=2026-12-31", UriKind.Relative));

        Assert.Equal(
            new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
            new[] { anonymous, unknown, pasted, supervisor, researcher, othersFigures }.Select(r => r.StatusCode));
        var refused = AuditLogEvents.Read(server.AuditLogFile).Skip(before).ToList();
        var supervisorActor = Assert.Single(refused, e => e.Actor.StartsWith("key:", StringComparison.Ordinal) && e.Actor.EndsWith("role:supervisor", StringComparison.Ordinal)).Actor;
        Assert.Equal(
            new AuditEvent[]
            {
                new("anonymous", "http.post", "/api/v1/notifications", AuditReasons.AccessControl, "127.0.0.1", "denied: 401 no access key"),
                new("anonymous", "http.get", $"/api/v1/submissions/{submissionOfA}", AuditReasons.AccessControl, "127.0.0.1", "denied: 401 the access key is not valid"),
                new("anonymous", "http.get", $"/api/v1/submissions/{submissionOfB}", AuditReasons.AccessControl, "127.0.0.1", "denied: 401 the access key is not valid"),
                new(supervisorActor, "http.post", "/api/v1/notifications", AuditReasons.AccessControl, "127.0.0.1", "denied: 403 needs role submitter or register"),
                new(refused[4].Actor, "http.get", $"/api/v1/submissions/{submissionOfB}", AuditReasons.AccessControl, "127.0.0.1", "denied: 403 needs role submitter or register"),
                new(refused[5].Actor, "http.get", "/api/v1/statistics/{name}", AuditReasons.AccessControl, "127.0.0.1", "denied: 403 another provider's own figures (provider=)"),
            },
            refused);
        Assert.EndsWith("org:University of Turku role:researcher", refused[4].Actor, StringComparison.Ordinal);
        Assert.EndsWith($"org:{ServerHarness.ProviderA} role:submitter", refused[5].Actor, StringComparison.Ordinal);

        var log = await File.ReadAllTextAsync(server.AuditLogFile);
        Assert.DoesNotContain(Bodies.IdentityCode, log, StringComparison.Ordinal);
        Assert.DoesNotContain(keys["unknown key"]!, log, StringComparison.Ordinal);
        Assert.DoesNotContain(keys["supervisor"]!, log, StringComparison.Ordinal);
    }
}

/// <summary>The access rules on the embedded store.</summary>
public sealed class AccessOnDuckDbTests() : AccessTests(StoreEngine.DuckDb);

/// <summary>The access rules on PostgreSQL.</summary>
public sealed class AccessOnPostgresTests() : AccessTests(StoreEngine.Postgres);
