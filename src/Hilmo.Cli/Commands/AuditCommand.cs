using System.CommandLine;
using Hilmo.Audit;
using Hilmo.Identity;

namespace Hilmo.Cli.Commands;

/// <summary>
/// <c>hilmo audit verify [--data DIR] [--public-key FILE]</c>: check that the audit log is intact;
/// <c>hilmo audit rotate-key [--data DIR]</c>: replace the key that signs its checkpoints.
/// </summary>
internal static class AuditCommand
{
    public static Command Create() => new("audit", "The register's tamper-evident audit log") { Verify(), RotateKey() };

    /// <remarks>
    /// Safe while <c>hilmo serve</c> runs: the announcement and the new key file are written under
    /// the log's lock, and every writer reads the key file again before it signs, so no checkpoint
    /// after the announcement is signed by the old key.
    /// </remarks>
    private static Command RotateKey()
    {
        var data = CommonOptions.Data();
        var command = new Command("rotate-key", "Make a new audit signing key, announced in the log by an entry the old key signs; the old public key is kept for verification") { data };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var folder = DataFolder.Resolve(parsed.GetValue(data));
            if (!File.Exists(folder.AuditSigningKeyFile))
            {
                await Console.Error.WriteLineAsync($"hilmo audit rotate-key: there is no audit signing key {folder.AuditSigningKeyFile} yet; the register makes one when it first writes the log, and there is nothing to rotate before.").ConfigureAwait(false);
                return 1;
            }

            string keyId;
            try
            {
                keyId = await AuditSigningKey.RotateAsync(folder.AuditSigningKeyFile, folder.AuditLogFile).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is AuditSigningKeyException or InvalidDataException or IOException)
            {
                await Console.Error.WriteLineAsync($"hilmo audit rotate-key: {exception.Message}").ConfigureAwait(false);
                return 1;
            }

            Console.Out.WriteLine($"The audit log now announces signing key {keyId} in an entry signed by the old key; {folder.AuditSigningKeyFile} holds the new key.");
            Console.Out.WriteLine($"The old public key is kept in {AuditSigningKey.RetiredPublicKeysFolder(folder.AuditSigningKeyFile)}; a copy of a public key kept elsewhere still verifies the log from its start.");
            return 0;
        });
        return command;
    }

    private static Command Verify()
    {
        var data = CommonOptions.Data();
        var publicKey = new Option<FileInfo?>("--public-key")
        {
            Description = "The public key the log's first checkpoints are signed by, e.g. a copy kept apart from the register; later keys are those the log announces. Default: keys/audit-signing.pub and the retired keys in keys/audit-signing.retired/",
            HelpName = "FILE",
        };
        var command = new Command("verify", "Check every entry's hash, their order and every checkpoint's signature; exit 1 at the first problem") { data, publicKey };
        command.SetAction(parsed =>
        {
            var folder = DataFolder.Resolve(parsed.GetValue(data));
            var givenKey = parsed.GetValue(publicKey)?.FullName;
            var keyFile = givenKey ?? folder.AuditPublicKeyFile;
            if (!File.Exists(keyFile))
            {
                Console.Error.WriteLine($"hilmo: There is no public key at {keyFile} to check the checkpoints with; give one with --public-key.");
                return 1;
            }

            var retired = AuditSigningKey.RetiredPublicKeysFolder(folder.AuditSigningKeyFile);
            var keyFiles = givenKey is null && Directory.Exists(retired)
                ? [keyFile, .. Directory.GetFiles(retired, "*.pub").Order(StringComparer.Ordinal)]
                : new[] { keyFile };
            AuditLogVerification verification;
            var keys = new List<AuditPublicKey>();
            try
            {
                keys.AddRange(keyFiles.Select(AuditPublicKey.Load));
                verification = AuditLogVerifier.Verify(folder.AuditLogFile, keys);
            }
            catch (InvalidDataException exception)
            {
                Console.Error.WriteLine($"hilmo: {exception.Message}");
                return 1;
            }
            finally
            {
                keys.ForEach(k => k.Dispose());
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
