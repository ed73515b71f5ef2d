using Hilmo.Statistics.Dimensions;

namespace Hilmo.Statistics.Reports;

/// <summary>Completed visits and the distinct clients who made them.</summary>
public sealed class VisitsReport : ReportDefinition
{
    public override string Name => "visits";

    public override LocalizedText Title { get; } = new("Perusterveydenhuollon avohoidon käynnit", "Besök inom öppenvården i primärvården", "Primary outpatient care visits");

    public override LocalizedText Description { get; } = new(
        "Toteutuneet käynnit (palvelutapahtumat, joilla on käynnin alkuaika eikä peruuntumista) ja eri asiakkaiden määrä. Asiakkaat lasketaan palveluntuottajittain: sama henkilö eri tuottajilla on eri asiakas, koska pseudonyymit ovat tuottajakohtaisia.",
        "Genomförda besök (servicehändelser med besökets starttid och utan annullering) och antalet olika klienter. Klienter räknas per tjänsteproducent: samma person hos olika producenter är olika klienter, eftersom pseudonymerna är producentspecifika.",
        "Completed visits (service events with a visit start and no cancellation) and the number of distinct clients. Clients are counted within each provider: one person at two providers is two clients, since pseudonyms are provider-specific.");

    public override IReadOnlyList<LocalizedText> Notes(StatisticsContext context) =>
    [
        new("Käynti kuuluu päivälle, jona se alkoi (Suomen aika).", "Ett besök hör till den dag det började (finsk tid).", "A visit belongs to the day it began (Finnish time)."),
    ];

    public override IReadOnlyList<TableMeasure> Measures { get; } =
    [
        Visits,
        new("clients", new("Asiakkaat", "Klienter", "Clients"), new("asiakasta", "klienter", "clients"), 0, MeasureKind.DistinctCount),
    ];

    public override IReadOnlyList<ReportDimension> Dimensions { get; } =
    [
        .. DimensionCatalogue.Times,
        DimensionCatalogue.County, DimensionCatalogue.Municipality, DimensionCatalogue.Provider, DimensionCatalogue.ProviderCounty,
        DimensionCatalogue.Unit, DimensionCatalogue.Profession, DimensionCatalogue.ServiceForm, DimensionCatalogue.ContactType,
        DimensionCatalogue.Urgency, DimensionCatalogue.Nature, DimensionCatalogue.AgeGroup, DimensionCatalogue.Sex, DimensionCatalogue.Care,
    ];

    public override IReadOnlyList<string> DefaultBy { get; } = ["county", "month"];

    public override IReadOnlyList<IReadOnlyList<string>> Publication { get; } =
    [
        ["month", "county"],
        ["month", "age_group", "sex"],
        ["month", "unit"],
        ["month", "profession", "contact_type"],
        ["month", "service_form"],
        ["month", "care", "urgency"],
        ["month", "nature"],
    ];

    internal override ReportAggregation Aggregation { get; } = new(["pseudonym"], ["count(*)", "count(DISTINCT pseudonym)"]);

    internal override string FactsSql(ReportRequest request, StatisticsContext context, Func<object, string> parameter) =>
        EventFacts.Select(request, parameter, "e.pseudonym");

    internal override void Fill(StatisticsTable table, int cell, ReadOnlySpan<object?> aggregates, IReadOnlyList<string> categories)
    {
        table.SetValue(cell, 0, Number(aggregates[0]) ?? 0);
        table.SetValue(cell, 1, Number(aggregates[1]) ?? 0);
    }
}
