using System.Collections.Concurrent;
using System.Globalization;
using Hilmo.Statistics.Dimensions;
using Hilmo.Statistics.Disclosure;
using Hilmo.Statistics.Indicators;
using Hilmo.Statistics.Reports;
using Hilmo.Statistics.Sql;
using Hilmo.Storage;

namespace Hilmo.Statistics.Publishing;

/// <summary>
/// What the public reads: the tables of a release, protected together once, and every public
/// request answered as a view of one of them. This is how no two answers an anonymous caller
/// can get can be subtracted to reveal one person.
/// </summary>
/// <remarks>
/// <para>
/// Against differencing over time: the public reads only releases, never "as of" any moment,
/// and a calendar year's figures are published once, by the first release made after the year
/// ended; later releases republish them unchanged. Two versions of one year's table never both
/// exist in public, so no revision can be subtracted from another. Periods are one calendar
/// year: no two public periods overlap.
/// </para>
/// <para>
/// Against differencing between tables: each report publishes a fixed set of tables
/// (<see cref="ReportDefinition.Publication"/>), each protected with all its margins, and a
/// request gets the margins of one of them; a table for fewer dimensions is a margin of the
/// larger one, so its figures and withheld cells are the same wherever they appear. The
/// tables share no dimension but time: their common cells are the totals by time (and by
/// waiting-time band), which are kept published in every one, so an attacker combining them
/// learns nothing one does not tell. Where one of those totals is itself a small count, only
/// the first table of the set is published for that year.
/// </para>
/// <para>
/// This is the approach of Hundepool et al., <i>Statistical Disclosure Control</i> (Wiley
/// 2012), ch. 4.4 on linked tables and 4.6 on "tables from the same microdata": protect a
/// cover table once and publish only its margins (de Wolf and Giessing 2009, "Adjusting the
/// τ-ARGUS modular approach to deal with linked tables", Data &amp; Knowledge Engineering 68).
/// </para>
/// </remarks>
internal sealed class PublishedTables(StatisticsService service, IRegisterStore store)
{
    private readonly ConcurrentDictionary<(string Report, int Year, string Release, DateTimeOffset AsOf, int Table), Lazy<Task<StatisticsTable>>> protectedTables = new();
    private readonly ConcurrentDictionary<(string Report, int Releases, DateTimeOffset Latest), Lazy<Task<int[]>>> publishedYears = new();
    private readonly ConcurrentDictionary<(string Count, int Year, string Release, DateTimeOffset AsOf), Lazy<Task<StatisticsTable>>> protectedCounts = new();

    /// <exception cref="ReportRequestException">The request asks for something not published; the message says what is.</exception>
    /// <exception cref="NotPublishedException">No release publishes the year (yet).</exception>
    public async Task<StatisticsTable> RunAsync(ReportDefinition report, ReportRequest request, CancellationToken cancellationToken)
    {
        if (report.Publication.Count == 0)
        {
            throw new ReportRequestException($"Report {report.Name} is not published: it is for the providers, the register keepers and the supervising authority.");
        }

        if (request.AsOf is not null)
        {
            throw new ReportRequestException(
                "Published figures come from releases: name release= or leave it out for the latest. Tables as of any chosen moment could be subtracted from each other to reveal one person's visit; asOf is for those entitled to the records.");
        }

        if (request.Provider is not null)
        {
            throw new ReportRequestException("A provider's own figures are not published: they are for the provider and the register keepers.");
        }

        var year = PublishedYear(request.Period);
        var by = StatisticsService.CheckedBreakdown(report, request.By);
        var (index, views) = Choose(report, by);
        var (named, first) = await ReleaseOfAsync(year, request.Release, cancellationToken).ConfigureAwait(false);
        var table = await ProtectedAsync(report, year, first, index, cancellationToken).ConfigureAwait(false);
        return View(report, table, views, report.Publication[index].Count, first, named);
    }

    /// <summary>The year a public period is: exactly one calendar year, so that no two public periods overlap.</summary>
    private static int PublishedYear(ReportPeriod period)
    {
        if (period.From.Year != period.To.Year || period.From != new DateOnly(period.From.Year, 1, 1) || period.To != new DateOnly(period.To.Year, 12, 31))
        {
            throw new ReportRequestException(
                "Published tables cover one calendar year (from YYYY-01-01 to YYYY-12-31): tables of overlapping periods could be subtracted from each other to reveal what disclosure control withholds.");
        }

        return period.From.Year;
    }

    /// <summary>
    /// The first of the report's published tables that has every dimension asked for, and how
    /// each asked dimension is read off it.
    /// </summary>
    private static (int Index, DimensionView[] Views) Choose(ReportDefinition report, IReadOnlyList<string> by)
    {
        for (var index = 0; index < report.Publication.Count; index++)
        {
            var table = report.Publication[index];
            var views = new DimensionView[by.Count];
            var all = true;
            for (var i = 0; i < by.Count && all; i++)
            {
                var at = IndexOf(table, by[i]);
                var group = at < 0 && by[i] == Group ? IndexOf(table, Nested) : -1;
                views[i] = new DimensionView(by[i], at >= 0 ? at : group, GroupOnly: at < 0);
                all = at >= 0 || group >= 0;
            }

            if (all)
            {
                return (index, views);
            }
        }

        throw new ReportRequestException(string.Create(CultureInfo.InvariantCulture,
            $"Published tables of {report.Name} combine dimensions of one of these sets: {string.Join("; ", report.Publication.Select(Describe))}. Each set is protected together, and dimensions from two of them could be differenced against each other."));

        static int IndexOf(IReadOnlyList<string> table, string code) => table.ToList().IndexOf(code);
    }

    /// <summary>A published table's dimensions as a reader names them in <c>by=</c>.</summary>
    private static string Describe(IReadOnlyList<string> table) =>
        string.Join(", ", table.Select(code => code == Nested ? $"{code} (or {Group})" : code));

    /// <summary>
    /// The nested dimension a published table may carry, and its upper level, which a request may
    /// name instead: a provider's figures are the provider level of the table by unit.
    /// </summary>
    private const string Nested = "unit", Group = "provider";

    /// <summary>
    /// The calendar years of <paramref name="report"/> the public can read: those with facts in the
    /// latest release that a release made after the year ended publishes. One query over the facts
    /// as of that release, kept until the releases change.
    /// </summary>
    public async Task<IReadOnlyList<int>> YearsAsync(ReportDefinition report, CancellationToken cancellationToken)
    {
        var releases = await store.ListReleasesAsync(cancellationToken).ConfigureAwait(false);
        if (report.Publication.Count == 0 || releases.Count == 0)
        {
            return [];
        }

        var latest = releases.Max(AsOf);
        var years = publishedYears.GetOrAdd((report.Name, releases.Count, latest), _ => new Lazy<Task<int[]>>(async () =>
        {
            var parameters = new List<object>();
            var request = new ReportRequest(report.Name, StatisticsService.SupportedDates, [], latest, Audience: ReportAudience.Entitled);
            var facts = report.FactsSql(request, service.Context, value =>
            {
                parameters.Add(value);
                return "$" + parameters.Count.ToString(CultureInfo.InvariantCulture);
            });
            var rows = await store.QueryReportAsync(
                new ReportQuery($"SELECT DISTINCT CAST(EXTRACT(YEAR FROM f.event_date) AS INTEGER) FROM ({facts}) f", parameters), CancellationToken.None).ConfigureAwait(false);
            return [.. rows.Select(r => Convert.ToInt32(r[0], CultureInfo.InvariantCulture)).Where(y => YearEnd(y) <= latest).Order()];
        }));
        try
        {
            return await years.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (years.Value.IsFaulted)
        {
            // A failed query (a busy store) is not remembered: the next call asks again.
            publishedYears.TryRemove((report.Name, releases.Count, latest), out _);
            throw;
        }
    }

    /// <summary>
    /// The release <paramref name="name"/> (or the latest) and the release whose figures for the
    /// year the public reads: the first one made after the year ended.
    /// </summary>
    private async Task<(Release? Named, Release First)> ReleaseOfAsync(int year, string? name, CancellationToken cancellationToken)
    {
        var releases = await store.ListReleasesAsync(cancellationToken).ConfigureAwait(false);
        var yearEnded = YearEnd(year);
        Release? named = null;
        if (name is not null)
        {
            named = releases.FirstOrDefault(r => r.Name == name) ?? throw new NotPublishedException($"There is no release '{name}'.");
            if (AsOf(named) < yearEnded)
            {
                throw new NotPublishedException(string.Create(CultureInfo.InvariantCulture,
                    $"Release {name} is as of {AsOf(named):yyyy-MM-dd HH:mm} UTC, before {year} ended: it publishes no figures for {year}."));
            }
        }

        var first = releases
            .Where(r => AsOf(r) >= yearEnded && (named is null || r.CreatedAt <= named.CreatedAt))
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Name, StringComparer.Ordinal)
            .FirstOrDefault()
            ?? throw new NotPublishedException(string.Create(CultureInfo.InvariantCulture,
                $"No release publishes {year} yet: the register keepers make one (hilmo release create) once the year's data is in."));
        return (named, first);
    }

    /// <summary>
    /// An indicator count's table for the year as the public reads it: computed as of the release
    /// that publishes the year, and protected as one more table of the report's publication.
    /// </summary>
    /// <remarks>
    /// The count's table is by municipality (or the report's <see cref="ReportDefinition.IndicatorRegion"/>) and sex and shares figures with the
    /// report's published tables: a county's or the country's count, or one by sex, is also a
    /// cell of the table by county or by age group and sex when the count's filters are
    /// categories of that table (or, for a filter keeping several categories, the sum of such
    /// cells). Those common figures must be shown alike in both. A figure the report's table
    /// publishes stays published here, so the two tables' withheld cells are tied by nothing
    /// either does not publish, as the report's own tables are tied only by their published
    /// totals by time. A figure the report's table withholds is withheld here as a small count is
    /// and protected by this table's own pattern too: the modular treatment of linked tables
    /// (de Wolf and Giessing 2009), where each table protects the other's withheld common cells
    /// as its own primary ones. When the count's small cells could only be protected by
    /// withholding a figure the report publishes, the count is not published for the year (every
    /// cell withheld but the figures the report's tables publish, shown alike). A provider's part leaving a small count of the others is withheld as in
    /// the report's tables.
    /// </remarks>
    /// <exception cref="NotPublishedException">No release publishes the year yet.</exception>
    internal async Task<StatisticsTable> ProtectedCountAsync(IndicatorCount count, int year, CancellationToken cancellationToken)
    {
        var report = IndicatorCounts.ReportOf(count);
        if (report.Publication.Count == 0)
        {
            throw new ReportRequestException($"Report {report.Name} is not published, and neither are counts of it.");
        }

        var (_, first) = await ReleaseOfAsync(year, null, cancellationToken).ConfigureAwait(false);
        var key = (count.Key, year, first.Name, AsOf(first));
        var lazy = protectedCounts.GetOrAdd(key, _ => new Lazy<Task<StatisticsTable>>(() => ProtectCountAsync(report, count, year, first)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not (ReportRequestException or OperationCanceledException))
        {
            protectedCounts.TryRemove(new KeyValuePair<(string, int, string, DateTimeOffset), Lazy<Task<StatisticsTable>>>(key, lazy));
            throw;
        }
    }

    private async Task<StatisticsTable> ProtectCountAsync(ReportDefinition report, IndicatorCount count, int year, Release release)
    {
        var breakdown = IndicatorCounts.PublishedBreakdownOf(report);
        var request = IndicatorCounts.Request(count, breakdown, year, AsOf(release), release.Name, ReportAudience.Public);
        var named = breakdown.Count;
        var table = IndicatorCounts.Project(await service.ComputeAsync(report, request, limitSize: false, CancellationToken.None).ConfigureAwait(false), named, count);
        var byProvider = IndicatorCounts.Project(
            await service.ComputeAsync(report, request, limitSize: false, CancellationToken.None, DimensionCatalogue.Provider).ConfigureAwait(false), named + 1, count);
        var dominated = Dominated(table, byProvider, named, service.Rules.Threshold, clients: true);

        var published = new HashSet<int>();
        for (var index = 0; index < report.Publication.Count; index++)
        {
            StatisticsTable reportTable;
            try
            {
                reportTable = await ProtectedAsync(report, year, release, index, CancellationToken.None).ConfigureAwait(false);
            }
            catch (NotPublishedException)
            {
                // A table the release does not publish for the year shares nothing with the count.
                continue;
            }

            CommonCells(table, count, reportTable, published, dominated);
        }

        try
        {
            DisclosureControl.Apply(table, service.Rules, published, dominated);
        }
        catch (UnprotectableCellException)
        {
            // The search kept off the common figures finds no protection for some cell; one free
            // to use them may still leave them all published, which is as good (the table is
            // marked only once the search is done, so it is still whole here).
            var whole = Copy(table);
            try
            {
                DisclosureControl.Apply(table, service.Rules, [], dominated);
                if (published.Any(cell => table.Status(cell, 0) != CellStatus.Published))
                {
                    table = WithholdAll(whole, service.Rules.Threshold, published);
                }
            }
            catch (UnprotectableCellException)
            {
                // Its small counts are too scattered for any pattern to protect them: not published.
                table = WithholdAll(whole, service.Rules.Threshold, published);
            }
        }

        return table;
    }

    /// <summary>
    /// Adds the count's cells that are also figures of <paramref name="reportTable"/> (a cell
    /// there, or a sum of its cells for a filter keeping several categories) to
    /// <paramref name="published"/> when the report's table publishes them (all of them), to
    /// <paramref name="withheld"/> when it withholds one.
    /// </summary>
    private static void CommonCells(StatisticsTable table, IndicatorCount count, StatisticsTable reportTable, HashSet<int> published, HashSet<int> withheld)
    {
        var measure = reportTable.Measures.ToList().FindIndex(m => m.Code == count.Measure);
        var dimensionOf = reportTable.Dimensions.Select((d, i) => (d.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        if (measure < 0 || count.Filters.Any(f => !dimensionOf.ContainsKey(f.Dimension)))
        {
            return;
        }

        // Every other dimension of the report's table (time first) is read at its total.
        var totals = reportTable.Dimensions.Select(d => d.IndexOf(ReportDimension.TotalCode)).ToArray();
        var filtered = count.Filters.Select(f => (Dimension: dimensionOf[f.Dimension], Categories: f.Categories.Select(c => reportTable.Dimensions[dimensionOf[f.Dimension]].IndexOf(c)).ToArray())).ToList();
        if (filtered.Any(f => f.Categories.Contains(-1)))
        {
            // A kept category the table has no cell for: the count is no sum of its figures.
            return;
        }

        var at = new int[reportTable.Dimensions.Count];
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            totals.CopyTo(at, 0);
            var shared = true;
            for (var d = 0; d < table.Dimensions.Count && shared; d++)
            {
                var category = table.Dimensions[d].Categories[table.CategoryOf(cell, d)];
                if (category.Code == ReportDimension.TotalCode)
                {
                    continue;
                }

                // The report's table by county carries the counties of the municipality dimension
                // (whose unknown county is coded apart from the unknown municipality).
                var (code, categoryCode) = table.Dimensions[d].Code == DimensionCatalogue.Municipality.Code && category.Parent == ReportDimension.TotalCode
                    && !dimensionOf.ContainsKey(DimensionCatalogue.Municipality.Code)
                    ? (DimensionCatalogue.County.Code, category.Code == NestedCodeDimension.UnknownGroupCode ? ReportDimension.UnknownCode : category.Code)
                    : (table.Dimensions[d].Code, category.Code);
                shared = dimensionOf.TryGetValue(code, out var there) && (at[there] = reportTable.Dimensions[there].IndexOf(categoryCode)) >= 0;
            }

            if (!shared || totals.Contains(-1))
            {
                continue;
            }

            if (count.Filters.Any(f => f.Categories.Count > 1) && reportTable.Measures[measure].Kind != MeasureKind.AdditiveCount)
            {
                // Distinct clients of several categories are no sum of theirs: not the same figure, nothing tied.
                continue;
            }

            var sum = 0.0;
            var shownThere = true;
            foreach (var parts in Product(filtered, at))
            {
                var part = reportTable.CellOf(parts);
                shownThere &= reportTable.Status(part, measure) == CellStatus.Published;
                sum += reportTable.Value(part, measure) ?? 0;
            }

            if (!shownThere)
            {
                withheld.Add(cell);
                published.Remove(cell);
            }
            else if (!withheld.Contains(cell))
            {
                if (sum != (table.Value(cell, 0) ?? 0))
                {
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                        $"{count.Key}: cell {cell} counts {table.Value(cell, 0)}, the report's table {sum}: the two computations disagree."));
                }

                published.Add(cell);
            }
        }

        static IEnumerable<int[]> Product(List<(int Dimension, int[] Categories)> filtered, int[] at)
        {
            IEnumerable<int[]> cells = [(int[])at.Clone()];
            foreach (var (dimension, categories) in filtered)
            {
                cells = cells.SelectMany(c => categories.Select(category =>
                {
                    var next = (int[])c.Clone();
                    next[dimension] = category;
                    return next;
                })).ToList();
            }

            return cells;
        }
    }

    /// <summary>
    /// Withholds every cell but the figures the report's own tables publish (<paramref name="published"/>,
    /// which the count shows as they do: withholding them here would hide nothing), the small
    /// counts as such; one withheld already keeps its reason. Gives the table.
    /// </summary>
    private static StatisticsTable WithholdAll(StatisticsTable table, int threshold, IReadOnlySet<int> published)
    {
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            for (var m = 0; m < table.Measures.Count; m++)
            {
                if (published.Contains(cell) || table.Status(cell, m) is CellStatus.PrimarySuppressed or CellStatus.SecondarySuppressed)
                {
                    continue;
                }

                var small = table.Measures[m].Kind != MeasureKind.Derived && table.Value(cell, m) is > 0 and var value && value < threshold;
                table.Suppress(cell, m, small ? CellStatus.PrimarySuppressed : CellStatus.SecondarySuppressed);
            }
        }

        return table;
    }

    /// <summary>A copy of a table none of whose figures is withheld yet.</summary>
    private static StatisticsTable Copy(StatisticsTable table)
    {
        var copy = new StatisticsTable(table.Metadata, table.Dimensions, table.Measures);
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            for (var m = 0; m < table.Measures.Count; m++)
            {
                copy.SetValue(cell, m, table.Value(cell, m));
            }
        }

        return copy;
    }

    /// <summary>A release's figures never count what arrived after it was made, whatever as-of time it names.</summary>
    private static DateTimeOffset AsOf(Release release) => release.AsOf < release.CreatedAt ? release.AsOf : release.CreatedAt;

    /// <summary>The end of 31 December in Finnish time, when the year's events are all in the past.</summary>
    private static DateTimeOffset YearEnd(int year)
    {
        var finland = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");
        var midnight = new DateTime(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, finland.GetUtcOffset(midnight));
    }

    /// <summary>
    /// The report's published table <paramref name="index"/> for the year, as of the release,
    /// protected; computed once and kept, since a release's figures never change.
    /// </summary>
    private async Task<StatisticsTable> ProtectedAsync(ReportDefinition report, int year, Release release, int index, CancellationToken cancellationToken)
    {
        var key = (report.Name, year, release.Name, AsOf(release), index);
        var lazy = protectedTables.GetOrAdd(key, _ => new Lazy<Task<StatisticsTable>>(() => ProtectAsync(report, year, release, index)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not (ReportRequestException or OperationCanceledException))
        {
            // A failed query is no property of the release: the next request tries again.
            protectedTables.TryRemove(new KeyValuePair<(string, int, string, DateTimeOffset, int), Lazy<Task<StatisticsTable>>>(key, lazy));
            throw;
        }
    }

    private async Task<StatisticsTable> ProtectAsync(ReportDefinition report, int year, Release release, int index)
    {
        var dimensions = report.Publication[index];
        var request = new ReportRequest(report.Name, new ReportPeriod(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)), dimensions,
            AsOf(release), release.Name, Audience: ReportAudience.Public)
        {
            // The release's own time, not the moment of asking: its figures stay the same.
            AnsweredAt = AsOf(release),
        };
        var table = await service.ComputeAsync(report, request, limitSize: false, CancellationToken.None).ConfigureAwait(false);
        var dominated = await DominatedCellsAsync(report, request, table).ConfigureAwait(false);
        var common = CommonCells(table, dimensions.Count);
        if (common.Any(cell => IsSmall(table, cell, service.Rules.Threshold) || dominated.Contains(cell)))
        {
            if (index > 0)
            {
                throw new NotPublishedException(string.Create(CultureInfo.InvariantCulture,
                    $"In {year}, {report.Name} is published only by {Describe(report.Publication[0])}: some of its totals by time are small counts, which the report's other tables could not withhold consistently."));
            }

            Protect(table, [], dominated, report, year, dimensions);
            return table;
        }

        // The totals by time stay published, as every other table of the report publishes them.
        // Kept so from the start, the search looks for protection elsewhere; should it find none,
        // a search free to use them may still leave them all published, which is as good.
        try
        {
            DisclosureControl.Apply(table, service.Rules, common, dominated);
        }
        catch (UnprotectableCellException)
        {
            Protect(table, [], dominated, report, year, dimensions);

            // A report of one table has no other that publishes its totals by time, and the
            // indicator counts follow whatever its table withholds: it may withhold them too.
            if (report.Publication.Count > 1 && common.Any(cell => IsWithheld(table, cell)))
            {
                throw new NotPublishedException(string.Create(CultureInfo.InvariantCulture,
                    $"In {year}, {report.Name} by {Describe(dimensions)} is not published: its small counts could only be protected by withholding totals the report's other tables publish."));
            }
        }

        return table;
    }

    /// <summary>Protects the table, or says it cannot be published: its small counts are too scattered for any pattern of withheld cells to hide them.</summary>
    private void Protect(StatisticsTable table, IReadOnlyCollection<int> published, IReadOnlyCollection<int> sensitive, ReportDefinition report, int year, IReadOnlyList<string> dimensions)
    {
        try
        {
            DisclosureControl.Apply(table, service.Rules, published, sensitive);
        }
        catch (UnprotectableCellException)
        {
            throw new NotPublishedException(string.Create(CultureInfo.InvariantCulture,
                $"In {year}, {report.Name} by {Describe(dimensions)} is not published: its small counts are too scattered for withholding other cells to protect them."));
        }
    }

    /// <summary>
    /// The cells a single provider could work others' small counts out of: every provider knows
    /// its own figures (it reported them, and reads them unsuppressed), so a published count
    /// minus one provider's part is the count of all the others. A cell where that remainder is
    /// 1 to threshold − 1 for some provider (the largest part is the one that leaves least) is
    /// sensitive as a small count is, for each additive count of the table. This is the
    /// "(n, k) dominance" concern of Hundepool et al. (2012) ch. 4.2, with the providers as the
    /// contributors and n = 1.
    /// </summary>
    private async Task<HashSet<int>> DominatedCellsAsync(ReportDefinition report, ReportRequest request, StatisticsTable table)
    {
        if (!table.Measures.Any(m => m.Kind == MeasureKind.AdditiveCount))
        {
            return [];
        }

        var byProvider = await service.ComputeAsync(report, request, limitSize: false, CancellationToken.None, DimensionCatalogue.Provider).ConfigureAwait(false);
        return Dominated(table, byProvider, request.By.Count, service.Rules.Threshold, clients: false);
    }

    /// <summary>
    /// The cells of <paramref name="table"/> where the largest provider's part, in
    /// <paramref name="byProvider"/> (the same table with the provider inserted after its first
    /// <paramref name="providerAt"/> dimensions), leaves 1 to threshold − 1 of the others, for
    /// additive count, and with <paramref name="clients"/> for distinct clients too: pseudonyms
    /// are per provider, so a provider's clients are a part of a count of clients as its visits
    /// are of visits. A report's tables are protected by their additive counts (their clients
    /// only beside them); an indicator count of clients is its table's only figure.
    /// </summary>
    private static HashSet<int> Dominated(StatisticsTable table, StatisticsTable byProvider, int providerAt, int threshold, bool clients)
    {
        var counts = Enumerable.Range(0, table.Measures.Count).Where(m => table.Measures[m].Kind is MeasureKind.AdditiveCount
            || (clients && table.Measures[m].Kind == MeasureKind.DistinctCount)).ToList();
        var measureThere = counts.Select(m => byProvider.Measures.ToList().FindIndex(x => x.Code == table.Measures[m].Code)).ToList();
        var largest = new double[table.CellCount * counts.Count];
        var positions = table.Dimensions.Select(d => d.Categories.Select((c, i) => (c.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal)).ToList();
        var at = new int[table.Dimensions.Count];
        for (var cell = 0; cell < byProvider.CellCount; cell++)
        {
            if (byProvider.Dimensions[providerAt].Categories[byProvider.CategoryOf(cell, providerAt)].Code == ReportDimension.TotalCode)
            {
                continue;
            }

            var known = true;
            for (var d = 0; d < at.Length && known; d++)
            {
                var from = d < providerAt ? d : d + 1;
                known = positions[d].TryGetValue(byProvider.Dimensions[from].Categories[byProvider.CategoryOf(cell, from)].Code, out at[d]);
            }

            if (!known)
            {
                continue;
            }

            var target = table.CellOf(at);
            for (var i = 0; i < counts.Count; i++)
            {
                if (byProvider.Value(cell, measureThere[i]) is { } part && part > largest[target * counts.Count + i])
                {
                    largest[target * counts.Count + i] = part;
                }
            }
        }

        var dominated = new HashSet<int>();
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            for (var i = 0; i < counts.Count; i++)
            {
                if (table.Value(cell, counts[i]) is { } total && total - largest[cell * counts.Count + i] is > 0 and var others && others < threshold)
                {
                    dominated.Add(cell);
                }
            }
        }

        return dominated;
    }

    /// <summary>The cells every published table of the report has: those at the total of each dimension but time and the fixed ones.</summary>
    private static HashSet<int> CommonCells(StatisticsTable table, int named)
    {
        var common = new HashSet<int>();
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            var shared = true;
            for (var d = 0; d < named && shared; d++)
            {
                shared = table.Dimensions[d].Role == DimensionRole.Time
                    || table.Dimensions[d].Categories[table.CategoryOf(cell, d)].Code == ReportDimension.TotalCode;
            }

            if (shared)
            {
                common.Add(cell);
            }
        }

        return common;
    }

    private static bool IsWithheld(StatisticsTable table, int cell) =>
        Enumerable.Range(0, table.Measures.Count).Any(m => table.Status(cell, m) is CellStatus.PrimarySuppressed or CellStatus.SecondarySuppressed);

    private static bool IsSmall(StatisticsTable table, int cell, int threshold)
    {
        for (var m = 0; m < table.Measures.Count; m++)
        {
            if (table.Measures[m].Kind is MeasureKind.AdditiveCount or MeasureKind.DistinctCount && table.Value(cell, m) is > 0 and var value && value < threshold)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The margin of a published table for the asked dimensions, every other one of its own at
    /// the total, with the table's figures and withheld cells as they are.
    /// </summary>
    private static StatisticsTable View(ReportDefinition report, StatisticsTable table, DimensionView[] views, int named, Release first, Release? asked)
    {
        var dimensions = new List<TableDimension>();
        var sources = new List<(int Dimension, int[] Categories)>();
        foreach (var view in views)
        {
            var source = table.Dimensions[view.Index];
            if (!view.GroupOnly)
            {
                dimensions.Add(source);
                sources.Add((view.Index, [.. Enumerable.Range(0, source.Categories.Count)]));
                continue;
            }

            // The upper level of a nested dimension: its groups under the total, an unknown
            // group coded as the group dimension codes it.
            int[] groups = [.. Enumerable.Range(0, source.Categories.Count)
                .Where(i => source.Categories[i].Parent is null or ReportDimension.TotalCode)];
            var askedDimension = report.Dimensions.First(d => d.Code == view.Code);
            dimensions.Add(new TableDimension(view.Code, askedDimension.Label,
                [.. groups.Select(i => source.Categories[i] is var c && c.Code == NestedCodeDimension.UnknownGroupCode ? c with { Code = ReportDimension.UnknownCode } : c)],
                source.Role));
            sources.Add((view.Index, groups));
        }

        for (var d = named; d < table.Dimensions.Count; d++)
        {
            dimensions.Add(table.Dimensions[d]);
            sources.Add((d, [.. Enumerable.Range(0, table.Dimensions[d].Categories.Count)]));
        }

        var notes = new List<LocalizedText>(table.Metadata.Notes);
        if (asked is not null && asked.Name != first.Name)
        {
            notes.Add(new LocalizedText(
                $"Vuoden luvut on julkaistu julkaisussa {first.Name}, ja myöhemmät julkaisut toistavat ne muuttamatta: saman vuoden kaksi versiota voisi vähentää toisistaan.",
                $"Årets tal publicerades i publiceringen {first.Name}, och senare publiceringar upprepar dem oförändrade: två versioner av samma år kunde subtraheras från varandra.",
                $"The year's figures were published in release {first.Name}, and later releases repeat them unchanged: two versions of one year could be subtracted from each other."));
        }

        var published = new StatisticsTable(table.Metadata with { Notes = notes }, dimensions, table.Measures);
        Span<int> positions = stackalloc int[table.Dimensions.Count];
        for (var d = 0; d < named; d++)
        {
            positions[d] = table.Dimensions[d].IndexOf(ReportDimension.TotalCode);
        }

        for (var cell = 0; cell < published.CellCount; cell++)
        {
            for (var k = 0; k < sources.Count; k++)
            {
                positions[sources[k].Dimension] = sources[k].Categories[published.CategoryOf(cell, k)];
            }

            var from = table.CellOf(positions);
            for (var m = 0; m < table.Measures.Count; m++)
            {
                if (table.Status(from, m) is CellStatus.PrimarySuppressed or CellStatus.SecondarySuppressed)
                {
                    published.Suppress(cell, m, table.Status(from, m));
                }
                else
                {
                    published.SetValue(cell, m, table.Value(from, m));
                }
            }
        }

        return published;
    }

    /// <summary>How a dimension a request names is read off a published table.</summary>
    /// <param name="Code">The dimension asked for.</param>
    /// <param name="Index">The table's dimension it is read from.</param>
    /// <param name="GroupOnly">Only the group level of a nested dimension (the counties of municipality).</param>
    private sealed record DimensionView(string Code, int Index, bool GroupOnly);
}
