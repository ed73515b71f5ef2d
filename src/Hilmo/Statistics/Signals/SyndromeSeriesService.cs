using System.Globalization;
using Hilmo.Statistics.Dimensions;
using Hilmo.Statistics.Reports;
using Hilmo.Statistics.Sql;
using Hilmo.Storage;

namespace Hilmo.Statistics.Signals;

/// <summary>
/// A daily series of one county and syndrome as the register stood at an as-of time: the visits
/// counted by the <c>syndromes</c> report (by visit date) from <paramref name="First"/> on, each
/// day's completeness and its nowcast (<see cref="ReportingDelay"/>). The arrays have one element per day.
/// </summary>
/// <param name="County">The wellbeing services county of the clients' home municipality (<c>X</c> unknown).</param>
/// <param name="Syndrome">The syndrome's id.</param>
/// <param name="First">The first day of the series.</param>
/// <param name="Observed">The visits received by the as-of time.</param>
/// <param name="Completeness">The share of the day's final count those are estimated to be (1 for a final day).</param>
/// <param name="Nowcast">The estimated final count: observed / completeness; NaN where the completeness is 0 or unknown.</param>
public sealed record SyndromeSeries(string County, string Syndrome, DateOnly First, int[] Observed, double[] Completeness, double[] Nowcast);

/// <summary>
/// The daily syndrome series for signal detection, for the entitled (the register keeper and the
/// supervisors): every county and every syndrome, the restricted ones included, never disclosure-controlled.
/// </summary>
public sealed class SyndromeSeriesService(IRegisterStore store, StatisticsContext context)
{
    /// <summary>
    /// Every county × syndrome daily series from <paramref name="from"/> to <paramref name="to"/>
    /// (both included) as the register stood at <paramref name="asOf"/>: only versions received
    /// by then count, and the delay distribution is that of the reference window before it. One
    /// query: the visits by visit day, county, syndrome and reporting delay.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public async Task<IReadOnlyList<SyndromeSeries>> DailyAsync(DateOnly from, DateOnly to, DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        if (to < from)
        {
            throw new ArgumentException($"The series cannot end ({to:yyyy-MM-dd}) before it begins ({from:yyyy-MM-dd}).", nameof(to));
        }

        // The delay and the age of a day are in the UTC dates of receipt and of the as-of time alike.
        var asOfDate = DateOnly.FromDateTime(asOf.UtcDateTime);
        var referenceFrom = ReportingDelay.ReferenceFrom(asOfDate);
        var referenceTo = ReportingDelay.ReferenceTo(asOfDate);
        var queryFrom = from < referenceFrom ? from : referenceFrom;
        var queryTo = to > referenceTo ? to : referenceTo;
        var rows = await store.QueryReportAsync(Query(new ReportPeriod(queryFrom, queryTo), asOf), cancellationToken).ConfigureAwait(false);

        var days = to.DayNumber - from.DayNumber + 1;
        var delays = new long[ReportingDelay.FinalAfterDays + 1];
        var observed = new Dictionary<(string County, string Syndrome), int[]>();
        foreach (var row in rows)
        {
            var day = Date(row[0]);
            var county = (string)row[1]!;
            var syndrome = (string)row[2]!;
            var delay = Convert.ToInt32(row[3], CultureInfo.InvariantCulture);
            var count = Convert.ToInt32(row[4], CultureInfo.InvariantCulture);
            if (day >= referenceFrom && day <= referenceTo && delay <= ReportingDelay.FinalAfterDays)
            {
                delays[delay] += count;
            }

            if (day >= from && day <= to)
            {
                var key = (county, syndrome);
                if (!observed.TryGetValue(key, out var daily))
                {
                    observed[key] = daily = new int[days];
                }

                daily[day.DayNumber - from.DayNumber] += count;
            }
        }

        var distribution = new ReportingDelay(delays);
        var completeness = Enumerable.Range(0, days).Select(i => distribution.Completeness(asOfDate.DayNumber - (from.DayNumber + i))).ToArray();
        var counties = context.Regions.Counties.Select(c => c.Code).Append(ReportDimension.UnknownCode).ToList();
        var series = new List<SyndromeSeries>();
        foreach (var county in counties)
        {
            foreach (var syndrome in context.Syndromes.Syndromes)
            {
                var counts = observed.GetValueOrDefault((county, syndrome.Id)) ?? new int[days];
                var nowcast = new double[days];
                for (var i = 0; i < days; i++)
                {
                    nowcast[i] = distribution.Nowcast(counts[i], asOfDate.DayNumber - from.DayNumber - i);
                }

                series.Add(new SyndromeSeries(county, syndrome.Id, from, counts, (double[])completeness.Clone(), nowcast));
            }
        }

        return series;
    }

    /// <summary>
    /// The current completed visits of the period at the as-of time, by visit day, county,
    /// syndrome and delay: the days from the visit to its record's first receipt (of the versions
    /// received by then), at least 0, as a visit reported before midnight UTC may be dated the next Finnish day.
    /// </summary>
    private ReportQuery Query(ReportPeriod period, DateTimeOffset asOf)
    {
        var parameters = new List<object>();
        string Parameter(object value)
        {
            parameters.Add(value);
            return "$" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        }

        var request = new ReportRequest("syndromes", period, [], AsOf: asOf, Audience: ReportAudience.Entitled);
        var facts = EventFacts.Select(request, Parameter, "e.version_id, e.record_id");
        var county = DimensionCatalogue.County.Sql(context, FactShape.Events, "region");
        var text = $"SELECT f.event_date, {county.Levels[0].Expression} AS county, f.syndrome, f.delay, count(*) AS visits"
            + " FROM (SELECT v.event_date, v.municipality_id, m.syndrome,"
            + " greatest(CAST(CAST(r.first_received AS DATE) - v.event_date AS INTEGER), 0) AS delay"
            + $" FROM ({facts}) v"
            + $" JOIN (SELECT provider_id, record_id, min(received_at) AS first_received FROM {ReportRelations.Events}"
            + $" WHERE received_at <= {Parameter(asOf.UtcDateTime)} GROUP BY provider_id, record_id) r"
            + " ON r.provider_id = v.provider_id AND r.record_id = v.record_id"
            + $" JOIN {SyndromeSql.Memberships(context.Syndromes, [])} m ON m.version_id = v.version_id) f"
            + (county.Joins.Count > 0 ? " " + string.Join(" ", county.Joins) : "")
            + " GROUP BY 1, 2, 3, 4";
        return new ReportQuery(text, parameters);
    }

    private static DateOnly Date(object? value) => value switch
    {
        DateOnly day => day,
        DateTime time => DateOnly.FromDateTime(time),
        _ => throw new InvalidOperationException($"The store gave the visit day as {value?.GetType().Name ?? "null"}, not a date."),
    };
}
