using Hilmo.Notifications;
using Hilmo.Statistics.Dimensions;
using Hilmo.Statistics.Sql;
using Hilmo.Validation;

namespace Hilmo.Statistics.Reports;

/// <summary>
/// How well each provider reports: records received and rejected (by finding code), versions
/// sent late, withdrawals, and visits sent without a reason, by the date the register received them;
/// and, for the care-period registers, whether each year's data was complete by the 28 February
/// deadline (every period open at the end of 31 December has that year's census), on the year's 31 December.
/// </summary>
/// <remarks>
/// Which periods were open at a year end is judged by the data as it stands when the report is
/// read (or at its as-of time), so a period or a census that came after the deadline is counted,
/// as late, and never drops out of the provider's own figures; only the census's arrival is
/// measured against the deadline.
/// </remarks>
public sealed class DataQualityReport : ReportDefinition
{
    /// <summary>A version is late when it arrives more than this long after the submitter's own update time (<c>paivitetty</c>).</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromDays(7);

    /// <summary>The category of every rejected record, whatever its findings.</summary>
    public const string AllFindings = "ALL";

    /// <summary>Rejected records by the error they had; a record with two errors counts under both, so the codes do not add up to the whole.</summary>
    public static ReportDimension Finding { get; } = new FindingDimension();

    /// <summary>The register of each fact: <c>avohilmo</c>, <c>terveyshilmo</c>, <c>sosiaalihilmo</c>; rejected records, whose register could not be read, are <c>X</c>.</summary>
    public static ReportDimension RegisterDimension { get; } = new ClassDimension("register", new("Rekisteri", "Register", "Register"),
        _ => [.. new[] { Register.AvoHilmo, Register.TerveysHilmo, Register.Sosiaalihilmo }
                .Select(r => (Registers.WireName(r), new LocalizedText(Registers.DisplayName(r)))),
            (ReportDimension.UnknownCode, new LocalizedText("Hylätty, rekisteri ei tiedossa", "Avvisad, register okänt", "Rejected, register not known"))],
        (_, _, _) => ([], "f.register"));

    /// <summary>
    /// The end of the 28 February after <paramref name="yearEnd"/>, Finnish time, as a UTC time: the
    /// deadline by which the year's census must have arrived.
    /// </summary>
    /// <param name="yearEnd">A 31 December.</param>
    public static DateTime CensusDeadline(DateOnly yearEnd)
    {
        var end = new DateTime(yearEnd.Year + 1, 3, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(end, Finland).AddTicks(-10);
    }

    private static readonly TimeZoneInfo Finland = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    public override string Name => "data-quality";

    public override LocalizedText Title { get; } = new("Tiedon laatu palveluntuottajittain", "Datakvalitet per tjänsteproducent", "Data quality by provider");

    public override LocalizedText Description { get; } = new(
        "Vastaanotetut tietueet (tallennetut versiot ja hylätyt tietueet; samana toistetut eivät), hylättyjen osuus virhekoodeittain, myöhässä saapuneet versiot, poistot ja ilman käyntisyytä ilmoitetut käynnit vastaanottopäivän (UTC) mukaan; hoitojaksorekistereistä vuoden tietojen valmius 28.2. mennessä (vuoden 31.12. kohdalla).",
        "Mottagna poster (lagrade versioner och avvisade poster; oförändrat omsända ingår inte), andelen avvisade per felkod, sent inkomna versioner, återkallelser och besök utan besöksorsak enligt mottagningsdag (UTC); för vårdperiodregistren om årets uppgifter var fullständiga senast 28.2 (på årets 31.12).",
        "Records received (versions stored and records rejected; unchanged resends are not counted), the rejected share by finding code, versions that arrived late, withdrawals and visits sent without a reason, by the day (UTC) the register received them; for the care-period registers, whether the year's data was complete by 28 February (on the year's 31 December).");

    public override LocalizedText Source { get; } = new("THL, Hilmo", "THL, Hilmo", "THL, Hilmo");

    internal override IReadOnlyList<string> Relations { get; } = [ReportRelations.Events, ReportRelations.Periods];

    public override IReadOnlyList<LocalizedText> Notes(StatisticsContext context) =>
    [
        new($"Myöhässä: versio saapui yli {LateAfter.Days} vrk tietueen päivitysajan (paivitetty) jälkeen.", $"Sen: versionen kom mer än {LateAfter.Days} dygn efter postens uppdateringstid (paivitetty).", $"Late: the version arrived more than {LateAfter.Days} days after the record's update time (paivitetty)."),
        new("Vuoden lopussa avoimet: hoitojaksot, jotka raportin ajankohtana voimassa olevan tiedon mukaan alkoivat viimeistään 31.12., eivät päättyneet viimeistään 31.12. eivätkä ole poistettuja, myös 28.2. jälkeen ilmoitetut. Laskentatieto: jaksosta on saapunut 28.2. mennessä versio, jonka laskentapäivä on se 31.12.; myöhässä: se saapui vasta 28.2. jälkeen. Valmis (1) kun jokaisen laskentatieto saapui 28.2. mennessä. Luvut ovat vuoden 31.12. kohdalla.",
            "Öppna vid årets slut: vårdperioder som enligt uppgifterna gällande vid rapportens tidpunkt började senast 31.12, inte slutade senast 31.12 och inte är återkallade, också de som anmälts efter 28.2. Med räkning: en version med räknedagen 31.12 har kommit in senast 28.2; sen: den kom in först efter 28.2. Fullständig (1) när varje periods räkning kom in senast 28.2. Talen står på årets 31.12.",
            "Open at year end: periods that, by the data current at the report's time, arrived on or before 31 December, were not discharged on or before it and are not withdrawn, those reported after 28 February included. With census: a version with that 31 December as its census day arrived by 28 February; late: it arrived only after 28 February. Complete (1) when every period's census arrived by 28 February. The figures are on the year's 31 December."),
        new("Laskentatieto yhdistetään jaksoon tietueen avaimella (rekisteri, tuottaja, tunnus).",
            "Räkningen kopplas till perioden med postens nyckel (register, producent, tunnus).",
            "A census version is matched to its period by the record key (register, provider, tunnus)."),
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
        new("open_at_year_end", new("Vuoden lopussa avoimet jaksot", "Öppna perioder vid årets slut", "Periods open at year end"), new("hoitojaksoa", "vårdperioder", "periods"), 0, MeasureKind.AdditiveCount),
        new("with_census", new("Laskentatieto 28.2. mennessä", "Med räkning senast 28.2", "With census by 28 February"), new("hoitojaksoa", "vårdperioder", "periods"), 0, MeasureKind.AdditiveCount),
        new("late_census", new("Laskentatieto myöhässä (28.2. jälkeen)", "Räkning sent (efter 28.2)", "Census late (after 28 February)"), new("hoitojaksoa", "vårdperioder", "periods"), 0, MeasureKind.AdditiveCount),
        new("without_census", new("Laskentatieto puuttuu", "Utan räkning", "Without census"), new("hoitojaksoa", "vårdperioder", "periods"), 0, MeasureKind.AdditiveCount),
        new("complete", new("Vuoden tiedot valmiit 28.2. (1 = kyllä, 0 = ei)", "Årets uppgifter fullständiga 28.2 (1 = ja, 0 = nej)", "Year complete by 28 February (1 = yes, 0 = no)"), new("", "", ""), 0, MeasureKind.Derived),
    ];

    public override IReadOnlyList<ReportDimension> Dimensions { get; } =
    [
        .. DimensionCatalogue.Times,
        DimensionCatalogue.Provider, Finding, RegisterDimension,
    ];

    public override IReadOnlyList<string> DefaultBy { get; } = ["provider", "month"];

    internal override FactShape Shape { get; } = new(ProviderIsText: true);

    /// <summary>The counted columns of every fact, in the order of the aggregates.</summary>
    private static readonly string[] Counted = ["received", "rejected", "late", "withdrawn", "visit", "visit_without_reason", "open_at_year_end", "with_census", "late_census"];

    internal override ReportAggregation Aggregation { get; } = new(Counted, [.. Counted.Select(c => $"CAST(sum({c}) AS BIGINT)")]);

    internal override string FactsSql(ReportRequest request, StatisticsContext context, Func<object, string> parameter)
    {
        var from = parameter(request.Period.From.ToDateTime(TimeOnly.MinValue));
        var to = parameter(request.Period.To.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var asOf = request.AsOf is { } t ? parameter(t.UtcDateTime) : null;
        var provider = request.Provider is { } p ? parameter(p) : null;
        var errors = string.Join(", ", FindingCatalogue.All.Where(f => f.Severity == Severity.Error).Select(f => SqlText.Literal(f.Code)));
        var late = SqlText.Literal((int)LateAfter.TotalDays);

        var versions =
            $"SELECT CAST(e.received_at AS DATE) AS event_date, pc.code AS provider, '{AllFindings}' AS finding, '{Registers.WireName(Register.AvoHilmo)}' AS register, 1 AS received, 0 AS rejected, "
            + $"CASE WHEN e.received_at > e.updated_at + INTERVAL '{late} days' THEN 1 ELSE 0 END AS late, "
            + "CASE WHEN e.withdrawn THEN 1 ELSE 0 END AS withdrawn, "
            + "CASE WHEN e.visit_start IS NOT NULL AND NOT e.withdrawn THEN 1 ELSE 0 END AS visit, "
            + $"CASE WHEN e.visit_start IS NOT NULL AND NOT e.withdrawn AND NOT EXISTS (SELECT 1 FROM {ReportRelations.EventReasons} r WHERE r.version_id = e.version_id) THEN 1 ELSE 0 END AS visit_without_reason, "
            + "0 AS open_at_year_end, 0 AS with_census, 0 AS late_census "
            + $"FROM {ReportRelations.Events} e JOIN {ReportRelations.Codes} pc ON pc.code_id = e.provider_id "
            + $"WHERE e.received_at >= {from} AND e.received_at < {to}"
            + (asOf is null ? "" : $" AND e.received_at <= {asOf}")
            + (provider is null ? "" : $" AND pc.code = {provider}");

        // Versions of care periods count as records received, late or withdrawn like visits' versions.
        var periodVersions =
            $"SELECT CAST(p.received_at AS DATE) AS event_date, pc.code AS provider, '{AllFindings}' AS finding, {RegisterName("p.register")} AS register, 1 AS received, 0 AS rejected, "
            + $"CASE WHEN p.received_at > p.updated_at + INTERVAL '{late} days' THEN 1 ELSE 0 END AS late, "
            + "CASE WHEN p.withdrawn THEN 1 ELSE 0 END AS withdrawn, 0 AS visit, 0 AS visit_without_reason, 0 AS open_at_year_end, 0 AS with_census, 0 AS late_census "
            + $"FROM {ReportRelations.Periods} p JOIN {ReportRelations.Codes} pc ON pc.code_id = p.provider_id "
            + $"WHERE p.received_at >= {from} AND p.received_at < {to}"
            + (asOf is null ? "" : $" AND p.received_at <= {asOf}")
            + (provider is null ? "" : $" AND pc.code = {provider}");

        // One row per rejected record (and per error code of it, for the finding breakdown).
        string Rejected(string finding) =>
            $"SELECT CAST(s.received_at AS DATE) AS event_date, coalesce(x.provider, '{ReportDimension.UnknownCode}') AS provider, x.finding, "
            + $"'{ReportDimension.UnknownCode}' AS register, {(finding == AllFindings ? 1 : 0)} AS received, 1 AS rejected, 0 AS late, 0 AS withdrawn, 0 AS visit, 0 AS visit_without_reason, 0 AS open_at_year_end, 0 AS with_census, 0 AS late_census "
            + $"FROM (SELECT DISTINCT submission_id, record_index, provider, {(finding == AllFindings ? $"'{AllFindings}'" : "code")} AS finding "
            + $"FROM {ReportRelations.Findings} WHERE record_index IS NOT NULL AND code IN ({errors})) x "
            + $"JOIN {ReportRelations.Submissions} s ON s.submission_id = x.submission_id "
            + $"WHERE s.received_at >= {from} AND s.received_at < {to}"
            + (asOf is null ? "" : $" AND s.received_at <= {asOf}")
            + (provider is null ? "" : $" AND x.provider = {provider}");

        var facts = versions + " UNION ALL " + periodVersions + " UNION ALL " + Rejected(AllFindings) + " UNION ALL " + YearEndCensus(request, parameter, provider);
        return request.By.Contains(Finding.Code, StringComparer.Ordinal) ? facts + " UNION ALL " + Rejected("code") : facts;
    }

    /// <summary>
    /// One fact per period open at the end of a 31 December in the request's period, on that day:
    /// by the versions current when the register is read (at the as-of time, or now), arrived by
    /// the year end, not discharged by it, not withdrawn, however late they came; with 1 in
    /// <c>with_census</c> when a version of it (same register, provider and tunnus) with that
    /// census day arrived by the deadline (28 February, Finnish time; the as-of time when that is
    /// earlier), and otherwise 1 in <c>late_census</c> when one arrived after the deadline.
    /// </summary>
    /// <param name="request">The period and as-of time.</param>
    /// <param name="parameter">Makes a parameter of a value.</param>
    /// <param name="provider">The provider parameter's placeholder, or null for all.</param>
    private static string YearEndCensus(ReportRequest request, Func<object, string> parameter, string? provider)
    {
        // Only years that have ended by the moment the register is read as of.
        var readAt = request.AsOf ?? request.AnsweredAt ?? DateTimeOffset.MaxValue;
        var ends = PeriodFacts.YearEndDates(request.Period).Where(end => end < DateOnly.FromDateTime(readAt.UtcDateTime)).Select(end =>
        {
            var at = CensusDeadline(end);
            if (request.AsOf is { } asOf && asOf.UtcDateTime < at)
            {
                at = asOf.UtcDateTime;
            }

            return $"({SqlText.Literal(end)}, {SqlText.Literal(at)})";
        }).ToList();
        var years = "(VALUES " + (ends.Count > 0 ? string.Join(", ", ends) : "(CAST(NULL AS DATE), CAST(NULL AS TIMESTAMP))") + ") AS y(year_end, counted_at)";
        string Census(string received) =>
            $"EXISTS (SELECT 1 FROM {ReportRelations.Periods} c WHERE c.register = p.register AND c.provider_id = p.provider_id "
            + $"AND c.record_id = p.record_id AND c.census_date = y.year_end AND {received})";
        var lateReceived = "c.received_at > y.counted_at" + (request.AsOf is { } t ? $" AND c.received_at <= {parameter(t.UtcDateTime)}" : "");
        return $"SELECT y.year_end AS event_date, pc.code AS provider, '{AllFindings}' AS finding, {RegisterName("p.register")} AS register, "
            + "0 AS received, 0 AS rejected, 0 AS late, 0 AS withdrawn, 0 AS visit, 0 AS visit_without_reason, 1 AS open_at_year_end, "
            + $"CASE WHEN {Census("c.received_at <= y.counted_at")} THEN 1 ELSE 0 END AS with_census, "
            + $"CASE WHEN NOT {Census("c.received_at <= y.counted_at")} AND {Census(lateReceived)} THEN 1 ELSE 0 END AS late_census "
            + $"FROM {ReportRelations.Periods} p JOIN {years} ON y.year_end IS NOT NULL "
            + $"JOIN {ReportRelations.Codes} pc ON pc.code_id = p.provider_id "
            + $"WHERE {PeriodFacts.Current(request.AsOf, parameter)} AND NOT p.withdrawn "
            + "AND p.arrival_date <= y.year_end AND (p.discharge_date IS NULL OR p.discharge_date > y.year_end)"
            + (provider is null ? "" : $" AND pc.code = {provider}");
    }

    /// <summary>The wire name of a <c>report_periods.register</c> value.</summary>
    private static string RegisterName(string column) =>
        $"CASE {column} WHEN {(int)Register.TerveysHilmo} THEN '{Registers.WireName(Register.TerveysHilmo)}' "
        + $"WHEN {(int)Register.Sosiaalihilmo} THEN '{Registers.WireName(Register.Sosiaalihilmo)}' ELSE '{ReportDimension.UnknownCode}' END";

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
        var open = Number(aggregates[6]) ?? 0;
        var withCensus = Number(aggregates[7]) ?? 0;
        var lateCensus = Number(aggregates[8]) ?? 0;
        table.SetValue(cell, 7, allRecords ? open : null);
        table.SetValue(cell, 8, allRecords ? withCensus : null);
        table.SetValue(cell, 9, allRecords ? lateCensus : null);
        table.SetValue(cell, 10, allRecords ? open - withCensus - lateCensus : null);
        table.SetValue(cell, 11, allRecords && open > 0 ? (open == withCensus ? 1 : 0) : null);
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
