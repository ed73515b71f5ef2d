using System.Text;
using Hilmo.Codes;
using Hilmo.Formats;
using Hilmo.Identity;
using Hilmo.Ingest;
using Hilmo.Storage;
using Hilmo.Storage.DuckDb;
using Hilmo.Storage.Postgres;
using Hilmo.Testing;
using Hilmo.Testing.Storage;
using Hilmo.Validation;

namespace Hilmo.Cli.Tests;

/// <summary>
/// A whole embedded register in a temporary folder, assembled as the command line assembles it:
/// shipped code lists, the real pseudonymiser with a key file, the real DuckDB or PostgreSQL store. The clock
/// is fixed so that "in the future" means the same thing whenever the tests run.
/// </summary>
internal sealed class RegisterHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<CodeServer> Codes = new(() => CodeServer.Load(RepositoryFolders.ShippedCodes));

    private readonly ProviderPseudonymiser pseudonymiser;

    private RegisterHarness(string folder, ProviderPseudonymiser pseudonymiser, IRegisterStore store)
    {
        Folder = folder;
        this.pseudonymiser = pseudonymiser;
        Store = store;
    }

    public string Folder { get; }

    public string KeyFile => Path.Combine(Folder, "keys", "master.key");

    public IRegisterStore Store { get; }

    public ManualTimeProvider Clock { get; } = new(Now);

    public static async Task<RegisterHarness> OpenAsync(StoreEngine engine = StoreEngine.DuckDb)
    {
        var folder = Directory.CreateTempSubdirectory("hilmo-register-").FullName;
        var pseudonymiser = new ProviderPseudonymiser(MasterKeyFile.LoadOrCreate(Path.Combine(folder, "keys", "master.key")));
        IRegisterStore store = await StoreEngines.PostgresConnectionAsync(engine) is { } postgres
            ? await PostgresRegisterStore.OpenAsync(postgres)
            : DuckDbRegisterStore.Open(Path.Combine(folder, "hilmo.duckdb"));
        return new RegisterHarness(folder, pseudonymiser, store);
    }

    /// <summary>Runs one submission through the pipeline into the store; nothing is stored when <paramref name="store"/> is false.</summary>
    public async Task<Submission> SubmitAsync(
        byte[] body, SubmissionFormat format, SubmissionLimits? limits = null, bool store = true, int storeUnitRecords = 65_536, ValidationOptions? validation = null,
        CodeServer? codes = null, string? coding = null)
    {
        var pipeline = new IngestPipeline(
            new NotificationValidator(codes ?? Codes.Value, Clock, validation),
            pseudonymiser,
            new IngestOptions { Limits = limits ?? SubmissionLimits.Default, StoreUnitRecords = storeUnitRecords });
        var findings = new FindingList();
        await using var writer = store ? await Store.BeginSubmissionAsync(new SubmissionInfo("test", format.Name())) : null;
        Stream input = new MemoryStream(body);
        var result = await pipeline.RunAsync(coding is null ? input : ContentCodings.Decode(input, coding), format, writer, findings);
        return new Submission(result, findings.Findings);
    }

    /// <summary>The shipped lists without <paramref name="name"/>'s, as a register started with a code folder that lacks it.</summary>
    public static CodeServer CodesWithout(string name) => new(Codes.Value.Classifications.Where(c => c.Name != name && c.Source is not null));

    public Task<Submission> SubmitAsync(string body, SubmissionFormat format = SubmissionFormat.Ndjson, SubmissionLimits? limits = null, bool store = true) =>
        SubmitAsync(Encoding.UTF8.GetBytes(body), format, limits, store);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        pseudonymiser.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}

internal sealed record Submission(IngestResult Result, IReadOnlyList<Finding> Findings)
{
    public SubmissionCounts Counts => Result.Counts;

    public IEnumerable<string> Codes => Findings.Select(f => f.Code);
}
