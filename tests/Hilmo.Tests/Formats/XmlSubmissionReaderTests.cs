using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Hilmo.Formats;
using Hilmo.Notifications;
using Hilmo.Testing;
using Hilmo.Validation;

namespace Hilmo.Tests.Formats;

[Collection(MeasuresAllocations.Name)]
public sealed class XmlSubmissionReaderTests
{
    // The examples of spec/avohilmo.md §2, verbatim.
    private const string SpecificationJson =
        """
        {"tunnus":"1.2.246.10.2345678.10.2026.4711","paivitetty":"2026-03-02T16:40",
         "asiakas":{"hetu":"131052-308T","kotikunta":"091","postinumero":"00820"},
         "tuottaja":"90152","yksikko":"1.2.246.10.2345678.10.12",
         "yhteydenotto":{"ajankohta":"2026-03-02T08:05"},
         "hoidonTarpeenArviointi":{"ajankohta":"2026-03-02T08:15","ammatti":"32311","kiireellisyys":"E","luonne":"SH","ensikaynti":"K"},
         "ajanvaraus":{"ajankohta":"2026-03-02T08:16","varattu":"2026-03-09T10:00"},
         "kaynti":{"alku":"2026-03-09T10:02","loppu":"2026-03-09T10:25","ammatti":"22211","palvelumuoto":"T11","yhteystapa":"R10","kavijaryhma":"1","kiireellisyys":"E","luonne":"SH","ensikaynti":"K"},
         "kayntisyyt":[{"icpc2":"R74"},{"icd10":"J06.9"}],
         "toimenpiteet":[{"spat":"SPAT1010"}]}
        """;

    private const string SpecificationXml =
        """
        <palvelutapahtumat>
          <palvelutapahtuma>
            <tunnus>1.2.246.10.2345678.10.2026.4711</tunnus><paivitetty>2026-03-02T16:40</paivitetty>
            <asiakas><hetu>131052-308T</hetu><kotikunta>091</kotikunta><postinumero>00820</postinumero></asiakas>
            <tuottaja>90152</tuottaja><yksikko>1.2.246.10.2345678.10.12</yksikko>
            <yhteydenotto><ajankohta>202603020805</ajankohta></yhteydenotto>
            <kaynti><alku>2026-03-09T10:02</alku><loppu>2026-03-09T10:25</loppu><ammatti>22211</ammatti>
              <palvelumuoto>T11</palvelumuoto><yhteystapa>R10</yhteystapa></kaynti>
            <kayntisyy><icpc2>R74</icpc2></kayntisyy><kayntisyy><icd10>J06.9</icd10></kayntisyy>
            <toimenpide><spat>SPAT1010</spat></toimenpide>
          </palvelutapahtuma>
        </palvelutapahtumat>
        """;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_specification_example_reads_into_the_same_service_event_as_its_JSON_example()
    {
        var fromJson = new ServiceEventJsonParser().Parse(Encoding.UTF8.GetBytes(SpecificationJson), 0, null);
        Assert.Empty(fromJson.Findings);
        var json = (ServiceEvent)fromJson.Submitted!.Notification;
        // The XML example carries the contact and the visit only, and fewer visit fields.
        var expected = json with
        {
            Assessment = null,
            Appointment = null,
            Visit = json.Visit! with { VisitorGroup = null, Urgency = null, Nature = null, FirstVisit = null },
        };

        var read = await ReadAsync(SpecificationXml);

        Assert.Null(read.Error);
        var record = Assert.Single(read.Records);
        Assert.Empty(record.Findings);
        Assert.Equal(0, record.Index);
        Assert.Equal(new TextPosition(2, 3), record.Position);
        Assert.Equal("1.2.246.10.2345678.10.2026.4711", record.RecordId);
        var xml = (ServiceEvent)record.Submitted!.Notification;
        Assert.Equal(WithoutLists(expected), WithoutLists(xml));
        Assert.Equal(expected.Reasons, xml.Reasons);
        Assert.Equal(expected.Procedures, xml.Procedures);
        Assert.Empty(xml.Medications);
        Assert.Empty(xml.FollowUpCare);
        Assert.Equal(fromJson.Submitted.IdentityCode, record.Submitted.IdentityCode);
        Assert.Equal(new DateTime(2026, 3, 2, 8, 5, 0), xml.Contact!.Time);
    }

    [Fact]
    public async Task Times_are_read_in_ISO_form_with_or_without_seconds_and_in_the_legacy_form()
    {
        var read = await ReadAsync(Record(
            "<paivitetty>2026-03-02T16:40:30</paivitetty>"
            + "<ajanvaraus><ajankohta>202603020816</ajankohta><varattu>2026-03-09T10:00</varattu></ajanvaraus>"
            + "<laake><atc>J07BB02</atc><maaratty>2026-03-09T10:05:00.5</maaratty></laake>"));

        var record = Assert.Single(read.Records);
        Assert.Empty(record.Findings);
        var serviceEvent = (ServiceEvent)record.Submitted!.Notification;
        Assert.Equal(new DateTime(2026, 3, 2, 16, 40, 30), serviceEvent.UpdatedAt);
        Assert.Equal(new DateTime(2026, 3, 2, 8, 16, 0), serviceEvent.Appointment!.BookedAt);
        Assert.Equal(new DateTime(2026, 3, 9, 10, 0, 0), serviceEvent.Appointment.ScheduledFor);
        Assert.Equal(new DateTime(2026, 3, 9, 10, 5, 0).AddMilliseconds(500), serviceEvent.Medications[0].PrescribedAt);
    }

    [Fact]
    public async Task Repeating_groups_read_the_same_wrapped_and_unwrapped()
    {
        var unwrapped = await ReadAsync(Record(
            "<kayntisyy><icd10>S52.5</icd10><ulkoinenSyy>W01</ulkoinenSyy></kayntisyy><kayntisyy><icpc2>L74</icpc2></kayntisyy>"
            + "<toimenpide><spat>SPAT1010</spat></toimenpide><toimenpide><suu>SFA10</suu><hammas>16</hammas></toimenpide>"
            + "<laake><atc>J07BB02</atc><rokotus>kyllä</rokotus><eranumero>AB123</eranumero></laake>"
            + "<jatkohoito>SPAT1334</jatkohoito><jatkohoito><spat>SPAT1335</spat></jatkohoito>"));
        var wrapped = await ReadAsync(Record(
            "<kayntisyyt><kayntisyy><icd10>S52.5</icd10><ulkoinenSyy>W01</ulkoinenSyy></kayntisyy><kayntisyy><icpc2>L74</icpc2></kayntisyy></kayntisyyt>"
            + "<toimenpiteet><toimenpide><spat>SPAT1010</spat></toimenpide><toimenpide><suu>SFA10</suu><hammas>16</hammas></toimenpide></toimenpiteet>"
            + "<laakitys><laake><atc>J07BB02</atc><rokotus>kyllä</rokotus><eranumero>AB123</eranumero></laake></laakitys>"
            + "<jatkohoito>SPAT1334</jatkohoito><jatkohoito><spat>SPAT1335</spat></jatkohoito>"));

        var a = Assert.Single(unwrapped.Records);
        var b = Assert.Single(wrapped.Records);
        Assert.Empty(a.Findings);
        Assert.Empty(b.Findings);
        var first = (ServiceEvent)a.Submitted!.Notification;
        var second = (ServiceEvent)b.Submitted!.Notification;
        Assert.Equal([new VisitReason { Icd10 = "S52.5", ExternalCause = "W01" }, new VisitReason { Icpc2 = "L74" }], first.Reasons);
        Assert.Equal([new Procedure { Spat = "SPAT1010" }, new Procedure { OralProcedure = "SFA10", Tooth = "16" }], first.Procedures);
        Assert.Equal([new Medication { Atc = "J07BB02", Vaccination = true, BatchNumber = "AB123" }], first.Medications);
        Assert.Equal(["SPAT1334", "SPAT1335"], first.FollowUpCare);
        Assert.Equal(first.Reasons, second.Reasons);
        Assert.Equal(first.Procedures, second.Procedures);
        Assert.Equal(first.Medications, second.Medications);
        Assert.Equal(first.FollowUpCare, second.FollowUpCare);
    }

    [Fact]
    public async Task An_unknown_element_is_a_warning_with_its_JSON_path_and_the_record_is_kept()
    {
        var read = await ReadAsync(Record(
            "<kaynti><alku>2026-03-09T10:02</alku><huone><numero>12</numero></huone></kaynti>"
            + "<kayntisyyt><kayntisyy><icpc2>R74</icpc2></kayntisyy><kayntisyy><icd10>J06.9</icd10><vakavuus>2</vakavuus></kayntisyy></kayntisyyt>"
            + "<lisatieto>x</lisatieto>"));

        var record = Assert.Single(read.Records);
        Assert.Equal(
            [("FMT-003", "kaynti.huone"), ("FMT-003", "kayntisyyt[1].vakavuus"), ("FMT-003", "lisatieto")],
            record.Findings.Select(f => (f.Code, f.Path)));
        Assert.All(record.Findings, f => Assert.Equal(Severity.Warning, f.Severity));
        Assert.NotNull(record.Submitted);
        Assert.Equal(new DateTime(2026, 3, 9, 10, 2, 0), ((ServiceEvent)record.Submitted.Notification).Visit!.Start);
        Assert.Equal("J06.9", ((ServiceEvent)record.Submitted.Notification).Reasons[1].Icd10);
    }

    [Fact]
    public async Task A_repeated_element_is_reported_once_and_the_first_value_stands()
    {
        var read = await ReadAsync(Record(
            "<asiakas><hetu>131052-308T</hetu><hetu>010101-123N</hetu><kotikunta>091</kotikunta></asiakas>"
            + "<kaynti><alku>2026-03-09T10:02</alku></kaynti><kaynti><alku>2026-03-10T10:02</alku></kaynti>",
            provider: string.Empty));

        var record = Assert.Single(read.Records);
        Assert.Equal([("FMT-009", "asiakas.hetu"), ("FMT-009", "kaynti")], record.Findings.Select(f => (f.Code, f.Path)));
        var submitted = record.Submitted!;
        Assert.Equal("131052-308T", submitted.IdentityCode?.Reveal());
        Assert.Equal("091", submitted.Notification.Client!.HomeMunicipality);
        Assert.Equal(new DateTime(2026, 3, 9, 10, 2, 0), ((ServiceEvent)submitted.Notification).Visit!.Start);
        Assert.Equal("1.2.246.10.1", submitted.Notification.Unit);
    }

    [Fact]
    public async Task A_time_that_is_not_a_time_is_reported_with_its_path()
    {
        var read = await ReadAsync(Record(
            "<yhteydenotto><ajankohta>2.3.2026 8:05</ajankohta></yhteydenotto>"
            + "<kaynti><alku>2026-03-09T10:02+02:00</alku><loppu>202603091025</loppu></kaynti>"));

        var record = Assert.Single(read.Records);
        Assert.Equal([("FMT-005", "yhteydenotto.ajankohta"), ("FMT-005", "kaynti.alku")], record.Findings.Select(f => (f.Code, f.Path)));
        Assert.Null(((ServiceEvent)record.Submitted!.Notification).Contact!.Time);
        Assert.Equal(new DateTime(2026, 3, 9, 10, 25, 0), ((ServiceEvent)record.Submitted.Notification).Visit!.End);
    }

    [Fact]
    public async Task A_measure_that_is_not_an_integer_is_reported_with_its_path()
    {
        var read = await ReadAsync(Record(
            "<terveystekijat><paino>72.5</paino><pituus>1 780</pituus><karioituneet1>3</karioituneet1><puuttuvat1>-1</puuttuvat1>"
            + "<paikatut1>99999999999</paikatut1></terveystekijat>"));

        var record = Assert.Single(read.Records);
        Assert.Equal(
            [("FMT-006", "terveystekijat.paino"), ("FMT-006", "terveystekijat.pituus"), ("FMT-006", "terveystekijat.paikatut1")],
            record.Findings.Select(f => (f.Code, f.Path)));
        var factors = ((ServiceEvent)record.Submitted!.Notification).HealthFactors!;
        Assert.Equal(3, factors.DecayedPermanentTeeth);
        Assert.Equal(-1, factors.MissingPermanentTeeth);
        Assert.Null(factors.WeightGrams);
    }

    [Fact]
    public async Task Booleans_are_read_in_English_digits_and_Finnish()
    {
        var read = await ReadAsync(Record(
            "<poisto>true</poisto><laake><rokotus>kyllä</rokotus></laake><laake><rokotus>ei</rokotus></laake>"
            + "<laake><rokotus>1</rokotus></laake><laake><rokotus>false</rokotus></laake><laake><rokotus>joo</rokotus></laake>"));

        var record = Assert.Single(read.Records);
        var finding = Assert.Single(record.Findings);
        Assert.Equal(("FMT-002", "laakitys[4].rokotus"), (finding.Code, finding.Path));
        Assert.True(record.Submitted!.Notification.Withdrawn);
        Assert.Equal([true, false, true, false, null], ((ServiceEvent)record.Submitted.Notification).Medications.Select(m => m.Vaccination));
    }

    [Fact]
    public async Task More_items_than_a_group_may_have_are_reported_and_the_first_ones_kept()
    {
        var limits = new SubmissionLimits { MaxItemsPerGroup = 3 };
        var procedures = string.Concat(Enumerable.Range(1, 5).Select(i => $"<toimenpide><spat>SPAT101{i}</spat></toimenpide>"));

        var read = await ReadAsync(Record(procedures), limits);

        var record = Assert.Single(read.Records);
        var finding = Assert.Single(record.Findings);
        Assert.Equal(("FMT-012", "toimenpiteet"), (finding.Code, finding.Path));
        Assert.Equal(["5", "3"], finding.Arguments);
        Assert.Equal(["SPAT1011", "SPAT1012", "SPAT1013"], ((ServiceEvent)record.Submitted!.Notification).Procedures.Select(p => p.Spat));
    }

    [Fact]
    public async Task Surrounding_whitespace_is_trimmed_and_an_empty_element_is_an_absent_value()
    {
        var read = await ReadAsync(Record(
            "<asiakas>\n  <hetu>\n    131052-308T\n  </hetu>\n  <kotikunta/>\n  <postinumero>  </postinumero>\n</asiakas>"
            + "<ajanvaraus/><kayntisyy/><kayntisyy><icd10>J06.9</icd10></kayntisyy><jatkohoito></jatkohoito>"));

        var record = Assert.Single(read.Records);
        Assert.Equal([("REQ-003", "kayntisyyt[0]"), ("REQ-003", "jatkohoito[0]")], record.Findings.Select(f => (f.Code, f.Path)));
        var submitted = record.Submitted!;
        Assert.Equal("131052-308T", submitted.IdentityCode?.Reveal());
        Assert.Null(submitted.Notification.Client!.HomeMunicipality);
        Assert.Null(submitted.Notification.Client.PostalCode);
        Assert.Null(((ServiceEvent)submitted.Notification).Appointment);
        Assert.Equal([new VisitReason { Icd10 = "J06.9" }], ((ServiceEvent)submitted.Notification).Reasons);
    }

    [Fact]
    public async Task Text_too_long_or_with_control_characters_inside_is_reported_and_not_kept()
    {
        var read = await ReadAsync(Record(
            $"<laake><atcSelite>{new string('x', 201)}</atcSelite><kauppanimi><![CDATA[Vaxigrip & Co]]></kauppanimi></laake>"
            + "<kayntisyy><icd10>J06&#9;.9</icd10></kayntisyy><kayntisyy><icd10>J06.9\nJ20.9</icd10></kayntisyy>"
            + "<toimenpide><spat>SPAT&#x7F;1010</spat></toimenpide>"));

        var record = Assert.Single(read.Records);
        Assert.Equal(
            [("FMT-004", "laakitys[0].atcSelite"), ("FMT-011", "kayntisyyt[0].icd10"), ("FMT-011", "kayntisyyt[1].icd10"), ("FMT-011", "toimenpiteet[0].spat")],
            record.Findings.Select(f => (f.Code, f.Path)));
        Assert.Equal(["201", "200"], record.Findings[0].Arguments);
        var medication = ((ServiceEvent)record.Submitted!.Notification).Medications[0];
        Assert.Null(medication.AtcDescription);
        Assert.Equal("Vaxigrip & Co", medication.TradeName);
    }

    [Fact]
    public async Task Elements_are_matched_by_local_name_in_any_namespace_and_attributes_are_ignored()
    {
        var read = await ReadAsync(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- exported 2026-03-03 -->
            <a:palvelutapahtumat xmlns:a="urn:thl:avohilmo" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" versio="2">
              <a:palvelutapahtuma id="1">
                <a:tunnus>1.2.246.10.1</a:tunnus>
                <?tool generated?>
                <a:kaynti tyyppi="x"><a:alku>2026-03-09T10:02</a:alku></a:kaynti>
              </a:palvelutapahtuma>
            </a:palvelutapahtumat>
            """);

        Assert.Null(read.Error);
        var record = Assert.Single(read.Records);
        Assert.Empty(record.Findings);
        Assert.Equal(new TextPosition(4, 3), record.Position);
        Assert.Equal("1.2.246.10.1", record.RecordId);
        Assert.Equal(new DateTime(2026, 3, 9, 10, 2, 0), ((ServiceEvent)record.Submitted!.Notification).Visit!.Start);
    }

    [Fact]
    public async Task A_single_record_without_the_envelope_is_read()
    {
        var read = await ReadAsync("<palvelutapahtuma><tunnus>1.2.246.10.1</tunnus></palvelutapahtuma>\n");

        Assert.Null(read.Error);
        var record = Assert.Single(read.Records);
        Assert.Equal("1.2.246.10.1", record.RecordId);
        Assert.Equal(new TextPosition(1, 1), record.Position);
    }

    [Fact]
    public async Task Something_other_than_a_record_in_the_envelope_takes_a_record_place_and_is_refused()
    {
        var read = await ReadAsync(
            "<palvelutapahtumat>" + RecordElement("1") + "<otsikko><lahettaja>90152</lahettaja></otsikko>" + RecordElement("2") + "</palvelutapahtumat>");

        Assert.Null(read.Error);
        Assert.Equal([0L, 1L, 2L], read.Records.Select(r => r.Index));
        Assert.Equal("FMT-010", Assert.Single(read.Records[1].Findings).Code);
        Assert.Null(read.Records[1].Submitted);
        Assert.Equal("1.2.246.10.2", read.Records[2].RecordId);
    }

    [Fact]
    public async Task An_envelope_without_records_or_an_empty_body_is_an_empty_submission()
    {
        Assert.Equal("SUB-006", (await ReadAsync("<palvelutapahtumat/>")).Error?.Code);
        Assert.Equal("SUB-006", (await ReadAsync("<?xml version=\"1.0\"?>\n<palvelutapahtumat>\n</palvelutapahtumat>")).Error?.Code);
        Assert.Equal("SUB-006", (await ReadAsync(string.Empty)).Error?.Code);
        Assert.Equal("SUB-006", (await ReadAsync("<?xml version=\"1.0\"?>\n<!-- nothing today -->\n")).Error?.Code);
    }

    [Fact]
    public async Task Records_are_handed_over_in_batches_numbered_throughout()
    {
        var body = "<palvelutapahtumat>" + string.Concat(Enumerable.Range(0, 5000).Select(i => RecordElement(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))) + "</palvelutapahtumat>";

        var read = await ReadAsync(body);

        Assert.Null(read.Error);
        Assert.All(read.BatchSizes.SkipLast(1), size => Assert.Equal(RecordBatch.TargetRecords, size));
        Assert.Equal(5000, read.BatchSizes.Sum());
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => (long)i), read.Records.Select(r => r.Index));
        Assert.Equal("1.2.246.10.4999", read.Records[^1].RecordId);
    }

    [Fact]
    public async Task Records_before_a_fault_are_returned_with_their_index_and_position()
    {
        var read = await ReadAsync(
            "<palvelutapahtumat>\n"
            + "  " + RecordElement("1") + "\n"
            + "  " + RecordElement("2") + "\n"
            + "  <palvelutapahtuma><tunnus>1.2.246.10.3</tunnus></kaynti></palvelutapahtuma>\n"
            + "  " + RecordElement("4") + "\n"
            + "</palvelutapahtumat>\n");

        Assert.Equal(["1.2.246.10.1", "1.2.246.10.2"], read.Records.Select(r => r.RecordId));
        Assert.Equal([0L, 1L], read.Records.Select(r => r.Index));
        Assert.Equal([new TextPosition(2, 3), new TextPosition(3, 3)], read.Records.Select(r => r.Position));
        Assert.Equal("SUB-001", read.Error?.Code);
        Assert.Equal(4, read.Error?.Position?.Line);
        Assert.Null(read.Error?.Position?.ByteOffset);
        Assert.Equal(["XML"], read.Error?.Arguments);
    }

    [Fact]
    public async Task A_document_that_stops_early_is_truncated_and_its_complete_records_are_kept()
    {
        var whole = "<palvelutapahtumat>\n" + RecordElement("1") + "\n" + RecordElement("2") + "\n<palvelutapahtuma><tunnus>1.2.2";

        var read = await ReadAsync(whole);

        Assert.Equal(["1.2.246.10.1", "1.2.246.10.2"], read.Records.Select(r => r.RecordId));
        Assert.Equal("SUB-005", read.Error?.Code);
        Assert.Equal(4, read.Error?.Position?.Line);

        Assert.Equal("SUB-005", (await ReadAsync("<palvelutapahtumat>\n" + RecordElement("1") + "\n<palvelutapah")).Error?.Code);
        Assert.Equal("SUB-005", (await ReadAsync("<palvelutapahtumat>\n" + RecordElement("1"))).Error?.Code);
        Assert.Equal("SUB-005", (await ReadAsync("<?xml version=\"1.0\"?><!-- export")).Error?.Code);
    }

    [Fact]
    public async Task A_body_that_is_not_XML_cannot_be_read()
    {
        var json = await ReadAsync(SpecificationJson);
        var text = await ReadAsync("tunnus;paivitetty\n1.2.246.10.1;2026-03-02T16:40\n");

        Assert.Empty(json.Records);
        Assert.Equal("SUB-001", json.Error?.Code);
        Assert.Equal(new TextPosition(1, 1), json.Error?.Position);
        Assert.Equal("SUB-001", text.Error?.Code);
    }

    [Fact]
    public async Task A_root_element_other_than_the_envelope_is_the_wrong_structure()
    {
        var read = await ReadAsync("<?xml version=\"1.0\"?>\n<ilmoitukset>" + RecordElement("1") + "</ilmoitukset>");

        Assert.Empty(read.Records);
        Assert.Equal("SUB-007", read.Error?.Code);
        Assert.Equal(new TextPosition(2, 1), read.Error?.Position);
        Assert.Equal(["<palvelutapahtumat>, <hoitojaksot>, <hoitoilmoitukset>"], read.Error?.Arguments);
    }

    [Fact]
    public async Task A_DTD_with_nested_entities_is_refused_at_once_without_expanding_anything()
    {
        var laughs = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        for (var i = 1; i <= 9; i++)
        {
            laughs.Append(System.Globalization.CultureInfo.InvariantCulture, $" <!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? string.Empty : i - 1)};", 10))}\">\n");
        }

        laughs.Append("]>\n<palvelutapahtumat><palvelutapahtuma><tunnus>&lol9;</tunnus></palvelutapahtuma></palvelutapahtumat>");
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();

        var read = await ReadAsync(laughs.ToString());

        clock.Stop();
        Assert.Empty(read.Records);
        Assert.Equal("SUB-004", read.Error?.Code);
        Assert.Equal(new TextPosition(2, 1), read.Error?.Position);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore < 16 << 20);
    }

    [Fact]
    public async Task An_external_entity_is_refused_and_never_fetched()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var overHttp = await ReadAsync(
            $"<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY xxe SYSTEM \"http://127.0.0.1:{port}/xxe\">]>"
            + "<palvelutapahtumat><palvelutapahtuma><tunnus>&xxe;</tunnus></palvelutapahtuma></palvelutapahtumat>");
        var fromFile = await ReadAsync(
            "<!DOCTYPE p SYSTEM \"file:///etc/passwd\"><palvelutapahtumat><palvelutapahtuma><tunnus>1</tunnus></palvelutapahtuma></palvelutapahtumat>");

        Assert.Equal("SUB-004", overHttp.Error?.Code);
        Assert.Equal("SUB-004", fromFile.Error?.Code);
        Assert.Empty(overHttp.Records);
        Assert.Empty(fromFile.Records);
        Assert.False(listener.Pending(), "the reader connected to the entity's address");
    }

    [Fact]
    public async Task Markup_that_only_looks_like_a_DTD_inside_a_comment_or_CDATA_is_harmless()
    {
        var read = await ReadAsync(
            "<!-- <!DOCTYPE x> --><palvelutapahtumat><palvelutapahtuma><tunnus>1.2.246.10.1</tunnus>"
            + "<laake><kauppanimi><![CDATA[<!ENTITY x>]]></kauppanimi></laake></palvelutapahtuma></palvelutapahtumat>");

        Assert.Null(read.Error);
        Assert.Equal("<!ENTITY x>", ((ServiceEvent)Assert.Single(read.Records).Submitted!.Notification).Medications[0].TradeName);
    }

    [Fact]
    public async Task Deep_nesting_inside_an_unknown_element_refuses_the_record_and_reading_goes_on()
    {
        var deep = string.Concat(Enumerable.Repeat("<taso>", 40)) + "x" + string.Concat(Enumerable.Repeat("</taso>", 40));

        var read = await ReadAsync(
            "<palvelutapahtumat>\n<palvelutapahtuma><tunnus>1.2.246.10.1</tunnus><liite>" + deep + "</liite></palvelutapahtuma>\n"
            + RecordElement("2") + "</palvelutapahtumat>");

        Assert.Null(read.Error);
        Assert.Equal(2, read.Records.Count);
        var refused = read.Records[0];
        Assert.Null(refused.Submitted);
        Assert.Equal([("FMT-003", "liite"), ("FMT-008", null)], refused.Findings.Select(f => (f.Code, f.Path)));
        Assert.Equal("1.2.246.10.1", refused.Findings[1].RecordId);
        Assert.Equal(2, refused.Findings[1].Position?.Line);
        Assert.Equal("1.2.246.10.2", read.Records[1].RecordId);
    }

    [Fact]
    public async Task Nesting_deeper_than_the_reader_follows_stops_the_submission_with_bounded_memory()
    {
        using var body = GeneratedStream.Utf8("<palvelutapahtumat>" + RecordElement("1") + "<palvelutapahtuma><liite>", "<a>", 5_000_000, string.Empty);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var read = await ReadAsync(body);

        Assert.Equal("1.2.246.10.1", Assert.Single(read.Records).RecordId);
        Assert.Equal("SUB-001", read.Error?.Code);
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore < 16 << 20);
    }

    [Fact]
    public async Task A_text_of_100_MB_is_measured_without_being_held()
    {
        const long Length = 100_000_000;
        using var body = GeneratedStream.Utf8("<palvelutapahtumat><palvelutapahtuma><tunnus>", "7", Length, "</tunnus></palvelutapahtuma>" + RecordElement("2") + "</palvelutapahtumat>");
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var read = await ReadAsync(body);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.Null(read.Error);
        Assert.Equal(2, read.Records.Count);
        var huge = read.Records[0];
        Assert.Null(huge.Submitted);
        Assert.Equal(("FMT-004", "tunnus"), (huge.Findings[0].Code, huge.Findings[0].Path));
        Assert.Equal(["100000000", "128"], huge.Findings[0].Arguments);
        Assert.Equal("FMT-007", huge.Findings[1].Code);
        Assert.Equal("1.2.246.10.2", read.Records[1].RecordId);
        Assert.True(allocated < 32 << 20, $"allocated {allocated:N0} bytes for a body of {Length:N0}");
    }

    [Fact]
    public async Task A_record_larger_than_a_record_may_be_is_refused_and_the_next_one_read()
    {
        var limits = new SubmissionLimits { MaxRecordBytes = 2000 };
        var many = string.Concat(Enumerable.Repeat("<laake><atc>J07BB02</atc><kauppanimi>Vaxigrip Tetra</kauppanimi></laake>", 60));

        var read = await ReadAsync("<palvelutapahtumat>" + Record(many, envelope: false) + RecordElement("2") + "</palvelutapahtumat>", limits);

        Assert.Null(read.Error);
        Assert.Equal(2, read.Records.Count);
        Assert.Null(read.Records[0].Submitted);
        var tooLarge = Assert.Single(read.Records[0].Findings);
        Assert.Equal("FMT-007", tooLarge.Code);
        Assert.Equal(["2000"], tooLarge.Arguments);
        Assert.Equal("1.2.246.10.2", read.Records[1].RecordId);
    }

    [Fact]
    public async Task A_tag_too_long_to_hold_stops_the_submission_with_bounded_memory()
    {
        using var body = GeneratedStream.Utf8("<palvelutapahtumat>" + RecordElement("1") + "<palvelutapahtuma><tunnus huomautus=\"", "x", 50_000_000, "\">2</tunnus></palvelutapahtuma></palvelutapahtumat>");
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var read = await ReadAsync(body);

        Assert.Equal("1.2.246.10.1", Assert.Single(read.Records).RecordId);
        Assert.Equal("SUB-001", read.Error?.Code);
        // The position of "<tunnus", the tag that grew too long.
        Assert.Equal(new TextPosition(1, "<palvelutapahtumat>".Length + RecordElement("1").Length + "<palvelutapahtuma>".Length + 1), read.Error?.Position);
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore < 16 << 20);
    }

    [Fact]
    public async Task Many_made_up_element_names_are_read_and_the_records_after_them_too()
    {
        var names = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"<kentta{i}/>"));
        var limits = new SubmissionLimits { MaxRecordBytes = 1 << 20 };

        var read = await ReadAsync("<palvelutapahtumat><palvelutapahtuma><liite>" + names + "</liite></palvelutapahtuma>" + RecordElement("2") + "</palvelutapahtumat>", limits);

        Assert.Null(read.Error);
        Assert.Equal([("FMT-003", "liite")], read.Records[0].Findings.Select(f => (f.Code, f.Path)));
        Assert.Equal("1.2.246.10.2", read.Records[1].RecordId);
    }

    [Fact]
    public async Task A_body_larger_than_allowed_is_refused_after_the_records_before_the_limit()
    {
        var limits = new SubmissionLimits { MaxSubmissionBytes = 40_000 };
        using var body = GeneratedStream.Utf8("<palvelutapahtumat>", RecordElement("1"), 100_000, "</palvelutapahtumat>");

        var read = await ReadAsync(body, limits);

        Assert.Equal("SUB-003", read.Error?.Code);
        Assert.Equal(["40000"], read.Error?.Arguments);
        Assert.InRange(read.Records.Count, 1, 40_000 / RecordElement("1").Length);
    }

    [Theory]
    [InlineData("utf-16LE with byte-order mark")]
    [InlineData("utf-16BE with byte-order mark")]
    [InlineData("utf-16LE declared, no byte-order mark")]
    public async Task UTF_16_is_read_as_XmlReader_would_read_it(string form)
    {
        var declared = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" + SpecificationXml.Replace("90152", "Hyvinkää", StringComparison.Ordinal);
        byte[] bytes = form switch
        {
            "utf-16LE with byte-order mark" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(declared)],
            "utf-16BE with byte-order mark" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(declared)],
            _ => Encoding.Unicode.GetBytes(declared),
        };

        var read = await ReadAsync(new MemoryStream(bytes));
        var utf8 = await ReadAsync(declared.Replace("UTF-16", "UTF-8", StringComparison.Ordinal));

        Assert.Null(read.Error);
        var record = Assert.Single(read.Records);
        Assert.Empty(record.Findings);
        Assert.Equal("Hyvinkää", record.Submitted!.Notification.Provider);
        Assert.Equal(utf8.Records[0].Position, record.Position);
        Assert.Equal(WithoutLists((ServiceEvent)utf8.Records[0].Submitted!.Notification), WithoutLists((ServiceEvent)record.Submitted.Notification));
    }

    [Fact]
    public async Task An_encoding_other_than_UTF_8_or_UTF_16_or_one_the_bytes_contradict_is_refused()
    {
        var latin1 = await ReadAsync(new MemoryStream(Encoding.Latin1.GetBytes("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><palvelutapahtumat>" + RecordElement("1") + "</palvelutapahtumat>")));
        var utf16Declared = await ReadAsync("<?xml version='1.0' encoding='utf-16'?><palvelutapahtumat>" + RecordElement("1") + "</palvelutapahtumat>");
        var utf32 = await ReadAsync(new MemoryStream(new UTF32Encoding(bigEndian: false, byteOrderMark: true).GetPreamble().Concat(Encoding.UTF32.GetBytes("<palvelutapahtumat/>")).ToArray()));

        Assert.Equal("SUB-002", latin1.Error?.Code);
        Assert.Equal("SUB-002", utf16Declared.Error?.Code);
        Assert.Equal("SUB-002", utf32.Error?.Code);
        Assert.Empty(latin1.Records);
    }

    [Fact]
    public async Task Bytes_invalid_in_UTF_8_stop_the_submission_where_they_are_after_the_records_before()
    {
        byte[] body =
        [
            .. Encoding.UTF8.GetBytes("<palvelutapahtumat>\n" + RecordElement("1") + "\n<palvelutapahtuma><tunnus>1.2."),
            0xC3, 0x28,
            .. Encoding.UTF8.GetBytes("</tunnus></palvelutapahtuma></palvelutapahtumat>"),
        ];

        var read = await ReadAsync(new MemoryStream(body));

        Assert.Equal("1.2.246.10.1", Assert.Single(read.Records).RecordId);
        Assert.Equal("SUB-002", read.Error?.Code);
        Assert.Equal(new TextPosition(3, 31), read.Error?.Position);
    }

    [Fact]
    public async Task A_character_XML_forbids_makes_the_body_unreadable()
    {
        var read = await ReadAsync("<palvelutapahtumat>" + RecordElement("1") + "<palvelutapahtuma><tunnus>&#x1;</tunnus></palvelutapahtuma></palvelutapahtumat>");

        Assert.Equal("1.2.246.10.1", Assert.Single(read.Records).RecordId);
        Assert.Equal("SUB-001", read.Error?.Code);
    }

    [Fact]
    public async Task A_body_arriving_a_few_bytes_at_a_time_reads_the_same()
    {
        // Several kilobytes, so that most of the body comes after the encoding is decided.
        var record = SpecificationXml.Split('\n')[1..^1];
        var body = "\uFEFF<palvelutapahtumat>\n" + string.Concat(Enumerable.Repeat(string.Join('\n', record) + "\n", 30)) + "</palvelutapahtumat>";
        var bytes = Encoding.UTF8.GetBytes(body);

        var whole = await ReadAsync(new MemoryStream(bytes));
        var trickled = await ReadAsync(new TrickleStream(bytes, 3));

        Assert.Null(trickled.Error);
        Assert.Equal(30, trickled.Records.Count);
        Assert.All(trickled.Records, r => Assert.Empty(r.Findings));
        Assert.Equal(whole.Records.Select(r => r.Position), trickled.Records.Select(r => r.Position));
        Assert.Equal(whole.Records.Select(r => WithoutLists((ServiceEvent)r.Submitted!.Notification)), trickled.Records.Select(r => WithoutLists((ServiceEvent)r.Submitted!.Notification)));
        Assert.Equal(new TextPosition(2 + (29 * 10), 3), trickled.Records[^1].Position);
    }

    private static string RecordElement(string number) =>
        $"<palvelutapahtuma><tunnus>1.2.246.10.{number}</tunnus><paivitetty>2026-03-02T16:40</paivitetty><tuottaja>90152</tuottaja></palvelutapahtuma>";

    /// <summary>A record with the usual identifying fields and <paramref name="content"/>, by default in the envelope.</summary>
    private static string Record(string content, string provider = "<tuottaja>90152</tuottaja>", bool envelope = true)
    {
        var record = "<palvelutapahtuma><tunnus>1.2.246.10.1</tunnus>" + provider + "<yksikko>1.2.246.10.1</yksikko>" + content + "</palvelutapahtuma>";
        return envelope ? "<palvelutapahtumat>" + record + "</palvelutapahtumat>" : record;
    }

    private static ServiceEvent WithoutLists(ServiceEvent serviceEvent) =>
        serviceEvent with { Reasons = [], Procedures = [], Medications = [], FollowUpCare = [] };

    private static Task<Submission> ReadAsync(string xml, SubmissionLimits? limits = null) =>
        ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(xml)), limits);

    private static async Task<Submission> ReadAsync(Stream body, SubmissionLimits? limits = null)
    {
        var reader = new XmlSubmissionReader(limits ?? SubmissionLimits.Default);
        var records = new List<ParsedRecord>();
        var sizes = new List<int>();
        Finding? error = null;
        await foreach (var batch in reader.ReadAsync(body, Cancellation))
        {
            using (batch)
            {
                Assert.Null(error);
                Assert.All(batch.Items, item => Assert.NotNull(item.Parsed));
                records.AddRange(batch.Items.Select(item => item.Parsed!));
                sizes.Add(batch.Count);
                error = batch.SubmissionError;
            }
        }

        return new Submission(records, error, sizes.Where(size => size > 0).ToList());
    }

    private sealed record Submission(List<ParsedRecord> Records, Finding? Error, List<int> BatchSizes);

    /// <summary>A stream that hands out at most a few bytes per read, as a slow network does.</summary>
    private sealed class TrickleStream(byte[] bytes, int step) : MemoryStream(bytes)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(step, buffer.Length)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(step, buffer.Length)], cancellationToken);
    }
}
