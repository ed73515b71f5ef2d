using System.Text.Json;
using Hilmo.Audit;
using Hilmo.Codes;
using Hilmo.Identity;
using Hilmo.Synthetic;
using Hilmo.Testing;
using Hilmo.Testing.Storage;

namespace Hilmo.Cli.Tests;

/// <summary>
/// The command line end to end, as the acceptance of the register's spine describes it: generate a
/// realistic submission, ingest it, ingest it again, and check every record's fate and that no
/// identity code reached any file or output.
/// </summary>
[Collection(UsesTheConsole.Name)]
public sealed class CommandLineTests : IDisposable
{
    // Long enough that the generator sends late earlier versions (VER-002), which come after two
    // store units, and every kind of mistake appears many times.
    private const int Records = 300_000;
    private const int Seed = 7;
    private const int Year = 2025;

    private readonly string folder = Directory.CreateTempSubdirectory("hilmo-cli-").FullName;

    private string Data => Path.Combine(folder, "data");

    private string File(string name) => Path.Combine(folder, name);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task A_generated_submission_is_stored_record_by_record_as_its_generator_intended_and_a_resend_adds_nothing()
    {
        var (generated, output) = await CommandLine.RunAsync("generate", "--registers", "avohilmo", "--records", $"{Records}", "--seed", $"{Seed}", "--year", $"{Year}", "--invalid-share", "0.03", "--out", File("x.ndjson"));
        Assert.Equal(0, generated);
        Assert.Contains("300,000 records", output, StringComparison.Ordinal);

        var (first, firstOutput) = await CommandLine.RunAsync("ingest", File("x.ndjson"), "--data", Data, "--report", File("first.json"));
        var (second, secondOutput) = await CommandLine.RunAsync("ingest", File("x.ndjson"), "--data", Data, "--report", File("second.json"));

        Assert.Equal(0, first);
        Assert.Equal(0, second);
        var expected = Expected();
        var firstReport = Report.Read(File("first.json"));
        var secondReport = Report.Read(File("second.json"));

        // Every invalid record is rejected with its code and no other error; no valid one has an error.
        var errors = firstReport.Errors.GroupBy(f => f.Index!.Value).ToDictionary(g => g.Key, g => g.Select(f => f.Code).ToList());
        for (var i = 0; i < expected.Count; i++)
        {
            if (expected[i].ExpectedCode is { } code)
            {
                Assert.True(errors.TryGetValue(i, out var got) && got.SequenceEqual([code]), $"record {i}: expected {code}, got {string.Join(",", got ?? [])}");
            }
            else
            {
                Assert.False(errors.ContainsKey(i), $"record {i} is valid but got {string.Join(",", errors.GetValueOrDefault(i) ?? [])}");
            }
        }

        var invalid = expected.Count(r => !r.IsValid);
        var resends = expected.Count(r => r.Kind == GeneratedRecordKind.Resend);
        Assert.Equal((long)Records, firstReport.Received);
        Assert.Equal(invalid, firstReport.Rejected);
        Assert.Equal(resends, firstReport.Duplicates);
        Assert.Equal(Records - invalid - resends, firstReport.Accepted);
        Assert.Contains(firstReport.Findings, f => f.Code == "VER-002");
        Assert.Contains(firstReport.Findings, f => f.Code == "VER-003");

        // The same file again: nothing new, every record accepted before is now a duplicate.
        Assert.Equal(0, secondReport.Accepted);
        Assert.Equal(firstReport.Accepted + firstReport.Duplicates, secondReport.Duplicates);
        Assert.Equal(firstReport.Rejected, secondReport.Rejected);
        Assert.Contains($"received {Records}, accepted 0", secondOutput, StringComparison.Ordinal);

        // No identity code submitted reaches the database, the key file, the reports or the output.
        var scan = new IdentityCodeScan(expected.Select(IdentityCodeOf).OfType<string>());
        Assert.True(scan.Count > 10_000, $"only {scan.Count} identity codes to look for");
        foreach (var file in Directory.EnumerateFiles(Data, "*", SearchOption.AllDirectories).Append(File("first.json")).Append(File("second.json")))
        {
            Assert.Empty(scan.InFile(file));
        }

        Assert.Empty(scan.InDatabase(Path.Combine(Data, "hilmo.duckdb")));
        Assert.Empty(scan.InText(output + firstOutput + secondOutput));
    }

    [Theory]
    [MemberData(nameof(StoreEngines.All), MemberType = typeof(StoreEngines))]
    public async Task A_file_that_cannot_be_read_to_its_end_exits_with_two_and_keeps_the_records_before_it(StoreEngine engine)
    {
        string[] store = await StoreEngines.PostgresConnectionAsync(engine) is { } postgres ? ["--postgres", postgres] : [];
        await System.IO.File.WriteAllTextAsync(File("cut.json"), "[" + string.Join(",", ContactLines("1.2.246.10.1.")) + ",{\"tunnus\":", TestContext.Current.CancellationToken);

        var (exit, output) = await CommandLine.RunAsync(["ingest", File("cut.json"), "--data", Data, .. store]);

        Assert.Equal(2, exit);
        Assert.Contains("received 3, accepted 3", output, StringComparison.Ordinal);
        Assert.Contains("SUB-005", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_release_and_report_give_the_same_table_on_postgres_as_on_the_embedded_store()
    {
        var postgres = await StoreEngines.PostgresConnectionAsync(StoreEngine.Postgres);
        await CommandLine.RunAsync("generate", "--registers", "avohilmo", "--records", "3000", "--seed", "4", "--year", $"{Year}", "--out", File("small.ndjson"));
        string[][] stores = [[], ["--postgres", postgres!]];
        var outputs = new List<string>();
        foreach (var store in stores)
        {
            // One data folder: the same master key, so the same pseudonyms and distinct-client counts.
            var (ingested, ingestOutput) = await CommandLine.RunAsync(["ingest", File("small.ndjson"), "--data", Data, .. store]);
            var (released, _) = await CommandLine.RunAsync(["release", "create", "spring", "--data", Data, .. store]);
            var table = File($"visits-{outputs.Count}.csv");
            var (reported, _) = await CommandLine.RunAsync(["report", "visits", "--from", $"{Year}-01-01", "--to", $"{Year}-12-31",
                "--by", "month,service_form", "--release", "spring", "--unprotected", "--language", "en", "--out", table, "--data", Data, .. store]);
            var (_, list) = await CommandLine.RunAsync(["release", "list", "--data", Data, .. store]);

            Assert.Equal((0, 0, 0), (ingested, released, reported));
            Assert.Contains("received 3000", ingestOutput, StringComparison.Ordinal);
            Assert.StartsWith("spring\t", list, StringComparison.Ordinal);
            outputs.Add(await System.IO.File.ReadAllTextAsync(table, TestContext.Current.CancellationToken));
        }

        Assert.Contains("SSS,Total", outputs[0], StringComparison.Ordinal);
        Assert.Equal(outputs[0], outputs[1]);
    }

    [Fact]
    public async Task Every_file_given_to_ingest_is_in_the_audit_log_stored_rejected_or_not_read_and_no_identity_code_is()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await System.IO.File.WriteAllLinesAsync(File("good.ndjson"), ContactLines("1.2.246.10.2."), cancellationToken);
        await System.IO.File.WriteAllTextAsync(File("cut.json"), "[" + string.Join(",", ContactLines("1.2.246.10.3.")) + ",{\"tunnus\":", cancellationToken);

        var (stored, _) = await CommandLine.RunAsync("ingest", File("good.ndjson"), "--data", Data);
        var (refused, _) = await CommandLine.RunAsync("ingest", File("cut.json"), File("missing.ndjson"), "--data", Data);
        var (verified, verifyOutput) = await CommandLine.RunAsync("audit", "verify", "--data", Data);

        Assert.Equal((0, 2, 0), (stored, refused, verified));
        Assert.Contains("intact", verifyOutput, StringComparison.Ordinal);
        var log = Path.Combine(Data, "audit", "audit.log");
        var events = AuditLogEvents.Read(log);
        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Equal(($"cli:{Environment.UserName}", "submission.create", AuditReasons.Notification, "cli"), (e.Actor, e.Action, e.Reason, e.From)));
        Assert.Matches(@"^submission/\d+ file/good\.ndjson$", events[0].Target);
        Assert.Equal("ok: received 3, accepted 3, rejected 0, duplicates 0", events[0].Result);
        Assert.Matches(@"^submission/\d+ file/cut\.json$", events[1].Target);
        Assert.NotEqual(events[0].Target.Split(' ')[0], events[1].Target.Split(' ')[0]);
        Assert.Equal("rejected: SUB-005, not read to its end; stored before it: received 3, accepted 3, rejected 0, duplicates 0", events[1].Result);
        Assert.Equal("file/missing.ndjson", events[2].Target);
        Assert.Equal("rejected: not read: the file does not exist; nothing stored", events[2].Result);

        // Never an identity code, and nothing of where the files lie.
        var text = await System.IO.File.ReadAllTextAsync(log, cancellationToken);
        Assert.DoesNotContain(ContactIdentityCode, text, StringComparison.Ordinal);
        Assert.DoesNotContain(folder, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_exits_with_two_and_a_usage_error_with_one()
    {
        var (missing, missingOutput) = await CommandLine.RunAsync("validate", File("nothing.ndjson"));
        var (usage, _) = await CommandLine.RunAsync("validate");

        Assert.Equal(2, missing);
        Assert.Contains("does not exist", missingOutput, StringComparison.Ordinal);
        Assert.Equal(1, usage);
    }

    [Fact]
    public async Task Validate_checks_a_file_without_a_register_and_writes_nothing_beside_it()
    {
        await CommandLine.RunAsync("generate", "--registers", "avohilmo", "--records", "2000", "--seed", "3", "--year", $"{Year}", "--out", File("small.ndjson"));

        var (exit, output) = await CommandLine.RunAsync("validate", File("small.ndjson"), "--language", "fi");

        Assert.Equal(0, exit);
        Assert.Contains("received 2000", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Data));
        Assert.Equal(["small.ndjson"], Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Generated_providers_go_into_the_data_folder_and_reports_name_them_and_place_them_in_counties()
    {
        await CommandLine.RunAsync("generate", "--registers", "avohilmo", "--records", "3000", "--seed", "5", "--year", $"{Year}", "--out", File("p.ndjson"), "--providers", File("providers.csv"));
        Directory.CreateDirectory(Data);
        System.IO.File.Copy(File("providers.csv"), Path.Combine(Data, "providers.csv"));
        await CommandLine.RunAsync("ingest", File("p.ndjson"), "--data", Data);

        var (exit, _) = await CommandLine.RunAsync("report", "visits", "--data", Data, "--from", $"{Year}-01-01", "--to", $"{Year}-12-31",
            "--by", "provider_county", "--format", "csv", "--language", "en", "--unprotected", "--out", File("by-county.csv"));

        Assert.Equal(0, exit);
        var rows = System.IO.File.ReadAllLines(File("by-county.csv")).Skip(1).Select(line => line.Split(',')).ToDictionary(r => r[0], r => r);
        Assert.Equal("0", rows["X"][2]);
        Assert.Equal("Pirkanmaa wellbeing services county", rows["08"][1]);
        Assert.True(rows.Count > 20, "every county has providers");
    }

    [Fact]
    public async Task The_code_server_answers_whether_a_code_is_valid_on_a_date()
    {
        var (valid, validOutput) = await CommandLine.RunAsync("codes", "yhteystapa", "R10", "--date", "2026-03-09");
        var (expired, expiredOutput) = await CommandLine.RunAsync("codes", "yhteystapa", "R40", "--date", "2026-03-09");
        var (_, list) = await CommandLine.RunAsync("codes");
        var (provisional, provisionalOutput) = await CommandLine.RunAsync("codes", "tupakointi", "77");

        Assert.Equal((0, 1, 0), (valid, expired, provisional));
        Assert.Contains("no public list", provisionalOutput, StringComparison.Ordinal);
        Assert.Contains("toimenpide\tpublished\t11801", list, StringComparison.Ordinal);
        Assert.Contains("Valid", validOutput, StringComparison.Ordinal);
        Assert.Contains("Expired", expiredOutput, StringComparison.Ordinal);
        Assert.Contains("icd10fi\tpublished\t14748", list, StringComparison.Ordinal);
        Assert.Contains("arvioinnin_tulos\tunlisted", list, StringComparison.Ordinal);
    }

    /// <summary>The client of <see cref="ContactLines"/>.</summary>
    private const string ContactIdentityCode = "131052-308T";

    /// <summary>Three valid AvoHILMO contacts as NDJSON lines, with record ids that start with <paramref name="prefix"/>.</summary>
    private static IEnumerable<string> ContactLines(string prefix) => Enumerable.Range(0, 3).Select(i =>
        $$$"""{"tunnus":"{{{prefix}}}{{{i}}}","paivitetty":"2025-03-02T10:00","asiakas":{"hetu":"{{{ContactIdentityCode}}}"},"tuottaja":"90152","yhteydenotto":{"ajankohta":"2025-03-02T09:00"}}""");

    private static List<GeneratedRecord> Expected()
    {
        var generator = new ServiceEventGenerator(CodeServer.Load(RepositoryFolders.ShippedCodes), new SyntheticIdentityCodes(),
            new GeneratorOptions { Seed = Seed, Year = Year, InvalidShare = 0.03 });
        return [.. generator.Generate(Records)];
    }

    /// <summary>The identity code a generated record carries, also when it is sent only as a raw line.</summary>
    private static string? IdentityCodeOf(GeneratedRecord record)
    {
        if (record.Submitted?.IdentityCode is { } code)
        {
            return code.Reveal();
        }

        if (record.RawLine is { } line)
        {
            var text = System.Text.Encoding.Latin1.GetString(line);
            var at = text.IndexOf("\"hetu\":\"", StringComparison.Ordinal);
            return at < 0 || at + 19 > text.Length ? null : text.Substring(at + 8, 11);
        }

        return null;
    }

    private sealed record ReportFinding(long? Index, string Code, string Severity);

    private sealed record Report(long Received, long Accepted, long Rejected, long Duplicates, List<ReportFinding> Findings)
    {
        public IEnumerable<ReportFinding> Errors => Findings.Where(f => f.Severity == "error" && f.Index is not null);

        public static Report Read(string path)
        {
            using var document = JsonDocument.Parse(System.IO.File.ReadAllBytes(path));
            var submission = document.RootElement.GetProperty("submissions")[0];
            var findings = submission.GetProperty("findings").EnumerateArray()
                .Select(f => new ReportFinding(
                    f.GetProperty("index").ValueKind == JsonValueKind.Null ? null : f.GetProperty("index").GetInt64(),
                    f.GetProperty("code").GetString()!,
                    f.GetProperty("severity").GetString()!))
                .ToList();
            return new Report(submission.GetProperty("received").GetInt64(), submission.GetProperty("accepted").GetInt64(),
                submission.GetProperty("rejected").GetInt64(), submission.GetProperty("duplicates").GetInt64(), findings);
        }
    }
}
