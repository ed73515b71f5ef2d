using System.Text;
using Hilmo.Formats;
using Hilmo.Identity;
using Hilmo.Ingest;
using Hilmo.Statistics;
using Hilmo.Statistics.Outputs;
using Hilmo.Storage.DuckDb;
using Hilmo.Synthetic;
using Hilmo.Testing;
using Hilmo.Testing.Statistics;
using Hilmo.Testing.Storage;
using Hilmo.Validation;

namespace Hilmo.Storage.Postgres.Tests.Statistics;

/// <summary>
/// One generated year of national-shaped data, mistakes, later versions and withdrawals included,
/// ingested through the real pipeline into both engines in the same units with the same clock and
/// the same pseudonyms: every report, by every dimension the reports offer and the pairs the
/// tests and defaults use, must come out as the same CSV bytes from both.
/// </summary>
public sealed class CrossEngineReportTests(CrossEngineReportTests.Registers registers) : IClassFixture<CrossEngineReportTests.Registers>
{
    private static readonly ReportPeriod Year2025 = new(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));

    /// <summary>Data quality is by receipt date, and the data was received in 2026.</summary>
    private static readonly ReportPeriod Year2026 = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

    public static TheoryData<string, string, bool> Requests()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var report in Hilmo.Statistics.Reports.ReportCatalogue.All)
        {
            foreach (var dimension in report.Dimensions)
            {
                data.Add(report.Name, dimension.Code, false);
            }

            data.Add(report.Name, string.Join(',', report.DefaultBy), false);
            if (report.Publication.Count > 0)
            {
                data.Add(report.Name, string.Join(',', report.DefaultBy), true);
            }
        }

        data.Add("visits", "provider,month", false);
        data.Add("visits", "age_group,sex,care", false);
        data.Add("visits", "unit,contact_type", false);
        data.Add("access-to-care", "age_group,care", false);
        data.Add("access-to-care", "profession,contact_type", true);
        data.Add("data-quality", "finding,day", false);
        data.Add("data-quality", "provider,finding", false);
        data.Add("vaccinations", "vaccine,dose_number,age_group", false);
        data.Add("vaccinations", "age_group,sex", true);
        data.Add("health-promotion", "health_check,service_form", false);
        data.Add("health-promotion", "month,health_check", true);
        data.Add("health-promotion", "month,age_group,sex", true);
        return data;
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Both_engines_give_the_same_csv(string report, string by, bool published)
    {
        var request = new ReportRequest(report, report == "data-quality" ? Year2026 : Year2025, by.Split(','), Audience: published ? ReportAudience.Public : ReportAudience.Entitled);

        var duckDb = await Csv(registers.DuckDb, request);
        var postgres = await Csv(registers.Postgres, request);

        Assert.Equal(duckDb, postgres);
    }

    [Fact]
    public async Task Both_engines_give_the_same_csv_as_of_a_past_receipt_time()
    {
        var request = new ReportRequest("visits", Year2025, ["month", "service_form"], AsOf: registers.Midway, Audience: ReportAudience.Entitled);

        var duckDb = await Csv(registers.DuckDb, request);
        var postgres = await Csv(registers.Postgres, request);

        Assert.Equal(duckDb, postgres);
        Assert.NotEqual(duckDb, await Csv(registers.Postgres, request with { AsOf = null }));
    }

    [Fact]
    public async Task The_data_set_is_large_enough_to_mean_something_and_both_engines_hold_the_same_register()
    {
        var counts = await registers.DuckDb.Store.CountAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(counts, await registers.Postgres.Store.CountAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.InRange(counts.Records, 20_000, 40_000);
        Assert.True(counts.Versions > counts.Records + counts.Withdrawn, $"{counts}: the data has later versions");
        Assert.True(counts.Withdrawn > 0, $"{counts}: the data has withdrawals");
        Assert.Equal(registers.Outcomes[0], registers.Outcomes[1]);
        Assert.Contains(registers.Outcomes[0], c => c.Duplicates > 0);
        Assert.Contains(registers.Outcomes[0], c => c.Rejected > 0);
    }

    /// <summary>The table as CSV, or why it is not published: both engines must refuse alike too.</summary>
    private static async Task<string> Csv(StatisticsStore register, ReportRequest request)
    {
        StatisticsTable table;
        try
        {
            table = await register.Statistics.RunAsync(request, TestContext.Current.CancellationToken);
        }
        catch (NotPublishedException exception)
        {
            return "not published: " + exception.Message;
        }

        using var output = new MemoryStream();
        await TableWriter.WriteAsync(table, StatisticsFormat.Csv, "en", output, TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    /// <summary>The two registers, filled once for the class.</summary>
    public sealed class Registers(PostgresCluster cluster) : IAsyncLifetime
    {
        private const int Records = 30_000;

        private static readonly DateTimeOffset Now = new(2026, 6, 15, 9, 0, 0, TimeSpan.Zero);

        private readonly string folder = Directory.CreateTempSubdirectory("hilmo-cross-engine-").FullName;

        public StatisticsStore DuckDb { get; private set; } = null!;

        public StatisticsStore Postgres { get; private set; } = null!;

        /// <summary>A receipt time between the first and the second submission.</summary>
        public DateTimeOffset Midway { get; private set; }

        /// <summary>Each engine's counts of the submissions, in order.</summary>
        public List<SubmissionCounts>[] Outcomes { get; } = [[], []];

        public async ValueTask InitializeAsync()
        {
            var codes = Hilmo.Codes.CodeServer.Load(RepositoryFolders.ShippedCodes);
            var generator = new ServiceEventGenerator(codes, new SyntheticIdentityCodes(), new GeneratorOptions { Seed = 5, Year = 2025 }, new ManualTimeProvider(Now));
            using var ndjson = new MemoryStream();
            using (var writer = new GeneratedRecordNdjsonWriter(ndjson))
            {
                writer.WriteAll(generator.Generate(Records));
            }

            // Two submissions, so that the second's later versions replace the first's, and "as of" between them differs.
            var lines = Encoding.UTF8.GetString(ndjson.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var half = lines.Length / 2;
            byte[][] submissions = [Encoding.UTF8.GetBytes(string.Join('\n', lines[..half]) + "\n"), Encoding.UTF8.GetBytes(string.Join('\n', lines[half..]) + "\n")];

            using var pseudonymiser = new ProviderPseudonymiser(MasterKey.CreateEphemeral());
            var duckClock = new ManualTimeProvider(Now);
            var postgresClock = new ManualTimeProvider(Now);
            DuckDb = new StatisticsStore(DuckDbRegisterStore.Open(Path.Combine(folder, "hilmo.duckdb"), timeProvider: duckClock));
            Postgres = new StatisticsStore(await PostgresRegisterStore.OpenAsync(await cluster.CreateStoreAsync(), postgresClock));
            var stores = new[] { (DuckDb.Store, duckClock), (Postgres.Store, postgresClock) };
            for (var s = 0; s < submissions.Length; s++)
            {
                for (var e = 0; e < stores.Length; e++)
                {
                    var (store, clock) = stores[e];
                    var pipeline = new IngestPipeline(new NotificationValidator(codes, clock), pseudonymiser, new IngestOptions { StoreUnitRecords = 4_000 });
                    await using var writer = await store.BeginSubmissionAsync(new SubmissionInfo($"part{s}.ndjson", "NDJSON"));
                    var result = await pipeline.RunAsync(new MemoryStream(submissions[s]), SubmissionFormat.Ndjson, writer, new FindingList());
                    Outcomes[e].Add(result.Counts);
                    clock.Advance(TimeSpan.FromDays(1));
                }

                if (s == 0)
                {
                    Midway = Now.AddHours(12);
                }
            }

            // The release the public tables are read from, the same on both engines.
            foreach (var (store, clock) in stores)
            {
                await store.CreateReleaseAsync(new Release("2025", clock.GetUtcNow(), clock.GetUtcNow(), "test"));
            }
        }

        public async ValueTask DisposeAsync()
        {
            await DuckDb.DisposeAsync();
            await Postgres.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}
