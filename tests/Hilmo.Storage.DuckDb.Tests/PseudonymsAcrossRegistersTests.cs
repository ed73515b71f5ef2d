using Hilmo.Codes;
using Hilmo.Formats;
using Hilmo.Identity;
using Hilmo.Ingest;
using Hilmo.Notifications;
using Hilmo.Synthetic;
using Hilmo.Testing;
using Hilmo.Validation;

namespace Hilmo.Storage.DuckDb.Tests;

/// <summary>
/// The acceptance of the three registers' shared population: a generated year of all three goes
/// through the real reader, validator and pseudonymiser into a DuckDB store, and the pseudonyms read
/// back link a person's records within a provider, whatever the register, and never across providers.
/// </summary>
public sealed class PseudonymsAcrossRegistersTests : IAsyncDisposable
{
    private static readonly DateTimeOffset now = new(2026, 6, 15, 9, 0, 0, TimeSpan.FromHours(3));

    private readonly string folder = Directory.CreateTempSubdirectory("hilmo-pseudonyms-").FullName;

    [Fact]
    public async Task The_same_pseudonym_appears_for_a_persons_AvoHILMO_visits_and_ward_period_at_the_same_provider_and_differs_at_another_provider()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var codes = CodeServer.Load(RepositoryFolders.ShippedCodes);
        var generator = new ServiceEventGenerator(codes, new SyntheticIdentityCodes(),
            new GeneratorOptions { Seed = 21, Year = 2025, Registers = [.. Registers.All] }, new ManualTimeProvider(now));
        var generated = generator.Generate(20_000).ToList();
        var withdrawn = generated.Where(r => r.Submitted?.Notification.Withdrawn == true)
            .Select(r => (r.Submitted!.Notification.Register, r.Submitted.Notification.Provider, r.Submitted.Notification.RecordId))
            .ToHashSet();
        var valid = generated.Where(r => r.IsValid && r.Submitted?.IdentityCode is not null
                && !withdrawn.Contains((r.Submitted.Notification.Register, r.Submitted.Notification.Provider, r.Submitted.Notification.RecordId)))
            .Select(r => r.Submitted!)
            .ToList();
        var byPerson = valid.GroupBy(s => s.IdentityCode!.Value.Reveal()).ToList();

        // A person with a visit and a ward period at their county; the ward period of a client of
        // another county at that county's hospital is sent by another provider.
        var person = byPerson.First(g => g.Any(s => s.Notification is ServiceEvent { Visit: not null })
            && g.Any(s => s.Notification is HealthCarePeriod { ContactType: "R80" } p && p.Provider == g.First(e => e.Notification is ServiceEvent { Visit: not null }).Notification.Provider));
        var visit = person.First(s => s.Notification is ServiceEvent { Visit: not null });
        var provider = visit.Notification.Provider!;
        var ward = person.First(s => s.Notification is HealthCarePeriod { ContactType: "R80" } && s.Notification.Provider == provider);
        var other = generator.Providers.First(p => !p.IsPrivate && p.Code != provider);
        var elsewhere = ward with
        {
            Notification = ward.Notification with
            {
                Provider = other.Code,
                Unit = $"1.2.246.10.{other.Code}.20.1",
                RecordId = $"1.2.246.10.{other.Code}.20.2025.900001",
            },
        };

        await using var store = DuckDbRegisterStore.Open(Path.Combine(folder, "hilmo.duckdb"), timeProvider: new ManualTimeProvider(now));
        var pipeline = new IngestPipeline(new NotificationValidator(codes, new ManualTimeProvider(now)), new ProviderPseudonymiser(MasterKey.CreateEphemeral()));
        foreach (var (name, records) in new[] { ("generated.ndjson", generated), ("elsewhere.ndjson", new List<GeneratedRecord> { GeneratedRecord.Record(GeneratedRecordKind.Original, elsewhere) }) })
        {
            using var ndjson = new MemoryStream();
            using (var writer = new GeneratedRecordNdjsonWriter(ndjson))
            {
                writer.WriteAll(records);
            }

            ndjson.Position = 0;
            await using var submission = await store.BeginSubmissionAsync(new SubmissionInfo(name, SubmissionFormat.Ndjson.Name()), cancellationToken);
            var result = await pipeline.RunAsync(ndjson, SubmissionFormat.Ndjson, submission, new FindingList(), cancellationToken: cancellationToken);
            Assert.Null(result.SubmissionError);
        }

        var visitPseudonym = await PseudonymAsync(store, visit.Notification, cancellationToken);
        var wardPseudonym = await PseudonymAsync(store, ward.Notification, cancellationToken);
        var elsewherePseudonym = await PseudonymAsync(store, elsewhere.Notification, cancellationToken);

        Assert.Equal(visitPseudonym, wardPseudonym);
        Assert.NotEqual(visitPseudonym, elsewherePseudonym);

        // And over the file: of every person with records in more than one register or provider,
        // one pseudonym per provider and a different one at each provider.
        var linked = byPerson
            .Where(g => g.Select(s => s.Notification.Register).Distinct().Count() > 1 || g.Select(s => s.Notification.Provider).Distinct().Count() > 1)
            .Take(150)
            .ToList();
        Assert.True(linked.Count > 50, $"{linked.Count} people in several registers or at several providers");
        foreach (var records in linked)
        {
            var pseudonyms = new List<(string Provider, Pseudonym Pseudonym)>();
            foreach (var s in records.DistinctBy(s => (s.Notification.Register, s.Notification.Provider, s.Notification.RecordId)))
            {
                pseudonyms.Add((s.Notification.Provider!, await PseudonymAsync(store, s.Notification, cancellationToken)));
            }

            var perProvider = pseudonyms.GroupBy(p => p.Provider).ToList();
            Assert.All(perProvider, g => Assert.Single(g.Select(p => p.Pseudonym).Distinct()));
            Assert.Equal(perProvider.Count, pseudonyms.Select(p => p.Pseudonym).Distinct().Count());
        }
    }

    private static async Task<Pseudonym> PseudonymAsync(DuckDbRegisterStore store, Notification record, CancellationToken cancellationToken)
    {
        var stored = await store.GetCurrentAsync(new RecordKey(record.Provider!, record.RecordId!, record.Register), cancellationToken: cancellationToken);
        Assert.True(stored is not null, $"{record.Register.DisplayName()} record {record.RecordId} of {record.Provider} is not in the store");
        return stored.Record.Client!.Pseudonym;
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
