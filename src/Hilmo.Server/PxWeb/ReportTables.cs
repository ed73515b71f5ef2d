using Hilmo.Server.Reports;
using Hilmo.Statistics;
using Hilmo.Statistics.Dimensions;
using Hilmo.Statistics.Reports;

namespace Hilmo.Server.PxWeb;

/// <summary>
/// The reports as PxWeb tables: one table per table a release publishes of a report
/// (<see cref="ReportDefinition.Publication"/>), with the report's measures, its fixed
/// dimensions and every year published so far.
/// </summary>
/// <remarks>
/// A report is not one table because its published tables are protected one by one: a
/// combination of dimensions from two of them is refused by the public API (it could be
/// differenced), so a single PxWeb table with all of them would have selections it cannot
/// answer. Each PxWeb table is one protected table, whose every selection (a variable
/// eliminated to its total included) is a set of its cells.
/// </remarks>
internal sealed class ReportTables : IPxTableSource
{
    public ReportTables(ReportRunner reports, StatisticsService statistics)
    {
        var years = new PublishedYears(reports, statistics);
        Tables = [.. ReportCatalogue.All.SelectMany(report => report.Publication.Select((_, index) => (IPxTable)new ReportTable(report, index, reports, years)))];
    }

    public IReadOnlyList<IPxTable> Tables { get; }

    /// <summary>
    /// The years' protected tables side by side along time. Each year's figures and withheld
    /// cells are taken as they are; the years' totals are left out, since the public API
    /// publishes no total over several years, and a category a year lacks (a unit that began
    /// later) has no figure that year.
    /// </summary>
    internal static StatisticsTable YearsJoined(IReadOnlyList<StatisticsTable> years)
    {
        var latest = years[^1];
        var dimensions = new List<TableDimension>();
        for (var d = 0; d < latest.Dimensions.Count; d++)
        {
            var categories = new List<TableCategory>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var isTime = latest.Dimensions[d].Role == DimensionRole.Time;
            foreach (var year in years)
            {
                foreach (var category in year.Dimensions[d].Categories)
                {
                    if (isTime && category.Code == ReportDimension.TotalCode)
                    {
                        continue;
                    }

                    if (seen.Add(category.Code))
                    {
                        categories.Add(isTime ? category with { Parent = null } : category);
                    }
                }
            }

            dimensions.Add(latest.Dimensions[d] with { Categories = categories });
        }

        var metadata = latest.Metadata with { Updated = years.Max(y => y.Metadata.Updated) };
        var cube = new StatisticsTable(metadata, dimensions, latest.Measures);
        var timeAt = dimensions.FindIndex(d => d.Role == DimensionRole.Time);
        var yearOf = new Dictionary<string, StatisticsTable>(StringComparer.Ordinal);
        foreach (var year in years)
        {
            foreach (var category in year.Dimensions[timeAt].Categories)
            {
                yearOf.TryAdd(category.Code, year);
            }
        }

        var at = new int[dimensions.Count];
        for (var cell = 0; cell < cube.CellCount; cell++)
        {
            var source = yearOf[dimensions[timeAt].Categories[cube.CategoryOf(cell, timeAt)].Code];
            var present = true;
            for (var d = 0; d < dimensions.Count && present; d++)
            {
                at[d] = source.Dimensions[d].IndexOf(dimensions[d].Categories[cube.CategoryOf(cell, d)].Code);
                present = at[d] >= 0;
            }

            for (var m = 0; m < cube.Measures.Count; m++)
            {
                if (!present)
                {
                    cube.SetValue(cell, m, null);
                    continue;
                }

                var from = source.CellOf(at);
                if (source.Status(from, m) is CellStatus.PrimarySuppressed or CellStatus.SecondarySuppressed)
                {
                    cube.Suppress(cell, m, source.Status(from, m));
                }
                else
                {
                    cube.SetValue(cell, m, source.Value(from, m));
                }
            }
        }

        return cube;
    }

    /// <summary>
    /// The years a report has published figures for (<see cref="StatisticsService.PublishedYearsAsync"/>),
    /// each with the report's first published table of the year, read through the public path
    /// (the computed tables are kept by <see cref="ReportRunner"/>).
    /// </summary>
    private sealed class PublishedYears(ReportRunner reports, StatisticsService statistics)
    {
        public async Task<IReadOnlyList<(int Year, StatisticsTable First)>> OfAsync(ReportDefinition report, CancellationToken cancellationToken)
        {
            var years = await reports.ComputeAsync(token => statistics.PublishedYearsAsync(report, token), cancellationToken).ConfigureAwait(false);
            var found = new List<(int, StatisticsTable)>();
            foreach (var year in years)
            {
                try
                {
                    found.Add((year, await reports.TableAsync(ReportTable.PublicRequest(report, 0, year), cancellationToken).ConfigureAwait(false)));
                }
                catch (NotPublishedException)
                {
                    // A year the release could not protect the first table of publishes none of the report's tables.
                }
            }

            return found;
        }
    }

    private sealed class ReportTable(ReportDefinition report, int index, ReportRunner reports, PublishedYears years) : IPxTable
    {
        private readonly IReadOnlyList<string> dimensions = report.Publication[index];

        public string Id { get; } = $"{report.Name}-by-{string.Join('-', report.Publication[index].Where(code => !IsTime(report, code)))}";

        public LocalizedText Label { get; } = Titled(report, report.Publication[index]);

        public LocalizedText Description => report.Description;

        public PxSubject Subject { get; } = new(report.Name, report.Title);

        public IReadOnlyList<LocalizedText> VariableNames { get; } =
        [
            .. report.Publication[index].Select(code => report.Dimensions.First(d => d.Code == code).Label),
            .. report.FixedDimensions.Select(d => d.Label),
            PxVariables.MeasureLabel,
        ];

        /// <summary>The public request for the whole of this table in one year: exactly what <c>/api/v1/statistics</c> answers for it.</summary>
        public static ReportRequest PublicRequest(ReportDefinition report, int index, int year) =>
            new(report.Name, new ReportPeriod(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)), report.Publication[index], Audience: ReportAudience.Public);

        /// <remarks>
        /// The report's years, read off its first table: listing every table must not protect
        /// every table of every year (minutes on national data, through the report limiter). In
        /// the rare year a later table is not published (its small counts could only be withheld
        /// with the totals the first one publishes), its data simply has no periods of that year.
        /// </remarks>
        public async Task<PxTableSpan> SpanAsync(CancellationToken cancellationToken)
        {
            var published = await years.OfAsync(report, cancellationToken).ConfigureAwait(false);
            if (published.Count == 0)
            {
                throw new NotPublishedException($"No release publishes figures of {report.Name} yet.");
            }

            var (first, last) = (published[0].Year, published[^1].Year);
            var time = dimensions.First(code => IsTime(report, code));
            var updated = published.Max(p => p.First.Metadata.Updated);
            return time switch
            {
                "month" => new PxTableSpan($"{first}-01", $"{last}-12", updated, "Monthly"),
                "quarter" => new PxTableSpan($"{first}-Q1", $"{last}-Q4", updated, "Quarterly"),
                "year" => new PxTableSpan($"{first}", $"{last}", updated, "Annual"),
                _ => new PxTableSpan($"{first}", $"{last}", updated, "Other"),
            };
        }

        public async Task<StatisticsTable> CubeAsync(CancellationToken cancellationToken)
        {
            var parts = new List<StatisticsTable>();
            foreach (var (year, first) in await years.OfAsync(report, cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    parts.Add(index == 0 ? first : await reports.TableAsync(PublicRequest(report, index, year), cancellationToken).ConfigureAwait(false));
                }
                catch (NotPublishedException)
                {
                    // The public API publishes only the report's first table for this year; so does this one.
                }
            }

            return parts.Count == 0
                ? throw new NotPublishedException($"No release publishes the table {Id} yet.")
                : YearsJoined(parts);
        }

        private static bool IsTime(ReportDefinition report, string code) =>
            report.Dimensions.First(d => d.Code == code).Role == DimensionRole.Time;

        /// <summary>"Visits by county and month", in each language, as PxWeb titles its tables.</summary>
        private static LocalizedText Titled(ReportDefinition report, IReadOnlyList<string> codes)
        {
            var labels = codes.Where(code => !IsTime(report, code)).Append(codes.First(code => IsTime(report, code)))
                .Select(code => report.Dimensions.First(d => d.Code == code).Label).ToList();
            string In(string language, string by, string and) =>
                $"{report.Title.In(language)} {by} {Joined(labels.Select(l => l.In(language).ToLowerInvariant()).ToList(), and)}";
            return new LocalizedText(In("fi", "–", "ja"), In("sv", "efter", "och"), In("en", "by", "and"));
        }

        private static string Joined(IReadOnlyList<string> items, string and) =>
            items.Count == 1 ? items[0] : $"{string.Join(", ", items.Take(items.Count - 1))} {and} {items[^1]}";
    }
}
