using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Hilmo.Access;
using Hilmo.Cli;
using Hilmo.Codes;
using Hilmo.Identity;
using Hilmo.Statistics;
using Hilmo.Synthetic;
using Hilmo.Testing;
using Hilmo.Testing.Statistics;
using Hilmo.Testing.Storage;
using Microsoft.AspNetCore.Builder;

namespace Hilmo.Server.Tests;

/// <summary>
/// A real register server in this process: Kestrel on a free loopback port, the embedded store
/// (or a PostgreSQL store on the tests' cluster), key file, access keys and audit log in a
/// temporary folder, assembled as <c>hilmo serve</c> does.
/// </summary>
internal sealed class ServerHarness : IAsyncDisposable
{
    public const string ProviderA = "90152";
    public const string ProviderB = "90153";

    private static readonly Lazy<CodeServer> Codes = new(() => CodeServer.Load(RepositoryFolders.ShippedCodes));

    private readonly WebApplication app;
    private readonly List<HttpClient> clients = [];

    private ServerHarness(string folder, RegisterHost register, WebApplication app)
    {
        Folder = folder;
        Register = register;
        this.app = app;
        Address = new Uri(app.Urls.First());
    }

    public string Folder { get; }

    public RegisterHost Register { get; }

    public Uri Address { get; }

    /// <summary>The server's services (its report limiter, its cache).</summary>
    public IServiceProvider Services => app.Services;

    public string AuditLogFile => Register.Folder.AuditLogFile;

    /// <param name="options">The server's limits.</param>
    /// <param name="engine">The store.</param>
    /// <param name="time">The register's clock: receipt times, validation, pages and reports; the system's by default.</param>
    /// <param name="folder">The data folder (made if missing); a new temporary one by default.</param>
    /// <param name="postgres">A PostgreSQL store of the test's own (a cluster it stops, say) instead of <paramref name="engine"/>'s.</param>
    /// <param name="settings">Further configuration, as <c>hilmo serve</c> reads it from its command line (<c>--PxWeb:MaxDataCells=5000</c>).</param>
    public static async Task<ServerHarness> StartAsync(ServerOptions? options = null, StoreEngine engine = StoreEngine.DuckDb, TimeProvider? time = null, string? folder = null, string? postgres = null, string[]? settings = null)
    {
        folder ??= Directory.CreateTempSubdirectory("hilmo-server-").FullName;
        var register = await RegisterHost.OpenAsync(new DataFolder(folder), Codes.Value, allowTemporaryIdentityCodes: false,
            postgres: postgres ?? await StoreEngines.PostgresConnectionAsync(engine), time: time);
        var app = register.BuildServer(options ?? ServerOptions.Default, "http://127.0.0.1:0", ["--Logging:LogLevel:Default=Warning", .. settings ?? []]);
        await app.StartAsync();
        return new ServerHarness(folder, register, app);
    }

    /// <summary>A new access key of <paramref name="role"/> for <paramref name="organisation"/>; its secret.</summary>
    public string Key(Role role, string organisation = ProviderA) => Register.Keys.Create(organisation, role, $"test {role}").Secret;

    /// <summary>
    /// Generated records of <paramref name="registers"/> sent by the register keepers in batches of
    /// 10,000, and a release of them named <paramref name="release"/>; the year it publishes (last year).
    /// </summary>
    public async Task<int> PublishGeneratedAsync(int records, int seed, IReadOnlyList<Hilmo.Notifications.Register> registers, string release, CancellationToken cancellationToken)
    {
        var generator = new ServiceEventGenerator(StatisticsStore.Codes, new SyntheticIdentityCodes(),
            new GeneratorOptions { Seed = seed, Registers = [.. registers] });
        var client = Client(Key(Role.Register, "thl"));
        foreach (var batch in generator.Generate(records).Chunk(10_000))
        {
            using var body = new MemoryStream();
            using (var writer = new GeneratedRecordNdjsonWriter(body))
            {
                writer.WriteAll(batch);
            }

            using var response = await client.PostAsync(new Uri("/api/v1/notifications", UriKind.Relative), Bodies.Content(body.ToArray()), cancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var now = Register.Services.Time.GetUtcNow();
        Assert.True(await Register.Services.Store.CreateReleaseAsync(new Release(release, now, now, "test"), cancellationToken));
        return now.Year - 1;
    }

    /// <summary>A client that sends <paramref name="key"/> as its bearer token, or none.</summary>
    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        await app.StopAsync();
        await app.DisposeAsync();
        await Register.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>Bodies of submissions.</summary>
internal static class Bodies
{
    public const string IdentityCode = SampleRecords.IdentityCode;

    /// <summary>The specification's example record as one NDJSON line, under another <c>tunnus</c>, provider or update time.</summary>
    public static string Record(string recordId, string provider = ServerHarness.ProviderA, string updatedAt = "2026-03-09T16:40")
    {
        var record = JsonNode.Parse(SampleRecords.SpecificationExample)!.AsObject();
        record["tunnus"] = recordId;
        record["tuottaja"] = provider;
        record["paivitetty"] = updatedAt;
        return record.ToJsonString();
    }

    public static string Ndjson(int count, string prefix = "1.2.246.10.2345678.10.2026.", string provider = ServerHarness.ProviderA) =>
        string.Concat(Enumerable.Range(0, count).Select(i => Record(prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture), provider) + "\n"));

    public static HttpContent Content(string body, string mediaType = "application/x-ndjson") => Content(Encoding.UTF8.GetBytes(body), mediaType);

    public static HttpContent Content(byte[] body, string mediaType = "application/x-ndjson")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        return content;
    }
}
