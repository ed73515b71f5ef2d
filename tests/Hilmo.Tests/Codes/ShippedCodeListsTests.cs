using Hilmo.Codes;

namespace Hilmo.Tests.Codes;

/// <summary>The lists shipped in <c>data/codes</c>, loaded as the register loads them.</summary>
public sealed class ShippedCodeListsTests(ShippedCodeListsTests.ShippedCodes shipped) : IClassFixture<ShippedCodeListsTests.ShippedCodes>
{
    private static readonly DateOnly ResearchDay = new(2026, 3, 9);

    private readonly CodeServer codes = shipped.Server;

    [Theory]
    [InlineData("icd10fi", 14_748)]
    [InlineData("icpc2", 1_383)]
    [InlineData("spat", 420)]
    [InlineData("ammatti", 643)]
    [InlineData("kunta", 309)]
    [InlineData("palvelumuoto", 31)]
    [InlineData("yhteystapa", 16)]
    [InlineData("hilmo_kiireellisyys", 9)]
    [InlineData("hilmo_erikoisala", 74)]
    [InlineData("hilmo_palveluala", 26)]
    [InlineData("toimenpide", 11_801)]
    [InlineData("suu_toimenpide", 770)]
    [InlineData("atc", 6_996)]
    [InlineData("rokotustapa", 6)]
    [InlineData("pistoskohta", 5)]
    public void Every_shipped_list_loads_with_the_row_count_its_source_gives(string name, int rows)
    {
        var list = codes[name];

        Assert.Equal(rows, list.Codes.Count);
        Assert.Equal(ClassificationStatus.Published, list.Status);
        Assert.Equal($"{name}.csv", Path.GetFileName(list.Source));
        Assert.Equal($"{name}.csv", list.SourceName);
    }

    [Fact]
    public void A_lists_version_is_the_digest_of_its_file_so_the_same_bytes_give_the_same_version_and_any_change_another()
    {
        var folder = Directory.CreateTempSubdirectory("hilmo-codes-").FullName;
        try
        {
            var copy = Path.Combine(folder, "yhteystapa.csv");
            File.Copy(codes["yhteystapa"].Source!, copy);
            var same = CodeServer.Load(folder)["yhteystapa"];
            File.AppendAllText(copy, "R99,Koe,Test,2007-01-01,2099-12-31\n");
            var changed = CodeServer.Load(folder)["yhteystapa"];

            Assert.Matches("^sha256:[0-9a-f]{16}$", codes["yhteystapa"].Version);
            Assert.Equal(codes["yhteystapa"].Version, same.Version);
            Assert.NotEqual(same.Version, changed.Version);
            Assert.Equal("yhteystapa.csv", changed.SourceName);
            Assert.All(codes.Classifications, c => Assert.Equal(c.Source is null, c.Version is null));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("kiireellisyys", "K", "E")]
    [InlineData("luonne", "SH", "TH")]
    [InlineData("ensikaynti", "K", "E")]
    [InlineData("kavijaryhma", "1", "2")]
    public void Lists_no_public_source_confirmed_are_provisional_and_keep_their_evidence(string name, string first, string second)
    {
        var list = codes[name];

        Assert.Equal(ClassificationStatus.Provisional, list.Status);
        Assert.Equal("provisional.csv", Path.GetFileName(list.Source));
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), list.Codes.Select(c => c.Code));
        Assert.All(list.Codes, c =>
        {
            Assert.Equal("provisional", c.Attributes["status"]);
            Assert.False(string.IsNullOrWhiteSpace(c.Attributes["evidence"]));
        });
    }

    [Fact]
    public void A_provisional_code_not_in_its_list_is_unknown_rather_than_accepted()
    {
        Assert.Equal(CodeCheck.Valid, codes[KnownClassifications.Nature].Check("SH", ResearchDay));
        Assert.Equal(CodeCheck.Unknown, codes[KnownClassifications.Nature].Check("XX", ResearchDay));
    }

    [Fact]
    public void Lists_without_known_members_are_unlisted_and_checked_by_shape_only()
    {
        var assessment = codes[KnownClassifications.AssessmentResult];
        var cancellation = codes[KnownClassifications.CancellationReason];

        Assert.Equal(ClassificationStatus.Unlisted, assessment.Status);
        Assert.Equal(ClassificationStatus.Unlisted, cancellation.Status);
        Assert.Empty(assessment.Codes);
        Assert.Equal(CodeCheck.Unverified, assessment.Check("Y20", ResearchDay));
        Assert.Equal(CodeCheck.BadShape, assessment.Check("X20", ResearchDay));
        Assert.Equal(CodeCheck.Unverified, cancellation.Check("Y32", ResearchDay));
        Assert.Equal(CodeCheck.BadShape, cancellation.Check("Y3", ResearchDay));
    }

    [Fact]
    public void Exactly_the_four_classifications_no_public_list_exists_for_are_known_as_provisional_and_have_no_list()
    {
        var provisional = KnownClassifications.All.Where(d => d.NoPublicList).Select(d => d.Name).Order(StringComparer.Ordinal);

        Assert.Equal(["arvioinnin_tulos", "hammas", "peruuntumisen_syy", "tupakointi"], provisional);
        Assert.All(KnownClassifications.All.Where(d => d.NoPublicList), d => Assert.Equal(ClassificationStatus.Unlisted, codes[d].Status));
        Assert.All(KnownClassifications.All.Where(d => !d.NoPublicList), d => Assert.NotEqual(ClassificationStatus.Unlisted, codes[d].Status));
    }

    [Fact]
    public void Every_shipped_code_has_the_form_its_classification_prescribes()
    {
        foreach (var list in codes.Classifications)
        {
            var misshapen = list.Codes.Where(c => !list.Definition.HasShape(c.Code)).Select(c => c.Code).Take(5).ToList();

            Assert.True(misshapen.Count == 0, $"{list.Name}: {string.Join(", ", misshapen)} do not have the form {list.Definition.Shape}");
        }
    }

    [Theory]
    [InlineData("toimenpide", "N")]
    [InlineData("toimenpide", "NF")]
    [InlineData("toimenpide", "NFB")]
    [InlineData("toimenpide", "AA_")]
    [InlineData("toimenpide", "ZZN")]
    [InlineData("suu_toimenpide", "SAA")]
    [InlineData("atc", "J07")]
    [InlineData("atc", "J07BB")]
    public void Chapters_sections_and_groups_of_the_procedure_and_ATC_classifications_are_headings(string name, string code) =>
        Assert.Equal(CodeCheck.Heading, codes[name].Check(code, ResearchDay));

    [Theory]
    [InlineData("toimenpide", "NFB30")]
    [InlineData("toimenpide", "AA1AA")]
    [InlineData("toimenpide", "ZZN91")]
    [InlineData("suu_toimenpide", "SAA02")]
    [InlineData("suu_toimenpide", "EBA00")]
    [InlineData("atc", "J07BB02")]
    [InlineData("rokotustapa", "IM")]
    [InlineData("pistoskohta", "OO")]
    public void Procedures_substances_routes_and_sites_are_valid_codes(string name, string code) =>
        Assert.Equal(CodeCheck.Valid, codes[name].Check(code, ResearchDay));

    [Fact]
    public void A_procedure_THL_replaced_is_expired_after_its_end_and_names_its_successors()
    {
        var procedures = codes[KnownClassifications.PeriodProcedure];

        Assert.Equal(CodeCheck.Valid, procedures.Check("NFB40", new DateOnly(2023, 12, 31)));
        Assert.Equal(CodeCheck.Expired, procedures.Check("NFB40", new DateOnly(2024, 1, 1)));
        Assert.Equal("NFB41,NFB42", procedures.Find("NFB40")!.Attributes["replaced_by"]);
    }

    [Fact]
    public void ATC_substances_without_a_Finnish_name_show_WHOs_English_one_in_every_language()
    {
        var influenza = codes[KnownClassifications.Atc].Find("J07BB02");

        Assert.NotNull(influenza);
        Assert.Equal("influenza, inactivated, split virus or surface antigen", influenza.Name.In("fi"));
        Assert.Equal(influenza.Name.In("fi"), influenza.Name.In("sv"));
        Assert.Equal("J07BB", influenza.Parent);
        Assert.Equal(4, influenza.Level);
    }

    [Fact]
    public void A_common_diagnosis_is_valid_in_2026_with_names_in_three_languages()
    {
        var icd10 = codes[KnownClassifications.Icd10];
        var infection = icd10.Find("J06.9");

        Assert.Equal(CodeCheck.Valid, icd10.Check("J06.9", ResearchDay));
        Assert.NotNull(infection);
        Assert.Equal("Määrittämätön akuutti ylähengitystieinfektio", infection.Name.Fi);
        Assert.Equal("Akut övre luftvägsinfektion, ospecificerad", infection.Name.Sv);
        Assert.Equal("Acute upper respiratory infection, unspecified", infection.Name.En);
        Assert.Equal("J06", infection.Parent);
        Assert.Equal(3, infection.Level);
        Assert.Equal(new DateOnly(1900, 1, 1), infection.ValidFrom);
    }

    [Fact]
    public void A_hospital_visit_contact_type_is_valid_through_2018_and_expired_from_2019()
    {
        var contactTypes = codes[KnownClassifications.ContactType];

        Assert.Equal(CodeCheck.Valid, contactTypes.Check("R40", new DateOnly(2018, 12, 31)));
        Assert.Equal(CodeCheck.Expired, contactTypes.Check("R40", new DateOnly(2019, 1, 1)));
        Assert.Equal(CodeCheck.Valid, contactTypes.Check("R10", ResearchDay));
    }

    [Fact]
    public void Pertunmaa_is_valid_to_the_end_of_2024_and_expired_from_2025()
    {
        var municipalities = codes[KnownClassifications.Municipality];
        var pertunmaa = municipalities.Find("588");

        Assert.Equal(CodeCheck.Valid, municipalities.Check("588", new DateOnly(2024, 12, 31)));
        Assert.Equal(CodeCheck.Expired, municipalities.Check("588", new DateOnly(2025, 1, 1)));
        Assert.NotNull(pertunmaa);
        Assert.Null(pertunmaa.ValidFrom);
        Assert.Equal("12", pertunmaa.Attributes["hyvinvointialue_code"]);
        Assert.Equal("Etelä-Savon hyvinvointialue", pertunmaa.Attributes["hyvinvointialue_name_fi"]);
    }

    [Fact]
    public void Municipality_codes_keep_their_leading_zeros()
    {
        var helsinki = codes[KnownClassifications.Municipality].Find("091");

        Assert.NotNull(helsinki);
        Assert.Equal("Helsinki", helsinki.Name.Fi);
        Assert.Equal("Helsingfors", helsinki.Name.Sv);
        Assert.Null(codes[KnownClassifications.Municipality].Find("91"));
    }

    [Theory]
    [InlineData("icd10fi", "A00-B99")]
    [InlineData("icd10fi", "A00-A09")]
    [InlineData("icpc2", "A")]
    [InlineData("spat", "SPAT1000")]
    public void Chapters_and_blocks_are_headings_not_values(string name, string code) =>
        Assert.Equal(CodeCheck.Heading, codes[name].Check(code, ResearchDay));

    [Fact]
    public void Seventeen_SPAT_codes_are_marked_for_follow_up_care()
    {
        var followUp = codes[KnownClassifications.Spat].Codes.Where(c => c.IsFollowUp).Select(c => c.Code);

        string[] expected =
        [
            "SPAT1333", .. Enumerable.Range(1334, 14).Select(n => $"SPAT{n}"), "SPAT1397", "SPAT1398",
        ];
        Assert.Equal(expected, followUp);
        Assert.False(codes[KnownClassifications.Spat].Find("SPAT1400")!.IsFollowUp);
    }

    [Fact]
    public void ICD10_codes_are_found_exactly_as_THL_writes_them_with_their_combination_marks()
    {
        var icd10 = codes[KnownClassifications.Icd10];
        var marks = icd10.Codes
            .GroupBy(c => c.Attributes.GetValueOrDefault(CodeEntry.CombinationMarkAttribute) ?? "")
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(new Dictionary<string, int> { [""] = 11_743, ["&"] = 1_249, ["*"] = 956, ["+"] = 553, ["#"] = 247 }, marks);
        Assert.Equal("H03*", icd10.Find("H03.0*B55.9")!.Parent);
        Assert.Equal("+", icd10.Find("B05.8+H19.2")!.Attributes[CodeEntry.CombinationMarkAttribute]);
        Assert.Equal(CodeCheck.Expired, icd10.Check("C55", ResearchDay));
    }

    [Fact]
    public void A_name_with_a_comma_is_read_whole()
    {
        Assert.Equal("Kipu, yleinen / monessa paikassa", codes[KnownClassifications.Icpc2].Find("A01")!.Name.Fi);
        Assert.Equal("Lääkärit, proviisorit ja muut terveydenhuollon erityisasiantuntijat", codes[KnownClassifications.Profession].Find("222")!.Name.Fi);
    }

    /// <summary>The shipped folder, loaded once for the class.</summary>
    public sealed class ShippedCodes
    {
        public CodeServer Server { get; } = CodeServer.Load(CodeFolders.Shipped);
    }
}
