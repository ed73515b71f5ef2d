using System.CommandLine;
using Hilmo.Audit;
using Hilmo.Codes;
using Hilmo.Formats;
using Hilmo.Identity;
using Hilmo.Ingest;
using Hilmo.Notifications;
using Hilmo.Server;
using Hilmo.Statistics;
using Hilmo.Statistics.Population;
using Hilmo.Storage;
using Hilmo.Synthetic;
using Microsoft.Extensions.Hosting;

namespace Hilmo.Cli.Commands;

/// <summary>
/// <c>hilmo serve [--data DIR | --postgres CONN] [--urls URL] [--demo]</c>: the register as an HTTP
/// service on the embedded store or PostgreSQL. The first start creates the data folder, the master key and one
/// register-keeper access key, which is printed once.
/// </summary>
internal static class ServeCommand
{
    /// <summary>Records <c>--demo</c> generates into an empty register.</summary>
    public const int DemoRecords = 50_000;

    public static Command Create()
    {
        var data = CommonOptions.Data();
        var postgres = CommonOptions.Postgres();
        var codes = CommonOptions.Codes();
        var allowTemporary = CommonOptions.AllowTemporaryIdentityCodes();
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses to listen on, separated by ';'",
            DefaultValueFactory = _ => RegisterServer.DefaultUrl,
            HelpName = "URL",
        };
        var demo = new Option<bool>("--demo") { Description = $"Fill an empty register with {DemoRecords:N0} generated records, so every page and report has something to show" };
        var maxRequest = new Option<long>("--max-request-bytes")
        {
            Description = "Largest submission body, after gzip is undone",
            DefaultValueFactory = _ => ServerOptions.Default.MaxRequestBytes,
            HelpName = "N",
        };
        var perMinute = new Option<int>("--requests-per-minute")
        {
            Description = "Requests each access key may make per minute",
            DefaultValueFactory = _ => ServerOptions.Default.RequestsPerMinute,
            HelpName = "N",
        };
        var reportConcurrency = new Option<int>("--report-concurrency")
        {
            Description = "Report computations running at once (statistics API and pages)",
            DefaultValueFactory = _ => ServerOptions.Default.ReportConcurrency,
            HelpName = "N",
        };
        var reportQueue = new Option<int>("--report-queue")
        {
            Description = "Report computations that may wait; beyond them the answer is 503 with Retry-After",
            DefaultValueFactory = _ => ServerOptions.Default.ReportQueue,
            HelpName = "N",
        };
        var command = new Command("serve", "Run the register as an HTTP service")
        {
            data, postgres, urls, demo, codes, allowTemporary, maxRequest, perMinute, reportConcurrency, reportQueue,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var options = new ServerOptions
            {
                MaxRequestBytes = parsed.GetValue(maxRequest),
                RequestsPerMinute = parsed.GetValue(perMinute),
                ReportConcurrency = Math.Max(1, parsed.GetValue(reportConcurrency)),
                ReportQueue = Math.Max(0, parsed.GetValue(reportQueue)),
                AllowTemporaryIdentityCodes = parsed.GetValue(allowTemporary),
            };
            await RunAsync(DataFolder.Resolve(parsed.GetValue(data)), parsed.GetValue(postgres), parsed.GetValue(codes), parsed.GetValue(urls)!, parsed.GetValue(demo), options, Console.Out, cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task RunAsync(DataFolder folder, string? postgres, string? codesFolder, string urls, bool demo, ServerOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var codes = RegisterComponents.LoadCodes(codesFolder);
        if (demo)
        {
            InstallDemoRegisters(folder, codes);
        }

        await using var register = await RegisterHost.OpenAsync(folder, codes, options.AllowTemporaryIdentityCodes, postgres).ConfigureAwait(false);
        if (await register.EnsureRegisterKeyAsync().ConfigureAwait(false) is { } secret)
        {
            await output.WriteLineAsync($"""
                Register-keeper access key (shown once; keep it safe, it can do everything):
                  {secret}
                Send it as "Authorization: Bearer <key>"; make keys for providers with "hilmo keys create".
                """).ConfigureAwait(false);
        }

        if (demo)
        {
            await FillDemoAsync(register.Services, output, cancellationToken).ConfigureAwait(false);
        }

        await using var app = register.BuildServer(options, urls);

        // After a master-key rotation, the stored pseudonyms are re-keyed beside the requests
        // (hilmo master-key rekey does the same from the command line while no server runs).
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var rekey = Task.Run(() => register.RekeyInBackgroundAsync(output, new RekeyOptions(), stopping.Token), CancellationToken.None);
        try
        {
            await app.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            await rekey.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The demo's provider and unit registers and the population its clients are drawn from, put in
    /// the data folder before the register opens, so that its reports name the demo's providers and
    /// its rates have their denominator. What the folder already has is kept: the register keepers'
    /// own files, or those of an earlier demo (the same, as the demo's generator is fixed).
    /// </summary>
    internal static void InstallDemoRegisters(DataFolder folder, CodeServer codes)
    {
        Directory.CreateDirectory(folder.Path);
        var generator = DemoGenerator(codes);
        if (!File.Exists(folder.ProvidersFile))
        {
            ProviderRegister.Write(folder.ProvidersFile, SyntheticProviderRegister.Entries(generator.Providers, RegionCatalogue.From(codes)));
            UnitRegister.Write(folder.UnitsFile, SyntheticProviderRegister.Units(generator.Providers, RegionCatalogue.From(codes)));
        }

        if (folder.PopulationFile is null)
        {
            PopulationFile.Write(folder.PopulationCsvFile, generator.Population());
        }
    }

    private static async Task FillDemoAsync(RegisterServices register, TextWriter output, CancellationToken cancellationToken)
    {
        var (codes, store) = (register.Codes, register.Store);
        if ((await store.CountAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Versions > 0)
        {
            await output.WriteLineAsync("--demo: the register already holds data; nothing generated.").ConfigureAwait(false);
            return;
        }

        using var body = new MemoryStream();
        using (var writer = new GeneratedRecordNdjsonWriter(body))
        {
            writer.WriteAll(DemoGenerator(codes).Generate(DemoRecords));
        }

        body.Position = 0;
        await using var submission = await store.BeginSubmissionAsync(new SubmissionInfo("demo", SubmissionFormat.Ndjson.Name()), cancellationToken).ConfigureAwait(false);
        var result = await RegisterComponents.Pipeline(codes, register.Pseudonymiser)
            .RunAsync(body, SubmissionFormat.Ndjson, submission, new FindingList(0), cancellationToken: cancellationToken).ConfigureAwait(false);
        await register.Audit.AppendAsync(new AuditEvent($"cli:{Environment.UserName}", "submission.create", $"submission/{submission.SubmissionId} demo",
            AuditReasons.Demonstration, "cli", $"ok: {result.Counts}"), cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"--demo: generated {result.Counts.Received:N0} records; {result.Counts.Accepted:N0} stored.").ConfigureAwait(false);

        // The public reads only releases: one of the demo data makes the public pages show it.
        var now = register.Time.GetUtcNow();
        await store.CreateReleaseAsync(new Release(DemoRelease, now, now, "demo"), cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"--demo: release {DemoRelease} publishes the years that ended before now.").ConfigureAwait(false);
    }

    /// <summary>The release <c>--demo</c> makes of its data.</summary>
    public const string DemoRelease = "demo";

    /// <summary>The demo's data, of all three registers; its providers are the same whatever the seed.</summary>
    private static ServiceEventGenerator DemoGenerator(CodeServer codes) => new(codes, new SyntheticIdentityCodes(), new GeneratorOptions { Seed = 1, Registers = [.. Registers.All] });
}
