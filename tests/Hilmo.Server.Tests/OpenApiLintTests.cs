using System.Text;
using System.Text.Json.Nodes;
using Hilmo.Testing;

namespace Hilmo.Server.Tests;

/// <summary>
/// The served OpenAPI document passes Redocly's lint (its recommended rules) with no error, as
/// client generators and API portals read it; the lint runs from tests/oracles and a missing
/// one fails the test (<see cref="ThirdPartyReaders"/>).
/// </summary>
public sealed class OpenApiLintTests : IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private ServerHarness server = null!;

    public async ValueTask InitializeAsync() => server = await ServerHarness.StartAsync();

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    private static string Problems(JsonNode lint, string severity) => string.Join("\n", lint["problems"]!.AsArray()
        .Where(p => (string?)p!["severity"] == severity)
        .Select(p => $"{p!["ruleId"]}: {p["message"]} at {p["location"]?[0]?["pointer"]}"));

    [Fact]
    public async Task The_served_document_has_no_lint_error()
    {
        using var client = server.Client();
        var document = await client.GetByteArrayAsync(new Uri("/openapi/v1.json", UriKind.Relative), Cancel);

        var lint = await ThirdPartyReaders.LintOpenApiAsync(document);

        Assert.True((int)lint["totals"]!["errors"]! == 0, Problems(lint, "error"));
        TestContext.Current.SendDiagnosticMessage("Redocly's warnings: " + Problems(lint, "warning"));
    }

    [Theory]
    [InlineData("/api/v1/notifications", "post")]
    [InlineData("/api/v1/notifications/validate", "post")]
    [InlineData("/api/v1/submissions/{id}", "get")]
    [InlineData("/api/v1/codes/{name}", "get")]
    [InlineData("/rest/1.1/indicators", "get")]
    [InlineData("/rest/1.1/indicators/{id}", "get")]
    [InlineData("/rest/1.1/regions", "get")]
    [InlineData("/rest/1.1/json", "get")]
    [InlineData("/rest/1.1/csv", "get")]
    public async Task A_call_documents_the_schema_of_its_200_and_its_head_has_an_id_of_its_own(string path, string method)
    {
        using var client = server.Client();
        var document = JsonNode.Parse(await client.GetByteArrayAsync(new Uri("/openapi/v1.json", UriKind.Relative), Cancel))!;
        var item = document["paths"]![path]!;

        var content = item[method]!["responses"]!["200"]!["content"]!.AsObject();
        Assert.NotEmpty(content);
        Assert.All(content, media => Assert.NotNull(media.Value!["schema"]));
        if (item["head"] is { } head)
        {
            Assert.Equal((string?)item[method]!["operationId"] + "Head", (string?)head["operationId"]);
        }
    }

    [Fact]
    public async Task The_lint_finds_an_operation_id_used_twice()
    {
        using var client = server.Client();
        var document = JsonNode.Parse(await client.GetByteArrayAsync(new Uri("/openapi/v1.json", UriKind.Relative), Cancel))!;
        var operations = document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject())
            .Select(operation => operation.Value).OfType<JsonObject>().Where(operation => operation.ContainsKey("operationId")).Take(2).ToList();
        operations[1]["operationId"] = (string?)operations[0]["operationId"];

        var lint = await ThirdPartyReaders.LintOpenApiAsync(Encoding.UTF8.GetBytes(document.ToJsonString()));

        Assert.Contains(lint["problems"]!.AsArray(), p => (string?)p!["ruleId"] == "operation-operationId-unique" && (string?)p["severity"] == "error");
    }
}
