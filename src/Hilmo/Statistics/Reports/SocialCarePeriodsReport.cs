using Hilmo.Statistics.Dimensions;
using Hilmo.Statistics.Sql;

namespace Hilmo.Statistics.Reports;

/// <summary>
/// Sosiaalihilmo periods of institutional care and 24-hour service housing: those begun and those
/// ended in the period, with the care days and the mean length of stay of the ended ones.
/// </summary>
public sealed class SocialCarePeriodsReport : ReportDefinition
{
    public override string Name => "social-care-periods";

    public override LocalizedText Title { get; } = new("Sosiaalihuollon hoitojaksot (Sosiaalihilmo)", "Vårdperioder inom socialvården (Sosiaalihilmo)", "Social-care periods (Sosiaalihilmo)");

    public override LocalizedText Description { get; } = new(
        "Laitoshoidon ja ympärivuorokautisen palveluasumisen hoitojaksot: kaudella alkaneet (tulopäivän mukaan) ja päättyneet (lähtöpäivän mukaan) jaksot sekä päättyneiden hoitopäivät ja keskimääräinen hoitoaika.",
        "Vårdperioder inom institutionsvård och serviceboende med heldygnsomsorg: perioder som började (enligt inskrivningsdag) och slutade (enligt utskrivningsdag) under perioden samt de avslutade periodernas vårddagar och medelvårdtid.",
        "Periods of institutional care and 24-hour service housing: those begun in the period (by arrival date) and those ended in it (by discharge date), with the care days and mean length of stay of the ended ones.");

    public override IReadOnlyList<LocalizedText> Notes(StatisticsContext context) =>
    [
        new("Alkanut jakso kuuluu tulopäivälleen, päättynyt lähtöpäivälleen; ikä on asiakkaan ikä täysinä vuosina sinä päivänä.",
            "En påbörjad period hör till sin inskrivningsdag, en avslutad till sin utskrivningsdag; åldern är klientens ålder i hela år den dagen.",
            "A period begun belongs to its arrival date, a period ended to its discharge date; age is the client's age in whole years on that day."),
        new("Hoitopäivät = lähtöpäivä − tulopäivä (vähintään 1). Keskimääräinen hoitoaika = päättyneiden hoitopäivät / päättyneet jaksot.",
            "Vårddagar = utskrivningsdag − inskrivningsdag (minst 1). Medelvårdtid = de avslutade periodernas vårddagar / avslutade perioder.",
            "Care days = discharge date − arrival date (at least 1). Mean length of stay = care days of the ended periods / periods ended."),
        new("Hoitoaikaluokka on lähtöpäivä − tulopäivä; alkaneista jaksoista ne, jotka eivät ole päättyneet, ovat luokassa 'päättymätön'.",
            "Vårdtidsklassen är utskrivningsdag − inskrivningsdag; påbörjade perioder som inte har avslutats är i klassen 'pågående'.",
            "The length-of-stay band is discharge − arrival; periods begun that have not ended are in the class 'not ended'."),
    ];

    public override LocalizedText Source { get; } = new("THL, Hilmo – Sosiaalihilmo", "THL, Hilmo – Sosiaalihilmo", "THL, Hilmo – Sosiaalihilmo");

    internal override IReadOnlyList<string> Relations { get; } = [ReportRelations.Periods];

    public override IReadOnlyList<TableMeasure> Measures { get; } =
    [
        new("periods_started", new("Alkaneet hoitojaksot", "Påbörjade vårdperioder", "Periods started"), new("hoitojaksoa", "vårdperioder", "periods"), 0, MeasureKind.AdditiveCount),
        new("periods_ended", new("Päättyneet hoitojaksot", "Avslutade vårdperioder", "Periods ended"), new("hoitojaksoa", "vårdperioder", "periods"), 0, MeasureKind.AdditiveCount),
        new("care_days", new("Päättyneiden hoitopäivät", "De avslutades vårddagar", "Care days of the periods ended"), new("vrk", "dygn", "days"), 0, MeasureKind.AdditiveCount),
        new("mean_length_of_stay", new("Keskimääräinen hoitoaika", "Medelvårdtid", "Mean length of stay"), new("vrk", "dygn", "days"), 1, MeasureKind.Derived),
    ];

    public override IReadOnlyList<ReportDimension> Dimensions { get; } = [.. PeriodFacts.Common, PeriodDimensions.ServiceArea, PeriodDimensions.LengthOfStayOrOpen];

    public override IReadOnlyList<IReadOnlyList<string>> Publication { get; } =
    [
        ["year", "service_area"],
        ["year", "length_of_stay"],
        ["year", "county"],
        ["year", "age_group", "sex"],
        ["year", "unit"],
    ];

    public override IReadOnlyList<string> DefaultBy { get; } = ["service_area", "year"];

    internal override ReportAggregation Aggregation { get; } = new(["started", "ended", "care_days"],
        ["CAST(sum(started) AS BIGINT)", "CAST(sum(ended) AS BIGINT)", "CAST(sum(care_days) AS BIGINT)"]);

    /// <summary>A period begun and ended in the period is two facts: one on its arrival day, one on its discharge day.</summary>
    internal override string FactsSql(ReportRequest request, StatisticsContext context, Func<object, string> parameter) =>
        PeriodFacts.Select(request, parameter, PeriodFacts.Sosiaalihilmo, "p.arrival_date", PeriodFacts.AgeAtArrival, "1 AS started, 0 AS ended, 0 AS care_days",
            PeriodFacts.Within("p.arrival_date", request.Period))
        + " UNION ALL "
        + PeriodFacts.Select(request, parameter, PeriodFacts.Sosiaalihilmo, "p.discharge_date", PeriodFacts.AgeAtDischarge, $"0 AS started, 1 AS ended, {PeriodFacts.CareDays} AS care_days",
            "p.discharge_date IS NOT NULL AND " + PeriodFacts.Within("p.discharge_date", request.Period));

    internal override void Fill(StatisticsTable table, int cell, ReadOnlySpan<object?> aggregates, IReadOnlyList<string> categories)
    {
        var ended = Number(aggregates[1]) ?? 0;
        var careDays = Number(aggregates[2]) ?? 0;
        table.SetValue(cell, 0, Number(aggregates[0]) ?? 0);
        table.SetValue(cell, 1, ended);
        table.SetValue(cell, 2, careDays);
        table.SetValue(cell, 3, ended > 0 ? careDays / ended : null);
    }
}
