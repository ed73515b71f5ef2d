using System.Text;
using Hilmo.Formats;
using Hilmo.Notifications;
using Hilmo.Testing;
using Hilmo.Validation;

namespace Hilmo.Tests.Formats;

public sealed class ServiceEventJsonParserTests
{
    private static ParsedRecord Parse(string json) =>
        new ServiceEventJsonParser().Parse(Encoding.UTF8.GetBytes(json), 0, new TextPosition(1, 1, 0));

    private static ParsedRecord Parse(byte[] json) =>
        new ServiceEventJsonParser().Parse(json, 0, new TextPosition(1, 1, 0));

    [Fact]
    public void The_example_of_the_specification_reads_into_every_field()
    {
        var parsed = Parse(SampleRecords.SpecificationExample);

        Assert.Empty(parsed.Findings);
        var e = (ServiceEvent)parsed.Submitted!.Notification;
        Assert.Equal("1.2.246.10.2345678.10.2026.4711", e.RecordId);
        Assert.Equal(new DateTime(2026, 3, 2, 16, 40, 0), e.UpdatedAt);
        Assert.Equal("131052-308T", parsed.Submitted.IdentityCode!.Value.Reveal());
        Assert.Equal("091", e.Client!.HomeMunicipality);
        Assert.Equal("00820", e.Client.PostalCode);
        Assert.Equal("90152", e.Provider);
        Assert.Equal("1.2.246.10.2345678.10.12", e.Unit);
        Assert.Equal(new DateTime(2026, 3, 2, 8, 5, 0), e.Contact!.Time);
        Assert.Equal(new DateTime(2026, 3, 2, 8, 15, 0), e.Assessment!.Time);
        Assert.Equal(("32311", "E", "SH", "K"), (e.Assessment.Profession, e.Assessment.Urgency, e.Assessment.Nature, e.Assessment.FirstVisit));
        Assert.Equal(new DateTime(2026, 3, 9, 10, 0, 0), e.Appointment!.ScheduledFor);
        Assert.Equal(new DateTime(2026, 3, 9, 10, 25, 0), e.Visit!.End);
        Assert.Equal(("22211", "T11", "R10", "1"), (e.Visit.Profession, e.Visit.ServiceForm, e.Visit.ContactType, e.Visit.VisitorGroup));
        Assert.Equal(["R74", null], e.Reasons.Select(r => r.Icpc2));
        Assert.Equal([null, "J06.9"], e.Reasons.Select(r => r.Icd10));
        Assert.Equal("SPAT1010", Assert.Single(e.Procedures).Spat);
    }

    [Fact]
    public void Every_group_of_the_field_list_is_read()
    {
        var parsed = Parse("""
            {"tunnus":"1.2.3","paivitetty":"2026-03-02T16:40:30","poisto":false,"tuottaja":"90152",
             "laakitys":[{"atc":"J07BB02","atcSelite":"influenssarokote","vnr":"123456","kauppanimi":"HIBERIX","maaratty":"2026-03-02T10:00",
                          "rokotus":true,"eranumero":"AB12","jarjestys":"2","rokotustapa":"IM","pistoskohta":"OO"}],
             "terveystekijat":{"karioituneet1":1,"puuttuvat1":2,"paikatut1":3,"karioituneet2":0,"puuttuvat2":0,"paikatut2":1,
                               "ienkudos":"002301","paino":3800,"pituus":1300,"tupakointi":"4"},
             "jatkohoito":["SPAT1334",{"spat":"SPAT1335"}],
             "toimenpiteet":[{"suu":"SAA02","hammas":"36"}],
             "kayntisyyt":[{"icd10":"S90.0","ulkoinenSyy":"W01","tapaturmatyyppi":"W01"}],
             "peruuntuminen":{"ajankohta":"2026-03-01T12:30","syy":"Y32"}}
            """);

        Assert.Empty(parsed.Findings);
        var e = (ServiceEvent)parsed.Submitted!.Notification;
        Assert.Equal(new DateTime(2026, 3, 2, 16, 40, 30), e.UpdatedAt);
        var medication = Assert.Single(e.Medications);
        Assert.Equal(("J07BB02", "HIBERIX", true, "IM", "OO"), (medication.Atc, medication.TradeName, medication.Vaccination, medication.Route, medication.InjectionSite));
        Assert.Equal(new DateTime(2026, 3, 2, 10, 0, 0), medication.PrescribedAt);
        Assert.Equal((3800, 1300, "002301"), (e.HealthFactors!.WeightGrams, e.HealthFactors.HeightMillimetres, e.HealthFactors.GumStatus));
        Assert.Equal(["SPAT1334", "SPAT1335"], e.FollowUpCare);
        Assert.Equal(("SAA02", "36"), (e.Procedures[0].OralProcedure, e.Procedures[0].Tooth));
        Assert.Equal("W01", e.Reasons[0].ExternalCause);
        Assert.Equal("Y32", e.Cancellation!.Reason);
    }

    [Fact]
    public void An_unknown_member_is_reported_with_its_path_and_the_record_is_kept()
    {
        var parsed = Parse("""{"tunnus":"1.2.3","kaynti":{"alku":"2026-03-09T10:02","huone":{"nro":[1,2]}},"extra":1}""");

        Assert.NotNull(parsed.Submitted);
        Assert.Equal(["kaynti.huone", "extra"], parsed.Findings.Where(f => f.Code == "FMT-003").Select(f => f.Path));
        Assert.All(parsed.Findings, f => Assert.Equal(Severity.Warning, f.Severity));
        Assert.Equal(new DateTime(2026, 3, 9, 10, 2, 0), ((ServiceEvent)parsed.Submitted.Notification).Visit!.Start);
    }

    [Theory]
    [InlineData("""{"tunnus":"1.2.3","asiakas":{"kotikunta":91}}""", "asiakas.kotikunta")]
    [InlineData("""{"tunnus":"1.2.3","kaynti":"T11"}""", "kaynti")]
    [InlineData("""{"tunnus":"1.2.3","kayntisyyt":{"icd10":"J06.9"}}""", "kayntisyyt")]
    [InlineData("""{"tunnus":"1.2.3","kayntisyyt":[{"icd10":["J06.9"]}]}""", "kayntisyyt[0].icd10")]
    [InlineData("""{"tunnus":"1.2.3","terveystekijat":{"paino":"3800"}}""", "terveystekijat.paino")]
    [InlineData("""{"tunnus":"1.2.3","poisto":"true"}""", "poisto")]
    [InlineData("""{"tunnus":1234}""", "tunnus")]
    public void A_value_of_the_wrong_type_is_refused_with_its_path(string json, string path)
    {
        var finding = Assert.Single(Parse(json).Findings);
        Assert.Equal(("FMT-002", path), (finding.Code, finding.Path));
    }

    [Theory]
    [InlineData("2026-03-02")]
    [InlineData("2026-03-02T08:15+02:00")]
    [InlineData("2026-03-02T08:15Z")]
    [InlineData("2026-02-30T08:15")]
    [InlineData("2026-03-02T24:00")]
    [InlineData("202603020815")]
    [InlineData("02.03.2026 08:15")]
    public void A_time_not_in_the_local_ISO_form_is_refused(string time)
    {
        var finding = Assert.Single(Parse($$$"""{"yhteydenotto":{"ajankohta":"{{{time}}}"}}""").Findings);
        Assert.Equal(("FMT-005", "yhteydenotto.ajankohta"), (finding.Code, finding.Path));
    }

    [Fact]
    public void Times_with_seconds_fractions_or_escapes_are_read()
    {
        var parsed = Parse("""{"yhteydenotto":{"ajankohta":"2026-03-02T08:15:07.5"},"paivitetty":"2026-03-02T08:16\u003A09"}""");

        Assert.Empty(parsed.Findings);
        Assert.Equal(new DateTime(2026, 3, 2, 8, 15, 7, 500), ((ServiceEvent)parsed.Submitted!.Notification).Contact!.Time);
        Assert.Equal(new DateTime(2026, 3, 2, 8, 16, 9), parsed.Submitted.Notification.UpdatedAt);
    }

    [Fact]
    public void Null_means_absent()
    {
        var parsed = Parse("""{"tunnus":"1.2.3","yksikko":null,"kaynti":null,"kayntisyyt":null,"asiakas":{"hetu":null}}""");

        Assert.Empty(parsed.Findings);
        Assert.Null(((ServiceEvent)parsed.Submitted!.Notification).Visit);
        Assert.Null(parsed.Submitted.IdentityCode);
    }

    [Fact]
    public void A_member_given_twice_is_refused_and_the_first_value_stands()
    {
        var parsed = Parse("""{"tunnus":"1.2.3","kaynti":{"palvelumuoto":"T11","palvelumuoto":"T60"}}""");

        var finding = Assert.Single(parsed.Findings);
        Assert.Equal(("FMT-009", "kaynti.palvelumuoto"), (finding.Code, finding.Path));
        Assert.Equal("T11", ((ServiceEvent)parsed.Submitted!.Notification).Visit!.ServiceForm);
    }

    [Fact]
    public void A_repeated_identity_code_is_reported_by_path_and_never_mistaken_for_a_member_name()
    {
        var parsed = new ServiceEventJsonParser().Parse(
            """{"tunnus":"1.2.246.10.1","asiakas":{"hetu":"131052-308T","hetu":"010101-123N"},"tuottaja":"90152","yksikko":"1.2.246.10.2"}"""u8,
            0, null);

        var finding = Assert.Single(parsed.Findings);
        Assert.Equal(("FMT-009", "asiakas.hetu"), (finding.Code, finding.Path));
        Assert.Equal("131052-308T", parsed.Submitted!.IdentityCode?.Reveal());
        Assert.Equal(("90152", "1.2.246.10.2"), (parsed.Submitted.Notification.Provider, parsed.Submitted.Notification.Unit));
    }

    [Fact]
    public void A_text_longer_than_its_field_allows_is_refused_without_echoing_it()
    {
        var parsed = Parse($$"""{"tunnus":"{{new string('1', 500)}}"}""");

        var finding = Assert.Single(parsed.Findings);
        Assert.Equal(("FMT-004", "tunnus"), (finding.Code, finding.Path));
        Assert.DoesNotContain("1111", finding.Message("fi"), StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_hidden_in_escapes_are_refused()
    {
        var finding = Assert.Single(Parse("""{"kaynti":{"toteuttaja":"ab\u0000cd"}}""").Findings);
        Assert.Equal(("FMT-011", "kaynti.toteuttaja"), (finding.Code, finding.Path));
    }

    [Fact]
    public void Too_many_items_in_a_group_are_refused_once()
    {
        var reasons = string.Join(",", Enumerable.Repeat("""{"icpc2":"R74"}""", 150));
        var parsed = Parse($$"""{"kayntisyyt":[{{reasons}}]}""");

        var finding = Assert.Single(parsed.Findings);
        Assert.Equal(("FMT-012", "kayntisyyt"), (finding.Code, finding.Path));
        Assert.Equal(["150", "100"], finding.Arguments);
    }

    [Fact]
    public void A_null_item_in_a_group_is_an_empty_item()
    {
        var finding = Assert.Single(Parse("""{"toimenpiteet":[{"spat":"SPAT1010"},null]}""").Findings);
        Assert.Equal(("REQ-003", "toimenpiteet[1]"), (finding.Code, finding.Path));
    }

    [Theory]
    [InlineData("""{"tunnus":"1.2.3",""", 1, 18)]
    [InlineData("""{"tunnus" "1.2.3"}""", 1, 11)]
    [InlineData("""{"tunnus":'1.2.3'}""", 1, 11)]
    [InlineData("{\"tunnus\":\"1.2.3\",\n \"paivitetty\": tru}", 2, 19)]
    public void Broken_JSON_is_reported_at_its_line_and_column(string json, long line, long column)
    {
        var parsed = Parse(json);

        Assert.Null(parsed.Submitted);
        var finding = Assert.Single(parsed.Findings);
        Assert.Equal("FMT-001", finding.Code);
        Assert.Equal((line, column), (finding.Position!.Value.Line, finding.Position.Value.Column));
    }

    [Fact]
    public void Content_after_the_record_is_a_syntax_error()
    {
        var parsed = Parse("""{"tunnus":"1.2.3"} {"tunnus":"1.2.4"}""");
        Assert.Null(parsed.Submitted);
        Assert.Equal("FMT-001", Assert.Single(parsed.Findings).Code);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    public void A_record_that_is_not_an_object_is_refused(string json) =>
        Assert.Equal("FMT-010", Assert.Single(Parse(json).Findings).Code);

    [Fact]
    public void Invalid_UTF8_inside_a_text_is_refused_as_an_encoding_error()
    {
        var json = Encoding.UTF8.GetBytes("""{"tunnus":"1.2.3","yksikko":"ab__"}""");
        var at = Array.IndexOf(json, (byte)'_');
        json[at] = 0xC3;
        json[at + 1] = 0x28;

        Assert.Equal("FMT-013", Assert.Single(Parse(json).Findings).Code);
    }

    [Fact]
    public void Deep_nesting_inside_an_unknown_member_is_refused_without_recursion()
    {
        var deep = new string('[', 5000) + new string(']', 5000);
        var parsed = Parse($$"""{"tunnus":"1.2.3","x":{{deep}}}""");

        Assert.Null(parsed.Submitted);
        Assert.Contains(parsed.Findings, f => f.Code == "FMT-008");
    }

    [Fact]
    public void Findings_carry_the_record_id_even_when_it_comes_after_the_fault()
    {
        var parsed = Parse("""{"kaynti":{"alku":"bad"},"tunnus":"1.2.246.10.1"}""");
        Assert.Equal("1.2.246.10.1", Assert.Single(parsed.Findings).RecordId);
    }
}
