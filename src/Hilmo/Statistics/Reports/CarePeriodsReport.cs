using Hilmo.Statistics.Dimensions;
using Hilmo.Statistics.Sql;

namespace Hilmo.Statistics.Reports;

/// <summary>
/// Terveys-Hilmo discharges: periods of specialised care, day surgery and health-centre wards that
/// ended in the period, their care days, clients, mean length of stay and the day-surgery share.
/// </summary>
public sealed class CarePeriodsReport : ReportDefinition
{
    /// <summary>Codes of <c>hilmo_kiireellisyys</c> that mark a period begun without urgency: 4 since 2019, E before.</summary>
    public static IReadOnlyList<string> NonUrgent { get; } = ["4", "E"];

    public override string Name => "care-periods";

    public override LocalizedText Title { get; } = new("Terveydenhuollon hoitojaksot (Terveys-Hilmo)", "Vårdperioder inom hälso- och sjukvården (Terveys-Hilmo)", "Health-care periods (Terveys-Hilmo)");

    public override LocalizedText Description { get; } = new(
        "Päättyneet hoitojaksot (poistot lähtöpäivän mukaan), hoitopäivät, eri asiakkaiden määrä, keskimääräinen hoitoaika sekä päiväkirurgian osuus kiireettömistä toimenpidejaksoista. Asiakkaat lasketaan palveluntuottajittain, koska pseudonyymit ovat tuottajakohtaisia.",
        "Avslutade vårdperioder (utskrivningar enligt utskrivningsdag), vårddagar, antalet olika klienter, medelvårdtid samt andelen dagkirurgi av icke-brådskande perioder med åtgärd. Klienter räknas per tjänsteproducent, eftersom pseudonymerna är producentspecifika.",
        "Care periods that ended (discharges, by discharge date), care days, distinct clients, mean length of stay and the day-surgery share of non-urgent periods with a procedure. Clients are counted within each provider, since pseudonyms are provider-specific.");

    public override IReadOnlyList<LocalizedText> Notes(StatisticsContext context) =>
    [
        new("Hoitopäivät = lähtöpäivä − tulopäivä; samana päivänä alkava ja päättyvä jakso on yksi hoitopäivä. Keskimääräinen hoitoaika = hoitopäivät / poistot.",
            "Vårddagar = utskrivningsdag − inskrivningsdag; en period som börjar och slutar samma dag är en vårddag. Medelvårdtid = vårddagar / utskrivningar.",
            "Care days = discharge date − arrival date; a period that begins and ends on the same day is one care day. Mean length of stay = care days / discharges."),
        new("Päiväkirurgia: kiireettömänä alkanut jakso (kiireellisyys 4 tai E), jossa on toimenpide ja joka päättyy tulopäivänä. Osuus on näistä kaikista kiireettömistä toimenpidejaksoista.",
            "Dagkirurgi: en period som började utan brådska (brådskandegrad 4 eller E), med en åtgärd, som slutar på inskrivningsdagen. Andelen är av alla sådana icke-brådskande perioder med åtgärd.",
            "Day surgery: a period begun without urgency (urgency 4 or E), with a procedure, discharged on the day of arrival. The share is of all non-urgent periods with a procedure."),
        new("Ikä on asiakkaan ikä täysinä vuosina lähtöpäivänä. Hoitoaikaluokka on lähtöpäivä − tulopäivä vuorokausina.",
            "Åldern är klientens ålder i hela år på utskrivningsdagen. Vårdtidsklassen är utskrivningsdag − inskrivningsdag i dygn.",
            "Age is the client's age in whole years on the day of discharge. The length-of-stay band is discharge − arrival in days."),
    ];

    public override LocalizedText Source { get; } = new("THL, Hilmo – Terveys-Hilmo", "THL, Hilmo – Terveys-Hilmo", "THL, Hilmo – Terveys-Hilmo");

    internal override IReadOnlyList<string> Relations { get; } = [ReportRelations.Periods];

    public override IReadOnlyList<TableMeasure> Measures { get; } =
    [
        new("discharges", new("Poistot", "Utskrivningar", "Discharges"), new("hoitojaksoa", "vårdperioder", "periods"), 0, MeasureKind.AdditiveCount),
        new("care_days", new("Hoitopäivät", "Vårddagar", "Care days"), new("vrk", "dygn", "days"), 0, MeasureKind.AdditiveCount),
        new("clients", new("Asiakkaat", "Klienter", "Clients"), new("asiakasta", "klienter", "clients"), 0, MeasureKind.DistinctCount),
        new("mean_length_of_stay", new("Keskimääräinen hoitoaika", "Medelvårdtid", "Mean length of stay"), new("vrk", "dygn", "days"), 1, MeasureKind.Derived),
        new("day_surgery", new("Päiväkirurgiset jaksot", "Dagkirurgiska perioder", "Day-surgery periods"), new("hoitojaksoa", "vårdperioder", "periods"), 0, MeasureKind.AdditiveCount),
        new("surgical_periods", new("Kiireettömät toimenpidejaksot", "Icke-brådskande perioder med åtgärd", "Non-urgent periods with a procedure"), new("hoitojaksoa", "vårdperioder", "periods"), 0, MeasureKind.AdditiveCount),
        new("day_surgery_percent", new("Päiväkirurgian osuus, %", "Andel dagkirurgi, %", "Day surgery, %"), new("%", "%", "%"), 1, MeasureKind.Derived),
    ];

    public override IReadOnlyList<ReportDimension> Dimensions { get; } = [.. PeriodFacts.Common, PeriodDimensions.Specialty, PeriodDimensions.LengthOfStay];

    public override IReadOnlyList<IReadOnlyList<string>> Publication { get; } =
    [
        ["year", "specialty"],
        ["year", "length_of_stay"],
        ["year", "county"],
        ["year", "age_group", "sex"],
        ["year", "unit"],
    ];

    public override IReadOnlyList<string> DefaultBy { get; } = ["specialty", "year"];

    internal override ReportAggregation Aggregation { get; } = new(["pseudonym", "care_days", "day_surgery", "surgical"],
        ["count(*)", "CAST(sum(care_days) AS BIGINT)", "count(DISTINCT pseudonym)", "CAST(sum(day_surgery) AS BIGINT)", "CAST(sum(surgical) AS BIGINT)"]);

    internal override string FactsSql(ReportRequest request, StatisticsContext context, Func<object, string> parameter)
    {
        var surgical = "coalesce(p.urgency_id IN (SELECT code_id FROM " + ReportRelations.Codes + " WHERE code_system = 'hilmo_kiireellisyys' AND code IN ("
            + string.Join(", ", NonUrgent.Select(SqlText.Literal)) + ")), false) AND coalesce(p.procedures, 0) > 0";
        return PeriodFacts.Select(request, parameter, PeriodFacts.TerveysHilmo, "p.discharge_date", PeriodFacts.AgeAtDischarge,
            $"{PeriodFacts.CareDays} AS care_days, CASE WHEN {surgical} THEN 1 ELSE 0 END AS surgical, "
            + $"CASE WHEN {surgical} AND p.discharge_date = p.arrival_date THEN 1 ELSE 0 END AS day_surgery",
            "p.discharge_date IS NOT NULL AND " + PeriodFacts.Within("p.discharge_date", request.Period));
    }

    internal override void Fill(StatisticsTable table, int cell, ReadOnlySpan<object?> aggregates, IReadOnlyList<string> categories)
    {
        var discharges = Number(aggregates[0]) ?? 0;
        var careDays = Number(aggregates[1]) ?? 0;
        var daySurgery = Number(aggregates[3]) ?? 0;
        var surgical = Number(aggregates[4]) ?? 0;
        table.SetValue(cell, 0, discharges);
        table.SetValue(cell, 1, careDays);
        table.SetValue(cell, 2, Number(aggregates[2]) ?? 0);
        table.SetValue(cell, 3, discharges > 0 ? careDays / discharges : null);
        table.SetValue(cell, 4, daySurgery);
        table.SetValue(cell, 5, surgical);
        table.SetValue(cell, 6, surgical > 0 ? 100.0 * daySurgery / surgical : null);
    }
}
