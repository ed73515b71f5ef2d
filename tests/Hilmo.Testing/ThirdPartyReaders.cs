using System.Text.Json.Nodes;
using Json.Schema;

namespace Hilmo.Testing;

/// <summary>
/// Readers of JSON-stat and PX that share no code with Hilmo: the official JSON-stat 2.0
/// schema, npm's jsonstat-toolkit and the Python PX reader pyaxis, installed in
/// <c>tests/oracles</c> by <c>ensure-oracles.sh</c>, which <c>./test.sh</c> runs. A reader that
/// is missing fails the test with what to run: a skipped oracle would pass unread files. Also
/// Redocly's OpenAPI linter, from the same folder. Shared
/// by the output tests and the server's API tests, which read the answers of the HTTP APIs.
/// </summary>
public static class ThirdPartyReaders
{
    private static readonly string Folder = Path.Combine(RepositoryFolders.Root, "tests", "oracles");

    /// <summary>Debian's Python, which has Debian's pandas; the one on PATH may be another.</summary>
    private const string DebianPython = "/usr/bin/python3";

    private static readonly Lazy<JsonSchema> DatasetSchema = new(() =>
        JsonSchema.FromFile(Require(Path.Combine(Folder, "jsonstat-schema", "dataset.json"))));

    /// <summary>The schema's verdict, with every error it found, on one JSON-stat document.</summary>
    public static EvaluationResults Validate(byte[] jsonStat) =>
        DatasetSchema.Value.Evaluate(JsonNode.Parse(jsonStat), new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });

    public static string Errors(EvaluationResults results) =>
        string.Join("\n", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}")));

    /// <summary>What jsonstat-toolkit read from the document (see <c>read-jsonstat.mjs</c>).</summary>
    public static async Task<JsonNode> ReadJsonStatAsync(byte[] jsonStat)
    {
        Require(Path.Combine(Folder, "node_modules", "jsonstat-toolkit", "package.json"));
        return await RunAsync("node", [Path.Combine(Folder, "read-jsonstat.mjs")], jsonStat, ".json", []);
    }

    /// <summary>
    /// Redocly's lint of an OpenAPI document with its recommended rules: <c>totals</c> (errors,
    /// warnings) and <c>problems</c> (ruleId, severity, message, location), as
    /// <c>redocly lint --format json</c> prints them. It exits 1 when it finds an error, which is
    /// an answer here, not a failure to run.
    /// </summary>
    public static async Task<JsonNode> LintOpenApiAsync(byte[] document)
    {
        var cli = Require(Path.Combine(Folder, "node_modules", "@redocly", "cli", "bin", "cli.js"));
        // No telemetry or update check: the tests send nothing anywhere.
        return await RunAsync("node", [cli, "lint", "--format", "json"], document, ".json",
            new() { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" }, acceptedExitCodes: [0, 1]);
    }

    /// <summary>What pyaxis read from the PX file (see <c>read-px.py</c>).</summary>
    public static async Task<JsonNode> ReadPxAsync(byte[] px)
    {
        var pyaxis = Require(Path.Combine(Folder, "pyaxis", "pyaxis", "pyaxis.py"));
        Require(DebianPython);
        return await RunAsync(DebianPython, [Path.Combine(Folder, "read-px.py")], px, ".px", new() { ["PYTHONPATH"] = Path.GetDirectoryName(Path.GetDirectoryName(pyaxis)) });
    }

    private static string Require(string path)
    {
        Assert.True(File.Exists(path), $"{path} is missing: run tests/oracles/ensure-oracles.sh (./test.sh runs it).");
        return path;
    }

    private static async Task<JsonNode> RunAsync(string program, string[] arguments, byte[] file, string extension, Dictionary<string, string?> environment, int[]? acceptedExitCodes = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hilmo-oracle-{Guid.NewGuid():N}{extension}");
        await File.WriteAllBytesAsync(path, file, TestContext.Current.CancellationToken);
        try
        {
            var output = await OracleProcess.RunAsync(program, arguments.Append(path), TimeSpan.FromMinutes(2),
                "run tests/oracles/ensure-oracles.sh.", Folder, environment, acceptedExitCodes);
            return JsonNode.Parse(output)!;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
