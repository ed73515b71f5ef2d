using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hilmo.Ingest;
using Hilmo.Notifications;
using Hilmo.Validation;

namespace Hilmo.Identity.Tests;

public sealed class ProviderPseudonymiserTests
{
    private const string HealthCentre = "1.2.246.10.1234567.10.0";
    private const string Hospital = "1.2.246.10.7654321.10.0";
    private static readonly DateOnly eventDate = new(2026, 3, 14);

    private static readonly IdentityCodeText permanentCode = new("131052-308T");
    private static readonly IdentityCodeText temporaryCode = new("211123A965F");

    [Fact]
    public void The_same_person_at_the_same_provider_gets_the_same_pseudonym_every_time()
    {
        var key = TestKeys.Random();
        var first = new ProviderPseudonymiser(key);
        var second = new ProviderPseudonymiser(key);

        var a = PseudonymOf(first, HealthCentre, "record-1", permanentCode);
        var b = PseudonymOf(first, HealthCentre, "record-2", permanentCode);
        var c = PseudonymOf(second, HealthCentre, "record-3", permanentCode);

        Assert.Equal(a, b);
        Assert.Equal(a, c);
    }

    [Fact]
    public void The_same_person_at_two_providers_gets_different_pseudonyms()
    {
        var pseudonymiser = new ProviderPseudonymiser(TestKeys.Random());

        Assert.NotEqual(
            PseudonymOf(pseudonymiser, HealthCentre, "record-1", permanentCode),
            PseudonymOf(pseudonymiser, Hospital, "record-1", permanentCode));
    }

    [Fact]
    public void Codes_that_differ_only_by_the_century_sign_get_different_pseudonyms()
    {
        var pseudonymiser = new ProviderPseudonymiser(TestKeys.Random());

        var hyphen = pseudonymiser.Pseudonymise(HealthCentre, "record-1", new IdentityCodeText("131052-308T"), new AgeDays(eventDate)).Client!;
        var y = pseudonymiser.Pseudonymise(HealthCentre, "record-2", new IdentityCodeText("131052Y308T"), new AgeDays(eventDate)).Client!;

        Assert.NotEqual(hyphen.Pseudonym, y.Pseudonym);
        Assert.Equal(hyphen.Ages, y.Ages);
        Assert.Equal(hyphen.Sex, y.Sex);
    }

    [Fact]
    public void The_same_code_under_two_key_files_gets_different_pseudonyms()
    {
        using var folder = new TemporaryDirectory();
        var first = MasterKeyFile.LoadOrCreate(folder.Combine("one", "master-key.json"));
        var second = MasterKeyFile.LoadOrCreate(folder.Combine("two", "master-key.json"));

        Assert.NotEqual(
            PseudonymOf(new ProviderPseudonymiser(first), HealthCentre, "record-1", permanentCode),
            PseudonymOf(new ProviderPseudonymiser(second), HealthCentre, "record-1", permanentCode));
    }

    [Fact]
    public void A_new_key_version_gives_new_pseudonyms_even_from_the_same_key_material()
    {
        var material = RandomNumberGenerator.GetBytes(MasterKey.KeyLength);
        var key = TestKeys.WithVersions((1, material), (2, material));
        var current = new ProviderPseudonymiser(key);
        var previous = new ProviderPseudonymiser(key, new ProviderPseudonymiserOptions { KeyVersion = 1 });

        var now = current.Pseudonymise(HealthCentre, "record-1", permanentCode, new AgeDays(eventDate)).Client!;
        var before = previous.Pseudonymise(HealthCentre, "record-1", permanentCode, new AgeDays(eventDate)).Client!;

        Assert.Equal(2, now.KeyVersion);
        Assert.Equal(1, before.KeyVersion);
        Assert.NotEqual(now.Pseudonym, before.Pseudonym);
        Assert.Equal(before.Pseudonym, PseudonymOf(new ProviderPseudonymiser(TestKeys.WithVersions((1, material))), HealthCentre, "record-1", permanentCode));
    }

    [Fact]
    public void A_key_version_the_master_key_does_not_have_is_refused_at_construction()
    {
        var exception = Assert.Throws<ArgumentException>(() =>
            new ProviderPseudonymiser(TestKeys.Random(), new ProviderPseudonymiserOptions { KeyVersion = 2 }));

        Assert.Contains("no version 2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_client_identity_holds_the_exact_age_sex_key_version_and_temporariness()
    {
        var pseudonymiser = new ProviderPseudonymiser(TestKeys.Random(version: 3), new ProviderPseudonymiserOptions { AllowTemporaryCodes = true });

        var woman = pseudonymiser.Pseudonymise(HealthCentre, "record-1", permanentCode, new AgeDays(eventDate)).Client!;
        var man = pseudonymiser.Pseudonymise(HealthCentre, "record-2", new IdentityCodeText("010101-123N"), new AgeDays(eventDate)).Client!;
        var child = pseudonymiser.Pseudonymise(HealthCentre, "record-3", temporaryCode, new AgeDays(eventDate)).Client!;

        // On 14 March 2026: born 13 October 1952, 1 January 1901 and 21 November 2023; and on 31 December 2026.
        Assert.Equal((new ClientAges(73, AtEventYearEnd: 74), Sex.Female, 3, false), (woman.Ages, woman.Sex, woman.KeyVersion, woman.Temporary));
        Assert.Equal((new ClientAges(125, AtEventYearEnd: 125), Sex.Male, 3, false), (man.Ages, man.Sex, man.KeyVersion, man.Temporary));
        Assert.Equal((new ClientAges(2, AtEventYearEnd: 3), Sex.Male, 3, true), (child.Ages, child.Sex, child.KeyVersion, child.Temporary));
    }

    [Theory]
    [InlineData("2025-03-13", 22)]
    [InlineData("2025-03-14", 23)]
    [InlineData("2026-03-13", 23)]
    public void The_age_is_exact_in_whole_years_a_birthday_not_yet_reached_not_counting(string day, int age) =>
        Assert.Equal(age, AgesOn("140302A456", day).AtEvent); // Born 14 March 2002: 22 years 364 days on 13 March 2025.

    [Theory]
    [InlineData("2023-02-28", 22)]
    [InlineData("2023-03-01", 23)]
    [InlineData("2024-02-28", 23)]
    [InlineData("2024-02-29", 24)]
    public void Born_on_29_February_one_is_a_year_older_from_1_March_in_a_common_year(string day, int age) =>
        Assert.Equal(age, AgesOn("290200A456", day).AtEvent);

    /// <summary>
    /// Issue 19: a service event's age at its year's end gives the birth year (the event's year
    /// minus it), the cohort of vaccination coverage, at the year's edges too: born on 31
    /// December or on 1 January, seen on the birthday or later in the year.
    /// </summary>
    [Theory]
    [InlineData("311223A456", "2023-12-31", 0, 0)]
    [InlineData("311223A456", "2024-01-01", 0, 1)]
    [InlineData("311223A456", "2025-12-30", 1, 2)]
    [InlineData("311223A456", "2025-12-31", 2, 2)]
    [InlineData("010124A456", "2024-01-01", 0, 0)]
    [InlineData("010124A456", "2025-12-31", 1, 1)]
    [InlineData("010124A456", "2026-01-01", 2, 2)]
    [InlineData("290200A456", "2023-02-28", 22, 23)]
    public void A_service_event_keeps_the_age_at_its_years_end_which_gives_the_birth_year(string codeWithoutCheck, string day, int age, int atYearEnd)
    {
        var ages = AgesOn(codeWithoutCheck, day);
        Assert.Equal(new ClientAges(age, AtEventYearEnd: atYearEnd), ages);
        Assert.Equal(2000 + int.Parse(codeWithoutCheck[4..6], CultureInfo.InvariantCulture), DateOnly.Parse(day, CultureInfo.InvariantCulture).Year - ages.AtEventYearEnd);
    }

    [Fact]
    public void A_service_event_before_the_birth_is_refused_and_keeps_no_age()
    {
        var code = new IdentityCodeText(ReferenceIdentityCodes.WithCheckCharacter("311223A456"));
        var result = new ProviderPseudonymiser(TestKeys.Random()).Pseudonymise(HealthCentre, "r", code, new AgeDays(new DateOnly(2023, 12, 30)));
        Assert.Null(result.Client);
    }

    /// <summary>The ages the pseudonymiser gives a client whose code begins <paramref name="codeWithoutCheck"/> on <paramref name="day"/>.</summary>
    private static ClientAges AgesOn(string codeWithoutCheck, string day)
    {
        var code = new IdentityCodeText(ReferenceIdentityCodes.WithCheckCharacter(codeWithoutCheck));
        return new ProviderPseudonymiser(TestKeys.Random()).Pseudonymise(HealthCentre, "r", code, new AgeDays(DateOnly.Parse(day, CultureInfo.InvariantCulture))).Client!.Ages;
    }

    [Fact]
    public void A_care_period_gets_the_age_on_its_day_its_arrival_and_its_arrival_years_end()
    {
        // Born 14 March 2002; arrived 1 March 2024 (21), discharged 20 March 2025 (23), 31 December 2024 (22).
        var pseudonymiser = new ProviderPseudonymiser(TestKeys.Random());
        var code = new IdentityCodeText(ReferenceIdentityCodes.WithCheckCharacter("140302A456"));

        var client = pseudonymiser.Pseudonymise(HealthCentre, "r", code, new AgeDays(new DateOnly(2025, 3, 20), new DateOnly(2024, 3, 1))).Client!;
        var bornLater = pseudonymiser.Pseudonymise(HealthCentre, "r", code, new AgeDays(new DateOnly(2025, 3, 20), new DateOnly(2002, 3, 13))).Client!;

        Assert.Equal(new ClientAges(23, 21, 22), client.Ages);
        Assert.Equal(new ClientAges(23), bornLater.Ages);
    }

    [Fact]
    public void Temporary_codes_are_refused_unless_allowed()
    {
        var pseudonymiser = new ProviderPseudonymiser(TestKeys.Random());

        var result = pseudonymiser.Pseudonymise(HealthCentre, "record-1", temporaryCode, new AgeDays(eventDate));

        Assert.Null(result.Client);
        Assert.Same(FindingCatalogue.IdentityCodeTemporary, result.Error);
        Assert.Equal("HETU-006", result.Error!.Code);
    }

    [Fact]
    public void Allowed_temporary_codes_link_a_resent_record_but_never_two_records()
    {
        var pseudonymiser = new ProviderPseudonymiser(TestKeys.Random(), new ProviderPseudonymiserOptions { AllowTemporaryCodes = true });

        var record1 = PseudonymOf(pseudonymiser, HealthCentre, "record-1", temporaryCode);
        var record1Resent = PseudonymOf(pseudonymiser, HealthCentre, "record-1", temporaryCode);
        var record2 = PseudonymOf(pseudonymiser, HealthCentre, "record-2", temporaryCode);

        Assert.Equal(record1, record1Resent);
        Assert.NotEqual(record1, record2);
    }

    [Fact]
    public void A_temporary_code_with_a_record_id_longer_than_the_stack_buffer_still_binds_to_its_record()
    {
        var pseudonymiser = new ProviderPseudonymiser(TestKeys.Random(), new ProviderPseudonymiserOptions { AllowTemporaryCodes = true });
        var longId = new string('x', 600);

        Assert.Equal(PseudonymOf(pseudonymiser, HealthCentre, longId, temporaryCode), PseudonymOf(pseudonymiser, HealthCentre, longId, temporaryCode));
        Assert.NotEqual(PseudonymOf(pseudonymiser, HealthCentre, longId, temporaryCode), PseudonymOf(pseudonymiser, HealthCentre, longId + "y", temporaryCode));
    }

    [Theory]
    [InlineData("131052-308", "HETU-001")]
    [InlineData("131052-308t", "HETU-001")]
    [InlineData(" 131052-308T", "HETU-001")]
    [InlineData("", "HETU-001")]
    [InlineData("131052y308T", "HETU-002")]
    [InlineData("131052*308T", "HETU-002")]
    [InlineData("310452-308C", "HETU-003")]
    [InlineData("290200-123N", "HETU-003")]
    [InlineData("131052-001B", "HETU-004")]
    [InlineData("131052-308U", "HETU-005")]
    [InlineData("010190-999K", "HETU-005")]
    public void A_text_that_is_not_a_valid_code_gets_the_finding_for_its_error(string text, string findingCode)
    {
        var pseudonymiser = new ProviderPseudonymiser(TestKeys.Random(), new ProviderPseudonymiserOptions { AllowTemporaryCodes = true });

        var result = pseudonymiser.Pseudonymise(HealthCentre, "record-1", new IdentityCodeText(text), new AgeDays(eventDate));

        Assert.Null(result.Client);
        Assert.Equal(findingCode, result.Error?.Code);
    }

    [Fact]
    public void A_client_born_after_the_event_is_refused_and_one_born_that_day_is_not()
    {
        var pseudonymiser = new ProviderPseudonymiser(TestKeys.Random());
        var born = new IdentityCodeText(ReferenceIdentityCodes.WithCheckCharacter("140326A456"));

        Assert.Same(FindingCatalogue.IdentityCodeBornAfterEvent, pseudonymiser.Pseudonymise(HealthCentre, "r", born, new AgeDays(new DateOnly(2026, 3, 13))).Error);
        Assert.NotNull(pseudonymiser.Pseudonymise(HealthCentre, "r", born, new AgeDays(new DateOnly(2026, 3, 14))).Client);
        Assert.NotNull(pseudonymiser.Pseudonymise(HealthCentre, "r", born, default).Client);
    }

    [Fact]
    public void The_pseudonym_is_the_hmac_of_the_code_under_the_hkdf_key_of_the_provider_and_version()
    {
        var material = RandomNumberGenerator.GetBytes(MasterKey.KeyLength);
        var pseudonymiser = new ProviderPseudonymiser(TestKeys.WithVersions((4, material)));

        var info = new List<byte>("hilmo provider key\0"u8.ToArray());
        var version = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(version, 4);
        info.AddRange(version);
        info.AddRange(Encoding.UTF8.GetBytes(HealthCentre));
        var providerKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, material, 32, "hilmo/provider-key"u8.ToArray(), [.. info]);
        var expected = HMACSHA256.HashData(providerKey, Encoding.ASCII.GetBytes("131052Y308T"));

        Assert.Equal(Pseudonym.FromBytes(expected), PseudonymOf(pseudonymiser, HealthCentre, "record-1", new IdentityCodeText("131052Y308T")));
    }

    [Fact]
    public void Pseudonyms_stay_the_same_from_release_to_release()
    {
        // Stored pseudonyms only link to new ones while the derivation is unchanged. These values
        // were computed outside .NET (Python hmac and hashlib, HKDF by RFC 5869) and must never
        // change without a migration of the register.
        var material = Enumerable.Range(0, MasterKey.KeyLength).Select(i => (byte)i).ToArray();
        var pseudonymiser = new ProviderPseudonymiser(TestKeys.WithVersions((1, material)), new ProviderPseudonymiserOptions { AllowTemporaryCodes = true });

        Assert.Equal(
            "3c493dd3728a9d4364ff2f502f76f2531ce044b54906dddd9ac8657bbe01f9d4",
            PseudonymOf(pseudonymiser, HealthCentre, "record-1", permanentCode).ToString());
        Assert.Equal(
            "63efdac2753defcb6e8e824c625f5a2f704415d73bd7ec6d8f6baa37b9f6f82b",
            PseudonymOf(pseudonymiser, HealthCentre, "record-1", temporaryCode).ToString());
    }

    [Fact]
    public void Many_threads_get_the_same_pseudonyms_as_one_thread()
    {
        var key = TestKeys.Random();
        var providers = Enumerable.Range(0, 50).Select(i => $"1.2.246.10.{1000 + i}.10.0").ToArray();
        var random = new Random(7);
        var codes = Enumerable.Range(0, 2_000)
            .Select(_ => new IdentityCodeText(IdentityCode.Compose(new DateOnly(1950, 1, 1).AddDays(random.Next(18_000)), '-', random.Next(2, 900)).Reveal()))
            .ToArray();
        var sequential = new ProviderPseudonymiser(key);
        var expected = codes.Select((c, i) => PseudonymOf(sequential, providers[i % providers.Length], "r", c)).ToArray();

        var concurrent = new ProviderPseudonymiser(key);
        var actual = new Pseudonym[codes.Length];
        Parallel.For(0, codes.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, n =>
        {
            var i = n % codes.Length;
            actual[i] = PseudonymOf(concurrent, providers[i % providers.Length], "r", codes[i]);
        });

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Pseudonymising_allocates_nothing_but_the_client_identity()
    {
        var pseudonymiser = new ProviderPseudonymiser(TestKeys.Random(), new ProviderPseudonymiserOptions { AllowTemporaryCodes = true });
        var codes = new[] { permanentCode, temporaryCode, new IdentityCodeText("010190-999K") };
        foreach (var code in codes)
        {
            _ = pseudonymiser.Pseudonymise(HealthCentre, "record-1", code, new AgeDays(eventDate));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        _ = new ClientIdentity(default, 1, new ClientAges(73), Sex.Female, false);
        var oneClientIdentity = GC.GetAllocatedBytesForCurrentThread() - before;

        const int Calls = 3_000;
        before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Calls; i++)
        {
            _ = pseudonymiser.Pseudonymise(HealthCentre, "record-1", codes[i % codes.Length], new AgeDays(eventDate));
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated <= Calls * oneClientIdentity, $"{allocated} bytes for {Calls} calls; one client identity is {oneClientIdentity} bytes.");
    }

    [Fact]
    public void No_finding_exception_or_text_of_the_pseudonymiser_contains_the_code()
    {
        var key = TestKeys.Random();
        var refusing = new ProviderPseudonymiser(key);
        var allowing = new ProviderPseudonymiser(key, new ProviderPseudonymiserOptions { AllowTemporaryCodes = true });
        string[] codes = ["131052-308T", "211123A965F", "131052-308U", "131052y308T", "290200-123N", "131052-001B", "140326A456X"];
        var texts = new List<string> { refusing.ToString(), allowing.ToString(), key.ToString() };
        foreach (var code in codes)
        {
            foreach (var pseudonymiser in new[] { refusing, allowing })
            {
                var result = pseudonymiser.Pseudonymise(HealthCentre, "record-1", new IdentityCodeText(code), new AgeDays(eventDate));
                texts.Add(result.ToString());
                texts.Add(result.Client?.ToString() ?? string.Empty);
                texts.AddRange(new[] { "fi", "sv", "en" }.Select(language => result.Error?.Format(language, []) ?? string.Empty));
                texts.Add(Assert.ThrowsAny<ArgumentException>(() => pseudonymiser.Pseudonymise(string.Empty, "record-1", new IdentityCodeText(code), new AgeDays(eventDate))).Message);
            }
        }

        texts.Add(Assert.Throws<ArgumentException>(() => allowing.Pseudonymise(HealthCentre, string.Empty, temporaryCode, new AgeDays(eventDate))).Message);

        Assert.All(texts, text => Assert.All(codes, code =>
        {
            Assert.DoesNotContain(code, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(code[..6], text, StringComparison.Ordinal);
        }));
    }

    [Fact]
    public void The_pseudonymiser_is_the_ingest_pipelines_pseudonymiser()
    {
        IPseudonymiser pseudonymiser = new ProviderPseudonymiser(TestKeys.Random());

        Assert.NotNull(pseudonymiser.Pseudonymise(HealthCentre, "record-1", permanentCode, new AgeDays(eventDate)).Client);
    }

    private static Pseudonym PseudonymOf(ProviderPseudonymiser pseudonymiser, string provider, string recordId, IdentityCodeText code)
    {
        var result = pseudonymiser.Pseudonymise(provider, recordId, code, new AgeDays(eventDate));
        Assert.True(result.Client is not null, result.Error?.Code);
        return result.Client.Pseudonym;
    }
}
