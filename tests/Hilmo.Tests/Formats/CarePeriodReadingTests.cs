using System.Text;
using System.Text.Json;
using Hilmo.Formats;
using Hilmo.Notifications;
using Hilmo.Testing;
using Hilmo.Validation;

namespace Hilmo.Tests.Formats;

public sealed class CarePeriodReadingTests
{
    private static readonly XmlSubmissionReader Xml = new(SubmissionLimits.Default);
    private static readonly NdjsonSubmissionReader Ndjson = new(SubmissionLimits.Default);

    private static ParsedRecord Parse(string json) =>
        new NotificationJsonParser().Parse(Encoding.UTF8.GetBytes(json), 0, new TextPosition(1, 1, 0));

    private static string Line(string json) => string.Concat(json.Split('\n').Select(l => l.Trim()));

    [Fact]
    public void The_ward_period_example_reads_into_every_field_without_findings()
    {
        var parsed = Parse(SamplePeriods.WardJson);

        Assert.Empty(parsed.Findings);
        var period = Assert.IsType<HealthCarePeriod>(parsed.Submitted!.Notification);
        Assert.Equal(TestRecords.Canonical(TestPeriods.Ward()), TestRecords.Canonical(period));
        Assert.Equal(TestPeriods.WardIdentityCode, parsed.Submitted.IdentityCode!.Value.Reveal());
        Assert.Equal(new DateOnly(2025, 3, 12), period.ReferenceDate);
    }

    [Fact]
    public void The_census_example_reads_into_a_social_care_period_with_its_reasons_and_costs()
    {
        var parsed = Parse(SamplePeriods.CensusJson);

        Assert.Empty(parsed.Findings);
        var period = Assert.IsType<SocialCarePeriod>(parsed.Submitted!.Notification);
        Assert.Equal(TestRecords.Canonical(TestPeriods.Census()), TestRecords.Canonical(period));
        Assert.Equal(["01", "06"], period.Reasons);
        Assert.Equal(182.50m, period.Costs!.DailyPrice);
        Assert.Equal(new DateOnly(2025, 12, 31), period.ReferenceDate);
    }

    [Theory]
    [InlineData(SamplePeriods.WardJson, SamplePeriods.WardXml)]
    [InlineData(SamplePeriods.CensusJson, SamplePeriods.CensusXml)]
    public async Task The_XML_example_reads_into_the_same_period_as_its_JSON_example(string json, string xml)
    {
        var fromJson = Parse(json);
        var fromXml = await ReaderHarness.ReadAsync(Xml, xml);

        var record = Assert.Single(fromXml.Records);
        Assert.Null(fromXml.SubmissionError);
        Assert.Empty(record.Findings);
        Assert.Equal(fromJson.Submitted!.Notification.GetType(), record.Submitted!.Notification.GetType());
        Assert.Equal(TestRecords.Canonical(fromJson.Submitted.Notification), TestRecords.Canonical(record.Submitted.Notification));
        Assert.Equal(fromJson.Submitted.IdentityCode, record.Submitted.IdentityCode);
    }

    [Fact]
    public async Task One_NDJSON_file_may_mix_service_events_and_periods_of_both_registers()
    {
        var visit = TestRecords.Canonical(TestRecords.Visit());
        var body = $"{visit}\n{Line(SamplePeriods.WardJson)}\n{Line(SamplePeriods.CensusJson)}\n{"{\"rekisteri\":\"avohilmo\"," + visit[1..]}\n";

        var read = await ReaderHarness.ReadAsync(Ndjson, body);

        Assert.All(read.Records, r => Assert.Empty(r.Findings));
        Assert.Equal(
            [Register.AvoHilmo, Register.TerveysHilmo, Register.Sosiaalihilmo, Register.AvoHilmo],
            read.Records.Select(r => r.Submitted!.Notification.Register));
    }

    [Fact]
    public async Task One_XML_envelope_may_mix_service_events_and_periods_of_both_registers()
    {
        static string Inner(string xml, string envelope) =>
            xml.Replace($"<{envelope}>", string.Empty, StringComparison.Ordinal).Replace($"</{envelope}>", string.Empty, StringComparison.Ordinal);
        var body = "<palvelutapahtumat>" + Inner(SamplePeriods.CensusXml, "hoitojaksot") + Inner(SamplePeriods.WardXml, "hoitojaksot") + "</palvelutapahtumat>";

        var read = await ReaderHarness.ReadAsync(Xml, body);

        Assert.Null(read.SubmissionError);
        Assert.Equal([Register.Sosiaalihilmo, Register.TerveysHilmo], read.Records.Select(r => r.Submitted!.Notification.Register));
    }

    [Fact]
    public void A_period_written_with_every_field_reads_back_as_the_same_period()
    {
        HealthCarePeriod[] health =
        [
            TestPeriods.Ward() with
            {
                Withdrawn = false,
                Client = new Client { HomeMunicipality = "091", PostalCode = "00820" },
                Specialty = "70",
                Diagnoses = [new Diagnosis { Icd10 = "S72.0", ExternalCause = "W01", AccidentType = "W01" }, new Diagnosis { Icd10 = "F32.1" }],
                Medications = [new Medication { Atc = "N05AH03", TradeName = "Zyprexa", PrescribedAt = new DateTime(2025, 3, 6, 8, 0, 0) }],
                IntensiveCare = new IntensiveCare { Start = new DateTime(2025, 3, 6, 11, 0, 0), End = new DateTime(2025, 3, 7, 8, 30, 15) },
                Psychiatry = new PsychiatricCare { AdmissionType = "3", GasOnArrival = 25, GasOnDischarge = 48, CoerciveMeasures = true },
            },
        ];
        SocialCarePeriod[] social = [TestPeriods.Census() with { DischargeDate = new DateOnly(2026, 2, 1), DischargedTo = "9", Withdrawn = true }];

        foreach (var period in health.Cast<CarePeriod>().Concat(social))
        {
            var written = Encoding.UTF8.GetBytes(TestRecords.Canonical(period));
            var parsed = new NotificationJsonParser().Parse(written, 0, null);

            Assert.Empty(parsed.Findings);
            Assert.Equal(TestRecords.Canonical(period), TestRecords.Canonical(parsed.Submitted!.Notification));
        }
    }

    [Fact]
    public void Unknown_members_of_a_period_are_warnings_with_their_paths_and_the_period_is_kept()
    {
        var parsed = Parse("""
            {"rekisteri":"terveyshilmo","tunnus":"1.2.3","tulopaiva":"2025-03-05","osasto":"B4",
             "diagnoosit":[{"icd10":"M16.1"},{"icd10":"I10","sivu":"vasen"}],"palveluala":"32"}
            """);

        Assert.NotNull(parsed.Submitted);
        Assert.Equal(["osasto", "diagnoosit[1].sivu", "palveluala"], parsed.Findings.Select(f => f.Path));
        Assert.All(parsed.Findings, f => Assert.Equal("FMT-003", f.Code));
        Assert.Equal("I10", ((CarePeriod)parsed.Submitted.Notification).Diagnoses[1].Icd10);
    }

    [Fact]
    public void A_health_care_member_in_a_social_care_period_is_unknown_there()
    {
        var parsed = Parse("""{"rekisteri":"sosiaalihilmo","tunnus":"1.2.3","erikoisala":"20","tehohoito":{"alku":"2025-01-01T10:00"}}""");

        Assert.Equal(["erikoisala", "tehohoito"], parsed.Findings.Where(f => f.Code == "FMT-003").Select(f => f.Path));
    }

    [Fact]
    public void An_unknown_register_is_an_error_on_rekisteri_that_names_the_value()
    {
        var parsed = Parse("""{"rekisteri":"kotihoito","tunnus":"1.2.3","tuottaja":"90152","tulopaiva":"2025-03-05"}""");

        var finding = Assert.Single(parsed.Findings, f => f.Code == FindingCatalogue.UnknownRegister.Code);
        Assert.Equal("rekisteri", finding.Path);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal(["\"kotihoito\""], finding.Arguments);
        Assert.Equal("1.2.3", finding.RecordId);
    }

    [Fact]
    public void A_register_named_with_an_escaped_member_name_still_reads_as_a_period()
    {
        var parsed = Parse("""{"rekister\u0069":"terveyshilmo","tunnus":"1.2.3","tulopaiva":"2025-03-05"}""");

        Assert.Empty(parsed.Findings);
        Assert.Equal(new DateOnly(2025, 3, 5), Assert.IsType<HealthCarePeriod>(parsed.Submitted!.Notification).ArrivalDate);
    }

    [Fact]
    public void A_rekisteri_inside_a_group_does_not_make_a_service_event_a_period()
    {
        var parsed = Parse("""{"tunnus":"1.2.3","kaynti":{"rekisteri":"terveyshilmo","alku":"2026-03-09T10:02"}}""");

        Assert.IsType<ServiceEvent>(parsed.Submitted!.Notification);
        Assert.Equal("kaynti.rekisteri", Assert.Single(parsed.Findings).Path);
    }

    [Theory]
    [InlineData("2025-3-5")]
    [InlineData("20250305")]
    [InlineData("2025-02-30")]
    [InlineData("2025-03-05T00:00")]
    public void A_date_not_of_the_form_yyyy_mm_dd_is_refused_in_JSON(string date)
    {
        var parsed = Parse($$"""{"rekisteri":"terveyshilmo","tunnus":"1.2.3","tulopaiva":"{{date}}"}""");

        var finding = Assert.Single(parsed.Findings);
        Assert.Equal((FindingCatalogue.InvalidDate.Code, "tulopaiva"), (finding.Code, finding.Path));
        Assert.Null(((CarePeriod)parsed.Submitted!.Notification).ArrivalDate);
    }

    [Fact]
    public void A_cost_beyond_any_decimal_is_refused_and_a_cost_as_text_is_the_wrong_type()
    {
        var parsed = Parse("""{"rekisteri":"sosiaalihilmo","tunnus":"1.2.3","kustannukset":{"paivahinta":1e300,"asiakasmaksu":"1450"}}""");

        Assert.Equal(
            [(FindingCatalogue.InvalidDecimal.Code, "kustannukset.paivahinta"), ("FMT-002", "kustannukset.asiakasmaksu")],
            parsed.Findings.Select(f => (f.Code, f.Path)));
    }

    [Fact]
    public async Task An_XML_rekisteri_element_that_disagrees_with_the_record_element_is_an_error()
    {
        var body = SamplePeriods.WardXml.Replace("<tunnus>", "<rekisteri>sosiaalihilmo</rekisteri><tunnus>", StringComparison.Ordinal);

        var read = await ReaderHarness.ReadAsync(Xml, body);

        var finding = Assert.Single(Assert.Single(read.Records).Findings);
        Assert.Equal((FindingCatalogue.RegisterMismatch.Code, "rekisteri"), (finding.Code, finding.Path));
        Assert.Equal(["\"sosiaalihilmo\"", "terveyshilmoHoitojakso"], finding.Arguments);
    }

    [Fact]
    public async Task An_XML_date_in_neither_form_is_refused_with_its_path()
    {
        var body = SamplePeriods.WardXml.Replace("<saapunut>2025-02-10</saapunut>", "<saapunut>10.2.2025</saapunut>", StringComparison.Ordinal);

        var read = await ReaderHarness.ReadAsync(Xml, body);

        var finding = Assert.Single(Assert.Single(read.Records).Findings);
        Assert.Equal((FindingCatalogue.InvalidDate.Code, "lahete.saapunut"), (finding.Code, finding.Path));
    }

    [Fact]
    public void The_canonical_JSON_of_a_period_is_valid_JSON()
    {
        using var document = JsonDocument.Parse(TestRecords.Canonical(TestPeriods.Census()));

        Assert.Equal("sosiaalihilmo", document.RootElement.GetProperty("rekisteri").GetString());
    }
}
