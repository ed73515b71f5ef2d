using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using Hilmo.Audit;

namespace Hilmo.Identity.Tests;

public sealed class AuditSigningKeyTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly byte[] Message = Encoding.ASCII.GetBytes("hilmo-audit-checkpoint/1\n1000\n00\n");

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void A_new_signing_key_file_is_readable_by_its_owner_only_in_a_folder_only_its_owner_can_enter()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("keys", "audit-signing.key");

        using var key = AuditSigningKey.LoadOrCreate(path);

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
        Assert.Equal(OwnerReadWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder.Combine("keys")));
    }

    [Fact]
    public void The_key_file_is_a_pkcs8_p256_key_and_its_public_half_beside_it_verifies_its_signatures()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("keys", "audit-signing.key");

        using var key = AuditSigningKey.LoadOrCreate(path);
        var signature = key.Sign(Message);

        var pem = File.ReadAllText(path);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", pem, StringComparison.Ordinal);
        using (var imported = ECDsa.Create())
        {
            imported.ImportFromPem(pem);
            Assert.Equal(ECCurve.NamedCurves.nistP256.Oid.Value, imported.ExportParameters(false).Curve.Oid.Value);
        }

        Assert.Equal(folder.Combine("keys", "audit-signing.pub"), AuditSigningKey.PublicKeyPath(path));
        using var publicKey = AuditPublicKey.Load(AuditSigningKey.PublicKeyPath(path));
        Assert.Equal(key.KeyId, publicKey.KeyId);
        Assert.Equal(64, signature.Length);
        Assert.True(publicKey.Verify(Message, signature));
        Assert.False(publicKey.Verify([.. Message, (byte)'x'], signature));
    }

    [Fact]
    public void The_key_is_reused_on_the_next_load_and_a_lost_public_key_file_is_written_again()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("audit-signing.key");
        using var first = AuditSigningKey.LoadOrCreate(path);
        var contents = File.ReadAllBytes(path);
        File.Delete(AuditSigningKey.PublicKeyPath(path));

        using var second = AuditSigningKey.LoadOrCreate(path);
        using var third = AuditSigningKey.Load(path);

        Assert.Equal(first.KeyId, second.KeyId);
        Assert.Equal(first.KeyId, third.KeyId);
        Assert.Equal(contents, File.ReadAllBytes(path));
        Assert.Equal(first.PublicKeyPem, File.ReadAllText(AuditSigningKey.PublicKeyPath(path)));
    }

    [Fact]
    public void Processes_creating_the_signing_key_at_the_same_moment_all_end_up_with_the_same_key()
    {
        const int Rounds = 50;
        const int Starters = 4;
        for (var round = 0; round < Rounds; round++)
        {
            using var folder = new TemporaryDirectory();
            var path = folder.Combine("keys", "audit-signing.key");
            var ids = AtOnce.Run(Starters, () =>
            {
                using var key = AuditSigningKey.LoadOrCreate(path);
                return key.KeyId;
            });

            using var onDisk = AuditSigningKey.Load(path);
            Assert.All(ids, id => Assert.Equal(onDisk.KeyId, id));
            Assert.Equal([path, AuditSigningKey.PublicKeyPath(path)], Directory.GetFiles(folder.Combine("keys")).Order());
        }
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void A_signing_key_file_others_can_read_is_refused_with_how_to_fix_it()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("audit-signing.key");
        AuditSigningKey.LoadOrCreate(path).Dispose();
        File.SetUnixFileMode(path, OwnerReadWrite | UnixFileMode.GroupRead);

        var refused = Assert.Throws<AuditSigningKeyException>(() => AuditSigningKey.LoadOrCreate(path));

        Assert.Contains($"chmod 600 {path}", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_of_another_curve_is_refused_without_quoting_the_file()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("audit-signing.key");
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var pem = other.ExportPkcs8PrivateKeyPem();
        File.WriteAllText(path, pem);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, OwnerReadWrite);
        }

        var refused = Assert.Throws<AuditSigningKeyException>(() => AuditSigningKey.Load(path));

        Assert.Contains("P-256", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(pem.Split('\n')[1][..16], refused.Message, StringComparison.Ordinal);
    }
}
