using Hilmo.Access;
using Hilmo.Audit;
using Hilmo.Cli;
using Hilmo.Codes;
using Hilmo.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hilmo.Server.Tests.Web;

/// <summary>
/// A register server as <see cref="ServerHarness"/> starts it, for the hardening tests: it can
/// carry extra endpoints the test adds (a fault, never a production endpoint), and it can be
/// stopped without losing its folder, so that the audit log it closed can be verified afterwards.
/// </summary>
internal sealed class HostileServer : IAsyncDisposable
{
    private static readonly Lazy<CodeServer> Codes = new(() => CodeServer.Load(RepositoryFolders.ShippedCodes));

    private readonly string folder;
    private readonly WebApplication app;
    private readonly List<HttpClient> clients = [];
    private bool stopped;

    private HostileServer(string folder, RegisterHost register, WebApplication app)
    {
        this.folder = folder;
        Register = register;
        this.app = app;
        Address = new Uri(app.Urls.First());
    }

    public RegisterHost Register { get; }

    public Uri Address { get; }

    public string AuditLogFile => Register.Folder.AuditLogFile;

    public static async Task<HostileServer> StartAsync(ServerOptions? options = null, Action<WebApplication>? extend = null)
    {
        var folder = Directory.CreateTempSubdirectory("hilmo-hostile-").FullName;
        var register = await RegisterHost.OpenAsync(new DataFolder(folder), Codes.Value, allowTemporaryIdentityCodes: false);
        var app = register.BuildServer(options ?? ServerOptions.Default, "http://127.0.0.1:0", ["--Logging:LogLevel:Default=None"]);
        extend?.Invoke(app);
        await app.StartAsync();
        return new HostileServer(folder, register, app);
    }

    public string Key(Role role, string organisation = ServerHarness.ProviderA) => Register.Keys.Create(organisation, role, $"test {role}").Secret;

    /// <summary>A client that keeps cookies and does not follow redirects, as a browser's requests look one by one.</summary>
    public HttpClient Browser()
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Address };
        clients.Add(client);
        return client;
    }

    /// <summary>The routes of the pages' POST endpoints (not the API's), as the server maps them.</summary>
    public IReadOnlyList<string> PagePostRoutes() =>
    [
        .. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").Trim('/'))
            .Where(route => !route.StartsWith("/api", StringComparison.Ordinal)),
    ];

    /// <summary>Stops the server and closes its register (the audit log writes what it holds and is sealed), keeping the folder.</summary>
    public async Task StopAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        foreach (var client in clients)
        {
            client.Dispose();
        }

        await app.StopAsync();
        await app.DisposeAsync();
        await Register.DisposeAsync();
    }

    /// <summary>What <c>hilmo audit verify</c> finds in the log (after <see cref="StopAsync"/>).</summary>
    public AuditLogVerification VerifyAudit()
    {
        using var key = AuditPublicKey.Load(Register.Folder.AuditPublicKeyFile);
        return AuditLogVerifier.Verify(AuditLogFile, key);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(folder, recursive: true);
    }
}
