using Hilmo.Audit;
using Hilmo.Testing;

namespace Hilmo.Cli.Tests;

/// <summary><c>hilmo audit verify</c> on a log written as the server and <c>hilmo keys</c> write it.</summary>
[Collection(UsesTheConsole.Name)]
public sealed class AuditCommandTests : IDisposable
{
    private readonly DataFolder data = new(Directory.CreateTempSubdirectory("hilmo-audit-cli-").FullName);

    public void Dispose() => Directory.Delete(data.Path, recursive: true);

    [Fact]
    public async Task An_untouched_log_is_reported_intact_with_its_entries_and_checkpoints()
    {
        await WriteLogAsync(2_500);

        var (exitCode, output) = await CommandLine.RunAsync("audit", "verify", "--data", data.Path);

        Assert.Equal(0, exitCode);
        Assert.Contains($"{data.AuditLogFile}: intact. 2,503 entries, 3 checkpoints verified; the last checkpoint is entry 2,503.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("not signed yet", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_entry_fails_with_exit_code_1_naming_the_entry_and_its_line()
    {
        await WriteLogAsync(30);
        var lines = File.ReadAllLines(data.AuditLogFile);
        lines[11] = lines[11].Replace("submission/12", "submission/13", StringComparison.Ordinal);
        File.WriteAllLines(data.AuditLogFile, lines);

        var (exitCode, output) = await CommandLine.RunAsync("audit", "verify", "--data", data.Path);

        Assert.Equal(1, exitCode);
        Assert.Contains("NOT intact. Entry 12 (line 12) was changed", output, StringComparison.Ordinal);
        Assert.Contains("Before it: 11 entries in order, 0 checkpoints verified.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_log_checked_against_another_public_key_fails_at_its_first_checkpoint()
    {
        await WriteLogAsync(5);
        var other = new DataFolder(Path.Combine(data.Path, "other"));
        await using (RegisterComponents.AuditLog(other))
        {
        }

        var (exitCode, output) = await CommandLine.RunAsync("audit", "verify", "--data", data.Path, "--public-key", other.AuditPublicKeyFile);

        Assert.Equal(1, exitCode);
        Assert.Contains("Checkpoint entry 6 (line 6) is signed by key", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_log_in_use_is_intact_and_its_unsigned_entries_are_counted()
    {
        var log = RegisterComponents.AuditLog(data, new ManualTimeProvider());
        await log.AppendAsync(Event(1), TestContext.Current.CancellationToken);

        var (exitCode, output) = await CommandLine.RunAsync("audit", "verify", "--data", data.Path);
        await log.DisposeAsync();

        Assert.Equal(0, exitCode);
        Assert.Contains("1 entry after the last checkpoint: chained but not signed yet", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_public_key_the_command_says_where_it_looked()
    {
        var (exitCode, output) = await CommandLine.RunAsync("audit", "verify", "--data", data.Path);

        Assert.Equal(1, exitCode);
        Assert.Contains($"There is no public key at {data.AuditPublicKeyFile}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_key_announces_a_new_key_and_verify_follows_it_with_the_retired_key()
    {
        await WriteLogAsync(30);
        var oldKeyId = File.ReadAllText(data.AuditPublicKeyFile);

        var (rotateExit, rotateOutput) = await CommandLine.RunAsync("audit", "rotate-key", "--data", data.Path);
        await WriteLogAsync(30);
        var (exitCode, output) = await CommandLine.RunAsync("audit", "verify", "--data", data.Path);

        Assert.Equal(0, rotateExit);
        Assert.Contains("The audit log now announces signing key", rotateOutput, StringComparison.Ordinal);
        Assert.NotEqual(oldKeyId, File.ReadAllText(data.AuditPublicKeyFile));
        Assert.Single(Directory.GetFiles(Path.Combine(data.Path, "keys", "audit-signing.retired"), "*.pub"));
        Assert.Equal(0, exitCode);
        Assert.Contains($"{data.AuditLogFile}: intact.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_key_without_a_key_fails_with_exit_code_1()
    {
        var (exitCode, _) = await CommandLine.RunAsync("audit", "rotate-key", "--data", data.Path);

        Assert.Equal(1, exitCode);
    }

    private static AuditEvent Event(int i) => new("key:k7f org:1.2.246.10.2345678.10.0 role:submitter", "submission.create", $"submission/{i}", "Hilmo-ilmoitus", "203.0.113.9", "ok received 1000");

    private async Task WriteLogAsync(int events)
    {
        await using var log = RegisterComponents.AuditLog(data, new ManualTimeProvider());
        for (var i = 1; i <= events; i++)
        {
            await log.AppendAsync(Event(i), TestContext.Current.CancellationToken);
        }
    }
}
