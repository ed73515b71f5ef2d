using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text.Json;
using Hilmo.Notifications;
using Hilmo.Testing;

namespace Hilmo.Identity.Tests;

public sealed class MasterKeyFileTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const string Provider = "1.2.246.10.1234567.10.0";

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void A_new_key_file_is_readable_by_its_owner_only_in_a_new_folder_only_its_owner_can_enter()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("keys", "master-key.json");

        MasterKeyFile.LoadOrCreate(path);

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
        Assert.Equal(OwnerReadWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder.Combine("keys")));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void An_existing_folder_keeps_its_mode()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        using var folder = new TemporaryDirectory();
        var mode = File.GetUnixFileMode(folder.Path);

        MasterKeyFile.LoadOrCreate(folder.Combine("master-key.json"));

        Assert.Equal(mode, File.GetUnixFileMode(folder.Path));
    }

    [Fact]
    public void A_new_key_file_holds_the_format_its_creation_time_and_one_random_32_byte_key()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("master-key.json");
        var created = new DateTimeOffset(2026, 11, 23, 11, 13, 11, TimeSpan.FromHours(2));

        var key = MasterKeyFile.LoadOrCreate(path, new ManualTimeProvider(created));

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        Assert.Equal("hilmo-master-key/1", root.GetProperty("format").GetString());
        Assert.Equal("2026-11-23T09:13:11Z", root.GetProperty("created").GetString());
        var entry = Assert.Single(root.GetProperty("keys").EnumerateArray().ToList());
        Assert.Equal(1, entry.GetProperty("version").GetInt32());
        Assert.Equal(TestKeys.MaterialOf(key), entry.GetProperty("key").GetBytesFromBase64());
        Assert.Equal(1, key.CurrentVersion);
        Assert.NotEqual(new byte[MasterKey.KeyLength], TestKeys.MaterialOf(key));
    }

    [Fact]
    public void The_key_file_is_reused_on_the_next_load_and_gives_the_same_pseudonyms()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("master-key.json");
        var code = new IdentityCodeText("131052-308T");

        var first = new ProviderPseudonymiser(MasterKeyFile.LoadOrCreate(path)).Pseudonymise(Provider, "r", code, default).Client!;
        var contents = File.ReadAllBytes(path);
        var second = new ProviderPseudonymiser(MasterKeyFile.LoadOrCreate(path)).Pseudonymise(Provider, "r", code, default).Client!;
        var third = new ProviderPseudonymiser(MasterKeyFile.Load(path)).Pseudonymise(Provider, "r", code, default).Client!;

        Assert.Equal(first.Pseudonym, second.Pseudonym);
        Assert.Equal(first.Pseudonym, third.Pseudonym);
        Assert.Equal(contents, File.ReadAllBytes(path));
    }

    [Theory]
    [UnsupportedOSPlatform("windows")]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.GroupWrite)]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.GroupRead | UnixFileMode.OtherRead)]
    public void A_key_file_others_can_access_is_refused_with_how_to_fix_it(UnixFileMode extra)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("master-key.json");
        MasterKeyFile.LoadOrCreate(path);
        File.SetUnixFileMode(path, OwnerReadWrite | extra);

        var refused = Assert.Throws<MasterKeyException>(() => MasterKeyFile.LoadOrCreate(path));

        Assert.Contains($"chmod 600 {path}", refused.Message, StringComparison.Ordinal);
        Assert.Throws<MasterKeyException>(() => MasterKeyFile.Load(path));
        File.SetUnixFileMode(path, OwnerReadWrite);
        MasterKeyFile.Load(path);
    }

    [Fact]
    public void Processes_creating_the_key_at_the_same_moment_all_end_up_with_the_same_key()
    {
        const int Rounds = 100;
        const int Starters = 4;
        for (var round = 0; round < Rounds; round++)
        {
            using var folder = new TemporaryDirectory();
            var path = folder.Combine("keys", "master-key.json");
            var keys = AtOnce.Run(Starters, () => MasterKeyFile.LoadOrCreate(path));

            var onDisk = TestKeys.MaterialOf(MasterKeyFile.Load(path));
            Assert.All(keys, key => Assert.Equal(onDisk, TestKeys.MaterialOf(key)));
            Assert.Equal([path], Directory.GetFiles(folder.Combine("keys")));
        }
    }

    [Fact]
    public void A_key_file_with_a_second_version_makes_that_version_current()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("master-key.json");
        var first = RandomNumberGenerator.GetBytes(32);
        var second = RandomNumberGenerator.GetBytes(32);
        WriteOwnerOnly(path, $$"""
            {"format": "hilmo-master-key/1", "created": "2026-01-01T00:00:00Z",
             "keys": [{"version": 2, "key": "{{Convert.ToBase64String(second)}}"}, {"version": 1, "key": "{{Convert.ToBase64String(first)}}"}]}
            """);

        var key = MasterKeyFile.Load(path);

        Assert.Equal(2, key.CurrentVersion);
        Assert.Equal([1, 2], key.Versions);
        Assert.Equal(first, TestKeys.MaterialOf(key, 1));
        Assert.Equal(second, TestKeys.MaterialOf(key, 2));
    }

    [Theory]
    [InlineData("")]
    [InlineData("c2VjcmV0LWtleS1tYXRlcmlhbA== is not json")]
    [InlineData("""{"format": "something-else", "keys": []}""")]
    [InlineData("""{"format": "hilmo-master-key/1"}""")]
    [InlineData("""{"format": "hilmo-master-key/1", "keys": []}""")]
    [InlineData("""{"format": "hilmo-master-key/1", "keys": [{"version": 1, "key": "c2VjcmV0LWtleS1tYXRlcmlhbA=="}]}""")]
    [InlineData("""{"format": "hilmo-master-key/1", "keys": [{"version": 0, "key": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="}]}""")]
    [InlineData("""{"format": "hilmo-master-key/1", "keys": [{"version": 1, "key": "not base64!"}]}""")]
    [InlineData("""{"format": "hilmo-master-key/1", "keys": [{"version": 1, "key": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="}, {"version": 1, "key": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="}]}""")]
    public void A_file_that_is_not_a_usable_key_file_is_refused_without_quoting_it(string contents)
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("master-key.json");
        WriteOwnerOnly(path, contents);

        var refused = Assert.Throws<MasterKeyException>(() => MasterKeyFile.LoadOrCreate(path));

        Assert.Contains(path, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AAECAwQF", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("base64!", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_a_missing_key_file_without_creating_it_is_refused()
    {
        using var folder = new TemporaryDirectory();

        Assert.Throws<MasterKeyException>(() => MasterKeyFile.Load(folder.Combine("master-key.json")));
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void The_key_can_come_from_an_environment_variable_named_in_configuration()
    {
        Assert.Equal("HILMO_MASTER_KEY", MasterKey.DefaultEnvironmentVariable);
        var material = RandomNumberGenerator.GetBytes(32);
        var name = UniqueVariableName();
        Environment.SetEnvironmentVariable(name, Convert.ToBase64String(material));
        try
        {
            var key = MasterKey.FromEnvironmentVariable(name);

            Assert.Equal(1, key.CurrentVersion);
            Assert.Equal(material, TestKeys.MaterialOf(key));
            var code = new IdentityCodeText("131052-308T");
            Assert.Equal(
                new ProviderPseudonymiser(TestKeys.WithVersions((1, material))).Pseudonymise(Provider, "r", code, default).Client!.Pseudonym,
                new ProviderPseudonymiser(key).Pseudonymise(Provider, "r", code, default).Client!.Pseudonym);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("bm90LWEta2V5LWF0LWFsbA==")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=!")]
    public void A_missing_or_malformed_environment_key_is_refused_without_echoing_it(string? value)
    {
        var name = UniqueVariableName();
        Environment.SetEnvironmentVariable(name, value);
        try
        {
            var refused = Assert.Throws<MasterKeyException>(() => MasterKey.FromEnvironmentVariable(name));

            Assert.Contains(name, refused.Message, StringComparison.Ordinal);
            if (!string.IsNullOrEmpty(value))
            {
                Assert.DoesNotContain(value[..8], refused.Message, StringComparison.Ordinal);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Neither_the_key_file_nor_the_key_text_contains_an_identity_code_or_the_key()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("master-key.json");
        var key = MasterKeyFile.LoadOrCreate(path);
        var pseudonymiser = new ProviderPseudonymiser(key);
        string[] codes = ["131052-308T", "131052Y308T", "010101-123N"];
        foreach (var code in codes)
        {
            pseudonymiser.Pseudonymise(Provider, "r", new IdentityCodeText(code), default);
        }

        var contents = File.ReadAllText(path);
        Assert.All(codes, code => Assert.DoesNotContain(code, contents, StringComparison.Ordinal));
        Assert.Equal("MasterKey (versions 1)", key.ToString());
        Assert.DoesNotContain(Convert.ToBase64String(TestKeys.MaterialOf(key)), pseudonymiser.ToString(), StringComparison.Ordinal);
    }

    private static string UniqueVariableName() => $"HILMO_MASTER_KEY_TEST_{Guid.NewGuid():N}";

    private static void WriteOwnerOnly(string path, string contents)
    {
        File.WriteAllText(path, contents);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, OwnerReadWrite);
        }
    }
}
