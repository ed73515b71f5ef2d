namespace Hilmo.Cli.Tests;

/// <summary><c>hilmo generate --outbreak</c> refuses what it cannot inject, saying which part is wrong.</summary>
[Collection(UsesTheConsole.Name)]
public sealed class OutbreakOptionTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hilmo-outbreak-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("flu:08:2025-02-03:14:3", "syndrome 'flu' is unknown")]
    [InlineData("gastro:77:2025-02-03:14:3", "county '77' is not a wellbeing services county code")]
    [InlineData("gastro:08:2025-02-30:14:3", "START '2025-02-30' is not an ISO date")]
    [InlineData("gastro:08:3.2.2025:14:3", "START '3.2.2025' is not an ISO date")]
    [InlineData("gastro:08:2025-02-03:14:0", "FACTOR '0' must be a number above 0")]
    [InlineData("gastro:08:2025-02-03:14:-2", "FACTOR '-2' must be a number above 0")]
    [InlineData("gastro:08:2025-02-03:0:3", "DAYS '0' must be a whole number of days")]
    [InlineData("gastro:08:2025-02-03", "must be SYNDROME:COUNTY:START:DAYS:FACTOR")]
    [InlineData("gastro:08:2024-02-03:14:3", "lies outside the generated period 2025-01-01–2025-12-31")]
    public async Task A_bad_outbreak_fails_with_a_message_naming_the_bad_part(string outbreak, string message)
    {
        var file = Path.Combine(folder, "x.ndjson");
        var (exitCode, output) = await CommandLine.RunAsync("generate", "--registers", "avohilmo", "--records", "500", "--year", "2025", "--outbreak", outbreak, "--out", file);
        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.False(File.Exists(file), "nothing is written when an outbreak is refused");
    }

    [Fact]
    public async Task Good_outbreaks_are_accepted_and_repeatable()
    {
        var file = Path.Combine(folder, "x.ndjson");
        var (exitCode, output) = await CommandLine.RunAsync("generate", "--registers", "avohilmo", "--records", "500", "--year", "2025",
            "--outbreak", "gastro:08:2025-02-03:14:3", "--outbreak", "tick_borne:05:2025-07-01:21:2.5", "--out", file);
        Assert.True(exitCode == 0, output);
        Assert.True(File.Exists(file));
    }
}
