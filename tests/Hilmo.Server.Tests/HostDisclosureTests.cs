using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hilmo.Access;
using Hilmo.Testing;

namespace Hilmo.Server.Tests;

/// <summary>
/// Nothing about the machine the register runs on reaches a client: no folder of the data, the
/// program or the code lists, no other absolute path, no name of the host or its system, in any
/// answer of the metadata endpoints, the pages anyone may read, or an error.
/// </summary>
public sealed partial class HostDisclosureTests : IAsyncLifetime
{
    private ServerHarness server = null!;

    public async ValueTask InitializeAsync() => server = await ServerHarness.StartAsync();

    public ValueTask DisposeAsync() => server.DisposeAsync();

    [Fact]
    public async Task No_answer_of_the_metadata_endpoints_the_public_pages_or_an_error_names_a_path_or_the_host()
    {
        var anonymous = server.Client();
        var provider = server.Client(server.Key(Role.Submitter));
        var keeper = server.Client(server.Key(Role.Register, "THL"));
        var answers = new List<(string Request, HttpStatusCode Status, string Headers, string Body)>();
        async Task<string> Ask(HttpClient client, string path, HttpContent? body = null)
        {
            using var response = body is null
                ? await client.GetAsync(new Uri(path, UriKind.Relative))
                : await client.PostAsync(new Uri(path, UriKind.Relative), body);
            var headers = string.Join('\n', response.Headers.Concat(response.Content.Headers).Select(h => $"{h.Key}: {string.Join(", ", h.Value)}"));
            var text = await response.Content.ReadAsStringAsync();
            answers.Add(($"{(body is null ? "GET" : "POST")} {path}", response.StatusCode, headers, text));
            return text;
        }

        using (var list = JsonDocument.Parse(await Ask(anonymous, "/api/v1/codes")))
        {
            foreach (var classification in list.RootElement.EnumerateArray())
            {
                await Ask(anonymous, $"/api/v1/codes/{classification.GetProperty("name").GetString()}?q=a");
            }
        }

        await Ask(anonymous, "/api/v1/codes/icd10fi?date=2026-03-09&q=J06");
        await Ask(anonymous, "/api/v1/statistics");
        await Ask(anonymous, "/api/v1/statistics/config");
        foreach (var report in new[] { "visits", "access-to-care", "care-periods", "social-care-periods", "social-care-clients", "data-quality" })
        {
            await Ask(anonymous, $"/api/v1/statistics/{report}/metadata");
        }

        await Ask(anonymous, "/openapi/v1.json");
        await Ask(anonymous, "/healthz");
        await Ask(anonymous, "/");
        await Ask(anonymous, "/sign-in");
        using (var stored = JsonDocument.Parse(await Ask(keeper, "/api/v1/notifications", Bodies.Content(Bodies.Ndjson(2)))))
        {
            await Ask(keeper, $"/api/v1/submissions/{stored.RootElement.GetProperty("submissionId").GetInt64()}");
        }

        // Errors of every kind the register answers.
        var errorsFrom = answers.Count;
        await Ask(anonymous, "/api/v1/codes/no_such_list");
        await Ask(anonymous, "/api/v1/statistics/visits?format=csv");
        await Ask(anonymous, "/api/v1/statistics/no-such-report/metadata");
        await Ask(anonymous, "/api/v1/statistics/visits?format=docx");
        await Ask(anonymous, "/api/v1/statistics/visits?by=no_such_dimension");
        await Ask(anonymous, "/api/v1/no/such/endpoint");
        await Ask(anonymous, "/no-such-page");
        await Ask(anonymous, "/api/v1/notifications", Bodies.Content(Bodies.Ndjson(1)));
        await Ask(server.Client(server.Key(Role.Supervisor, "VALVIRA")), "/api/v1/notifications", Bodies.Content(Bodies.Ndjson(1)));
        await Ask(provider, $"/api/v1/statistics/visits?provider={ServerHarness.ProviderB}");
        await Ask(provider, "/api/v1/submissions/987654");
        await Ask(provider, "/api/v1/notifications", Bodies.Content("tunnus,hetu\n1,2\n", "text/csv"));
        await Ask(provider, "/api/v1/notifications", Bodies.Content("[{\"tunnus\":\"1.2.246.10.1\",", "application/json"));
        await Ask(provider, "/api/v1/notifications", Bodies.Content("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><palvelutapahtumat>&e;</palvelutapahtumat>", "application/xml"));

        Assert.All(answers.Take(errorsFrom), a => Assert.True(a.Status == HttpStatusCode.OK, $"{a.Request}: {a.Status}"));
        Assert.All(answers.Skip(errorsFrom), a => Assert.True((int)a.Status >= 400, $"{a.Request}: {a.Status}"));
        var needles = HostNeedles();
        foreach (var (request, _, headers, body) in answers)
        {
            var text = headers + "\n" + body;
            foreach (var needle in needles)
            {
                Assert.False(text.Contains(needle, StringComparison.Ordinal), $"{request} shows \"{needle}\"");
            }

            Assert.False(AbsolutePath().IsMatch(text), $"{request} shows a path: {AbsolutePath().Match(text).Value}");
            Assert.False(HostName().IsMatch(text), $"{request} names the host {Environment.MachineName}");
        }

        Assert.True(answers.Count > 40, $"only {answers.Count} answers were scanned");
    }

    /// <summary>The folders of this run and the names of this system, as they would appear in an answer.</summary>
    private string[] HostNeedles() =>
    [
        server.Folder, new DirectoryInfo(server.Folder).Name, RepositoryFolders.Root, AppContext.BaseDirectory.TrimEnd('/'),
        Path.GetTempPath().TrimEnd('/') + "/", Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + "/",
        RuntimeInformation.OSDescription,
    ];

    /// <summary>An absolute path of a Unix system's top folders, not part of a web address (<c>https://thl.fi/var/…</c>).</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9._~%:-])/(?:home|root|tmp|work|usr|var|etc|opt|srv|mnt|proc|run|dev|nix|app|data)/")]
    private static partial Regex AbsolutePath();

    /// <summary>The machine's name as a word.</summary>
    private static Regex HostName() => new($@"(?<![\w.-]){Regex.Escape(Environment.MachineName)}(?![\w-])", RegexOptions.CultureInvariant);
}
