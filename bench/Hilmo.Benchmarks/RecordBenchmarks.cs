using BenchmarkDotNet.Attributes;
using Hilmo.Formats;
using Hilmo.Identity;
using Hilmo.Ingest;
using Hilmo.Notifications;
using Hilmo.Validation;

namespace Hilmo.Benchmarks;

/// <summary>The per-record stages of ingest, each over the same 10 000 generated records.</summary>
[MemoryDiagnoser]
public class RecordBenchmarks
{
    private const int Records = 10_000;
    private SampleSubmission sample = null!;
    private ServiceEventJsonParser parser = null!;
    private NotificationValidator validator = null!;
    private ProviderPseudonymiser pseudonymiser = null!;
    private ContentHash hash = null!;
    private RecordFindings findings = null!;
    private ClientIdentity?[] clients = null!;

    [GlobalSetup]
    public void Setup()
    {
        sample = new SampleSubmission(Records);
        parser = new ServiceEventJsonParser();
        validator = new NotificationValidator(sample.Codes, TimeProvider.System);
        pseudonymiser = new ProviderPseudonymiser(MasterKey.CreateEphemeral());
        hash = new ContentHash();
        findings = new RecordFindings();
        clients = [.. sample.Parsed.Select(s => s.IdentityCode is { } code
            ? pseudonymiser.Pseudonymise(s.Notification.Provider!, s.Notification.RecordId!, code, AgeDays.Of(s.Notification)).Client
            : null)];
    }

    [GlobalCleanup]
    public void Cleanup() => pseudonymiser.Dispose();

    [Benchmark(OperationsPerInvoke = Records)]
    public int Parse()
    {
        var count = 0;
        for (var i = 0; i < sample.Lines.Length; i++)
        {
            count += parser.Parse(sample.Lines[i], i, null).Findings.Count;
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public int Validate()
    {
        var count = 0;
        for (var i = 0; i < sample.Parsed.Length; i++)
        {
            findings.Begin(i);
            validator.Validate(sample.Parsed[i], findings);
            count += findings.Count;
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public int Pseudonymise()
    {
        var count = 0;
        foreach (var submitted in sample.Parsed)
        {
            if (submitted.IdentityCode is { } code)
            {
                count += pseudonymiser.Pseudonymise(submitted.Notification.Provider!, submitted.Notification.RecordId!, code, AgeDays.Of(submitted.Notification)).Client?.Ages.AtEvent ?? 0;
            }
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public ulong HashContent()
    {
        var total = 0UL;
        for (var i = 0; i < sample.Parsed.Length; i++)
        {
            total ^= hash.Compute(sample.Parsed[i].Notification, clients[i]);
        }

        return total;
    }
}
