using System.Text;
using Hilmo.Codes;
using Hilmo.Formats;
using Hilmo.Identity;
using Hilmo.Ingest;
using Hilmo.Notifications;
using Hilmo.Storage;
using Hilmo.Testing;
using Hilmo.Validation;

namespace Hilmo.Tests.Ingest;

public sealed class CarePeriodIngestTests
{
    private static readonly CodeServer Codes = CodeServer.Load(RepositoryFolders.ShippedCodes);

    private static IngestPipeline Pipeline() => new(
        new NotificationValidator(Codes, new ManualTimeProvider(new DateTimeOffset(2026, 3, 20, 10, 0, 0, TimeSpan.Zero))),
        new ProviderPseudonymiser(MasterKey.CreateEphemeral()));

    private static string Line(string json) => string.Concat(json.Split('\n').Select(l => l.Trim()));

    private static async Task<(IngestResult Result, IReadOnlyList<Finding> Findings, CapturingWriter Stored)> Ingest(string ndjson)
    {
        var findings = new FindingList();
        var writer = new CapturingWriter();
        var result = await Pipeline().RunAsync(
            new MemoryStream(Encoding.UTF8.GetBytes(ndjson)), SubmissionFormat.Ndjson, writer, findings, cancellationToken: TestContext.Current.CancellationToken);
        return (result, findings.Findings, writer);
    }

    [Fact]
    public async Task Periods_of_both_registers_are_accepted_pseudonymised_and_hashed_beside_a_visit()
    {
        var visit = TestRecords.Canonical(TestRecords.Visit() with { Client = new Client { HomeMunicipality = "091" } })
            .Replace("\"asiakas\":{", "\"asiakas\":{\"hetu\":\"131052-308T\",", StringComparison.Ordinal);
        var body = $"{visit}\n{Line(SamplePeriods.WardJson)}\n{Line(SamplePeriods.CensusJson)}\n";

        var (result, findings, stored) = await Ingest(body);

        Assert.Equal(new SubmissionCounts(3, 3, 0, 0), result.Counts);
        Assert.DoesNotContain(findings, f => f.Severity == Severity.Error);
        Assert.Equal(
            [Register.AvoHilmo, Register.TerveysHilmo, Register.Sosiaalihilmo],
            stored.Records.OrderBy(r => r.Index).Select(r => r.Record.Key.Register));
        var ward = stored.Records.Single(r => r.Record.Key.Register == Register.TerveysHilmo).Record;
        var census = stored.Records.Single(r => r.Record.Key.Register == Register.Sosiaalihilmo).Record;
        var avo = stored.Records.Single(r => r.Record.Key.Register == Register.AvoHilmo).Record;

        // The visit and the ward period are the same person at provider 90152: one pseudonym.
        Assert.Equal(avo.Client!.Pseudonym, ward.Client!.Pseudonym);
        // Born 13 October 1952: 72 on the discharge and arrival days in March 2025, 73 on 31 December 2025.
        // Born 1 January 1930: 95 on the census day 31 December 2025, 93 on arriving 2 May 2023 and at that year's end.
        Assert.Equal((new ClientAges(72, 72, 73), Sex.Female), (ward.Client.Ages, ward.Client.Sex));
        Assert.Equal((new ClientAges(95, 93, 93), Sex.Male), (census.Client!.Ages, census.Client.Sex));
        Assert.Equal(new ContentHash().Compute(ward.Notification, ward.Client), ward.ContentHash);
    }

    [Fact]
    public async Task A_refused_period_is_named_by_index_tunnus_and_path()
    {
        var census = Line(SamplePeriods.CensusJson)
            .Replace("\"laskentapaiva\":\"2025-12-31\"", "\"laskentapaiva\":\"2025-12-30\"", StringComparison.Ordinal);
        var ward = Line(SamplePeriods.WardJson).Replace("\"erikoisala\":\"20\",", string.Empty, StringComparison.Ordinal);
        var body = $"{Line(SamplePeriods.WardJson)}\n{census}\n{ward}\n";

        var (result, findings, stored) = await Ingest(body);

        Assert.Equal(new SubmissionCounts(3, 1, 2, 0), result.Counts);
        Assert.Single(stored.Records);
        var errors = findings.Where(f => f.Severity == Severity.Error).Select(f => (f.Index, f.RecordId, f.Code, f.Path)).ToArray();
        Assert.Equal(
            [
                (1L, "1.2.246.10.7654321.30.2023.77", FindingCatalogue.CensusNotYearEnd.Code, "laskentapaiva"),
                (2L, "1.2.246.10.2345678.20.2025.815", "REQ-001", "erikoisala"),
            ],
            errors.Select(e => (e.Index!.Value, e.RecordId, e.Code, e.Path)));
    }

    [Fact]
    public async Task A_period_that_began_before_the_client_was_born_is_refused()
    {
        // The client of the census example was born in 1930; 1929 is before any day of that year.
        var census = Line(SamplePeriods.CensusJson)
            .Replace("\"tulopaiva\":\"2023-05-02\"", "\"tulopaiva\":\"1929-05-02\"", StringComparison.Ordinal);

        var (result, findings, _) = await Ingest(census + "\n");

        Assert.Equal(1, result.Counts.Rejected);
        var finding = Assert.Single(findings, f => f.Severity == Severity.Error);
        Assert.Equal((FindingCatalogue.ArrivalBeforeBirth.Code, "tulopaiva", "1.2.246.10.7654321.30.2023.77"), (finding.Code, finding.Path, finding.RecordId));
    }

    [Fact]
    public async Task An_unknown_register_refuses_the_record_but_not_the_submission()
    {
        var body = Line(SamplePeriods.WardJson).Replace("\"terveyshilmo\"", "\"kotihoito\"", StringComparison.Ordinal)
            + "\n" + Line(SamplePeriods.CensusJson) + "\n";

        var (result, findings, _) = await Ingest(body);

        Assert.Equal(new SubmissionCounts(2, 1, 1, 0), result.Counts);
        Assert.Contains(findings, f => f is { Index: 0, Code: "PER-002", Path: "rekisteri" });
    }

    /// <summary>Keeps what the pipeline hands to the store, and commits every record as a new current version.</summary>
    private sealed class CapturingWriter : ISubmissionWriter
    {
        private readonly List<IndexedRecord> open = [];

        public List<IndexedRecord> Records { get; } = [];

        public long SubmissionId => 1;

        public ValueTask AppendAsync(IReadOnlyList<IndexedRecord> records, CancellationToken cancellationToken = default)
        {
            open.AddRange(records);
            return ValueTask.CompletedTask;
        }

        public Task<UnitResult> CommitAsync(CancellationToken cancellationToken = default)
        {
            Records.AddRange(open);
            var result = new UnitResult(DateTimeOffset.UnixEpoch, open.Count, open.Count, 0, 0, []);
            open.Clear();
            return Task.FromResult(result);
        }

        public ValueTask AddFindingsAsync(IReadOnlyList<Finding> findings, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public Task CompleteAsync(SubmissionCounts counts, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
