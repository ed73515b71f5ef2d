using System.Text.RegularExpressions;
using Hilmo.Identity;
using Hilmo.Testing.Storage;

namespace Hilmo.Cli.Tests;

/// <summary>
/// <c>hilmo master-key rotate|rekey</c> on a register filled by the commands themselves: after a
/// rotation and a re-key stopped part way and resumed, the register counts the same distinct
/// clients as before, and the same file sent again is all duplicates.
/// </summary>
[Collection(UsesTheConsole.Name)]
public sealed partial class MasterKeyCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hilmo-cli-master-key-").FullName;

    private string Data => Path.Combine(folder, "data");

    private string File(string name) => Path.Combine(folder, name);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [GeneratedRegex(@"accepted (\d+), rejected (\d+), duplicates (\d+)")]
    private static partial Regex Counts();

    [GeneratedRegex(@"^([\d,]+) stored versions hold a pseudonym of a key version below 2\.", RegexOptions.Multiline)]
    private static partial Regex ToRekey();

    [Theory]
    [MemberData(nameof(StoreEngines.All), MemberType = typeof(StoreEngines))]
    public async Task A_rotation_and_a_resumed_re_key_keep_the_distinct_clients_and_a_resend_stays_a_duplicate(StoreEngine engine)
    {
        string[] store = await StoreEngines.PostgresConnectionAsync(engine) is { } postgres ? ["--postgres", postgres] : [];
        var (generated, _) = await CommandLine.RunAsync("generate", "--registers", "avohilmo", "--records", "3000", "--seed", "11", "--year", "2025", "--out", File("year.ndjson"));
        Assert.Equal(0, generated);
        var (ingested, ingestOutput) = await CommandLine.RunAsync(["ingest", File("year.ndjson"), "--data", Data, .. store]);
        Assert.True(ingested is 0 or 1, ingestOutput);
        var accepted = long.Parse(Counts().Match(ingestOutput).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var before = await VisitsAsync("before", store);

        var (rotated, rotateOutput) = await CommandLine.RunAsync("master-key", "rotate", "--data", Data);
        Assert.Equal(0, rotated);
        Assert.Contains("Added master-key version 2", rotateOutput, StringComparison.Ordinal);
        Assert.Equal([1, 2], MasterKeyFile.Load(Path.Combine(Data, "keys", "master.key")).Versions);

        var (stopped, stoppedOutput) = await CommandLine.RunAsync(["master-key", "rekey", "--batch-size", "400", "--max-batches", "2", "--data", Data, .. store]);
        Assert.Equal(0, stopped);
        // Withdrawals carry no pseudonym: every other version accepted is to be re-keyed.
        var total = long.Parse(ToRekey().Match(stoppedOutput).Groups[1].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(total, accepted - 100, accepted);
        Assert.Contains($"Re-keyed 800 versions to key version 2 in 2 batches; {total - 800:N0} left.", stoppedOutput, StringComparison.Ordinal);
        Assert.Contains("Run hilmo master-key rekey again", stoppedOutput, StringComparison.Ordinal);

        var (resumed, resumedOutput) = await CommandLine.RunAsync(["master-key", "rekey", "--data", Data, .. store]);
        Assert.Equal(0, resumed);
        Assert.Contains($"Re-keyed {total - 800:N0} versions to key version 2 in 1 batches; 0 left.", resumedOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("content hash", resumedOutput, StringComparison.Ordinal);

        // Every person's records at a provider link again: the distinct clients are those of before the rotation.
        Assert.Equal(before, await VisitsAsync("after", store));
        var (again, againOutput) = await CommandLine.RunAsync(["ingest", File("year.ndjson"), "--data", Data, .. store]);
        Assert.True(again is 0 or 1, againOutput);
        Assert.Equal("0", Counts().Match(againOutput).Groups[1].Value);

        var (verified, verifyOutput) = await CommandLine.RunAsync("audit", "verify", "--data", Data);
        Assert.Equal(0, verified);
        Assert.Contains("intact", verifyOutput, StringComparison.Ordinal);
        var log = await System.IO.File.ReadAllTextAsync(Path.Combine(Data, "audit", "audit.log"), TestContext.Current.CancellationToken);
        Assert.Contains("master-key.rotate", log, StringComparison.Ordinal);
        Assert.Contains("ok rekeyed:800 batches:2 remaining:" + (total - 800), log, StringComparison.Ordinal);
        Assert.Contains($"ok rekeyed:{total - 800} batches:1 remaining:0 hashes-kept:0", log, StringComparison.Ordinal);

        await using var opened = await ConfiguredStore.OpenAsync(new DataFolder(Data), store.Length > 0 ? store[1] : null, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, await opened.CountToRekeyAsync(2, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Rotating_without_a_key_file_is_refused_and_makes_none()
    {
        var (exit, output) = await CommandLine.RunAsync("master-key", "rotate", "--data", Data);

        Assert.Equal(1, exit);
        Assert.Contains("there is no master key file", output, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(Path.Combine(Data, "keys", "master.key")));
    }

    private async Task<string> VisitsAsync(string name, string[] store)
    {
        var table = File($"visits-{name}.csv");
        var (reported, output) = await CommandLine.RunAsync(["report", "visits", "--from", "2025-01-01", "--to", "2025-12-31",
            "--by", "month,provider", "--unprotected", "--language", "en", "--out", table, "--data", Data, .. store]);
        Assert.True(reported == 0, output);
        return await System.IO.File.ReadAllTextAsync(table, TestContext.Current.CancellationToken);
    }
}
