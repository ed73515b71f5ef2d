using Hilmo.Statistics.Dimensions;
using Hilmo.Statistics.Sql;

namespace Hilmo.Statistics.Reports;

/// <summary>
/// Completed visits of the health-promotion services (maternity and child health clinics, school
/// and student health care) and every completed visit with a health check, by the health check.
/// </summary>
public sealed class HealthPromotionReport : ReportDefinition
{
    /// <summary>The service forms of the health-promotion services: maternity clinic, child health clinic, school and student health care.</summary>
    internal static readonly string[] ServiceForms = ["T21", "T22", "T26", "T27"];

    public override string Name => "health-promotion";

    public override LocalizedText Title { get; } = new(
        "Neuvolat, koulu- ja opiskeluterveydenhuolto ja terveystarkastukset",
        "Rådgivningar, skol- och studerandehälsovård och hälsoundersökningar",
        "Maternity and child health clinics, school and student health care, and health checks");

    public override LocalizedText Description { get; } = new(
        "Äitiysneuvolan (palvelumuoto T21), lastenneuvolan (T22), kouluterveydenhuollon (T26) ja opiskeluterveydenhuollon (T27) toteutuneet käynnit sekä muiden palvelumuotojen toteutuneet käynnit, joilla tehtiin terveystarkastus, terveystarkastuksen mukaan, ja eri asiakkaiden määrä. Laajat terveystarkastukset ovat valtioneuvoston asetuksen 338/2011 mukaiset: lastenneuvolassa 4 ja 18 kuukauden ja 4 vuoden iässä, kouluterveydenhuollossa 1., 5. ja 8. luokalla (SPAT1381–SPAT1386). Asiakkaat lasketaan palveluntuottajittain.",
        "Genomförda besök inom mödrarådgivningen (serviceform T21), barnrådgivningen (T22), skolhälsovården (T26) och studerandehälsovården (T27) samt genomförda besök inom andra serviceformer med en hälsoundersökning, efter hälsoundersökningen, och antalet olika klienter. De omfattande hälsoundersökningarna är de enligt statsrådets förordning 338/2011: på barnrådgivningen vid 4 och 18 månaders och 4 års ålder, inom skolhälsovården i årskurs 1, 5 och 8 (SPAT1381–SPAT1386). Klienter räknas per tjänsteproducent.",
        "Completed visits to the maternity clinic (service form T21), the child health clinic (T22), school health care (T26) and student health care (T27), and completed visits of other service forms at which a health check was made, by the health check, and the number of distinct clients. The extensive health checks are those of Government Decree 338/2011: at the child health clinic at 4 and 18 months and 4 years, in school health care in grades 1, 5 and 8 (SPAT1381–SPAT1386). Clients are counted within each provider.");

    public override IReadOnlyList<LocalizedText> Notes(StatisticsContext context) =>
    [
        new("Käynnin terveystarkastus on sen ensimmäinen toimenpide (ilmoitetussa järjestyksessä), joka on terveystarkastus; käynti ilman sellaista on luokassa \"ei terveystarkastusta\". Käynti kuuluu päivälle, jona se alkoi (Suomen aika).",
            "Besökets hälsoundersökning är dess första åtgärd (i den anmälda ordningen) som är en hälsoundersökning; ett besök utan en sådan hör till klassen \"ingen hälsoundersökning\". Ett besök hör till den dag det började (finsk tid).",
            "A visit's health check is its first procedure (in the order submitted) that is a health check; a visit without one is in the class \"no health check\". A visit belongs to the day it began (Finnish time)."),
        new("Julkisissa taulukoissa terveystarkastusta ei jaeta alueen eikä iän mukaan: tarkastus kertoo lapsen iän lähes päivälleen, ja ikä, alue ja aika yhdessä voivat tunnistaa lapsen.",
            "I offentliga tabeller delas hälsoundersökningen inte efter område eller ålder: undersökningen anger barnets ålder nästan på dagen, och ålder, område och tid tillsammans kan identifiera barnet.",
            "Public tables do not break the health check down by area or age: a check gives a child's age almost to the day, and age, area and time together can identify the child."),
    ];

    public override IReadOnlyList<TableMeasure> Measures { get; } =
    [
        Visits,
        new("clients", new("Asiakkaat", "Klienter", "Clients"), new("asiakasta", "klienter", "clients"), 0, MeasureKind.DistinctCount),
    ];

    public override IReadOnlyList<ReportDimension> Dimensions { get; } =
    [
        .. DimensionCatalogue.Times,
        DimensionCatalogue.County, DimensionCatalogue.Municipality, DimensionCatalogue.Provider, DimensionCatalogue.Unit,
        DimensionCatalogue.Profession, DimensionCatalogue.ServiceForm, DimensionCatalogue.ContactType,
        HealthPromotionDimensions.HealthCheck, DimensionCatalogue.AgeGroup, DimensionCatalogue.Sex,
    ];

    public override IReadOnlyList<string> DefaultBy { get; } = ["county", "month"];

    /// <summary>
    /// The health check is published by time alone (privacy.md: age, area and dates are
    /// quasi-identifiers, and a check type is an age): with area or age it would place a child
    /// of one age in one area in one month. The region, service form and age are each published
    /// with all checks together.
    /// </summary>
    public override IReadOnlyList<IReadOnlyList<string>> Publication { get; } =
    [
        ["month", "county"],
        ["month", "service_form"],
        ["month", "health_check"],
        ["month", "age_group", "sex"],
    ];

    internal override ReportAggregation Aggregation { get; } = new(["pseudonym"], ["count(*)", "count(DISTINCT pseudonym)"]);

    /// <summary>
    /// One row per current completed visit of a health-promotion service form or with a health
    /// check, with the SPAT code id of its first health check (null when it has none).
    /// </summary>
    internal override string FactsSql(ReportRequest request, StatisticsContext context, Func<object, string> parameter) =>
        $"SELECT v.*, c.spat_id AS check_spat_id FROM ({EventFacts.Select(request, parameter, "e.version_id, e.pseudonym")}) v"
        + $" LEFT JOIN (SELECT x.version_id, min(x.ordinal) AS ordinal FROM {ReportRelations.EventProcedures} x"
        + $" WHERE x.spat_id IN (SELECT s.code_id FROM {ReportRelations.Codes} s WHERE s.code_system = 'spat' AND {HealthPromotionDimensions.IsHealthCheck("s.code")})"
        + " GROUP BY x.version_id) first_check ON first_check.version_id = v.version_id"
        + $" LEFT JOIN {ReportRelations.EventProcedures} c ON c.version_id = first_check.version_id AND c.ordinal = first_check.ordinal"
        + $" WHERE first_check.version_id IS NOT NULL OR v.service_form_id IN (SELECT s.code_id FROM {ReportRelations.Codes} s WHERE s.code_system = 'palvelumuoto' AND s.code IN ("
        + string.Join(", ", ServiceForms.Select(SqlText.Literal)) + "))";

    internal override void Fill(StatisticsTable table, int cell, ReadOnlySpan<object?> aggregates, IReadOnlyList<string> categories)
    {
        table.SetValue(cell, 0, Number(aggregates[0]) ?? 0);
        table.SetValue(cell, 1, Number(aggregates[1]) ?? 0);
    }
}
