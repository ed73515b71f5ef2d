using System.Globalization;
using Hilmo.Statistics.Dimensions;
using Hilmo.Statistics.Disclosure;
using Hilmo.Statistics.Publishing;
using Hilmo.Statistics.Reports;
using Hilmo.Statistics.Sql;
using Hilmo.Storage;

namespace Hilmo.Statistics;

/// <summary>
/// Computes reports: checks the request, runs the report's SQL in the store, lays the aggregated
/// rows out as a table with every margin. A public request is answered from a release's
/// protected publication (<see cref="PublishedTables"/>); the entitled and the supervising
/// authority get their figures as they are.
/// </summary>
public sealed class StatisticsService
{
    private readonly IRegisterStore store;
    private readonly TimeProvider time;
    private readonly PublishedTables published;

    public StatisticsService(IRegisterStore store, StatisticsContext context, DisclosureRules rules, TimeProvider? time = null)
    {
        this.store = store;
        this.time = time ?? TimeProvider.System;
        Context = context;
        Rules = rules with { PersonDimensions = PersonDimensions };
        published = new PublishedTables(this, store);
    }

    /// <summary>Tables larger than this are refused: choose fewer dimensions or a shorter period.</summary>
    public const int MaxCells = 500_000;

    /// <summary>At most this many dimensions may be named in one request.</summary>
    public const int MaxDimensions = 4;

    /// <summary>Dimensions that describe the persons counted: group disclosure is checked along them.</summary>
    private static readonly string[] PersonDimensions = [DimensionCatalogue.AgeGroup.Code, DimensionCatalogue.Sex.Code];

    public StatisticsContext Context { get; }

    public DisclosureRules Rules { get; }

    /// <summary>The calendar years of a report the public can read (one table each), oldest first; empty when none is published.</summary>
    public Task<IReadOnlyList<int>> PublishedYearsAsync(ReportDefinition report, CancellationToken cancellationToken = default) =>
        published.YearsAsync(report, cancellationToken);

    /// <exception cref="ReportRequestException">The request cannot be answered as asked; the message says why.</exception>
    /// <exception cref="NotPublishedException">A public request for figures no release publishes.</exception>
    public async Task<StatisticsTable> RunAsync(ReportRequest request, CancellationToken cancellationToken = default)
    {
        var report = ReportCatalogue.Find(request.Report)
            ?? throw new ReportRequestException($"There is no report '{request.Report}'. Reports: {string.Join(", ", ReportCatalogue.All.Select(r => r.Name))}.");
        foreach (var (name, value) in new[] { ("release", request.Release), ("provider", request.Provider) })
        {
            // No store has a name of control characters, and PostgreSQL refuses a NUL in any text.
            if (value is not null && (value.Length > 200 || value.Any(char.IsControl)))
            {
                throw new ReportRequestException($"The {name} must be a name of at most 200 characters without control characters.");
            }
        }

        if (request.Period.From < SupportedDates.From || request.Period.To > SupportedDates.To)
        {
            throw new ReportRequestException($"Reports cover dates from {SupportedDates.From:yyyy-MM-dd} to {SupportedDates.To:yyyy-MM-dd}; the period {request.Period} is outside them.");
        }

        if (request.Audience == ReportAudience.Public)
        {
            return await published.RunAsync(report, request, cancellationToken).ConfigureAwait(false);
        }

        request = await ResolveAsync(report, request, cancellationToken).ConfigureAwait(false);
        return await ComputeAsync(report, request, limitSize: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The table of a checked request with every figure as it is: disclosure control is the
    /// caller's (<see cref="PublishedTables"/>) when the table is to be published.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <param name="request">The request, its breakdown and as-of time resolved.</param>
    /// <param name="limitSize">Refuse tables over <see cref="MaxCells"/> figures (a publication's own tables are not asked for by anyone).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <param name="alsoBy">A dimension after the named ones, which the report need not offer (the provider, to see each one's part of a publication's cells).</param>
    internal async Task<StatisticsTable> ComputeAsync(ReportDefinition report, ReportRequest request, bool limitSize, CancellationToken cancellationToken, ReportDimension? alsoBy = null)
    {
        var dimensions = request.By.Select(code => report.Dimensions.First(d => d.Code == code))
            .Concat(alsoBy is null ? [] : [alsoBy]).Concat(report.FixedDimensions).ToList();

        if (limitSize)
        {
            CheckSizeBefore(report, dimensions, request.Period);
        }

        var (query, levelCounts) = ReportSqlBuilder.Build(report, dimensions, request, Context);
        var rows = await store.QueryReportAsync(query, cancellationToken).ConfigureAwait(false);

        // Each row is one cell: per dimension, the first level with a value says which category.
        var keyCount = levelCounts.Sum();
        var observed = levelCounts.Select(count => Enumerable.Range(0, count).Select(_ => new HashSet<(string, string?)>()).ToList()).ToList();
        var cellCodes = new List<string[]>(rows.Count);
        foreach (var row in rows)
        {
            var codes = new string[dimensions.Count];
            var column = 0;
            for (var d = 0; d < dimensions.Count; d++)
            {
                codes[d] = ReportDimension.TotalCode;
                for (var level = 0; level < levelCounts[d]; level++)
                {
                    if (row[column + level] is { } value and not DBNull)
                    {
                        var next = level + 1 < levelCounts[d] ? row[column + level + 1] : null;
                        codes[d] = dimensions[d].CodeOf(value, level, next);
                        observed[d][level].Add((codes[d], next is null or DBNull ? null : dimensions[d].CodeOf(next, level + 1, level + 2 < levelCounts[d] ? row[column + level + 2] : null)));
                        break;
                    }
                }

                column += levelCounts[d];
            }

            cellCodes.Add(codes);
        }

        var tableDimensions = dimensions.Select((dimension, d) => new TableDimension(dimension.Code, dimension.Label,
            dimension.Categories([.. observed[d]], request.Period, Context), dimension.Role)).ToList();
        if (limitSize)
        {
            CheckSize(report, tableDimensions.Aggregate(1L, (product, d) => product * d.Categories.Count));
        }

        var updated = await UpdatedAsync(report.Relations, request.AsOf, cancellationToken).ConfigureAwait(false);
        var metadata = new ReportMetadata(report.Name, report.Title, report.Description, report.Source,
            updated, request.AsOf, request.Release, Notes(report, request));
        var table = new StatisticsTable(metadata, tableDimensions, report.Measures);
        Fill(report, table, rows, cellCodes, keyCount);
        return table;
    }

    /// <summary>An indicator count's table for the year as the public reads it: of the publishing release, protected with the report's publication.</summary>
    /// <exception cref="NotPublishedException">No release publishes the year yet.</exception>
    internal Task<StatisticsTable> PublishedCountAsync(Indicators.IndicatorCount count, int year, CancellationToken cancellationToken) =>
        published.ProtectedCountAsync(count, year, cancellationToken);

    /// <summary>
    /// Refuses a table too large by what is known before the query (the periods of time, the fixed
    /// classes), so that a request for every day of eight thousand years costs nothing.
    /// </summary>
    private void CheckSizeBefore(ReportDefinition report, IReadOnlyList<ReportDimension> dimensions, ReportPeriod period)
    {
        var cells = 1L;
        foreach (var dimension in dimensions)
        {
            cells = checked(cells * (dimension.CategoryCountBefore(period, Context) ?? 1));
            if (cells * report.Measures.Count > MaxCells)
            {
                break;
            }
        }

        CheckSize(report, cells);
    }

    private static void CheckSize(ReportDefinition report, long cells)
    {
        if (cells * report.Measures.Count > MaxCells)
        {
            throw new ReportRequestException(string.Create(CultureInfo.InvariantCulture,
                $"The table would have {cells:N0} cells or more; choose fewer dimensions or a shorter period (at most {MaxCells:N0} figures)."));
        }
    }

    /// <summary>The first and last day a report may cover: the register holds no care before 1900, and no date after 2099 is a care event's.</summary>
    public static ReportPeriod SupportedDates { get; } = new(new DateOnly(1900, 1, 1), new DateOnly(2099, 12, 31));

    /// <summary>The report's breakdown and as-of time, checked; a release's frozen time replaces any other.</summary>
    private async Task<ReportRequest> ResolveAsync(ReportDefinition report, ReportRequest request, CancellationToken cancellationToken)
    {
        if (request.Period.From > request.Period.To)
        {
            throw new ReportRequestException($"The period starts after it ends ({request.Period}).");
        }

        var by = CheckedBreakdown(report, request.By, request.Filters);
        var asOf = request.AsOf;
        if (request.Release is { } name)
        {
            var release = await store.GetReleaseAsync(name, cancellationToken).ConfigureAwait(false)
                ?? throw new ReportRequestException($"There is no release '{name}'.");
            asOf = release.AsOf;
        }

        return request with { By = by, AsOf = asOf, AnsweredAt = time.GetUtcNow() };
    }

    /// <summary>The dimensions a request names, or the report's default, checked against what the report has.</summary>
    internal static IReadOnlyList<string> CheckedBreakdown(ReportDefinition report, IReadOnlyList<string> requested, IReadOnlyList<ReportFilter> filters)
    {
        var by = requested.Count == 0 ? report.DefaultBy : requested;
        var known = report.Dimensions.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var code in by)
        {
            if (!known.Contains(code))
            {
                throw new ReportRequestException($"Report {report.Name} cannot be broken down by '{code}'. Dimensions: {string.Join(", ", report.Dimensions.Select(d => d.Code))}.");
            }
        }

        if (by.Count > MaxDimensions || by.Distinct(StringComparer.Ordinal).Count() != by.Count)
        {
            throw new ReportRequestException($"Name at most {MaxDimensions} different dimensions.");
        }

        if (by.Count(code => report.Dimensions.First(d => d.Code == code).Role == DimensionRole.Time) > 1)
        {
            throw new ReportRequestException("Name at most one time dimension (day, week, month, quarter or year).");
        }

        foreach (var (nested, group) in new[] { ("unit", "provider"), ("municipality", "county") })
        {
            if (by.Contains(nested) && by.Contains(group))
            {
                throw new ReportRequestException($"'{nested}' already carries its {group} as a level; name one of them.");
            }
        }

        CheckLinkage(report, by.Concat(filters.Select(f => f.Dimension)));
        return by;
    }

    /// <summary>
    /// Refuses a table whose dimensions, with the ones its counts are filtered by, would combine
    /// restricted fields a linkage rule keeps apart, whoever asks: a table is an output.
    /// </summary>
    /// <exception cref="Disclosure.RestrictedLinkageException">A rule is broken; the message names the dimensions and the rule.</exception>
    internal static void CheckLinkage(ReportDefinition report, IEnumerable<string> dimensions)
    {
        var shown = dimensions.Distinct(StringComparer.Ordinal)
            .Select(code => report.Dimensions.FirstOrDefault(d => d.Code == code))
            .OfType<ReportDimension>()
            .SelectMany(d => d.Fields.Select(field => (Shown: d.Code, Field: field)))
            .ToList();
        if (Disclosure.LinkageRules.Broken(shown, Disclosure.OutputLevel.Aggregate) is var (rule, first, second))
        {
            throw new Disclosure.RestrictedLinkageException(rule, first, second);
        }
    }

    private static void Fill(ReportDefinition report, StatisticsTable table, IReadOnlyList<object?[]> rows, List<string[]> cellCodes, int keyCount)
    {
        var positions = table.Dimensions.Select(d => d.Categories.Select((c, i) => (c.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal)).ToList();
        var filled = new bool[table.CellCount];
        Span<int> at = stackalloc int[table.Dimensions.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var known = true;
            for (var d = 0; d < at.Length && known; d++)
            {
                known = positions[d].TryGetValue(cellCodes[r][d], out at[d]);
            }

            if (known)
            {
                var cell = table.CellOf(at);
                report.Fill(table, cell, rows[r].AsSpan(keyCount), cellCodes[r]);
                filled[cell] = true;
            }
        }

        var codes = new string[table.Dimensions.Count];
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            if (!filled[cell])
            {
                for (var d = 0; d < codes.Length; d++)
                {
                    codes[d] = table.Dimensions[d].Categories[table.CategoryOf(cell, d)].Code;
                }

                report.FillEmpty(table, cell, codes);
            }
        }
    }

    private List<LocalizedText> Notes(ReportDefinition report, ReportRequest request)
    {
        var notes = new List<LocalizedText>(report.Notes(Context));
        if (request.Audience == ReportAudience.Authority)
        {
            notes.Add(new LocalizedText(
                "Valvontaviranomaisen näkymä: luvut ilman tietosuojasuppressiota. Ei julkaistavaksi.",
                "Tillsynsmyndighetens vy: tal utan röjandeskyddande undertryckning. Inte för publicering.",
                "Supervising authority's view: figures without disclosure control. Not for publication."));
        }

        if (request.Audience == ReportAudience.Public)
        {
            notes.Add(new LocalizedText(
                $"Tietosuoja: alle {Rules.Threshold} henkilön tai tapahtuman luvut ja luvut, joista ne voisi päätellä, on korvattu merkillä '..'. '.' = luku ei ole mielekäs.",
                $"Dataskydd: tal under {Rules.Threshold} personer eller händelser och tal som de kunde härledas ur har ersatts med '..'. '.' = talet är inte tillämpligt.",
                $"Confidentiality: counts of fewer than {Rules.Threshold} people or events, and figures they could be worked out from, are shown as '..'. '.' = not applicable."));
        }

        return notes;
    }

    /// <summary>The latest receipt time of any version the table could count.</summary>
    private async Task<DateTimeOffset> UpdatedAsync(IReadOnlyList<string> relations, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        var latest = string.Join(" UNION ALL ", relations.Select(r => $"SELECT max(received_at) AS received_at FROM {r}" + (asOf is null ? "" : " WHERE received_at <= $1")));
        var query = new ReportQuery($"SELECT max(received_at) FROM ({latest}) r", asOf is { } t ? [t.UtcDateTime] : []);
        var rows = await store.QueryReportAsync(query, cancellationToken).ConfigureAwait(false);
        return rows.Count > 0 && rows[0][0] is DateTime last
            ? new DateTimeOffset(DateTime.SpecifyKind(last, DateTimeKind.Utc))
            : DateTimeOffset.UnixEpoch;
    }
}
