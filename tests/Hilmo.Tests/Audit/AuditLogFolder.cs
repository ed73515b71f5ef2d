using System.Security.Cryptography;
using System.Text;
using Hilmo.Audit;
using Hilmo.Identity;
using Hilmo.Testing;

namespace Hilmo.Tests.Audit;

/// <summary>
/// A data folder of its own for one test, with the log and its signing key where the register
/// keeps them, and the means to write, tamper with and verify the log as real files.
/// </summary>
internal sealed class AuditLogFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("hilmo-audit-").FullName;

    public string LogFile => System.IO.Path.Combine(Path, "audit", "audit.log");

    public string KeyFile => System.IO.Path.Combine(Path, "keys", "audit-signing.key");

    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.FromHours(2)));

    public static AuditEvent Event(int i) =>
        new($"key:k{i % 7} org:1.2.246.10.2345678.10.0 role:submitter", i % 3 == 0 ? "submission.read" : "submission.create", $"submission/{i}", "Laki sosiaali- ja terveydenhuollon asiakastietojen käsittelystä 703/2023", "192.0.2.15", "ok");

    public AuditLogFile Open(AuditLogOptions? options = null, IAuditSigner? signer = null) =>
        AuditLogFile.Open(LogFile, signer ?? AuditSigningKey.LoadOrCreate(KeyFile), Clock, options);

    /// <summary>Writes events 1..<paramref name="count"/> through one log instance and closes it.</summary>
    public async Task WriteAsync(int count, int checkpointInterval = 100, IAuditSigner? signer = null)
    {
        await using var log = Open(new AuditLogOptions { CheckpointInterval = checkpointInterval }, signer);
        for (var i = 1; i <= count; i++)
        {
            await log.AppendAsync(Event(i), TestContext.Current.CancellationToken);
            Clock.Advance(TimeSpan.FromMilliseconds(250));
        }
    }

    public AuditLogVerification Verify()
    {
        using var key = AuditPublicKey.Load(AuditSigningKey.PublicKeyPath(KeyFile));
        return AuditLogVerifier.Verify(LogFile, key);
    }

    /// <summary>Verifies with the current public key and every retired one, as <c>hilmo audit verify</c> does.</summary>
    public AuditLogVerification VerifyWithRetiredKeys()
    {
        var retired = AuditSigningKey.RetiredPublicKeysFolder(KeyFile);
        var files = new[] { AuditSigningKey.PublicKeyPath(KeyFile) }.Concat(Directory.Exists(retired) ? Directory.GetFiles(retired, "*.pub") : []);
        var keys = files.Select(AuditPublicKey.Load).ToList();
        try
        {
            return AuditLogVerifier.Verify(LogFile, keys);
        }
        finally
        {
            keys.ForEach(k => k.Dispose());
        }
    }

    public List<string> Lines() => [.. File.ReadAllLines(LogFile, Encoding.UTF8)];

    public void Rewrite(IEnumerable<string> lines) => File.WriteAllText(LogFile, string.Concat(lines.Select(l => l + "\n")), new UTF8Encoding(false));

    /// <summary>
    /// Recomputes every <c>prev</c> and <c>hash</c> from the spec of the format (not the log's
    /// code), as someone who can write the file but has no signing key would.
    /// </summary>
    public static List<string> Rechain(IEnumerable<string> lines)
    {
        var previous = new byte[32];
        var result = new List<string>();
        foreach (var line in lines)
        {
            const int HashMember = 9 + 64 + 2;
            var body = line[..^HashMember];
            var prevAt = body.LastIndexOf(",\"prev\":\"", StringComparison.Ordinal);
            var canonical = $"{body[..prevAt]},\"prev\":\"{Convert.ToHexStringLower(previous)}\"}}";
            var hash = SHA256.HashData([.. previous, .. Encoding.UTF8.GetBytes(canonical)]);
            result.Add($"{canonical[..^1]},\"hash\":\"{Convert.ToHexStringLower(hash)}\"}}");
            previous = hash;
        }

        return result;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
