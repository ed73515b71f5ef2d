using Hilmo.Statistics.Signals;

namespace Hilmo.Tests.Statistics.Signals;

/// <summary>The empirical delay distribution: completeness is the cumulative share within the final delay, the nowcast observed over it.</summary>
public sealed class ReportingDelayTests
{
    [Fact]
    public void Completeness_is_the_share_of_the_reference_visits_arrived_within_the_days_elapsed_out_of_those_within_the_final_delay()
    {
        // 5 the same day, 3 after two days, 2 after 28 days, 4 after 29 (not final-day records: ignored).
        var counts = new long[30];
        (counts[0], counts[2], counts[28], counts[29]) = (5, 3, 2, 4);
        var delay = new ReportingDelay(counts);

        Assert.Equal(10, delay.ReferenceVisits);
        Assert.Equal(0.5, delay.Completeness(0));
        Assert.Equal(0.5, delay.Completeness(1));
        Assert.Equal(0.8, delay.Completeness(2), 12);
        Assert.Equal(0.8, delay.Completeness(27), 12);
        Assert.Equal(1, delay.Completeness(ReportingDelay.FinalAfterDays));
        Assert.Equal(1, delay.Completeness(400));
        Assert.True(double.IsNaN(delay.Completeness(-1)), "a day after the as-of time has no completeness");
        Assert.Equal(14, delay.Nowcast(7, 0), 12);
        Assert.Equal(10, delay.Nowcast(8, 2), 12);
    }

    [Fact]
    public void Without_reference_visits_only_final_days_have_a_completeness_and_a_day_nothing_arrives_so_soon_has_no_nowcast()
    {
        var empty = new ReportingDelay([]);
        Assert.True(double.IsNaN(empty.Completeness(3)));
        Assert.Equal(1, empty.Completeness(ReportingDelay.FinalAfterDays));
        Assert.True(double.IsNaN(empty.Nowcast(4, 3)));

        var late = new ReportingDelay([0, 0, 6]);
        Assert.Equal(0, late.Completeness(1));
        Assert.True(double.IsNaN(late.Nowcast(0, 1)));
        Assert.Equal(6, late.Nowcast(6, 2));
    }

    [Fact]
    public void The_reference_window_is_the_eight_weeks_before_the_latest_final_day()
    {
        var asOf = new DateOnly(2026, 3, 31);
        Assert.Equal(new DateOnly(2026, 3, 2), ReportingDelay.ReferenceTo(asOf));
        Assert.Equal(ReportingDelay.ReferenceDays, ReportingDelay.ReferenceTo(asOf).DayNumber - ReportingDelay.ReferenceFrom(asOf).DayNumber + 1);
        Assert.Throws<ArgumentException>(() => new ReportingDelay([1, -1]));
    }
}
