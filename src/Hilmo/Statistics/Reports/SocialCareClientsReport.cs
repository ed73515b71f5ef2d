using Hilmo.Statistics.Dimensions;
using Hilmo.Statistics.Sql;

namespace Hilmo.Statistics.Reports;

/// <summary>
/// Sosiaalihilmo clients at year end: the periods open at the end of each 31 December in the
/// period, and the distinct clients in them, from the current data (a period that ended later
/// still counts for every year end it spanned).
/// </summary>
public sealed class SocialCareClientsReport : ReportDefinition
{
    public override string Name => "social-care-clients";

    public override LocalizedText Title { get; } = new("Sosiaalihuollon asiakkaat vuoden lopussa (Sosiaalihilmo)", "Klienter inom socialvården vid årets slut (Sosiaalihilmo)", "Social-care clients at year end (Sosiaalihilmo)");

    public override LocalizedText Description { get; } = new(
        "Laitoshoidon ja ympärivuorokautisen palveluasumisen asiakkaat ja hoitojaksot 31.12.: jaksot, jotka ovat alkaneet viimeistään 31.12. eivätkä ole päättyneet silloin (ei lähtöpäivää tai lähtöpäivä myöhemmin). Asiakkaat lasketaan palveluntuottajittain.",
        "Klienter och vårdperioder inom institutionsvård och serviceboende med heldygnsomsorg den 31.12: perioder som har börjat senast 31.12 och inte slutat då (ingen utskrivningsdag eller en senare). Klienter räknas per tjänsteproducent.",
        "Clients and care periods of institutional care and 24-hour service housing on 31 December: periods that began on or before it and had not ended then (no discharge date, or a later one). Clients are counted within each provider.");

    public override IReadOnlyList<LocalizedText> Notes(StatisticsContext context) =>
    [
        new("Vuoden lopun tilanne lasketaan nykyisistä tiedoista: myöhemmin päättynyt jakso on mukana jokaisen vuodenvaihteen luvuissa, jonka yli se jatkui. Ikä on asiakkaan ikä täysinä vuosina 31.12.",
            "Läget vid årets slut räknas ur nuvarande uppgifter: en period som slutade senare ingår i varje årsskifte den sträckte sig över. Åldern är klientens ålder i hela år den 31.12.",
            "The year-end position is computed from the current data: a period that ended later counts for every year end it spanned. Age is the client's age in whole years on 31 December."),
    ];

    public override LocalizedText Source { get; } = new("THL, Hilmo – Sosiaalihilmo", "THL, Hilmo – Sosiaalihilmo", "THL, Hilmo – Sosiaalihilmo");

    internal override IReadOnlyList<string> Relations { get; } = [ReportRelations.Periods];

    public override IReadOnlyList<TableMeasure> Measures { get; } =
    [
        new("clients", new("Asiakkaat 31.12.", "Klienter 31.12", "Clients on 31 December"), new("asiakasta", "klienter", "clients"), 0, MeasureKind.DistinctCount),
        new("periods", new("Hoitojaksot 31.12.", "Vårdperioder 31.12", "Periods on 31 December"), new("hoitojaksoa", "vårdperioder", "periods"), 0, MeasureKind.AdditiveCount),
    ];

    public override IReadOnlyList<ReportDimension> Dimensions { get; } = [.. PeriodFacts.Common, PeriodDimensions.ServiceArea];

    public override IReadOnlyList<IReadOnlyList<string>> Publication { get; } =
    [
        ["year", "service_area"],
        ["year", "county"],
        ["year", "age_group", "sex"],
        ["year", "unit"],
    ];

    public override IReadOnlyList<string> DefaultBy { get; } = ["service_area", "year"];

    internal override ReportAggregation Aggregation { get; } = new(["pseudonym"], ["count(DISTINCT pseudonym)", "count(*)"]);

    /// <summary>One fact per period and year end it was open at; the year ends are a small inline list, the same on every engine.</summary>
    internal override string FactsSql(ReportRequest request, StatisticsContext context, Func<object, string> parameter) =>
        PeriodFacts.Select(request, parameter, PeriodFacts.Sosiaalihilmo, "y.year_end", PeriodFacts.AgeAtYearEnd, "1 AS open_period",
            "p.arrival_date <= y.year_end AND (p.discharge_date IS NULL OR p.discharge_date > y.year_end)",
            "JOIN " + PeriodFacts.YearEnds(request.Period) + " ON y.year_end IS NOT NULL");

    internal override void Fill(StatisticsTable table, int cell, ReadOnlySpan<object?> aggregates, IReadOnlyList<string> categories)
    {
        table.SetValue(cell, 0, Number(aggregates[0]) ?? 0);
        table.SetValue(cell, 1, Number(aggregates[1]) ?? 0);
    }
}
