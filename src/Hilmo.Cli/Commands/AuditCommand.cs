using System.CommandLine;
using Hilmo.Audit;

namespace Hilmo.Cli.Commands;

/// <summary><c>hilmo audit verify [--data DIR] [--public-key FILE]</c>: check that the audit log is intact.</summary>
internal static class AuditCommand
{
    public static Command Create() => new("audit", "The register's tamper-evident audit log") { Verify() };

    private static Command Verify()
    {
        var data = CommonOptions.Data();
        var publicKey = new Option<FileInfo?>("--public-key")
        {
            Description = "The public key to check checkpoints with, e.g. a copy kept apart from the register. Default: keys/audit-signing.pub in the data folder",
            HelpName = "FILE",
        };
        var command = new Command("verify", "Check every entry's hash, their order and every checkpoint's signature; exit 1 at the first problem") { data, publicKey };
        command.SetAction(parsed =>
        {
            var folder = DataFolder.Resolve(parsed.GetValue(data));
            var keyFile = parsed.GetValue(publicKey)?.FullName ?? folder.AuditPublicKeyFile;
            if (!File.Exists(keyFile))
            {
                Console.Error.WriteLine($"hilmo: There is no public key at {keyFile} to check the checkpoints with; give one with --public-key.");
                return 1;
            }

            AuditLogVerification verification;
            try
            {
                using var key = AuditPublicKey.Load(keyFile);
                verification = AuditLogVerifier.Verify(folder.AuditLogFile, key);
            }
            catch (InvalidDataException exception)
            {
                Console.Error.WriteLine($"hilmo: {exception.Message}");
                return 1;
            }

            Report(folder.AuditLogFile, verification, Console.Out);
            return verification.IsIntact ? 0 : 1;
        });
        return command;
    }

    private static void Report(string log, AuditLogVerification verification, TextWriter output)
    {
        if (!verification.IsIntact)
        {
            output.WriteLine($"{log}: NOT intact. {verification.Problem}");
            output.WriteLine($"Before it: {verification.EntriesRead:N0} entries in order, {verification.CheckpointsVerified:N0} checkpoints verified.");
            return;
        }

        output.WriteLine($"{log}: intact. {verification.EntriesRead:N0} entries, {verification.CheckpointsVerified:N0} checkpoints verified; the last checkpoint is entry {verification.LastCheckpointSequence:N0}.");
        if (verification.EntriesAfterLastCheckpoint > 0)
        {
            // Not a failure: a running server always has some. After a clean shutdown there are
            // none, so then it means the end of the log was cut off or the writer died.
            var unsigned = verification.EntriesAfterLastCheckpoint;
            output.WriteLine($"{unsigned:N0} {(unsigned == 1 ? "entry" : "entries")} after the last checkpoint: chained but not signed yet, as the log is in use or its writer stopped without closing it.");
        }
    }
}
