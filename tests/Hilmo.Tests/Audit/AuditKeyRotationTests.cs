using Hilmo.Audit;
using Hilmo.Identity;

namespace Hilmo.Tests.Audit;

/// <summary>
/// A rotated signing key keeps the chain verifiable: the new key is announced in an entry the old
/// key signs, and only announced keys may sign after it.
/// </summary>
public sealed class AuditKeyRotationTests
{
    [Fact]
    public async Task A_log_verifies_across_a_rotation_from_the_original_key_alone()
    {
        using var folder = new AuditLogFolder();
        await folder.WriteAsync(250);
        using var original = AuditPublicKey.Load(AuditSigningKey.PublicKeyPath(folder.KeyFile));

        var newKeyId = await AuditSigningKey.RotateAsync(folder.KeyFile, folder.LogFile, folder.Clock);
        await folder.WriteAsync(250);

        Assert.NotEqual(original.KeyId, newKeyId);
        using (var current = AuditPublicKey.Load(AuditSigningKey.PublicKeyPath(folder.KeyFile)))
        {
            Assert.Equal(newKeyId, current.KeyId);
        }

        Assert.True(File.Exists(Path.Combine(AuditSigningKey.RetiredPublicKeysFolder(folder.KeyFile), original.KeyId + ".pub")));
        var announcement = Assert.Single(folder.Lines(), l => l.Contains("\"kind\":\"key\"", StringComparison.Ordinal));
        Assert.Contains($"\"key\":\"{original.KeyId}\"", announcement, StringComparison.Ordinal);
        Assert.Contains($"\"next\":\"{newKeyId}\"", announcement, StringComparison.Ordinal);

        var fromOriginal = AuditLogVerifier.Verify(folder.LogFile, original);
        Assert.True(fromOriginal.IsIntact, fromOriginal.Problem);
        Assert.Equal(folder.Lines().Count, fromOriginal.EntriesRead);
        Assert.Equal(fromOriginal.EntriesRead, fromOriginal.LastCheckpointSequence);
        var withRetired = folder.VerifyWithRetiredKeys();
        Assert.True(withRetired.IsIntact, withRetired.Problem);

        // The current key alone is not where the chain starts: the log was begun by another key.
        var fromCurrentOnly = folder.Verify();
        Assert.False(fromCurrentOnly.IsIntact);
        Assert.Contains($"is signed by key {original.KeyId}, not by the register's key {newKeyId}", fromCurrentOnly.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_writer_open_during_the_rotation_signs_its_next_checkpoints_with_the_new_key()
    {
        using var folder = new AuditLogFolder();
        await using (var running = folder.Open(new AuditLogOptions { CheckpointInterval = 50 }))
        {
            for (var i = 1; i <= 120; i++)
            {
                await running.AppendAsync(AuditLogFolder.Event(i), TestContext.Current.CancellationToken);
                if (i == 60)
                {
                    await AuditSigningKey.RotateAsync(folder.KeyFile, folder.LogFile, folder.Clock);
                }
            }
        }

        var verification = folder.VerifyWithRetiredKeys();

        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(3, folder.Lines().Count(l => l.Contains("\"kind\":\"checkpoint\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_checkpoint_signed_by_a_key_the_log_never_announced_fails_naming_its_line()
    {
        using var folder = new AuditLogFolder();
        await folder.WriteAsync(150);
        var otherKeyFile = Path.Combine(folder.Path, "other", "audit-signing.key");
        using var other = AuditSigningKey.LoadOrCreate(otherKeyFile);
        await using (var log = folder.Open(new AuditLogOptions { CheckpointInterval = 100 }, AuditSigningKey.Load(otherKeyFile)))
        {
            await log.AppendAsync(AuditLogFolder.Event(151), TestContext.Current.CancellationToken);
        }

        using var original = AuditPublicKey.Load(AuditSigningKey.PublicKeyPath(folder.KeyFile));
        using var otherPublic = AuditPublicKey.FromPem(other.PublicKeyPem);
        var verification = AuditLogVerifier.Verify(folder.LogFile, [original, otherPublic]);

        Assert.False(verification.IsIntact);
        var line = folder.Lines().Count;
        Assert.Equal(line, verification.ProblemLine);
        Assert.Equal(
            $"Checkpoint entry {line} (line {line}) is signed by key {other.KeyId}, but the entries before it were signed by key {original.KeyId}, and no entry signed by that key announced another: it was signed by a key the log never announced.",
            verification.Problem);
    }

    [Fact]
    public async Task An_announcement_changed_to_name_another_key_fails_at_its_line()
    {
        using var folder = new AuditLogFolder();
        await folder.WriteAsync(150);
        await AuditSigningKey.RotateAsync(folder.KeyFile, folder.LogFile, folder.Clock);
        await folder.WriteAsync(100);
        using var intruder = AuditSigningKey.LoadOrCreate(Path.Combine(folder.Path, "intruder", "audit-signing.key"));
        using var intruderPublic = AuditPublicKey.FromPem(intruder.PublicKeyPem);
        var lines = folder.Lines();
        var at = lines.FindIndex(l => l.Contains("\"kind\":\"key\"", StringComparison.Ordinal));
        var announced = lines[at];
        var nextStart = announced.IndexOf("\"next\":\"", StringComparison.Ordinal);
        var prevStart = announced.IndexOf(",\"prev\":\"", StringComparison.Ordinal);
        var spki = Convert.ToBase64String(Convert.FromBase64String(string.Concat(intruder.PublicKeyPem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)))));
        lines[at] = $"{announced[..nextStart]}\"next\":\"{intruderPublic.KeyId}\",\"public\":\"{spki}\"{announced[prevStart..]}";
        folder.Rewrite(AuditLogFolder.Rechain(lines));

        var verification = folder.VerifyWithRetiredKeys();

        Assert.False(verification.IsIntact);
        Assert.Equal(at + 1, verification.ProblemLine);
        Assert.Equal($"Key entry {at + 1} (line {at + 1}) has a bad signature: the chain before it was rewritten, or the signature was changed.", verification.Problem);
    }
}
