using Hilmo.Formats;
using Hilmo.Identity;
using Hilmo.Ingest;
using Hilmo.Notifications;
using Hilmo.Synthetic;
using Hilmo.Testing;
using Hilmo.Validation;

namespace Hilmo.Tests.Synthetic;

/// <summary>
/// The generator's promise, checked by the register itself: generated records go through the real
/// NDJSON reader, parser, validator and pseudonymiser, and each gets exactly what it was made for.
/// The version findings (VER-) come from the store; here their records are checked by construction.
/// </summary>
public sealed class GeneratedRecordsThroughTheRegisterTests
{
    // The four classifications no public list exists for (smoking, assessment result, cancellation
    // reason, tooth) are reported on every use; every other generated code is checked against its list.
    private static readonly string[] alwaysAllowedWarnings = [FindingCatalogue.ProvisionalClassification.Code];

    [Fact]
    public async Task Every_valid_record_passes_and_every_invalid_one_gets_exactly_its_expected_error()
    {
        var options = new GeneratorOptions { Seed = 11, InvalidShare = 0.25, WarningShare = 0.05, IncludeOversizedRecords = true };

        var outcome = await RunThroughRegister(SyntheticData.Generator(options), 50_000);

        Assert.True(outcome.Problems.Count == 0, $"{outcome.Problems.Count} records not as expected:\n{string.Join("\n", outcome.Problems.Take(40))}");
        Assert.InRange(outcome.Rejected, 10_000, 15_000);
        Assert.Contains(FindingCatalogue.RecordTooLarge.Code, outcome.ExpectedCodes);
    }

    [Theory]
    [InlineData(2011)]
    [InlineData(2018)]
    [InlineData(2019)]
    [InlineData(2023)]
    public async Task Records_of_any_year_use_only_codes_valid_in_that_year(int year)
    {
        var options = new GeneratorOptions { Seed = year, Year = year, InvalidShare = 0.2 };

        var outcome = await RunThroughRegister(SyntheticData.Generator(options), 12_000);

        Assert.True(outcome.Problems.Count == 0, $"{outcome.Problems.Count} records not as expected:\n{string.Join("\n", outcome.Problems.Take(40))}");
    }

    [Fact]
    public async Task Care_periods_of_both_registers_pass_and_every_defective_one_gets_exactly_its_expected_error()
    {
        // 2021: the last year a health-care service area (sent to Sosiaalihilmo by mistake) was valid.
        var options = new GeneratorOptions { Seed = 12, Year = 2021, InvalidShare = 0.1, Registers = [Register.TerveysHilmo, Register.Sosiaalihilmo] };

        var outcome = await RunThroughRegister(SyntheticData.Generator(options), 8_000);

        Assert.True(outcome.Problems.Count == 0, $"{outcome.Problems.Count} records not as expected:\n{string.Join("\n", outcome.Problems.Take(40))}");
        Assert.InRange(outcome.Rejected, 400, 1_200);
        Assert.Superset(outcome.ExpectedCodes, new HashSet<string>
        {
            FindingCatalogue.TimeOrder.Code, FindingCatalogue.Required.Code, FindingCatalogue.UnknownCode.Code,
            FindingCatalogue.NotSocialCareServiceArea.Code, FindingCatalogue.CensusNotYearEnd.Code,
        });
    }

    [Fact]
    public async Task All_three_registers_in_one_file_pass_as_their_generator_intended()
    {
        var options = new GeneratorOptions { Seed = 13, Registers = [.. Registers.All] };

        var outcome = await RunThroughRegister(SyntheticData.Generator(options), 30_000);

        Assert.True(outcome.Problems.Count == 0, $"{outcome.Problems.Count} records not as expected:\n{string.Join("\n", outcome.Problems.Take(40))}");
    }

    private static async Task<Outcome> RunThroughRegister(ServiceEventGenerator generator, int count)
    {
        var expectations = new List<GeneratedRecord>(count);
        using var ndjson = new MemoryStream();
        using (var writer = new GeneratedRecordNdjsonWriter(ndjson))
        {
            foreach (var record in generator.Generate(count))
            {
                // The oversized lines are not kept twice in memory: only their expectation matters.
                expectations.Add(record.RawLine is { Length: > 100_000 } ? GeneratedRecord.Line(record.Kind, [], record.ExpectedCode) : record);
                writer.Write(record);
            }
        }

        ndjson.Position = 0;
        var pipeline = new IngestPipeline(
            new NotificationValidator(SyntheticData.Codes, new ManualTimeProvider(SyntheticData.Now)),
            new ProviderPseudonymiser(MasterKey.CreateEphemeral()));
        var findings = new FindingList();
        var result = await pipeline.RunAsync(ndjson, SubmissionFormat.Ndjson, null, findings, cancellationToken: TestContext.Current.CancellationToken);

        var problems = new List<string>();
        if (result.SubmissionError is { } error || result.Counts.Received != count)
        {
            problems.Add($"The submission: {result.SubmissionError?.Code}, {result.Counts.Received} received");
        }

        var byRecord = findings.Findings.ToLookup(f => f.Index!.Value);
        var versions = new VersionCheck();
        for (var i = 0; i < expectations.Count; i++)
        {
            var record = expectations[i];
            var errors = byRecord[i].Where(f => f.Severity == Severity.Error).Select(f => $"{f.Code} {f.Path}").ToList();
            var warnings = byRecord[i].Where(f => f.Severity == Severity.Warning).Select(f => f.Code).ToList();
            var label = $"#{i} {record.Kind} {record.Submitted?.Notification.RecordId}";
            if (record.IsValid || record.Kind == GeneratedRecordKind.Conflict)
            {
                if (errors.Count > 0)
                {
                    problems.Add($"{label}: errors {string.Join(", ", errors)}");
                }

                // Version warnings come from the store, which this run has not.
                if (record.ExpectedWarning is { } warning && !warning.StartsWith("VER-", StringComparison.Ordinal) && !warnings.Contains(warning))
                {
                    problems.Add($"{label}: expected warning {warning}, got {string.Join(", ", warnings)}");
                }

                var unexpected = warnings.Where(w => w != record.ExpectedWarning && !alwaysAllowedWarnings.Contains(w)).ToList();
                if (unexpected.Count > 0)
                {
                    problems.Add($"{label}: unexpected warnings {string.Join(", ", unexpected)}");
                }

                if (versions.Check(record) is { } versionProblem)
                {
                    problems.Add($"{label}: {versionProblem}");
                }
            }
            else if (errors.Count != 1 || !errors[0].StartsWith(record.ExpectedCode + " ", StringComparison.Ordinal))
            {
                problems.Add($"{label} expected {record.ExpectedCode}: got {string.Join(", ", errors)}");
            }
        }

        return new Outcome(problems, result.Counts.Rejected, [.. expectations.Select(e => e.ExpectedCode).OfType<string>().Distinct()]);
    }

    private sealed record Outcome(List<string> Problems, long Rejected, HashSet<string> ExpectedCodes);
}
