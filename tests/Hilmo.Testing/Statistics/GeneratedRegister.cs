using Hilmo.Formats;
using Hilmo.Identity;
using Hilmo.Ingest;
using Hilmo.Notifications;
using Hilmo.Statistics;
using Hilmo.Storage;
using Hilmo.Synthetic;
using Hilmo.Validation;

namespace Hilmo.Testing.Statistics;

/// <summary>
/// A register filled as <c>hilmo generate</c> and <c>hilmo ingest</c> fill one: generated AvoHILMO
/// data of 2023 (the legal limit changes on 1 September) and of 2025 (the age-23 rule), with
/// updates, cancellations, resends, withdrawals and rejected records, sent through the real
/// reader, validator and pseudonymiser into a store; then the access-to-care edge visits (band
/// edges, midnight, DST). Kept aside: every record's latest accepted version as generated, from
/// which tests work figures out on their own.
/// </summary>
public sealed class GeneratedRegister
{
    /// <summary>When the data is sent: mid-2026, so that 2025 is a complete past year.</summary>
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 9, 0, 0, TimeSpan.FromHours(3));

    private GeneratedRegister(StatisticsContext context, StatisticsService reports, IReadOnlyList<ClientVisit> current)
    {
        Context = context;
        Reports = reports;
        Current = current;
    }

    /// <summary>Code lists, legal limits, and the generator's providers with their names and counties.</summary>
    public StatisticsContext Context { get; }

    /// <summary>The statistics service over the store.</summary>
    public StatisticsService Reports { get; }

    /// <summary>The version of every record the register must hold as current, withdrawals left out.</summary>
    public IReadOnlyList<ClientVisit> Current { get; }

    /// <summary>The whole period of the data.</summary>
    public static ReportPeriod Period { get; } = new(new DateOnly(2023, 1, 1), new DateOnly(2025, 12, 31));

    /// <summary>Generates <paramref name="recordsPerYear"/> records for each year and stores them in <paramref name="store"/>.</summary>
    /// <param name="store">An empty store.</param>
    /// <param name="recordsPerYear">Generated lines per year, rejected ones included.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    public static async Task<GeneratedRegister> FillAsync(IRegisterStore store, int recordsPerYear, CancellationToken cancellationToken)
    {
        var generated = new List<GeneratedRecord>();
        IReadOnlyList<SyntheticProvider> providers = [];
        foreach (var year in new[] { 2023, 2025 })
        {
            var generator = new ServiceEventGenerator(StatisticsStore.Codes, new SyntheticIdentityCodes(),

                // Valid records with a wire-format warning exist only as raw bytes, which the figures
                // here cannot read as records; the generator's own tests cover them.
                new GeneratorOptions { Seed = year, Year = year, InvalidShare = 0.05, WarningShare = 0 }, new ManualTimeProvider(Now));
            generated.AddRange(generator.Generate(recordsPerYear));
            providers = generator.Providers;
        }

        var pipeline = new IngestPipeline(new NotificationValidator(StatisticsStore.Codes, new ManualTimeProvider(Now)), new ProviderPseudonymiser(MasterKey.CreateEphemeral()));
        using (var ndjson = new MemoryStream())
        {
            using (var writer = new GeneratedRecordNdjsonWriter(ndjson))
            {
                writer.WriteAll(generated);
            }

            ndjson.Position = 0;
            await using var submission = await store.BeginSubmissionAsync(new SubmissionInfo("generated.ndjson", SubmissionFormat.Ndjson.Name()), cancellationToken);
            var result = await pipeline.RunAsync(ndjson, SubmissionFormat.Ndjson, submission, new FindingList(), cancellationToken: cancellationToken);
            if (result.SubmissionError is { } error)
            {
                throw new InvalidOperationException($"The generated submission was not read: {error.Code}");
            }
        }

        var edges = AccessToCareContract.EdgeVisits().ToArray();
        var context = new StatisticsContext(StatisticsStore.Codes,
            new ProviderRegister([.. SyntheticProviderRegister.Entries(providers, StatisticsStore.Context.Regions), .. StatisticsStore.Context.Providers.ByCode.Values]),
            StatisticsStore.LegalLimits, units: new UnitRegister([.. SyntheticProviderRegister.Units(providers, StatisticsStore.Context.Regions), .. StatisticsStore.Context.Units.ByCode.Values]),
            syndromes: StatisticsStore.Syndromes);
        var statistics = new StatisticsStore(store, context);
        await statistics.StoreAsync(edges);

        return new GeneratedRegister(context, statistics.Statistics, [.. LatestAccepted(generated), .. edges.Select(ClientVisit.Of)]);
    }

    /// <summary>
    /// What the register keeps as current, worked out from the generator's own account of its
    /// records: of the records it made valid, the version with the latest update time; a record
    /// whose latest version is a withdrawal is not there at all.
    /// </summary>
    private static IEnumerable<ClientVisit> LatestAccepted(IEnumerable<GeneratedRecord> generated) => generated
        .Where(g => g.IsValid && g.Submitted is not null)
        .Select(g => g.Submitted!)
        .GroupBy(s => (s.Notification.Provider, s.Notification.RecordId))
        .Select(versions => versions.MaxBy(s => s.Notification.UpdatedAt)!)
        .Where(s => !s.Notification.Withdrawn)
        .Select(ClientVisit.Of);
}

/// <summary>A record as the independent figures read it: the event and who the client is, within the provider.</summary>
/// <param name="Event">The event.</param>
/// <param name="Client">The client within the provider; null when unknown.</param>
/// <param name="Age">The client's age in whole years on the visit's day (the record's reference date); null when unknown.</param>
/// <param name="Sex">The client's sex.</param>
public sealed record ClientVisit(ServiceEvent Event, string? Client, int? Age, Sex? Sex)
{
    public static ClientVisit Of(SubmittedNotification submitted)
    {
        if (submitted.IdentityCode is not { } text || !IdentityCode.Parse(text.Reveal()).TryGetValue(out var code))
        {
            return new ClientVisit((ServiceEvent)submitted.Notification, null, null, null);
        }

        // Worked out from the code's characters, not by the register's identity code type, so that the figures stay independent.
        var age = submitted.Notification.ReferenceDate is { } day ? IndependentAge.On(text.Reveal(), day) : (int?)null;
        return new ClientVisit((ServiceEvent)submitted.Notification, submitted.Notification.Provider + "/" + text.Reveal(), age, code.Sex);
    }

    public static ClientVisit Of(RegisteredNotification registered) => registered.Client is { } client
        ? new ClientVisit((ServiceEvent)registered.Notification, registered.Notification.Provider + "/" + client.Pseudonym, client.Ages.AtEvent, client.Sex)
        : new ClientVisit((ServiceEvent)registered.Notification, null, null, null);
}
