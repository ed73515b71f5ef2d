using System.CommandLine;
using System.Globalization;
using Hilmo.Audit;
using Hilmo.Cli.Terminal;
using Hilmo.Identity;
using Hilmo.Storage;
using Spectre.Console;

namespace Hilmo.Cli.Commands;

/// <summary>
/// <c>hilmo master-key rotate|rekey</c>: rotation of the key pseudonyms are made with.
/// </summary>
/// <remarks>
/// <para>
/// <c>rotate</c> appends a new version to the data folder's key file (owner-only, as before).
/// Every command started afterwards pseudonymises with it (the chain through every version held,
/// see <see cref="ProviderPseudonymiser"/>); a running <c>hilmo serve</c> reads the key file at
/// start only, so it must be restarted to use the new version.
/// </para>
/// <para>
/// <c>rekey</c> then turns every stored pseudonym of an older version into the current one's, in
/// batches of their own transaction. It can be stopped at any point (Ctrl+C, <c>--max-batches</c>)
/// and run again: what is left is simply every version under an older key. <c>hilmo serve</c> runs
/// the same job in the background at every start when anything is left (so the restart after a
/// rotation starts it); this command is for a register with no server running (an embedded store
/// is open to one process only) or for a PostgreSQL register by hand beside the server (two runs
/// at once are safe: a batch re-checks the old key version of each row it changes). Both commands
/// are audited, with counts only.
/// </para>
/// </remarks>
internal static class MasterKeyCommand
{
    public static Command Create() =>
        new("master-key", "Rotate the master key pseudonyms are made with, and re-key the stored pseudonyms") { Rotate(), Rekey() };

    private static Command Rotate()
    {
        var data = CommonOptions.Data();
        var command = new Command("rotate", "Add a new master-key version; new submissions use it at once (restart a running server)") { data };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (FromEnvironment())
            {
                await Console.Error.WriteLineAsync($"hilmo master-key rotate: the master key comes from {MasterKey.DefaultEnvironmentVariable}, which holds one version only. Rotation needs the data folder's key file: unset the variable and keep the key in the file.").ConfigureAwait(false);
                return 1;
            }

            var folder = DataFolder.Resolve(parsed.GetValue(data));
            if (!File.Exists(folder.KeyFile))
            {
                await Console.Error.WriteLineAsync($"hilmo master-key rotate: there is no master key file {folder.KeyFile} yet; the register makes one on its first ingest or start, and there is nothing to rotate before.").ConfigureAwait(false);
                return 1;
            }

            var version = MasterKeyFile.AddVersion(folder.KeyFile);
            var versions = MasterKeyFile.Load(folder.KeyFile).Versions;
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Added master-key version {version} to {folder.KeyFile} (versions {string.Join(", ", versions)}; keep them all, and back the file up now)."));
            Console.Out.WriteLine("New submissions of every command started from now on use it; restart a running hilmo serve so that it does too.");
            Console.Out.WriteLine("Then run hilmo master-key rekey to re-key the pseudonyms stored under older versions.");
            await AuditAsync(folder, "master-key.rotate", $"master-key/v{version}", string.Create(CultureInfo.InvariantCulture, $"ok version:{version} versions:{versions.Count}"), cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command Rekey()
    {
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "Versions per batch; each batch is one transaction",
            HelpName = "N",
            DefaultValueFactory = _ => 5_000,
            Validators = { r => { if (r.GetValueOrDefault<int>() < 1) { r.AddError("--batch-size must be at least 1."); } } },
        };
        var maxBatches = new Option<int?>("--max-batches")
        {
            Description = "Stop after this many batches; run again to go on",
            HelpName = "N",
            Validators = { r => { if (r.GetValueOrDefault<int?>() is < 1) { r.AddError("--max-batches must be at least 1."); } } },
        };
        var data = CommonOptions.Data();
        var postgres = CommonOptions.Postgres();
        var command = new Command("rekey", "Re-key every stored pseudonym of an older master-key version to the current one; resumable") { batchSize, maxBatches, data, postgres };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var folder = DataFolder.Resolve(parsed.GetValue(data));
            var key = FromEnvironment() ? MasterKey.FromEnvironmentVariable() : MasterKeyFile.Load(folder.KeyFile);
            using var pseudonymiser = new ProviderPseudonymiser(key);
            var options = new RekeyOptions(parsed.GetValue(batchSize), parsed.GetValue(maxBatches));
            var progress = new LatestProgress();
            RekeyResult? result = null;
            var target = $"master-key/v{pseudonymiser.KeyVersion}";
            try
            {
                await using var store = await ConfiguredStore.OpenAsync(folder, parsed.GetValue(postgres), cancellationToken: cancellationToken).ConfigureAwait(false);
                var total = await store.CountToRekeyAsync(pseudonymiser.KeyVersion, cancellationToken).ConfigureAwait(false);
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{total:N0} stored versions hold a pseudonym of a key version below {pseudonymiser.KeyVersion}."));
                result = await WithProgressAsync(total, progress, p => store.RekeyAsync(pseudonymiser, options, p, cancellationToken)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                var stopped = progress.Latest;
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Stopped after {stopped.Batches:N0} batches, {stopped.Rekeyed:N0} versions re-keyed; run hilmo master-key rekey again to go on."));
                await AuditAsync(folder, "master-key.rekey", target, string.Create(CultureInfo.InvariantCulture,
                    $"stopped rekeyed:{stopped.Rekeyed} batches:{stopped.Batches}"), CancellationToken.None).ConfigureAwait(false);
                return 1;
            }

            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Re-keyed {result.Rekeyed:N0} versions to key version {pseudonymiser.KeyVersion} in {result.Batches:N0} batches; {result.Remaining:N0} left."));
            if (result.HashesKept > 0)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{result.HashesKept:N0} of them kept their content hash, which their stored content did not reproduce: an unchanged resend of one is reported as a conflict."));
            }

            if (!result.Complete)
            {
                Console.Out.WriteLine("Run hilmo master-key rekey again to re-key the rest.");
            }

            await AuditAsync(folder, "master-key.rekey", target, string.Create(CultureInfo.InvariantCulture,
                $"ok rekeyed:{result.Rekeyed} batches:{result.Batches} remaining:{result.Remaining} hashes-kept:{result.HashesKept}"), cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static bool FromEnvironment() => Environment.GetEnvironmentVariable(MasterKey.DefaultEnvironmentVariable) is { Length: > 0 };

    /// <summary>Runs the job with a Spectre.Console progress bar on an interactive terminal; quietly in scripts.</summary>
    private static async Task<RekeyResult> WithProgressAsync(long total, LatestProgress progress, Func<IProgress<RekeyProgress>, Task<RekeyResult>> work)
    {
        if (!ProgressDisplay.IsInteractive || total == 0)
        {
            return await work(progress).ConfigureAwait(false);
        }

        return await AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("re-keying pseudonyms", maxValue: total);
                var running = work(progress);
                while (!running.IsCompleted)
                {
                    task.Value = Math.Min(total, progress.Latest.Rekeyed);
                    await Task.WhenAny(running, Task.Delay(200)).ConfigureAwait(false);
                }

                task.Value = task.MaxValue;
                return await running.ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    /// <summary>Keeps the latest report, from whichever thread the store reports on.</summary>
    private sealed class LatestProgress : IProgress<RekeyProgress>
    {
        private RekeyProgress latest;
        private readonly Lock gate = new();

        public RekeyProgress Latest
        {
            get
            {
                lock (gate)
                {
                    return latest;
                }
            }
        }

        public void Report(RekeyProgress value)
        {
            lock (gate)
            {
                latest = value;
            }
        }
    }

    /// <summary>Tells the audit log what was done to the key or the stored pseudonyms: counts and version numbers, never key material or a pseudonym.</summary>
    private static async Task AuditAsync(DataFolder folder, string action, string target, string result, CancellationToken cancellationToken)
    {
        await using var log = RegisterComponents.AuditLog(folder);
        await log.AppendAsync(new AuditEvent($"cli:{Environment.UserName}", action, target, AuditReasons.RegisterKeeping, "cli", result), cancellationToken).ConfigureAwait(false);
    }
}
