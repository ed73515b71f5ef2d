using Hilmo.Statistics.Signals;
using Hilmo.Statistics.Signals.Alerts;

namespace Hilmo.Testing.Storage;

/// <summary>Issue 20: a signal run's alerts are kept as one unit with the as-of time they were computed at.</summary>
public abstract partial class RegisterStoreContract
{
    private static readonly DateOnly SignalFirst = new(2023, 1, 2);

    /// <summary>Three years of 12 visits a day in county 06, five times that on seven days 40 days before the end.</summary>
    private static SyndromeSeries OutbreakSeries(string county, string syndrome, int outbreakStart)
    {
        var observed = Enumerable.Repeat(12, 3 * 365).ToArray();
        for (var d = outbreakStart; d < outbreakStart + 7; d++)
        {
            observed[d] = 60;
        }

        return new SyndromeSeries(county, syndrome, SignalFirst, observed, [.. observed.Select(_ => 1.0)], [.. observed.Select(o => (double)o)]);
    }

    private static IEnumerable<SignalAlert> InStoreOrder(IEnumerable<SignalAlert> alerts) => alerts
        .OrderBy(a => a.Period).ThenBy(a => a.County, StringComparer.Ordinal).ThenBy(a => a.Syndrome, StringComparer.Ordinal)
        .ThenBy(a => a.Resolution.Code(), StringComparer.Ordinal).ThenBy(a => a.Method.Code(), StringComparer.Ordinal);

    [Fact]
    public async Task A_signal_run_reads_back_as_computed_and_running_it_again_at_the_same_as_of_gives_the_same_alerts()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        // An as-of with ticks below the microsecond: the run cuts them, so the stored as-of reads back equal.
        var asOf = new DateTimeOffset(2026, 1, 5, 6, 30, 0, TimeSpan.Zero).AddTicks(12_345_678);
        var series = new[] { OutbreakSeries("06", "ili", 3 * 365 - 40), OutbreakSeries("11", "gastro", 3 * 365 - 100) };
        var first = new SignalRun().Run(series, asOf);
        Assert.True(first.Alerts.Count > 10, "the outbreaks raised few alerts: the round trip would prove little");
        await Store.StoreSignalRunAsync(first, cancellationToken);
        var stored = await Store.ListSignalAlertsAsync(new(), cancellationToken);
        Assert.Equal(InStoreOrder(first.Alerts), stored);

        // Computed again from the same series at the same as-of, and stored again: the same alerts, once.
        Clock.Advance(TimeSpan.FromHours(1));
        var again = new SignalRun().Run(series, asOf);
        await Store.StoreSignalRunAsync(again, cancellationToken);
        Assert.Equal(stored, await Store.ListSignalAlertsAsync(new(), cancellationToken));

        // A later run, of no alerts, is the latest; the earlier one is still read by its as-of.
        var later = new SignalRun().Run([new SyndromeSeries("06", "ili", SignalFirst, [.. Enumerable.Repeat(12, 3 * 365)], [.. Enumerable.Repeat(1.0, 3 * 365)], [.. Enumerable.Repeat(12.0, 3 * 365)])], asOf.AddDays(1));
        Assert.Empty(later.Alerts);
        await Store.StoreSignalRunAsync(later, cancellationToken);
        Assert.Empty(await Store.ListSignalAlertsAsync(new(), cancellationToken));
        Assert.Equal(stored, await Store.ListSignalAlertsAsync(new(AsOf: first.AsOf), cancellationToken));

        // The filters, each against the same selection made here.
        var outbreakFrom = SignalFirst.AddDays(3 * 365 - 40);
        var filtered = await Store.ListSignalAlertsAsync(new(From: outbreakFrom, To: outbreakFrom.AddDays(3), Syndrome: "ili", County: "06", Method: SignalMethod.Farrington, AsOf: first.AsOf), cancellationToken);
        Assert.NotEmpty(filtered);
        Assert.Equal(InStoreOrder(first.Alerts.Where(a => a.Period >= outbreakFrom && a.Period <= outbreakFrom.AddDays(3)
            && a.Syndrome == "ili" && a.County == "06" && a.Method == SignalMethod.Farrington)), filtered);
        Assert.Empty(await Store.ListSignalAlertsAsync(new(County: "06", Syndrome: "gastro", AsOf: first.AsOf), cancellationToken));
    }
}
