using System.Text;
using Hilmo.Audit;
using Hilmo.Identity;

namespace Hilmo.Tests.Audit;

/// <summary>
/// Each way of tampering with a log, done to a real log file as someone with write access to it
/// would, must be found, and the first problem named by entry and line.
/// </summary>
public sealed class AuditLogVerifierTests
{
    private const int Events = 450;

    [Fact]
    public async Task One_flipped_byte_in_an_entry_is_found_at_that_entry()
    {
        using var folder = await WrittenLogAsync();
        var bytes = File.ReadAllBytes(folder.LogFile);
        var line = 137;
        var start = StartOfLine(bytes, line);
        var at = start + Encoding.UTF8.GetString(bytes[start..]).IndexOf("submission/", StringComparison.Ordinal) + 11;
        bytes[at] ^= 0x01;
        File.WriteAllBytes(folder.LogFile, bytes);

        var verification = folder.Verify();

        Assert.False(verification.IsIntact);
        Assert.Equal(137, verification.ProblemSequence);
        Assert.Equal(137, verification.ProblemLine);
        Assert.Equal("Entry 137 (line 137) was changed: its hash does not match its content.", verification.Problem);
        Assert.Equal(136, verification.EntriesRead);
    }

    [Fact]
    public async Task A_byte_flipped_anywhere_is_found_at_the_entry_it_is_in()
    {
        using var folder = await WrittenLogAsync();
        var original = File.ReadAllBytes(folder.LogFile);
        var random = new Random(5);
        for (var trial = 0; trial < 200; trial++)
        {
            var bytes = (byte[])original.Clone();
            var at = random.Next(bytes.Length);
            bytes[at] ^= (byte)(1 << random.Next(7));
            File.WriteAllBytes(folder.LogFile, bytes);
            var line = original.AsSpan(0, at).Count((byte)'\n') + 1;

            var verification = folder.Verify();

            Assert.False(verification.IsIntact, $"byte {at} flipped");
            Assert.Equal(line, verification.ProblemLine);
            Assert.Contains($"line {line}", verification.Problem, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_removed_entry_is_found_where_it_is_missing()
    {
        var verification = await VerifyTamperedAsync(lines => lines.Where((_, i) => i != 249));

        Assert.Equal(250, verification.ProblemSequence);
        Assert.Equal(250, verification.ProblemLine);
        Assert.Equal("Entry 250 is missing: line 250 holds entry 251. Entries were removed or moved.", verification.Problem);
    }

    [Fact]
    public async Task A_removed_entry_with_the_later_entries_renumbered_is_found_by_the_broken_link()
    {
        var verification = await VerifyTamperedAsync(lines => lines
            .Where((_, i) => i != 49)
            .Select((line, i) => i < 49 ? line : line.Replace($"{{\"seq\":{i + 2},", $"{{\"seq\":{i + 1},", StringComparison.Ordinal)));

        Assert.Equal(50, verification.ProblemLine);
        Assert.Contains("Entry 50 (line 50)", verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_swapped_entries_are_found_at_the_first_of_them()
    {
        var verification = await VerifyTamperedAsync(lines => [.. lines[..310], lines[311], lines[310], .. lines[312..]]);

        Assert.Equal(311, verification.ProblemLine);
        Assert.Equal("Entry 311 is missing: line 311 holds entry 312. Entries were removed or moved.", verification.Problem);
    }

    [Fact]
    public async Task An_entry_moved_later_or_repeated_is_found_as_out_of_order()
    {
        var verification = await VerifyTamperedAsync(lines => [.. lines[..5], lines[3], .. lines[5..]]);

        Assert.Equal(6, verification.ProblemLine);
        Assert.Equal(4, verification.ProblemSequence);
        Assert.Equal("Line 6 holds entry 4 after entry 5: the entries are out of order or repeated.", verification.Problem);
    }

    [Fact]
    public async Task A_line_that_is_not_an_entry_is_found_by_its_line()
    {
        var verification = await VerifyTamperedAsync(lines => lines.Select((line, i) => i == 99 ? line[..40] : line));

        Assert.Equal(100, verification.ProblemLine);
        Assert.StartsWith("Line 100 (where entry 100 should be) is not an audit entry", verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_altered_checkpoint_signature_is_found_even_when_the_chain_is_recomputed()
    {
        var verification = await VerifyTamperedAsync(lines =>
        {
            var checkpoint = lines[199];
            Assert.Contains("\"kind\":\"checkpoint\"", checkpoint, StringComparison.Ordinal);
            var signatureAt = checkpoint.IndexOf("\"signature\":\"", StringComparison.Ordinal) + 13;
            var flipped = checkpoint[signatureAt] == 'A' ? 'B' : 'A';
            lines[199] = checkpoint[..signatureAt] + flipped + checkpoint[(signatureAt + 1)..];
            return AuditLogFolder.Rechain(lines);
        });

        Assert.Equal(200, verification.ProblemLine);
        Assert.Equal(1, verification.CheckpointsVerified);
        Assert.Equal("Checkpoint entry 200 (line 200) has a bad signature: the chain before it was rewritten, or the signature was changed.", verification.Problem);
    }

    [Fact]
    public async Task A_changed_entry_with_the_whole_chain_recomputed_is_found_at_the_next_checkpoint()
    {
        var verification = await VerifyTamperedAsync(lines => AuditLogFolder.Rechain(
            lines.Select((line, i) => i == 141 ? line.Replace("\"result\":\"ok\"", "\"result\":\"denied\"", StringComparison.Ordinal) : line)));

        Assert.Equal(200, verification.ProblemLine);
        Assert.Contains("bad signature", verification.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "Checkpoint entry 100 (line 100) is signed by key")]
    [InlineData(true, "Checkpoint entry 100 (line 100) has a bad signature")]
    public async Task A_log_rewritten_consistently_with_another_key_fails_at_its_first_checkpoint(bool underTheRegistersKeyId, string problem)
    {
        using var folder = await WrittenLogAsync();
        File.Delete(folder.LogFile);
        using var registerKey = AuditSigningKey.Load(folder.KeyFile);
        var otherKey = AuditSigningKey.LoadOrCreate(Path.Combine(folder.Path, "stolen", "other.key"));
        await folder.WriteAsync(Events, signer: underTheRegistersKeyId ? new ForgedSigner(registerKey.KeyId, otherKey) : otherKey);

        var verification = folder.Verify();

        Assert.False(verification.IsIntact);
        Assert.Equal(100, verification.ProblemLine);
        Assert.Equal(0, verification.CheckpointsVerified);
        Assert.StartsWith(problem, verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_log_is_not_intact_and_an_empty_one_is()
    {
        using var folder = new AuditLogFolder();
        AuditSigningKey.LoadOrCreate(folder.KeyFile).Dispose();

        Assert.False(folder.Verify().IsIntact);
        Assert.StartsWith("There is no audit log at", folder.Verify().Problem, StringComparison.Ordinal);

        Directory.CreateDirectory(Path.GetDirectoryName(folder.LogFile)!);
        File.WriteAllBytes(folder.LogFile, []);
        var empty = folder.Verify();
        Assert.True(empty.IsIntact);
        Assert.Equal(0, empty.EntriesRead);
    }

    private static async Task<AuditLogFolder> WrittenLogAsync()
    {
        var folder = new AuditLogFolder();
        await folder.WriteAsync(Events, checkpointInterval: 100);
        var verification = folder.Verify();
        Assert.True(verification.IsIntact, verification.Problem);
        return folder;
    }

    /// <summary>A written log, changed by <paramref name="tamper"/> line by line, verified: not intact.</summary>
    private static async Task<AuditLogVerification> VerifyTamperedAsync(Func<List<string>, IEnumerable<string>> tamper)
    {
        using var folder = await WrittenLogAsync();
        var lines = folder.Lines();
        var tampered = tamper(lines).ToList();
        Assert.NotEqual(folder.Lines(), tampered);
        folder.Rewrite(tampered);

        var verification = folder.Verify();

        Assert.False(verification.IsIntact);
        return verification;
    }

    private static int StartOfLine(byte[] bytes, int line)
    {
        var start = 0;
        for (var i = 1; i < line; i++)
        {
            start = Array.IndexOf(bytes, (byte)'\n', start) + 1;
        }

        return start;
    }

    /// <summary>A thief's key that puts the register's key id on its checkpoints.</summary>
    private sealed class ForgedSigner(string keyId, AuditSigningKey key) : IAuditSigner, IDisposable
    {
        public string KeyId => keyId;

        public byte[] Sign(ReadOnlySpan<byte> data) => key.Sign(data);

        public void Dispose() => key.Dispose();
    }
}
