using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text.Json;
using Hilmo.Notifications;
using Hilmo.Storage;
using Hilmo.Testing;

namespace Hilmo.Identity.Tests;

/// <summary>
/// Master-key rotation: pseudonyms chained across key versions, the chain step the re-key job
/// uses, the subject requests' list of stored pseudonyms, and the key file gaining a version.
/// </summary>
public sealed class KeyRotationTests
{
    private const string HealthCentre = "1.2.246.10.1234567.10.0";
    private const string Hospital = "1.2.246.10.7654321.10.0";
    private static readonly DateOnly eventDate = new(2026, 3, 14);
    private static readonly IdentityCodeText permanentCode = new("131052-308T");
    private static readonly IdentityCodeText otherCode = new("150675-456K");
    private static readonly IdentityCodeText temporaryCode = new("211123A965F");

    private static readonly byte[] first = [.. Enumerable.Range(0, MasterKey.KeyLength).Select(i => (byte)i)];
    private static readonly byte[] second = [.. Enumerable.Range(32, MasterKey.KeyLength).Select(i => (byte)i)];

    [Fact]
    public void Chained_pseudonyms_stay_the_same_from_release_to_release()
    {
        // Computed outside .NET (Python hmac and hashlib, HKDF by RFC 5869):
        // P2 = HMAC(K(v2, provider), "hilmo re-keyed pseudonym\0" || P1). Version 1 is the value
        // of ProviderPseudonymiserTests.Pseudonyms_stay_the_same_from_release_to_release.
        var key = TestKeys.WithVersions((1, first), (2, second));
        var pseudonymiser = new ProviderPseudonymiser(key, new ProviderPseudonymiserOptions { AllowTemporaryCodes = true });

        var permanent = Client(pseudonymiser, HealthCentre, "record-1", permanentCode);
        var temporary = Client(pseudonymiser, HealthCentre, "record-1", temporaryCode);

        Assert.Equal((2, "8dbdac163db29b0f405a4fd9966738063134355a310249030b2acc57cbc48695"), (permanent.KeyVersion, permanent.Pseudonym.ToString()));
        Assert.Equal((2, "4f33744f7e8d3ea612c50ecba49591ceab041957c235963cac4d204e07a5c3ef"), (temporary.KeyVersion, temporary.Pseudonym.ToString()));
        var onlyFirst = new ProviderPseudonymiser(key, new ProviderPseudonymiserOptions { KeyVersion = 1, AllowTemporaryCodes = true });
        Assert.Equal("3c493dd3728a9d4364ff2f502f76f2531ce044b54906dddd9ac8657bbe01f9d4", Client(onlyFirst, HealthCentre, "record-1", permanentCode).Pseudonym.ToString());
    }

    [Fact]
    public void Re_keying_a_stored_pseudonym_gives_what_a_new_submission_gets_for_permanent_and_temporary_codes()
    {
        var key = TestKeys.WithVersions((1, RandomNumberGenerator.GetBytes(32)), (2, RandomNumberGenerator.GetBytes(32)), (5, RandomNumberGenerator.GetBytes(32)));
        var options = new ProviderPseudonymiserOptions { AllowTemporaryCodes = true };
        var before = new ProviderPseudonymiser(key, options with { KeyVersion = 1 });
        var middle = new ProviderPseudonymiser(key, options with { KeyVersion = 2 });
        var now = new ProviderPseudonymiser(key, options);
        IPseudonymRekeyer rekeyer = now;

        foreach (var code in new[] { permanentCode, temporaryCode })
        {
            var old = Client(before, HealthCentre, "record-9", code);
            var mid = Client(middle, HealthCentre, "record-9", code);
            var direct = Client(now, HealthCentre, "record-9", code);

            Assert.Equal(5, rekeyer.CurrentVersion);
            Assert.Equal(direct.Pseudonym, rekeyer.Rekey(HealthCentre, 1, old.Pseudonym));
            Assert.Equal(direct.Pseudonym, rekeyer.Rekey(HealthCentre, 2, mid.Pseudonym));
            Assert.Equal(mid.Pseudonym, ((IPseudonymRekeyer)middle).Rekey(HealthCentre, 1, old.Pseudonym));
            Assert.NotEqual(old.Pseudonym, direct.Pseudonym);
            Assert.NotEqual(mid.Pseudonym, direct.Pseudonym);
        }

        // The chain step is keyed by the provider too: another provider's step never gives this one's value.
        var stored = Client(before, HealthCentre, "r", permanentCode).Pseudonym;
        Assert.NotEqual(rekeyer.Rekey(HealthCentre, 1, stored), rekeyer.Rekey(Hospital, 1, stored));
        Assert.Throws<ArgumentOutOfRangeException>(() => rekeyer.Rekey(HealthCentre, 5, stored));
    }

    [Fact]
    public void A_chained_pseudonym_is_not_the_hmac_of_the_code_under_the_newest_key_alone()
    {
        // A leaked newest version alone cannot test codes against re-keyed rows: the chain needs every version.
        var key = TestKeys.WithVersions((1, first), (2, second));
        var chained = Client(new ProviderPseudonymiser(key), HealthCentre, "r", permanentCode).Pseudonym;
        var newestAlone = Client(new ProviderPseudonymiser(TestKeys.WithVersions((2, second))), HealthCentre, "r", permanentCode).Pseudonym;
        var oldestAlone = Client(new ProviderPseudonymiser(TestKeys.WithVersions((1, first))), HealthCentre, "r", permanentCode).Pseudonym;

        Assert.NotEqual(newestAlone, chained);
        Assert.NotEqual(oldestAlone, chained);
    }

    [Fact]
    public void Stored_pseudonyms_lists_the_persons_value_of_every_key_version_held_and_nothing_for_a_temporary_code()
    {
        var key = TestKeys.WithVersions((1, RandomNumberGenerator.GetBytes(32)), (2, RandomNumberGenerator.GetBytes(32)), (3, RandomNumberGenerator.GetBytes(32)));
        var byVersion = new[] { 1, 2, 3 }.ToDictionary(v => v, v => new ProviderPseudonymiser(key, new ProviderPseudonymiserOptions { KeyVersion = v }));
        // Even an instance pseudonymising with an older version lists every version the key holds.
        var pseudonymiser = byVersion[1];

        var stored = pseudonymiser.StoredPseudonyms(HealthCentre, Parse(permanentCode));

        Assert.Equal([1, 2, 3], stored.Select(s => s.KeyVersion));
        foreach (var (version, pseudonym) in stored)
        {
            Assert.Equal(Client(byVersion[version], HealthCentre, "r", permanentCode).Pseudonym, pseudonym);
        }

        var other = pseudonymiser.StoredPseudonyms(HealthCentre, Parse(otherCode));
        Assert.Empty(stored.Select(s => s.Pseudonym).Intersect(other.Select(s => s.Pseudonym)));
        var elsewhere = pseudonymiser.StoredPseudonyms(Hospital, Parse(permanentCode));
        Assert.Empty(stored.Select(s => s.Pseudonym).Intersect(elsewhere.Select(s => s.Pseudonym)));
        Assert.Empty(pseudonymiser.StoredPseudonyms(HealthCentre, Parse(temporaryCode)));
    }

    [Fact]
    public void Without_a_rotation_a_pseudonym_is_the_single_version_hmac_as_before()
    {
        var key = TestKeys.WithVersions((1, first));
        var pseudonymiser = new ProviderPseudonymiser(key);

        var stored = Assert.Single(pseudonymiser.StoredPseudonyms(HealthCentre, Parse(permanentCode)));

        Assert.Equal((1, "3c493dd3728a9d4364ff2f502f76f2531ce044b54906dddd9ac8657bbe01f9d4"), (stored.KeyVersion, stored.Pseudonym.ToString()));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Adding_a_version_keeps_the_old_versions_and_the_owner_only_rights_and_the_new_one_is_current()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("keys", "master.key");
        var original = MasterKeyFile.LoadOrCreate(path);
        var before = Client(new ProviderPseudonymiser(original), HealthCentre, "r", permanentCode);

        var version = MasterKeyFile.AddVersion(path, new ManualTimeProvider(new DateTimeOffset(2026, 12, 7, 20, 0, 0, TimeSpan.Zero)));
        var third = MasterKeyFile.AddVersion(path);

        Assert.Equal((2, 3), (version, third));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var rotated = MasterKeyFile.Load(path);
        Assert.Equal([1, 2, 3], rotated.Versions);
        Assert.Equal(3, rotated.CurrentVersion);
        Assert.Equal(TestKeys.MaterialOf(original, 1), TestKeys.MaterialOf(rotated, 1));
        Assert.NotEqual(TestKeys.MaterialOf(rotated, 1), TestKeys.MaterialOf(rotated, 2));
        Assert.NotEqual(TestKeys.MaterialOf(rotated, 2), TestKeys.MaterialOf(rotated, 3));

        // The old version still makes the old pseudonym; the chain of the new key continues from it.
        var now = new ProviderPseudonymiser(rotated);
        Assert.Equal(before.Pseudonym, Client(new ProviderPseudonymiser(rotated, new ProviderPseudonymiserOptions { KeyVersion = 1 }), HealthCentre, "r", permanentCode).Pseudonym);
        Assert.Equal(Client(now, HealthCentre, "r", permanentCode).Pseudonym, ((IPseudonymRekeyer)now).Rekey(HealthCentre, 1, before.Pseudonym));

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        Assert.Equal(MasterKeyFile.Format, document.RootElement.GetProperty("format").GetString());
        var entries = document.RootElement.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal("2026-12-07T20:00:00Z", entries[1].GetProperty("created").GetString());
        Assert.Empty(Directory.GetFiles(folder.Combine("keys"), "*.tmp"));
    }

    [Fact]
    public void Adding_a_version_to_a_missing_or_exposed_file_is_refused()
    {
        using var folder = new TemporaryDirectory();
        Assert.Throws<MasterKeyException>(() => MasterKeyFile.AddVersion(folder.Combine("absent.key")));
        if (!OperatingSystem.IsWindows())
        {
            var path = folder.Combine("exposed.key");
            MasterKeyFile.LoadOrCreate(path);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
            Assert.Throws<MasterKeyException>(() => MasterKeyFile.AddVersion(path));
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Assert.Equal([1], MasterKeyFile.Load(path).Versions);
        }
    }

    [Fact]
    public void Rotations_at_once_take_turns_and_lose_no_version()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("master.key");
        MasterKeyFile.LoadOrCreate(path);

        var added = new int[8];
        Parallel.For(0, added.Length, i => added[i] = MasterKeyFile.AddVersion(path));

        Assert.Equal(Enumerable.Range(2, 8), added.Order());
        Assert.Equal(Enumerable.Range(1, 9), MasterKeyFile.Load(path).Versions);
    }

    private static IdentityCode Parse(IdentityCodeText text)
    {
        Assert.True(IdentityCode.Parse(text.Reveal()).TryGetValue(out var code));
        return code;
    }

    private static ClientIdentity Client(ProviderPseudonymiser pseudonymiser, string provider, string recordId, IdentityCodeText code)
    {
        var result = pseudonymiser.Pseudonymise(provider, recordId, code, new AgeDays(eventDate));
        Assert.True(result.Client is not null, result.Error?.Code);
        return result.Client;
    }
}
