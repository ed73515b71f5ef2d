using System.Text.Json;

namespace Hilmo.Cli.Tests;

/// <summary>
/// <c>hilmo signals run|list</c> and <c>hilmo history</c> on a register filled by the commands
/// themselves: an injected outbreak is alerted within its days and the alerts are found again by
/// their as-of time; a record's history is read as the API's document, without the identity code.
/// </summary>
[Collection(UsesTheConsole.Name)]
public sealed class SignalsAndHistoryCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hilmo-cli-signals-").FullName;

    private string Data => Path.Combine(folder, "data");

    private string File_ => Path.Combine(folder, "x.ndjson");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    // Gastroenteritis in Helsinki is about 0.1 visits a day at this size: thirty times that is an outbreak of a few a day.
    private async Task FillAsync()
    {
        var (generated, _) = await CommandLine.RunAsync("generate", "--registers", "avohilmo", "--records", "60000", "--seed", "7", "--year", "2025",
            "--outbreak", "gastro:90:2025-10-01:10:30", "--out", File_);
        Assert.Equal(0, generated);
        var (ingested, output) = await CommandLine.RunAsync("ingest", File_, "--data", Data);
        Assert.True(ingested is 0 or 1, output);
    }

    [Fact]
    public async Task An_injected_outbreak_is_alerted_in_its_days_and_the_run_is_found_again_by_its_as_of()
    {
        await FillAsync();

        var (run, runOutput) = await CommandLine.RunAsync("signals", "run", "--from", "2025-01-01", "--to", "2025-10-12", "--data", Data);
        Assert.Equal(0, run);
        var asOf = runOutput.Split(' ')[3].TrimEnd(':');

        var (listed, json) = await CommandLine.RunAsync("signals", "list", "--county", "90", "--syndrome", "gastro", "--from", "2025-10-01", "--to", "2025-10-10",
            "--format", "json", "--data", Data);
        Assert.Equal(0, listed);
        var alerts = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.All(alerts, a => Assert.True(a.GetProperty("score").GetDouble() >= 1));
        // EARS's baseline is the week before, so it alarms as the outbreak begins.
        Assert.Contains(alerts, a => a.GetProperty("resolution").GetString() == "day" && a.GetProperty("method").GetString() == "ears-c1"
            && string.CompareOrdinal(a.GetProperty("period").GetString(), "2025-10-03") <= 0);

        // The same ten days a month earlier, without the outbreak, are quiet but for chance.
        var (_, before) = await CommandLine.RunAsync("signals", "list", "--county", "90", "--syndrome", "gastro", "--from", "2025-09-01", "--to", "2025-09-10",
            "--format", "json", "--data", Data);
        var quiet = AlarmDays(JsonDocument.Parse(before).RootElement.EnumerateArray().ToList());
        Assert.True(quiet <= 1, $"EARS C1 alarmed on {quiet} days without an outbreak");

        var (again, csv) = await CommandLine.RunAsync("signals", "list", "--county", "90", "--syndrome", "gastro", "--from", "2025-10-01", "--to", "2025-10-10",
            "--as-of", asOf, "--data", Data);
        Assert.Equal(0, again);
        Assert.Equal(alerts.Count + 1, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static int AlarmDays(List<JsonElement> alerts) => alerts
        .Where(a => a.GetProperty("resolution").GetString() == "day" && a.GetProperty("method").GetString() == "ears-c1")
        .Select(a => a.GetProperty("period").GetString()).Distinct().Count();

    [Fact]
    public async Task A_method_the_register_does_not_have_is_refused_naming_those_it_has()
    {
        var (exit, output) = await CommandLine.RunAsync("signals", "list", "--method", "cusum", "--data", Data);
        Assert.Equal(2, exit);
        Assert.Contains("farrington-noufaily", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_records_history_comes_as_the_apis_document_without_the_identity_code()
    {
        await FillAsync();
        var line = File.ReadLines(File_).First(l => l.Contains("\"kaynti\"", StringComparison.Ordinal));
        using var record = JsonDocument.Parse(line);
        var (tunnus, provider) = (record.RootElement.GetProperty("tunnus").GetString()!, record.RootElement.GetProperty("tuottaja").GetString()!);

        var (exit, json) = await CommandLine.RunAsync("history", "--provider", provider, "--tunnus", tunnus, "--format", "json", "--data", Data);

        Assert.Equal(0, exit);
        var versions = JsonDocument.Parse(json).RootElement.GetProperty("versions");
        Assert.True(versions.GetArrayLength() >= 1);
        Assert.DoesNotContain(record.RootElement.GetProperty("asiakas").GetProperty("hetu").GetString()!, json, StringComparison.Ordinal);
        Assert.DoesNotContain("hetu", json, StringComparison.Ordinal);

        var (table, text) = await CommandLine.RunAsync("history", "--provider", provider, "--tunnus", tunnus, "--language", "en", "--data", Data);
        Assert.Equal(0, table);
        Assert.Contains(tunnus, text, StringComparison.Ordinal);
    }
}
