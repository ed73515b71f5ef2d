using System.Globalization;

namespace Hilmo.Audit;

/// <summary>
/// Refused requests written to the audit log without letting a caller fill it: the first refusal
/// of a kind (the same caller and address, action, target and reason for refusing) in a window is
/// written in full before it is answered; the same refusal again within the window is only
/// counted, and the count is written as one summary entry when the window has closed, when the
/// same refusal comes again after it, or when the register shuts down.
/// </summary>
/// <remarks>
/// <para>
/// A summary is the refusal's own entry with its result extended:
/// <c>denied: … (and 999 further alike between 2026-03-10T12:00:00.123Z and 2026-03-10T12:00:59.870Z)</c>.
/// So the counts are exact: every refusal is either an entry or counted in exactly one summary.
/// Entries go through the log as any other, so the chain and its signatures are unchanged.
/// </para>
/// <para>
/// Counts not yet written live in memory: a process that is killed loses at most one window's
/// counts (never a first refusal). At most <see cref="MaxOpenWindows"/> windows are kept; when
/// more are open, the oldest is closed and its summary written early.
/// </para>
/// </remarks>
public sealed class RefusalAggregator : IAsyncDisposable
{
    /// <summary>Windows kept open at most, whatever the number of callers.</summary>
    public const int MaxOpenWindows = 10_000;

    private readonly IAuditLog log;
    private readonly TimeProvider time;
    private readonly TimeSpan window;
    private readonly Lock gate = new();
    private readonly Dictionary<AuditEvent, Window> open = [];

    /// <param name="log">The audit log the entries go to.</param>
    /// <param name="time">The clock windows are measured by.</param>
    /// <param name="window">How long after a refusal written in full the same refusal is only counted.</param>
    public RefusalAggregator(IAuditLog log, TimeProvider time, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        this.log = log;
        this.time = time;
        this.window = window;
    }

    /// <summary>The usual window: a minute.</summary>
    public static TimeSpan DefaultWindow { get; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Audits <paramref name="refusal"/>: true when it was written in full (the task completes when
    /// it is on disk), false when it was counted in an open window.
    /// </summary>
    public async ValueTask<bool> AppendAsync(AuditEvent refusal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        List<(AuditEvent Refusal, Window Window)> closed = [];
        Window opened;
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (open.TryGetValue(refusal, out var current))
            {
                if (now < current.Opened + window)
                {
                    current.Count(now);
                    return false;
                }

                open.Remove(refusal);
                closed.Add((refusal, current));
            }

            if (open.Count >= MaxOpenWindows)
            {
                closed.AddRange(TakeWhere((_, w) => now >= w.Opened + window));
                if (open.Count >= MaxOpenWindows)
                {
                    var oldest = open.MinBy(o => o.Value.Opened);
                    open.Remove(oldest.Key);
                    closed.Add((oldest.Key, oldest.Value));
                }
            }

            opened = new Window(now);
            open[refusal] = opened;
        }

        try
        {
            // The summary of the window before goes first, so the log reads in order.
            await WriteSummariesAsync(closed).ConfigureAwait(false);
            await log.AppendAsync(refusal, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Not written: counted in the window's summary instead, so the count stays exact.
            lock (gate)
            {
                opened.Count(opened.Opened);
            }

            throw;
        }

        return true;
    }

    /// <summary>Closes the windows that have ended and writes their summaries (those that counted any); called every little while.</summary>
    public Task FlushClosedAsync()
    {
        List<(AuditEvent Refusal, Window Window)> closed;
        lock (gate)
        {
            var now = time.GetUtcNow();
            closed = TakeWhere((_, w) => now >= w.Opened + window);
        }

        return WriteSummariesAsync(closed);
    }

    /// <summary>Closes every window and writes its summary, as at shutdown.</summary>
    public Task FlushAllAsync()
    {
        List<(AuditEvent Refusal, Window Window)> closed;
        lock (gate)
        {
            closed = TakeWhere((_, _) => true);
        }

        return WriteSummariesAsync(closed);
    }

    public async ValueTask DisposeAsync() => await FlushAllAsync().ConfigureAwait(false);

    /// <summary>The summary entry of <paramref name="count"/> further refusals like <paramref name="refusal"/> between two moments.</summary>
    public static AuditEvent Summary(AuditEvent refusal, long count, DateTimeOffset first, DateTimeOffset last)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return refusal with
        {
            Result = string.Create(CultureInfo.InvariantCulture,
                $"{refusal.Result} (and {count} further alike between {first.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} and {last.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'})"),
        };
    }

    private List<(AuditEvent Refusal, Window Window)> TakeWhere(Func<AuditEvent, Window, bool> closes)
    {
        var taken = open.Where(o => closes(o.Key, o.Value)).Select(o => (o.Key, o.Value)).ToList();
        foreach (var (refusal, _) in taken)
        {
            open.Remove(refusal);
        }

        return taken;
    }

    private async Task WriteSummariesAsync(List<(AuditEvent Refusal, Window Window)> closed)
    {
        var due = closed.Where(c => c.Window.Further > 0).OrderBy(c => c.Window.First).ToList();
        for (var i = 0; i < due.Count; i++)
        {
            try
            {
                // Not a request's token: a summary once due is written even when its client has gone.
                await log.AppendAsync(Summary(due[i].Refusal, due[i].Window.Further, due[i].Window.First, due[i].Window.Last), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Not written: the counts go back, to be written with the next summary of their kind.
                foreach (var (refusal, counted) in due[i..])
                {
                    Restore(refusal, counted);
                }

                throw;
            }
        }
    }

    private void Restore(AuditEvent refusal, Window counted)
    {
        lock (gate)
        {
            if (open.TryGetValue(refusal, out var current))
            {
                current.Merge(counted);
            }
            else
            {
                open[refusal] = counted;
            }
        }
    }

    private sealed class Window(DateTimeOffset opened)
    {
        public DateTimeOffset Opened { get; } = opened;

        /// <summary>Refusals counted after the one written in full.</summary>
        public long Further { get; private set; }

        public DateTimeOffset First { get; private set; }

        public DateTimeOffset Last { get; private set; }

        public void Count(DateTimeOffset at)
        {
            First = Further == 0 || at < First ? at : First;
            Last = Further == 0 || at > Last ? at : Last;
            Further++;
        }

        public void Merge(Window other)
        {
            if (other.Further == 0)
            {
                return;
            }

            First = Further == 0 || other.First < First ? other.First : First;
            Last = other.Last > Last ? other.Last : Last;
            Further += other.Further;
        }
    }
}
