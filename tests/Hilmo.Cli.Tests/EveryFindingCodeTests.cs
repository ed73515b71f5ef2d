using System.Text;
using System.Text.Json.Nodes;
using Hilmo.Formats;
using Hilmo.Identity;
using Hilmo.Testing;
using Hilmo.Testing.Storage;
using Hilmo.Validation;

namespace Hilmo.Cli.Tests;

/// <summary>
/// Every code of the finding catalogue, triggered by a record (or submission) that a real
/// submitter could send, through the whole register: readers, validator, pseudonymiser, store.
/// </summary>
public sealed class EveryFindingCodeTests
{
    /// <summary>A complete, valid record (the specification's example); each case breaks exactly one thing in it.</summary>
    private const string Valid = SampleRecords.SpecificationExample;

    private static string Line(string json) => JsonNode.Parse(json)!.ToJsonString();

    private static string With(Action<JsonObject> change)
    {
        var record = JsonNode.Parse(Valid)!.AsObject();
        change(record);
        return record.ToJsonString();
    }

    private static string Period(string json, Action<JsonObject> change)
    {
        var record = JsonNode.Parse(json)!.AsObject();
        change(record);
        return record.ToJsonString();
    }

    /// <summary>The Terveys-Hilmo example with one thing broken.</summary>
    private static Case Ward(string code, Action<JsonObject> change) => new(code, SubmissionFormat.Ndjson, Encoding.UTF8.GetBytes(Period(SamplePeriods.WardJson, change)));

    /// <summary>The Sosiaalihilmo census example with one thing broken.</summary>
    private static Case Census(string code, Action<JsonObject> change) => new(code, SubmissionFormat.Ndjson, Encoding.UTF8.GetBytes(Period(SamplePeriods.CensusJson, change)));

    private static Case Record(string code, Action<JsonObject> change) => new(code, SubmissionFormat.Ndjson, Encoding.UTF8.GetBytes(With(change)));

    private static Case Raw(string code, string body, SubmissionFormat format = SubmissionFormat.Ndjson, SubmissionLimits? limits = null) =>
        new(code, format, Encoding.UTF8.GetBytes(body), limits);

    public static TheoryData<Case> Cases => new(
        Raw("SUB-001", "[1 2]", SubmissionFormat.Json),
        new Case("SUB-002", SubmissionFormat.Ndjson, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Line(Valid))]),
        Raw("SUB-003", Line(Valid) + "\n" + Line(Valid), limits: SubmissionLimits.Default with { MaxSubmissionBytes = 1200 }),
        Raw("SUB-004", """<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><palvelutapahtumat/>""", SubmissionFormat.Xml),
        Raw("SUB-005", "[" + Line(Valid) + ",{\"tunnus\":", SubmissionFormat.Json),
        Raw("SUB-006", "\n\n"),
        Raw("SUB-007", "true", SubmissionFormat.Json),
        new Case("SUB-008", SubmissionFormat.Ndjson, CutShortGzip()) { Coding = "gzip" },
        Raw("FMT-001", "{\"tunnus\":\"1.2.246.10.1\","),
        Record("FMT-002", r => r["asiakas"]!["kotikunta"] = 91),
        Record("FMT-003", r => r["lisatieto"] = "yes"),
        Record("FMT-004", r => r["yksikko"] = "1." + new string('2', 200)),
        Record("FMT-005", r => r["paivitetty"] = "2026-03-09"),
        Record("FMT-006", r => r["terveystekijat"] = new JsonObject { ["paino"] = 3.5 }),
        Raw("FMT-007", With(r => r["kaynti"]!["toteuttaja"] = "1"), limits: SubmissionLimits.Default with { MaxRecordBytes = 500 }),
        Record("FMT-008", r => r["x"] = JsonNode.Parse(new string('[', 40) + new string(']', 40))),
        Raw("FMT-009", Line(Valid).Replace("\"tuottaja\":\"90152\"", "\"tuottaja\":\"90152\",\"tuottaja\":\"90153\"", StringComparison.Ordinal)),
        Raw("FMT-010", "[1]"),
        Record("FMT-011", r => r["kaynti"]!["toteuttaja"] = "12\u000134"),
        Record("FMT-012", r => r["kayntisyyt"] = new JsonArray([.. Enumerable.Range(0, 101).Select(_ => new JsonObject { ["icpc2"] = "R74" })])),
        new Case("FMT-013", SubmissionFormat.Ndjson, InvalidUtf8InUnit()),
        Record("REQ-001", r => r.Remove("tuottaja")),
        Record("REQ-002", r => { r.Remove("yhteydenotto"); r.Remove("hoidonTarpeenArviointi"); r.Remove("ajanvaraus"); r.Remove("kaynti"); }),
        Record("REQ-003", r => r["kayntisyyt"] = new JsonArray(new JsonObject())),
        Record("HETU-001", r => r["asiakas"]!["hetu"] = "13105"),
        Record("HETU-002", r => r["asiakas"]!["hetu"] = "131052G308T"),
        Record("HETU-003", r => r["asiakas"]!["hetu"] = "310252-308T"),
        Record("HETU-004", r => r["asiakas"]!["hetu"] = "131052-001T"),
        Record("HETU-005", r => r["asiakas"]!["hetu"] = "131052-308U"),
        Record("HETU-006", r => r["asiakas"]!["hetu"] = "010594Y9032"),
        Record("HETU-007", r => r["asiakas"]!["hetu"] = IdentityCode.Compose(new DateOnly(2026, 3, 20), 'A', 222).Reveal()),
        Record("HETU-008", r => r["yksikko"] = "131052-308T"),
        Record("CODE-001", r => r["kaynti"]!["palvelumuoto"] = "T99"),
        Record("CODE-002", r => r["kaynti"]!["yhteystapa"] = "R40"),
        Record("CODE-003", r => r["kayntisyyt"]![1]!["icd10"] = "J00-J99"),
        Record("CODE-004", r => r["laakitys"] = new JsonArray(new JsonObject { ["atc"] = "J07BB02" })) with { UnloadedList = "atc" },
        Record("CODE-005", r => r["asiakas"]!["kotikunta"] = "91"),
        Record("CODE-006", r => r["kaynti"]!["kiireellisyys"] = "X"),
        Record("CODE-007", r => r["jatkohoito"] = new JsonArray("SPAT1010")),
        Record("CODE-008", r => r["kayntisyyt"] = new JsonArray(new JsonObject { ["icd10"] = "S90.0", ["ulkoinenSyy"] = "J06.9" })),
        Record("CODE-009", r => r["hoidonTarpeenArviointi"]!["tulos"] = "Y20"),
        Record("TIME-001", r => r["kaynti"]!["loppu"] = "2026-03-09T09:55"),
        Record("TIME-002", r => r["paivitetty"] = "2027-01-05T08:00"),
        Record("TIME-003", r => r["yhteydenotto"]!["ajankohta"] = "2010-12-31T23:50"),
        Record("VAL-001", r => r["terveystekijat"] = new JsonObject { ["paino"] = 900_000 }),
        Record("VAL-002", r => r["terveystekijat"] = new JsonObject { ["ienkudos"] = "0025" }),
        Record("VAL-003", r => r["asiakas"]!["postinumero"] = "0082"),
        Record("VAL-004", r => r["tunnus"] = "HUS-2026-4711"),
        Record("RULE-001", r => r["kayntisyyt"] = new JsonArray(new JsonObject { ["icd10"] = "J06.9", ["ulkoinenSyy"] = "W01" })),
        Record("RULE-002", r => r["kayntisyyt"] = new JsonArray(new JsonObject { ["icd10"] = "J06.9", ["icpc2"] = "R74" })),
        Record("RULE-003", r => r["toimenpiteet"] = new JsonArray(new JsonObject { ["spat"] = "SPAT1010", ["suu"] = "SAA02" })),
        Record("RULE-004", r => r["toimenpiteet"] = new JsonArray(new JsonObject { ["spat"] = "SPAT1010", ["hammas"] = "36" })),
        Record("RULE-005", r => r["laakitys"] = new JsonArray(new JsonObject { ["kauppanimi"] = "Panadol" })),
        new Case("ACC-001", SubmissionFormat.Ndjson, Encoding.UTF8.GetBytes(Line(Valid)), OnlyProvider: "90153"),
        Ward("PER-001", r => r["tulopaiva"] = "5.3.2025"),
        Ward("PER-002", r => r["rekisteri"] = "kotihoito"),
        Raw("PER-003", SamplePeriods.WardXml.Replace("<tunnus>", "<rekisteri>sosiaalihilmo</rekisteri><tunnus>", StringComparison.Ordinal), SubmissionFormat.Xml),
        new Case("PER-004", SubmissionFormat.Ndjson, Encoding.UTF8.GetBytes(Line(SamplePeriods.CensusJson).Replace("182.50", "1e300", StringComparison.Ordinal))),
        Census("PER-005", r => r["laskentapaiva"] = "2025-12-30"),
        Census("PER-006", r => { r["lahtopaiva"] = "2025-12-31"; r["lahtiMinne"] = "7"; }),
        Ward("PER-007", r => r["toimenpiteet"] = new JsonArray(new JsonObject { ["koodi"] = "NFB41", ["alku"] = "2025-03-04T10:00" })),
        Ward("PER-008", r => r["psykiatria"] = new JsonObject { ["tulotapa"] = "1" }),
        Ward("PER-009", r => { r["lahtopaiva"] = "2025-03-05"; r.Remove("toimenpiteet"); }),
        Census("PER-010", r => r["lahtiMinne"] = "9"),
        Census("PER-011", r => r["tuliMista"] = "9"),
        Census("PER-012", r => r["palveluala"] = "1"),
        Census("PER-013", r => r["tulopaiva"] = "1929-05-02"));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_record_with_the_fault_gets_its_code(Case @case)
    {
        await using var register = await RegisterHarness.OpenAsync();

        var submission = await register.SubmitAsync(@case.Body, @case.Format, @case.Limits,
            validation: ValidationOptions.Default with { OnlyProvider = @case.OnlyProvider },
            codes: @case.UnloadedList is { } unloaded ? RegisterHarness.CodesWithout(unloaded) : null, coding: @case.Coding);

        var finding = Assert.Single(submission.Findings, f => f.Code == @case.Code);
        var definition = finding.Definition;
        if (definition.IsSubmissionLevel)
        {
            Assert.Null(finding.Index);
            Assert.Equal(definition.Severity == Severity.Error, !submission.Result.WasRead);
        }
        else if (definition.Severity == Severity.Error)
        {
            Assert.Equal(0, finding.Index);
            Assert.Equal(1, submission.Counts.Rejected);
            Assert.Equal(0, submission.Counts.Accepted);
        }
        else
        {
            Assert.Equal(1, submission.Counts.Accepted);
            Assert.DoesNotContain(submission.Findings, f => f.Severity == Severity.Error);
        }

        Assert.All(submission.Findings, f => Assert.DoesNotContain("131052", f.Message("fi"), StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(StoreEngines.All), MemberType = typeof(StoreEngines))]
    public async Task The_same_key_and_update_time_with_other_content_is_a_conflict(StoreEngine engine)
    {
        await using var register = await RegisterHarness.OpenAsync(engine);
        await register.SubmitAsync(Line(Valid));

        var changed = await register.SubmitAsync(With(r => r["yksikko"] = "1.2.246.10.2345678.10.13"));

        var finding = Assert.Single(changed.Findings);
        Assert.Equal(("VER-001", 0L, "1.2.246.10.2345678.10.2026.4711"), (finding.Code, finding.Index, finding.RecordId));
        Assert.Equal(new Storage.SubmissionCounts(1, 0, 1, 0), changed.Counts);
    }

    [Theory]
    [MemberData(nameof(StoreEngines.All), MemberType = typeof(StoreEngines))]
    public async Task A_version_older_than_the_registered_one_is_kept_in_history_with_a_warning(StoreEngine engine)
    {
        await using var register = await RegisterHarness.OpenAsync(engine);
        await register.SubmitAsync(With(r => r["paivitetty"] = "2026-03-10T09:00"));

        var older = await register.SubmitAsync(Line(Valid));

        Assert.Equal("VER-002", Assert.Single(older.Findings).Code);
        Assert.Equal(new Storage.SubmissionCounts(1, 1, 0, 0), older.Counts);
    }

    [Theory]
    [MemberData(nameof(StoreEngines.All), MemberType = typeof(StoreEngines))]
    public async Task A_withdrawal_of_a_record_never_received_is_stored_with_a_warning(StoreEngine engine)
    {
        await using var register = await RegisterHarness.OpenAsync(engine);

        var withdrawal = await register.SubmitAsync("""{"tunnus":"1.2.246.10.2345678.10.2026.9","paivitetty":"2026-03-10T09:00","tuottaja":"90152","poisto":true}""");

        Assert.Equal("VER-003", Assert.Single(withdrawal.Findings).Code);
        Assert.Equal(1, withdrawal.Counts.Accepted);
    }

    [Theory]
    [MemberData(nameof(StoreEngines.All), MemberType = typeof(StoreEngines))]
    public async Task The_valid_record_itself_has_no_finding(StoreEngine engine)
    {
        await using var register = await RegisterHarness.OpenAsync(engine);
        var submission = await register.SubmitAsync(Line(Valid));
        Assert.Empty(submission.Findings);
        Assert.Equal(new Storage.SubmissionCounts(1, 1, 0, 0), submission.Counts);
    }

    [Fact]
    public void Every_code_of_the_catalogue_has_a_case()
    {
        var covered = Cases.Select(row => row.Data.Code).Concat(["VER-001", "VER-002", "VER-003"]).ToHashSet();
        var uncovered = FindingCatalogue.All.Select(d => d.Code).Where(code => !covered.Contains(code)).ToList();
        Assert.True(uncovered.Count == 0, $"No case triggers {string.Join(", ", uncovered)}.");
    }

    /// <summary>Two records gzipped, without the last bytes of the gzip trailer: .NET alone would read it as a whole body.</summary>
    private static byte[] CutShortGzip()
    {
        using var packed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Line(Valid) + "\n" + Line(Valid) + "\n"));
        }

        return packed.ToArray()[..^3];
    }

    private static byte[] InvalidUtf8InUnit()
    {
        var bytes = Encoding.UTF8.GetBytes(With(r => r["yksikko"] = "1.2.246.10.2345678.10.@@"));
        var at = Array.IndexOf(bytes, (byte)'@');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;
        return bytes;
    }

    /// <summary>
    /// One way to get one finding code; <c>OnlyProvider</c> is the provider a submitter's key is for,
    /// and <c>UnloadedList</c> a classification whose list the register runs without, when the case needs one.
    /// </summary>
    public sealed record Case(string Code, SubmissionFormat Format, byte[] Body, SubmissionLimits? Limits = null, string? OnlyProvider = null, string? UnloadedList = null)
    {
        /// <summary>The body's content coding (<c>Content-Encoding</c>), when it has one.</summary>
        public string? Coding { get; init; }

        public override string ToString() => Code;
    }
}
