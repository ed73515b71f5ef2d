using System.Text.RegularExpressions;
using Hilmo.Access;

namespace Hilmo.Cli.Tests;

/// <summary><c>hilmo keys create|list|revoke</c> as an administrator runs them.</summary>
[Collection(UsesTheConsole.Name)]
public sealed partial class KeysCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hilmo-keys-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private AccessKeyFile Keys() => RegisterComponents.AccessKeys(new DataFolder(folder));

    [GeneratedRegex(@"hilmo_([a-z2-7]{8})_[A-Za-z0-9_-]{43}")]
    private static partial Regex Secret();

    [Fact]
    public async Task A_key_is_created_with_its_secret_shown_once_listed_without_it_and_revoked()
    {
        var (created, createOutput) = await CommandLine.RunAsync("keys", "create", "--organisation", "90152", "--role", "submitter", "--name", "Apotti production", "--data", folder);

        Assert.Equal(0, created);
        Assert.Contains("will not be shown again", createOutput, StringComparison.Ordinal);
        var secret = Assert.Single(Secret().Matches(createOutput));
        var id = secret.Groups[1].Value;
        var key = Keys().Authenticate(secret.Value);
        Assert.Equal((id, "90152", Role.Submitter, "Apotti production"), (key?.Id, key?.Organisation, key?.Role, key?.Name));

        var (listed, listOutput) = await CommandLine.RunAsync("keys", "list", "--data", folder);

        Assert.Equal(0, listed);
        var rows = listOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id\torganisation\trole\tname\tcreated\trevoked", rows[0]);
        Assert.Matches($@"^{id}\t90152\tsubmitter\tApotti production\t\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ\t-$", Assert.Single(rows[1..]));
        Assert.DoesNotContain(secret.Value[^43..], listOutput, StringComparison.Ordinal);
        Assert.DoesNotMatch("[0-9a-f]{64}", listOutput);

        var (revoked, revokeOutput) = await CommandLine.RunAsync("keys", "revoke", id, "--data", folder);

        Assert.Equal(0, revoked);
        Assert.Contains($"Revoked key {id}", revokeOutput, StringComparison.Ordinal);
        Assert.Null(Keys().Authenticate(secret.Value));
        var (_, afterOutput) = await CommandLine.RunAsync("keys", "list", "--data", folder);
        Assert.Matches($@"\tApotti production\t\S+Z\t\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", afterOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1]);
    }

    [Fact]
    public async Task Revoking_a_key_that_does_not_exist_fails_and_says_so()
    {
        await CommandLine.RunAsync("keys", "create", "--organisation", "THL", "--role", "register", "--data", folder);

        var (exitCode, output) = await CommandLine.RunAsync("keys", "revoke", "nosuchid", "--data", folder);

        Assert.Equal(1, exitCode);
        Assert.Contains("no access key with the id \"nosuchid\"", output, StringComparison.Ordinal);
        Assert.Null(Assert.Single(Keys().List()).RevokedAt);
    }

    [Theory]
    [InlineData("Helsingin kaupungin sosiaali- ja terveystoimiala", "submitter", "provider code its records carry in tuottaja")]
    [InlineData("THL", "admin", "--role must be submitter, register, supervisor or researcher")]
    [InlineData(" THL", "register", "begins or ends with white space")]
    public async Task A_key_that_cannot_be_made_is_refused_with_the_reason_and_nothing_is_stored(string organisation, string role, string reason)
    {
        var (exitCode, output) = await CommandLine.RunAsync("keys", "create", "--organisation", organisation, "--role", role, "--data", folder);

        Assert.Equal(1, exitCode);
        Assert.Contains(reason, output, StringComparison.Ordinal);
        Assert.DoesNotMatch(Secret(), output);
        Assert.Empty(Keys().List());
    }
}
