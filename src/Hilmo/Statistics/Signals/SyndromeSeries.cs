namespace Hilmo.Statistics.Signals;

/// <summary>
/// One wellbeing services county's daily counts of one syndrome by visit date, as the register
/// held them at an as-of time: <see cref="Observed"/> what had arrived, <see cref="Completeness"/>
/// the share of each day's final count expected to have arrived by then (from the register's own
/// reporting delays), <see cref="Nowcast"/> the estimated final count. All three are as long as
/// the series; day i is <see cref="First"/> + i.
/// </summary>
public sealed record SyndromeSeries(string County, string Syndrome, DateOnly First, int[] Observed, double[] Completeness, double[] Nowcast);
