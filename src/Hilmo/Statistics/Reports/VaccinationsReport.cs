using Hilmo.Statistics.Dimensions;
using Hilmo.Statistics.Sql;

namespace Hilmo.Statistics.Reports;

/// <summary>Vaccinations given at completed visits (medication items marked rokotus) and the distinct clients vaccinated.</summary>
public sealed class VaccinationsReport : ReportDefinition
{
    public override string Name => "vaccinations";

    public override LocalizedText Title { get; } = new("Rokotukset", "Vaccinationer", "Vaccinations");

    public override LocalizedText Description { get; } = new(
        "Toteutuneilla käynneillä annetut rokotukset (lääkitystiedot, joissa rokotus on merkitty) rokotteen ATC-koodin ja annoksen järjestysnumeron mukaan sekä rokotettujen asiakkaiden määrä. Asiakkaat lasketaan palveluntuottajittain, koska pseudonyymit ovat tuottajakohtaisia.",
        "Vaccinationer givna vid genomförda besök (läkemedelsuppgifter markerade som vaccination) efter vaccinets ATC-kod och dosens ordningsnummer samt antalet vaccinerade klienter. Klienter räknas per tjänsteproducent, eftersom pseudonymerna är producentspecifika.",
        "Vaccinations given at completed visits (medication items marked as a vaccination) by the vaccine's ATC code and the dose number, and the number of clients vaccinated. Clients are counted within each provider, since pseudonyms are provider-specific.");

    public override IReadOnlyList<LocalizedText> Notes(StatisticsContext context) =>
    [
        new("Rokotus kuuluu käynnin alkamispäivälle (Suomen aika); ikä on asiakkaan ikä täysinä vuosina sinä päivänä.",
            "En vaccination hör till den dag besöket började (finsk tid); åldern är klientens ålder i hela år den dagen.",
            "A vaccination belongs to the day its visit began (Finnish time); the age is the client's age in whole years on that day."),
        new("Annoksen järjestysnumero on ilmoitettu sellaisenaan; puuttuva tai muu kuin kokonaisluku on tuntematon.",
            "Dosens ordningsnummer är som det rapporterades; ett saknat eller annat än ett heltal är okänt.",
            "The dose number is as submitted; a missing one or one that is not a whole number is unknown."),
    ];

    public override IReadOnlyList<TableMeasure> Measures { get; } =
    [
        new("vaccinations", new("Rokotukset", "Vaccinationer", "Vaccinations"), new("rokotusta", "vaccinationer", "vaccinations"), 0, MeasureKind.AdditiveCount),
        new("clients", new("Rokotetut asiakkaat", "Vaccinerade klienter", "Clients vaccinated"), new("asiakasta", "klienter", "clients"), 0, MeasureKind.DistinctCount),
    ];

    public override IReadOnlyList<ReportDimension> Dimensions { get; } =
    [
        .. DimensionCatalogue.Times,
        DimensionCatalogue.County, DimensionCatalogue.Municipality, DimensionCatalogue.Provider, DimensionCatalogue.ServiceForm,
        HealthPromotionDimensions.Vaccine, HealthPromotionDimensions.DoseNumber, DimensionCatalogue.AgeGroup, DimensionCatalogue.Sex,
    ];

    public override IReadOnlyList<string> DefaultBy { get; } = ["vaccine", "dose_number"];

    /// <summary>
    /// Medication combined with place is restricted (privacy.md): the vaccine is published by
    /// time, dose and nothing else, the region only with all vaccines together. By year: a
    /// month's vaccinations are too few for their totals by time to be published in every table.
    /// </summary>
    public override IReadOnlyList<IReadOnlyList<string>> Publication { get; } =
    [
        ["year", "county"],
        ["year", "vaccine", "dose_number"],
        ["year", "age_group", "sex"],
    ];

    internal override ReportAggregation Aggregation { get; } = new(["pseudonym"], ["count(*)", "count(DISTINCT pseudonym)"]);

    /// <summary>One row per vaccination item of a current completed visit, with the visit's columns.</summary>
    internal override string FactsSql(ReportRequest request, StatisticsContext context, Func<object, string> parameter) =>
        $"SELECT v.*, m.atc_id, m.dose_number FROM ({EventFacts.Select(request, parameter, "e.version_id, e.pseudonym")}) v"
        + $" JOIN {ReportRelations.EventMedications} m ON m.version_id = v.version_id WHERE m.vaccination";

    internal override void Fill(StatisticsTable table, int cell, ReadOnlySpan<object?> aggregates, IReadOnlyList<string> categories)
    {
        table.SetValue(cell, 0, Number(aggregates[0]) ?? 0);
        table.SetValue(cell, 1, Number(aggregates[1]) ?? 0);
    }
}
