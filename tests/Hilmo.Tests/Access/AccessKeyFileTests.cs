using System.Buffers.Text;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using Hilmo.Access;
using Hilmo.Testing;

namespace Hilmo.Tests.Access;

public sealed class AccessKeyFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hilmo-access-").FullName;
    private readonly ManualTimeProvider clock = new();

    private string KeysFile => Path.Combine(folder, "access", "keys.json");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private AccessKeyFile Open() => new(KeysFile, clock);

    /// <summary>The 43 random characters at the end of a secret.</summary>
    private static string RandomPart(string secret) => secret[(secret.LastIndexOf('_', secret.Length - 44) + 1)..];

    [Fact]
    public void A_created_key_authenticates_with_its_secret_as_its_organisation_and_role()
    {
        var keys = Open();
        var created = keys.Create("90152", Role.Submitter, "Apotti production");

        var key = keys.Authenticate(created.Secret);

        Assert.Equal(created.Key, key);
        Assert.Equal(("90152", Role.Submitter, "Apotti production", clock.GetUtcNow(), (DateTimeOffset?)null),
            (key!.Organisation, key.Role, key.Name, key.CreatedAt, key.RevokedAt));
        Assert.Matches($"^hilmo_{key.Id}_[A-Za-z0-9_-]{{43}}$", created.Secret);
        Assert.Equal(key, new AccessKeyFile(KeysFile, clock).Authenticate(created.Secret));
    }

    [Fact]
    public void A_secret_that_is_wrong_in_any_way_authenticates_no_one_and_throws_nothing()
    {
        var keys = Open();
        var mine = keys.Create("90152", Role.Submitter, "mine").Secret;
        var other = keys.Create("THL", Role.Register, "other");
        var otherId = other.Key.Id;
        var freshRandom = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

        string[] wrong =
        [
            $"hilmo_{otherId}_{freshRandom}",           // right shape, wrong random part
            mine[..^1],                                  // truncated
            mine + "A",                                  // one character too many
            mine[..^1] + (mine[^1] == 'A' ? 'B' : 'A'),  // last character changed
            $"hilmo_{otherId}_{RandomPart(mine)}",       // another live key's id with this secret
            $"hilmo_zzzzzzzz_{RandomPart(mine)}",        // an id nobody has
            "Bearer " + mine,
            mine.ToUpperInvariant(),
            mine.Replace('_', 'ä'),
            new string('x', mine.Length),
            "hilmo_",
            "garbage",
            " ",
            string.Empty,
        ];

        Assert.All(wrong, secret => Assert.Null(keys.Authenticate(secret)));
        Assert.Null(keys.Authenticate(null!));
        Assert.NotNull(keys.Authenticate(mine));
        Assert.NotNull(keys.Authenticate(other.Secret));
    }

    [Fact]
    public void A_revoked_key_is_refused_and_still_listed_with_when_it_was_revoked()
    {
        var keys = Open();
        var created = keys.Create("90152", Role.Submitter, "old system");
        clock.Advance(TimeSpan.FromDays(3));

        Assert.True(keys.Revoke(created.Key.Id));

        Assert.Null(keys.Authenticate(created.Secret));
        var listed = Assert.Single(keys.List());
        Assert.Equal(created.Key with { RevokedAt = clock.GetUtcNow() }, listed);
        clock.Advance(TimeSpan.FromDays(1));
        Assert.True(keys.Revoke(created.Key.Id));
        Assert.Equal(listed.RevokedAt, Assert.Single(keys.List()).RevokedAt);
    }

    [Fact]
    public void Revoking_an_id_that_no_key_has_answers_false_and_changes_nothing()
    {
        var keys = Open();
        var created = keys.Create("90152", Role.Submitter, string.Empty);

        Assert.False(keys.Revoke("nosuchid"));
        Assert.False(keys.Revoke(string.Empty));

        Assert.Equal(created.Key, keys.Authenticate(created.Secret));
    }

    [Fact]
    public void The_key_file_holds_each_secret_only_as_its_hash()
    {
        var keys = Open();
        var secrets = Enumerable.Range(0, 5).Select(i => keys.Create($"9015{i}", Role.Submitter, $"system {i}").Secret).ToList();
        var bytes = File.ReadAllBytes(KeysFile);

        foreach (var secret in secrets)
        {
            var random = RandomPart(secret);
            var randomBytes = Base64Url.DecodeFromChars(random);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(random)));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Convert.ToBase64String(randomBytes).TrimEnd('='))));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(randomBytes));

            // What is there instead: the hash, so the scan above looked at the right file.
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
            Assert.NotEqual(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(hash)));
        }
    }

    [Fact]
    public void A_server_sees_keys_that_another_process_creates_and_revokes_once_a_second_has_passed()
    {
        var server = Open();
        var commandLine = Open();
        Assert.Empty(server.List());

        var created = commandLine.Create("90152", Role.Submitter, "new system");
        clock.Advance(AccessKeyFile.RecheckInterval);
        Assert.Equal(created.Key, server.Authenticate(created.Secret));

        // The command line's next run is a new process: a new instance on the same file.
        Assert.True(Open().Revoke(created.Key.Id));
        clock.Advance(AccessKeyFile.RecheckInterval);
        Assert.Null(server.Authenticate(created.Secret));
        Assert.NotNull(Assert.Single(server.List()).RevokedAt);
    }

    [Fact]
    public async Task Keys_created_at_once_through_two_instances_are_all_kept()
    {
        const int PerInstance = 20;
        var first = Open();
        var second = Open();

        var created = await Task.WhenAll(
            Task.Run(() => Enumerable.Range(0, PerInstance).Select(i => first.Create($"1{i:0000}", Role.Submitter, "first")).ToList(), TestContext.Current.CancellationToken),
            Task.Run(() => Enumerable.Range(0, PerInstance).Select(i => second.Create($"2{i:0000}", Role.Submitter, "second")).ToList(), TestContext.Current.CancellationToken));

        var all = created.SelectMany(c => c).ToList();
        var reader = Open();
        Assert.Equal(all.Select(c => c.Key.Id).Order(StringComparer.Ordinal), reader.List().Select(k => k.Id).Order(StringComparer.Ordinal));
        Assert.All(all, c => Assert.Equal(c.Key, reader.Authenticate(c.Secret)));
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(KeysFile)!, "*.tmp"));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void The_key_file_and_its_folder_are_for_their_owner_only()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        Open().Create("THL", Role.Register, "register keepers");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeysFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(KeysFile)!));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void A_key_file_that_others_can_change_is_refused()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        Open().Create("THL", Role.Register, "register keepers");
        File.SetUnixFileMode(KeysFile, File.GetUnixFileMode(KeysFile) | UnixFileMode.OtherWrite);

        var exception = Assert.Throws<AccessKeyFileException>(() => Open().List());

        Assert.Contains("chmod 600", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_key_file_is_refused_with_its_name()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KeysFile)!);
        File.WriteAllText(KeysFile, """{"format": "hilmo-master-key/1", "keys": []}""");

        var exception = Assert.Throws<AccessKeyFileException>(() => Open().Authenticate($"hilmo_abcdefgh_{new string('A', 43)}"));

        Assert.Contains(KeysFile, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_submitter_key_for_something_that_cannot_be_a_provider_code_is_refused_with_the_reason()
    {
        var keys = Open();
        const string Organisation = "Helsingin kaupungin sosiaali- ja terveystoimiala";

        var exception = Assert.Throws<ArgumentException>(() => keys.Create(Organisation, Role.Submitter, "x"));

        Assert.Contains("provider code", exception.Message, StringComparison.Ordinal);
        Assert.Contains("tuottaja", exception.Message, StringComparison.Ordinal);
        Assert.Contains("at most 32 characters", exception.Message, StringComparison.Ordinal);
        Assert.Empty(keys.List());
        Assert.Equal(Organisation, keys.Create(Organisation, Role.Supervisor, "x").Key.Organisation);
    }

    [Theory]
    [InlineData("", Role.Register, "", "empty")]
    [InlineData("   ", Role.Supervisor, "", "empty")]
    [InlineData("90152\n", Role.Submitter, "", "control characters")]
    [InlineData("THL\u001b[2J", Role.Register, "", "control characters")]
    [InlineData(" 90152", Role.Submitter, "", "white space")]
    [InlineData("THL", Role.Register, "line\nbreak", "control characters")]
    [InlineData("THL", (Role)7, "", "not a role")]
    public void A_key_for_an_unusable_organisation_name_or_role_is_refused(string organisation, Role role, string name, string reason)
    {
        var keys = Open();

        var exception = Assert.Throws<ArgumentException>(() => keys.Create(organisation, role, name));

        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
        Assert.Equal(exception.Message, AccessKeyRules.Problem(organisation, role, name));
        Assert.False(File.Exists(KeysFile));
    }

    [Fact]
    public void Organisation_and_name_are_bounded()
    {
        Assert.Null(AccessKeyRules.Problem(new string('x', AccessKeyRules.OrganisationLength), Role.Researcher, new string('y', AccessKeyRules.NameLength)));
        Assert.NotNull(AccessKeyRules.Problem(new string('x', AccessKeyRules.OrganisationLength + 1), Role.Researcher, string.Empty));
        Assert.NotNull(AccessKeyRules.Problem("THL", Role.Researcher, new string('y', AccessKeyRules.NameLength + 1)));
        Assert.Null(AccessKeyRules.Problem(new string('9', 32), Role.Submitter, string.Empty));
    }

    [Fact]
    public void On_first_start_one_register_key_is_made_and_only_while_none_is_live()
    {
        var keys = Open();
        keys.Create("90152", Role.Submitter, "a provider");
        Assert.False(keys.HasLiveKey(Role.Register));

        var first = keys.CreateIfNoLiveKey("THL", Role.Register, "register keeper");

        Assert.NotNull(first);
        Assert.True(keys.HasLiveKey(Role.Register));
        Assert.Null(Open().CreateIfNoLiveKey("THL", Role.Register, "register keeper"));
        keys.Revoke(first.Key.Id);
        Assert.False(keys.HasLiveKey(Role.Register));
        Assert.NotNull(keys.CreateIfNoLiveKey("THL", Role.Register, "register keeper"));
        Assert.Equal(3, keys.List().Count);
    }

    [Fact]
    public void Role_names_read_back_as_they_are_written()
    {
        Assert.All(Enum.GetValues<Role>(), role => Assert.True(RoleNames.TryParse(role.Name(), out var parsed) && parsed == role));
        Assert.Equal(["submitter", "register", "supervisor", "researcher"], Enum.GetValues<Role>().Select(r => r.Name()));
        Assert.False(RoleNames.TryParse("Register", out _));
        Assert.False(RoleNames.TryParse(null, out _));
    }
}
