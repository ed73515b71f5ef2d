using System.Text.Json;
using Hilmo.Audit;
using Hilmo.Identity;

namespace Hilmo.Tests.Audit;

public sealed class AuditLogFileTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_untouched_log_of_many_entries_verifies_with_every_checkpoint_and_ends_signed()
    {
        using var folder = new AuditLogFolder();

        await folder.WriteAsync(2_345, checkpointInterval: 100);

        var verification = folder.Verify();
        Assert.True(verification.IsIntact, verification.Problem);
        // 2,345 events, a checkpoint at every hundredth sequence number (23 of them up to 2,368)
        // and one more when the log was closed.
        Assert.Equal(2_345 + 23 + 1, verification.EntriesRead);
        Assert.Equal(24, verification.CheckpointsVerified);
        Assert.Equal(verification.EntriesRead, verification.LastCheckpointSequence);
        Assert.Equal(0, verification.EntriesAfterLastCheckpoint);
        Assert.Null(verification.ProblemLine);
    }

    [Fact]
    public async Task Each_entry_is_one_json_line_with_its_place_the_utc_time_the_event_and_its_chain_hashes()
    {
        using var folder = new AuditLogFolder();
        await using (var log = folder.Open())
        {
            await log.AppendAsync(new AuditEvent("cli:terhi", "key.create", "key/k7f3", "Käyttövaltuus: rekisterinpitäjä", "cli", "ok"), Cancellation);
        }

        var lines = folder.Lines();
        Assert.Equal(2, lines.Count);
        using var first = JsonDocument.Parse(lines[0]);
        var entry = first.RootElement;
        Assert.Equal(
            ["seq", "time", "kind", "actor", "action", "target", "reason", "from", "result", "prev", "hash"],
            entry.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, entry.GetProperty("seq").GetInt64());
        Assert.Equal("2026-11-23T10:00:00.000Z", entry.GetProperty("time").GetString());
        Assert.Equal("event", entry.GetProperty("kind").GetString());
        Assert.Equal("Käyttövaltuus: rekisterinpitäjä", entry.GetProperty("reason").GetString());
        Assert.Contains("Käyttövaltuus", lines[0], StringComparison.Ordinal);
        Assert.Equal(new string('0', 64), entry.GetProperty("prev").GetString());
        Assert.Equal(AuditLogFolder.Rechain(lines), lines);

        using var checkpoint = JsonDocument.Parse(lines[1]);
        Assert.Equal("checkpoint", checkpoint.RootElement.GetProperty("kind").GetString());
        Assert.Equal(entry.GetProperty("hash").GetString(), checkpoint.RootElement.GetProperty("prev").GetString());
        using var key = AuditSigningKey.Load(folder.KeyFile);
        Assert.Equal(key.KeyId, checkpoint.RootElement.GetProperty("key").GetString());
    }

    [Fact]
    public async Task An_entry_never_contains_a_control_character_and_an_over_long_field_is_cut_with_a_marker()
    {
        using var folder = new AuditLogFolder();
        const string Hostile = "evil\n{\"seq\":2}\r\tx\0\u001b[31m\u0085\u2028\u2029\u202Eabc\uD800z";
        await using (var log = folder.Open(new AuditLogOptions { MaxFieldLength = 100 }))
        {
            await log.AppendAsync(new AuditEvent(Hostile, "submission.read", new string('x', 5_000), Hostile, "198.51.100.7\n", "ok 😀"), Cancellation);
        }

        var bytes = File.ReadAllBytes(folder.LogFile);
        Assert.Equal(2, bytes.Count(b => b == '\n'));
        Assert.DoesNotContain(bytes, b => b < 0x20 && b != '\n');
        using var entry = JsonDocument.Parse(folder.Lines()[0]);
        var fields = entry.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).Select(p => p.Value.GetString()!).ToList();
        Assert.All(fields, field => Assert.DoesNotContain(field, c => char.IsControl(c) || c is '\u2028' or '\u2029' or '\u202E' || (char.IsSurrogate(c) && !field.Contains("😀", StringComparison.Ordinal))));
        Assert.Equal("evil\uFFFD{\"seq\":2}\uFFFD\uFFFDx\uFFFD\uFFFD[31m\uFFFD\uFFFD\uFFFD\uFFFDabc\uFFFDz", entry.RootElement.GetProperty("actor").GetString());
        var target = entry.RootElement.GetProperty("target").GetString()!;
        Assert.Equal(100, target.Length);
        Assert.EndsWith(AuditText.TruncationMarker, target, StringComparison.Ordinal);
        Assert.Equal("ok 😀", entry.RootElement.GetProperty("result").GetString());
        Assert.True(folder.Verify().IsIntact);
    }

    [Fact]
    public async Task Text_of_an_identity_codes_shape_is_masked_in_every_field_and_nothing_else_is_touched()
    {
        using var folder = new AuditLogFolder();
        await using (var log = folder.Open())
        {
            // A valid code, one with a wrong check character, a temporary one, lower case and the
            // signs of each century, where operators' and clients' text can reach a field.
            await log.AppendAsync(new AuditEvent("cli:131052-308T", "submission.create", "submission/7 file/potilas_131052-308t.ndjson",
                "010130+1235 and 311299A999X", "cli", "ok: received 1000000, accepted 100000; 2026-03-10T12:00; 1.2.246.10.2345678.10.2026.7"), Cancellation);
        }

        var line = folder.Lines()[0];
        using var entry = JsonDocument.Parse(line);
        var root = entry.RootElement;
        foreach (var code in new[] { "131052-308T", "131052-308t", "010130+1235", "311299A999X" })
        {
            Assert.DoesNotContain(code, line, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal($"cli:{AuditText.MaskedIdentityCode}", root.GetProperty("actor").GetString());
        Assert.Equal($"submission/7 file/potilas_{AuditText.MaskedIdentityCode}.ndjson", root.GetProperty("target").GetString());
        Assert.Equal($"{AuditText.MaskedIdentityCode} and {AuditText.MaskedIdentityCode}", root.GetProperty("reason").GetString());
        Assert.Equal("ok: received 1000000, accepted 100000; 2026-03-10T12:00; 1.2.246.10.2345678.10.2026.7", root.GetProperty("result").GetString());
        Assert.True(folder.Verify().IsIntact);
    }

    [Fact]
    public async Task Two_logs_appending_at_once_as_two_processes_would_make_one_valid_chain_with_every_event_once()
    {
        using var folder = new AuditLogFolder();
        const int PerWriter = 600;
        var first = folder.Open(new AuditLogOptions { CheckpointInterval = 50 });
        var second = folder.Open(new AuditLogOptions { CheckpointInterval = 50 });

        await Task.WhenAll(
            AppendConcurrentlyAsync(first, 0, PerWriter),
            AppendConcurrentlyAsync(second, PerWriter, PerWriter));
        await first.DisposeAsync();
        await second.DisposeAsync();

        var verification = folder.Verify();
        Assert.True(verification.IsIntact, verification.Problem);
        var targets = folder.Lines()
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("kind").GetString() == "event")
            .Select(e => e.GetProperty("target").GetString())
            .ToList();
        Assert.Equal(Enumerable.Range(1, 2 * PerWriter).Select(i => $"submission/{i}").Order(), targets.Order());
        Assert.True(verification.CheckpointsVerified >= 2 * PerWriter / 50);
        Assert.Equal(0, verification.EntriesAfterLastCheckpoint);
    }

    [Fact]
    public async Task A_log_reopened_later_goes_on_with_the_same_chain()
    {
        using var folder = new AuditLogFolder();
        await folder.WriteAsync(30, checkpointInterval: 1000);
        await folder.WriteAsync(30, checkpointInterval: 1000);

        var verification = folder.Verify();

        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(62, verification.EntriesRead);
        Assert.Equal(2, verification.CheckpointsVerified);
    }

    [Fact]
    public async Task A_log_not_closed_verifies_but_counts_the_entries_after_its_last_checkpoint()
    {
        using var folder = new AuditLogFolder();
        await folder.WriteAsync(150, checkpointInterval: 100);
        var log = folder.Open(new AuditLogOptions { CheckpointInterval = 100 });
        for (var i = 0; i < 7; i++)
        {
            await log.AppendAsync(AuditLogFolder.Event(i), Cancellation);
        }

        var verification = folder.Verify();

        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(152, verification.LastCheckpointSequence);
        Assert.Equal(7, verification.EntriesAfterLastCheckpoint);
        await log.DisposeAsync();
        Assert.Equal(0, folder.Verify().EntriesAfterLastCheckpoint);
    }

    [Fact]
    public async Task A_write_cut_short_by_a_crash_is_dropped_by_the_next_append_and_the_chain_stays_valid()
    {
        using var folder = new AuditLogFolder();
        await folder.WriteAsync(10);
        var whole = File.ReadAllBytes(folder.LogFile);
        await folder.WriteAsync(1);
        var withTorn = File.ReadAllBytes(folder.LogFile)[..(whole.Length + 40)];
        File.WriteAllBytes(folder.LogFile, withTorn);

        var torn = folder.Verify();
        Assert.False(torn.IsIntact);
        Assert.Equal(12, torn.ProblemLine);
        Assert.Contains("no line end", torn.Problem, StringComparison.Ordinal);

        await folder.WriteAsync(3);
        var repaired = folder.Verify();
        Assert.True(repaired.IsIntact, repaired.Problem);
        // Entry 12 was never whole, so the next writer's first event takes its place.
        Assert.Equal(11 + 3 + 1, repaired.EntriesRead);
    }

    [Fact]
    public async Task A_last_entry_that_lost_only_its_line_end_is_kept()
    {
        using var folder = new AuditLogFolder();
        await folder.WriteAsync(10);
        File.WriteAllBytes(folder.LogFile, File.ReadAllBytes(folder.LogFile)[..^1]);

        await folder.WriteAsync(1);

        var verification = folder.Verify();
        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(13, verification.EntriesRead);
    }

    [Fact]
    public async Task Appending_after_a_damaged_last_entry_is_refused_rather_than_chained_to_it()
    {
        using var folder = new AuditLogFolder();
        await folder.WriteAsync(5);
        var lines = folder.Lines();
        lines[^1] = lines[^1].Replace("\"checkpoint\"", "\"checkpoinT\"", StringComparison.Ordinal);
        folder.Rewrite(lines);

        var log = folder.Open();
        var refused = await Assert.ThrowsAsync<InvalidDataException>(async () => await log.AppendAsync(AuditLogFolder.Event(1), Cancellation));
        await Assert.ThrowsAsync<InvalidDataException>(async () => await log.DisposeAsync());

        Assert.Contains("hilmo audit verify", refused.Message, StringComparison.Ordinal);
        Assert.Equal(lines, folder.Lines());
    }

    [Fact]
    public async Task A_closed_log_refuses_more_events()
    {
        using var folder = new AuditLogFolder();
        var log = folder.Open();
        await log.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await log.AppendAsync(AuditLogFolder.Event(1), Cancellation));
    }

    private static async Task AppendConcurrentlyAsync(AuditLogFile log, int offset, int count)
    {
        // Eight callers per log, as a server's requests would, so batches form as well.
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) =>
            await log.AppendAsync(AuditLogFolder.Event(offset + i + 1), token));
    }
}
