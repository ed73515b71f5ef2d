using System.Globalization;
using System.Text.RegularExpressions;
using Hilmo.Audit;
using Hilmo.Testing;

namespace Hilmo.Tests.Audit;

/// <summary>Repeated refusals counted into summaries: bounded entries, exact counts, a chain that still verifies.</summary>
public sealed partial class RefusalAggregatorTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private static AuditEvent Refusal(string from = "192.0.2.15", string target = "web") =>
        new("anonymous", "web.sign-in", target, "sign-in to the register's web pages", from, "denied: not a key with a web view");

    [Fact]
    public async Task Refusals_alike_within_a_window_are_one_entry_and_one_summary_when_the_window_closes()
    {
        using var folder = new AuditLogFolder();
        await using (var log = folder.Open(new AuditLogOptions { CheckpointInterval = 100 }))
        {
            var refusals = new RefusalAggregator(log, folder.Clock, Window);
            var written = 0;
            for (var i = 0; i < 1000; i++)
            {
                written += await refusals.AppendAsync(Refusal(), TestContext.Current.CancellationToken) ? 1 : 0;
                folder.Clock.Advance(TimeSpan.FromMilliseconds(50));
            }

            // 50 s: all in the first window; nothing more is written until it closes.
            Assert.Equal(1, written);
            await refusals.FlushClosedAsync();
            Assert.Single(AuditLogEvents.Read(folder.LogFile));
            folder.Clock.Advance(TimeSpan.FromSeconds(11));
            await refusals.FlushClosedAsync();
            await refusals.FlushClosedAsync();
        }

        var events = AuditLogEvents.Read(folder.LogFile);
        Assert.Equal(2, events.Count);
        Assert.Equal(1000, events.Sum(Counted));
        Assert.Equal("denied: not a key with a web view (and 999 further alike between 2026-11-23T10:00:00.050Z and 2026-11-23T10:00:49.950Z)", events[1].Result);
        Assert.True(folder.Verify().IsIntact);
    }

    [Fact]
    public async Task A_refusal_after_its_window_writes_the_summary_before_it_and_disposal_writes_the_rest()
    {
        using var folder = new AuditLogFolder();
        await using (var log = folder.Open())
        {
            await using var refusals = new RefusalAggregator(log, folder.Clock, Window);
            for (var i = 0; i < 10; i++)
            {
                await refusals.AppendAsync(Refusal(), TestContext.Current.CancellationToken);
                await refusals.AppendAsync(Refusal(from: "198.51.100.7"), TestContext.Current.CancellationToken);
                folder.Clock.Advance(TimeSpan.FromSeconds(25));
            }
        }

        var events = AuditLogEvents.Read(folder.LogFile);
        // Windows open at 0, 75, 150 and 225 s, the first three with three refusals (an entry and a
        // summary of two), the last with one (an entry only): 7 entries per address.
        Assert.Equal(10, events.Where(e => e.From == "192.0.2.15").Sum(Counted));
        Assert.Equal(10, events.Where(e => e.From == "198.51.100.7").Sum(Counted));
        Assert.Equal(14, events.Count);
        Assert.True(folder.Verify() is { IsIntact: true, EntriesAfterLastCheckpoint: 0 });
    }

    [Fact]
    public async Task Open_windows_are_bounded_whatever_the_number_of_addresses()
    {
        var log = new ListLog();
        var clock = new ManualTimeProvider();
        var refusals = new RefusalAggregator(log, clock, Window);
        var total = RefusalAggregator.MaxOpenWindows + 500;
        for (var i = 0; i < total; i++)
        {
            // Each address twice: an entry and a count.
            var from = "10." + (i / 65536).ToString(CultureInfo.InvariantCulture) + "." + (i / 256 % 256).ToString(CultureInfo.InvariantCulture) + "." + (i % 256).ToString(CultureInfo.InvariantCulture);
            await refusals.AppendAsync(Refusal(from), TestContext.Current.CancellationToken);
            await refusals.AppendAsync(Refusal(from), TestContext.Current.CancellationToken);
        }

        // The oldest 500 were closed early to make room, with their summaries.
        Assert.Equal(total + 500, log.Events.Count);
        await refusals.FlushAllAsync();
        Assert.Equal(2 * total, log.Events.Sum(Counted));
    }

    [Fact]
    public async Task A_summary_that_cannot_be_written_is_kept_and_written_later_with_its_count()
    {
        var log = new ListLog();
        var clock = new ManualTimeProvider();
        var refusals = new RefusalAggregator(log, clock, Window);
        for (var i = 0; i < 5; i++)
        {
            await refusals.AppendAsync(Refusal(), TestContext.Current.CancellationToken);
        }

        clock.Advance(Window);
        log.Failing = true;
        await Assert.ThrowsAsync<IOException>(refusals.FlushClosedAsync);
        await Assert.ThrowsAsync<IOException>(async () => await refusals.AppendAsync(Refusal(), TestContext.Current.CancellationToken));
        log.Failing = false;
        await refusals.AppendAsync(Refusal(), TestContext.Current.CancellationToken);
        await refusals.FlushAllAsync();

        Assert.Equal(7, log.Events.Sum(Counted));
    }

    private static long Counted(AuditEvent refusal) =>
        SummaryCount().Match(refusal.Result) is { Success: true } summary ? long.Parse(summary.Groups[1].Value, CultureInfo.InvariantCulture) : 1;

    [GeneratedRegex(@"\(and ([0-9]+) further alike between ")]
    private static partial Regex SummaryCount();

    private sealed class ListLog : IAuditLog
    {
        public List<AuditEvent> Events { get; } = [];

        public bool Failing { get; set; }

        public ValueTask AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
        {
            if (Failing)
            {
                throw new IOException("disk full");
            }

            lock (Events)
            {
                Events.Add(auditEvent);
            }

            return ValueTask.CompletedTask;
        }
    }
}
