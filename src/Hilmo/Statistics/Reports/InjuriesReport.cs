using Hilmo.Statistics.Dimensions;
using Hilmo.Statistics.Sql;

namespace Hilmo.Statistics.Reports;

/// <summary>Completed visits for an injury: visits with a reason whose external cause is in ICD-10 chapter XX (V01–Y98).</summary>
public sealed class InjuriesReport : ReportDefinition
{
    public override string Name => "injuries";

    public override LocalizedText Title { get; } = new("Tapaturmat ja muut ulkoisten syiden aiheuttamat käynnit", "Besök för olycksfall och andra yttre orsaker", "Visits for injuries and other external causes");

    public override LocalizedText Description { get; } = new(
        "Toteutuneet käynnit, joiden käyntisyyllä on ulkoinen syy (ICD-10 V01–Y98), ulkoisen syyn ryhmän ja tapaturmatyypin mukaan, sekä eri asiakkaiden määrä. Käynnin ulkoinen syy ja tapaturmatyyppi ovat sen ensimmäisen käyntisyyn, jolla on ulkoinen syy. Asiakkaat lasketaan palveluntuottajittain.",
        "Genomförda besök med en besöksorsak som har en yttre orsak (ICD-10 V01–Y98), efter den yttre orsakens grupp och olyckstyp, samt antalet olika klienter. Besökets yttre orsak och olyckstyp är de hos den första besöksorsaken som har en yttre orsak. Klienter räknas per tjänsteproducent.",
        "Completed visits with a reason that has an external cause (ICD-10 V01–Y98), by the external cause's group and the accident type, and the number of distinct clients. A visit's external cause and accident type are those of its first reason with an external cause. Clients are counted within each provider.");

    public override IReadOnlyList<LocalizedText> Notes(StatisticsContext context) =>
    [
        new("Ulkoinen syy yhdistettynä asuinalueeseen on arkaluonteinen (itsensä vahingoittaminen, pahoinpitely): julkisissa taulukoissa ulkoista syytä ei jaeta alueittain.",
            "En yttre orsak i kombination med boningsort är känslig (självdestruktiv handling, övergrepp): i offentliga tabeller delas den yttre orsaken inte efter område.",
            "An external cause combined with the area of residence is sensitive (self-harm, assault): public tables do not break the external cause down by area."),
    ];

    public override IReadOnlyList<TableMeasure> Measures { get; } =
    [
        new("injury_visits", new("Käynnit", "Besök", "Visits"), new("käyntiä", "besök", "visits"), 0, MeasureKind.AdditiveCount),
        new("clients", new("Asiakkaat", "Klienter", "Clients"), new("asiakasta", "klienter", "clients"), 0, MeasureKind.DistinctCount),
    ];

    public override IReadOnlyList<ReportDimension> Dimensions { get; } =
    [
        .. DimensionCatalogue.Times,
        DimensionCatalogue.County, DimensionCatalogue.Municipality, DimensionCatalogue.Provider,
        HealthPromotionDimensions.ExternalCause, HealthPromotionDimensions.AccidentType, DimensionCatalogue.AgeGroup, DimensionCatalogue.Sex,
    ];

    public override IReadOnlyList<string> DefaultBy { get; } = ["external_cause", "year"];

    /// <summary>
    /// External causes with place are restricted (privacy.md): the cause is published with the
    /// accident type only, the region only for all injuries together. By year, since injuries are few.
    /// </summary>
    public override IReadOnlyList<IReadOnlyList<string>> Publication { get; } =
    [
        ["year", "county"],
        ["year", "external_cause", "accident_type"],
        ["year", "age_group", "sex"],
    ];

    internal override ReportAggregation Aggregation { get; } = new(["pseudonym"], ["count(*)", "count(DISTINCT pseudonym)"]);

    /// <summary>One row per current completed visit with an external cause, with its first such reason's cause and accident type.</summary>
    internal override string FactsSql(ReportRequest request, StatisticsContext context, Func<object, string> parameter) =>
        $"SELECT v.*, r.external_cause_id, r.accident_type_id FROM ({EventFacts.Select(request, parameter, "e.version_id, e.pseudonym")}) v"
        + $" JOIN (SELECT x.version_id, min(x.ordinal) AS ordinal FROM {ReportRelations.EventReasons} x"
        + $" WHERE x.external_cause_id IN (SELECT c.code_id FROM {ReportRelations.Codes} c WHERE c.code_system = 'icd10fi' AND {HealthPromotionDimensions.IsExternalCause("c.code")})"
        + " GROUP BY x.version_id) first_cause ON first_cause.version_id = v.version_id"
        + $" JOIN {ReportRelations.EventReasons} r ON r.version_id = first_cause.version_id AND r.ordinal = first_cause.ordinal";

    internal override void Fill(StatisticsTable table, int cell, ReadOnlySpan<object?> aggregates, IReadOnlyList<string> categories)
    {
        table.SetValue(cell, 0, Number(aggregates[0]) ?? 0);
        table.SetValue(cell, 1, Number(aggregates[1]) ?? 0);
    }
}
