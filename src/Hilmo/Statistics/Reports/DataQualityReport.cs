using Hilmo.Statistics.Dimensions;
using Hilmo.Statistics.Sql;
using Hilmo.Validation;

namespace Hilmo.Statistics.Reports;

/// <summary>
/// How well each provider reports: records received and rejected (by finding code), versions
/// sent late, withdrawals, and visits sent without a reason, by the date the register received them.
/// </summary>
public sealed class DataQualityReport : ReportDefinition
{
    /// <summary>A version is late when it arrives more than this long after the submitter's own update time (<c>paivitetty</c>).</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromDays(7);

    /// <summary>The category of every rejected record, whatever its findings.</summary>
    public const string AllFindings = "ALL";

    /// <summary>Rejected records by the error they had; a record with two errors counts under both, so the codes do not add up to the whole.</summary>
    public static ReportDimension Finding { get; } = new FindingDimension();

    public override string Name => "data-quality";

    public override LocalizedText Title { get; } = new("Tiedon laatu palveluntuottajittain", "Datakvalitet per tjänsteproducent", "Data quality by provider");

    public override LocalizedText Description { get; } = new(
        "Vastaanotetut tietueet (tallennetut versiot ja hylätyt tietueet; samana toistetut eivät), hylättyjen osuus virhekoodeittain, myöhässä saapuneet versiot, poistot ja ilman käyntisyytä ilmoitetut käynnit vastaanottopäivän (UTC) mukaan.",
        "Mottagna poster (lagrade versioner och avvisade poster; oförändrat omsända ingår inte), andelen avvisade per felkod, sent inkomna versioner, återkallelser och besök utan besöksorsak enligt mottagningsdag (UTC).",
        "Records received (versions stored and records rejected; unchanged resends are not counted), the rejected share by finding code, versions that arrived late, withdrawals and visits sent without a reason, by the day (UTC) the register received them.");

    public override IReadOnlyList<LocalizedText> Notes(StatisticsContext context) =>
    [
        new($"Myöhässä: versio saapui yli {LateAfter.Days} vrk tietueen päivitysajan (paivitetty) jälkeen.", $"Sen: versionen kom mer än {LateAfter.Days} dygn efter postens uppdateringstid (paivitetty).", $"Late: the version arrived more than {LateAfter.Days} days after the record's update time (paivitetty)."),
    ];

    public override IReadOnlyList<TableMeasure> Measures { get; } =
    [
        new("records_received", new("Vastaanotetut tietueet", "Mottagna poster", "Records received"), new("tietuetta", "poster", "records"), 0, MeasureKind.AdditiveCount),
        new("records_rejected", new("Hylätyt tietueet", "Avvisade poster", "Records rejected"), new("tietuetta", "poster", "records"), 0, MeasureKind.AdditiveCount),
        new("rejected_percent", new("Hylättyjen osuus, %", "Andel avvisade, %", "Rejected, %"), new("%", "%", "%"), 1, MeasureKind.Derived),
        new("late_versions", new("Myöhässä saapuneet versiot", "Sent inkomna versioner", "Versions received late"), new("versiota", "versioner", "versions"), 0, MeasureKind.AdditiveCount),
        new("withdrawals", new("Poistot", "Återkallelser", "Withdrawals"), new("tietuetta", "poster", "records"), 0, MeasureKind.AdditiveCount),
        Visits,
        new("visits_without_reason_percent", new("Käynnit ilman käyntisyytä, %", "Besök utan besöksorsak, %", "Visits without a reason, %"), new("%", "%", "%"), 1, MeasureKind.Derived),
    ];

    public override IReadOnlyList<ReportDimension> Dimensions { get; } =
    [
        .. DimensionCatalogue.Times,
        DimensionCatalogue.Provider, Finding,
    ];

    public override IReadOnlyList<string> DefaultBy { get; } = ["provider", "month"];

    internal override FactShape Shape { get; } = new(ProviderIsText: true);

    internal override ReportAggregation Aggregation { get; } = new(
        ["received", "rejected", "late", "withdrawn", "visit", "visit_without_reason"],
        [.. new[] { "received", "rejected", "late", "withdrawn", "visit", "visit_without_reason" }.Select(c => $"CAST(sum({c}) AS BIGINT)")]);

    internal override string FactsSql(ReportRequest request, StatisticsContext context, Func<object, string> parameter)
    {
        var from = parameter(request.Period.From.ToDateTime(TimeOnly.MinValue));
        var to = parameter(request.Period.To.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var asOf = request.AsOf is { } t ? parameter(t.UtcDateTime) : null;
        var provider = request.Provider is { } p ? parameter(p) : null;
        var errors = string.Join(", ", FindingCatalogue.All.Where(f => f.Severity == Severity.Error).Select(f => SqlText.Literal(f.Code)));
        var late = SqlText.Literal((int)LateAfter.TotalDays);

        var versions =
            $"SELECT CAST(e.received_at AS DATE) AS event_date, pc.code AS provider, '{AllFindings}' AS finding, 1 AS received, 0 AS rejected, "
            + $"CASE WHEN e.received_at > e.updated_at + INTERVAL '{late} days' THEN 1 ELSE 0 END AS late, "
            + "CASE WHEN e.withdrawn THEN 1 ELSE 0 END AS withdrawn, "
            + "CASE WHEN e.visit_start IS NOT NULL AND NOT e.withdrawn THEN 1 ELSE 0 END AS visit, "
            + $"CASE WHEN e.visit_start IS NOT NULL AND NOT e.withdrawn AND NOT EXISTS (SELECT 1 FROM {ReportRelations.EventReasons} r WHERE r.version_id = e.version_id) THEN 1 ELSE 0 END AS visit_without_reason "
            + $"FROM {ReportRelations.Events} e JOIN {ReportRelations.Codes} pc ON pc.code_id = e.provider_id "
            + $"WHERE e.received_at >= {from} AND e.received_at < {to}"
            + (asOf is null ? "" : $" AND e.received_at <= {asOf}")
            + (provider is null ? "" : $" AND pc.code = {provider}");

        // One row per rejected record (and per error code of it, for the finding breakdown).
        string Rejected(string finding) =>
            $"SELECT CAST(s.received_at AS DATE) AS event_date, coalesce(x.provider, '{ReportDimension.UnknownCode}') AS provider, x.finding, "
            + $"{(finding == AllFindings ? 1 : 0)} AS received, 1 AS rejected, 0 AS late, 0 AS withdrawn, 0 AS visit, 0 AS visit_without_reason "
            + $"FROM (SELECT DISTINCT submission_id, record_index, provider, {(finding == AllFindings ? $"'{AllFindings}'" : "code")} AS finding "
            + $"FROM {ReportRelations.Findings} WHERE record_index IS NOT NULL AND code IN ({errors})) x "
            + $"JOIN {ReportRelations.Submissions} s ON s.submission_id = x.submission_id "
            + $"WHERE s.received_at >= {from} AND s.received_at < {to}"
            + (asOf is null ? "" : $" AND s.received_at <= {asOf}")
            + (provider is null ? "" : $" AND x.provider = {provider}");

        var facts = versions + " UNION ALL " + Rejected(AllFindings);
        return request.By.Contains(Finding.Code, StringComparer.Ordinal) ? facts + " UNION ALL " + Rejected("code") : facts;
    }

    internal override void Fill(StatisticsTable table, int cell, ReadOnlySpan<object?> aggregates, IReadOnlyList<string> categories)
    {
        var allRecords = categories.Count == 0 || FindingCategory(table, categories) == AllFindings;
        var received = Number(aggregates[0]) ?? 0;
        var rejected = Number(aggregates[1]) ?? 0;
        var visits = Number(aggregates[4]) ?? 0;
        table.SetValue(cell, 0, allRecords ? received : null);
        table.SetValue(cell, 1, rejected);
        table.SetValue(cell, 2, received > 0 ? 100.0 * rejected / received : null);
        table.SetValue(cell, 3, allRecords ? Number(aggregates[2]) ?? 0 : null);
        table.SetValue(cell, 4, allRecords ? Number(aggregates[3]) ?? 0 : null);
        table.SetValue(cell, 5, allRecords ? visits : null);
        table.SetValue(cell, 6, allRecords && visits > 0 ? 100.0 * (Number(aggregates[5]) ?? 0) / visits : null);
    }

    internal override void FillEmpty(StatisticsTable table, int cell, IReadOnlyList<string> categories)
    {
        var allRecords = FindingCategory(table, categories) == AllFindings;
        for (var m = 0; m < Measures.Count; m++)
        {
            table.SetValue(cell, m, Measures[m].Kind == MeasureKind.Derived || (!allRecords && m != 1) ? null : 0);
        }
    }

    /// <summary>The cell's finding category, or <see cref="AllFindings"/> when the table is not broken down by finding.</summary>
    private static string FindingCategory(StatisticsTable table, IReadOnlyList<string> categories)
    {
        for (var d = 0; d < table.Dimensions.Count; d++)
        {
            if (table.Dimensions[d].Code == Finding.Code)
            {
                return categories[d];
            }
        }

        return AllFindings;
    }

    /// <summary>All rejected records, then each error code; no total, since the codes overlap.</summary>
    private sealed class FindingDimension() : ReportDimension("finding", new("Virhekoodi", "Felkod", "Finding code"))
    {
        public override bool HasTotal => false;

        internal override DimensionSql Sql(StatisticsContext context, FactShape facts, string alias) => new([], [new LevelSql("f.finding")]);

        public override IReadOnlyList<TableCategory> Categories(IReadOnlyList<IReadOnlyCollection<(string Code, string? Parent)>> observed, ReportPeriod period, StatisticsContext context)
        {
            var categories = new List<TableCategory> { new(AllFindings, new("Kaikki hylätyt", "Alla avvisade", "All rejected")) };
            foreach (var code in observed[0].Select(o => o.Code).Where(c => c != AllFindings).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var definition = FindingCatalogue.Find(code);
                categories.Add(new TableCategory(code, definition is null ? new LocalizedText(code)
                    : new LocalizedText($"{code} {definition.Message.Fi}", $"{code} {definition.Message.In("sv")}", $"{code} {definition.Message.In("en")}")));
            }

            return categories;
        }
    }
}
