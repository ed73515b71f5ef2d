using Hilmo.Statistics.Dimensions;
using Hilmo.Statistics.Signals;

namespace Hilmo.Statistics.Reports;

/// <summary>
/// Completed visits by syndrome (syndromic surveillance, issue 20): a visit counts once for every
/// syndrome of <see cref="SyndromeCatalogue"/> one of its reasons (ICD-10 or ICPC-2) falls in on
/// the visit's date, by the visit's date, not the receipt's.
/// </summary>
public sealed class SyndromesReport : ReportDefinition
{
    /// <summary>
    /// Syndromes that may not be published with the place (privacy.md: diagnoses combined with
    /// place are restricted linkage, and mental health is among the most sensitive): crisis
    /// contacts by county would point at self-harm in a small area. They are in
    /// <see cref="SyndromeDimension"/> for the entitled, never in <see cref="InfectionDimension"/>, the published one.
    /// </summary>
    public static IReadOnlyList<string> RestrictedWithPlace { get; } = ["mental_crisis"];

    public override string Name => "syndromes";

    public override LocalizedText Title { get; } = new("Oireyhtymät (syndroomaseuranta)", "Syndrom (syndromövervakning)", "Syndromes (syndromic surveillance)");

    public override LocalizedText Description { get; } = new(
        "Toteutuneet käynnit, joiden käyntisyy (ICD-10 tai ICPC-2) kuuluu oireyhtymään, käyntipäivän (ei vastaanottopäivän) mukaan, ja eri asiakkaiden määrä. Käynti lasketaan kerran kutakin oireyhtymää kohden, johon jokin sen käyntisyistä kuuluu: käynti, jolla on J10 ja R80, on yksi influenssan kaltaisen taudin käynti; käynti, jolla on J10 ja A09, on yksi influenssan kaltaisen taudin ja yksi maha-suolitulehduksen käynti. Oireyhtymien koodit ovat päivättyjä (tiedosto syndrome-codes.csv): koodi kuuluu oireyhtymään vain voimassaoloaikanaan. Asiakkaat lasketaan palveluntuottajittain.",
        "Genomförda besök med en besöksorsak (ICD-10 eller ICPC-2) som hör till ett syndrom, efter besöksdagen (inte mottagningsdagen), samt antalet olika klienter. Ett besök räknas en gång för varje syndrom som någon av dess besöksorsaker hör till: ett besök med J10 och R80 är ett besök för influensaliknande sjukdom; ett med J10 och A09 är ett besök för influensaliknande sjukdom och ett för gastroenterit. Syndromens koder är daterade (filen syndrome-codes.csv): en kod hör till ett syndrom bara under sin giltighetstid. Klienter räknas per tjänsteproducent.",
        "Completed visits with a reason (ICD-10 or ICPC-2) in a syndrome, by the visit's date (not the receipt's), and the number of distinct clients. A visit counts once for every syndrome one of its reasons falls in: a visit with J10 and R80 is one influenza-like illness visit; one with J10 and A09 is one influenza-like illness visit and one gastroenteritis visit. The syndromes' codes are dated (the file syndrome-codes.csv): a code is in a syndrome only while its definition is in force. Clients are counted within each provider.");

    public override IReadOnlyList<LocalizedText> Notes(StatisticsContext context) =>
    [
        new("Kaikkien oireyhtymien summa laskee käynnin kerran kutakin sen oireyhtymää kohden. Viimeisimmät päivät ovat vajaita, kunnes myöhässä tulevat ilmoitukset saapuvat: signaalipalvelu arvioi päivien täydellisyyden ja ennustaa niiden lopulliset määrät.",
            "Summan över alla syndrom räknar ett besök en gång för vart och ett av dess syndrom. De senaste dagarna är ofullständiga tills de sena anmälningarna kommit: signaltjänsten uppskattar dagarnas fullständighet och förutspår deras slutliga antal.",
            "The total over all syndromes counts a visit once for each of its syndromes. The latest days are incomplete until the late records arrive: the signal service estimates each day's completeness and nowcasts its final count."),
        new("Julkisissa taulukoissa on viikoittaiset määrät hyvinvointialueittain vain infektio-oireyhtymistä: mielenterveyden kriisikäyntejä ei julkaista alueittain.",
            "Offentliga tabeller har veckovisa antal efter välfärdsområde endast för infektionssyndromen: besök för psykisk kris publiceras inte efter område.",
            "Public tables have weekly counts by wellbeing services county of the infectious syndromes only: mental-health crisis contacts are not published by area."),
    ];

    public override IReadOnlyList<TableMeasure> Measures { get; } =
    [
        Visits,
        new("clients", new("Asiakkaat", "Klienter", "Clients"), new("asiakasta", "klienter", "clients"), 0, MeasureKind.DistinctCount),
    ];

    /// <summary>Every syndrome of the catalogue, by its id, named fi/sv/en.</summary>
    public static ReportDimension SyndromeDimension { get; } = new ClassDimension("syndrome", new("Oireyhtymä", "Syndrom", "Syndrome"),
        context => [.. context.Syndromes.Syndromes.Select(s => (s.Id, s.Name))],
        (_, _, _) => ([], "f.syndrome"));

    /// <summary>
    /// The syndromes that may be shown with the place: those not in <see cref="RestrictedWithPlace"/>.
    /// A table by it counts none of the restricted ones, not even in its totals.
    /// </summary>
    public static ReportDimension InfectionDimension { get; } = new ClassDimension("infection", new("Infektio-oireyhtymä", "Infektionssyndrom", "Infectious syndrome"),
        context => [.. context.Syndromes.Syndromes.Where(s => !RestrictedWithPlace.Contains(s.Id)).Select(s => (s.Id, s.Name))],
        (_, _, _) => ([], "f.syndrome"));

    public override IReadOnlyList<ReportDimension> Dimensions { get; } =
    [
        .. DimensionCatalogue.Times,
        DimensionCatalogue.County, DimensionCatalogue.Municipality,
        SyndromeDimension, InfectionDimension, DimensionCatalogue.AgeGroup, DimensionCatalogue.Sex,
    ];

    /// <summary>The published breakdown, so that the default request is answered for the public too.</summary>
    public override IReadOnlyList<string> DefaultBy { get; } = ["infection", "week"];

    /// <summary>
    /// Weekly counts of the infectious syndromes by county, the public series of issue 20. One
    /// table only: a second by syndrome and age would share the week-by-syndrome margins with it,
    /// which two separately protected tables could withhold differently (see
    /// <see cref="Publishing.PublishedTables"/>: published tables share no dimension but time).
    /// Daily counts, municipalities and the restricted syndromes are for the entitled.
    /// </summary>
    public override IReadOnlyList<IReadOnlyList<string>> Publication { get; } =
    [
        ["week", "infection", "county"],
    ];

    internal override ReportAggregation Aggregation { get; } = new(["pseudonym"], ["count(*)", "count(DISTINCT pseudonym)"]);

    /// <summary>One row per current completed visit and syndrome it has on its date, with the syndrome's id.</summary>
    internal override string FactsSql(ReportRequest request, StatisticsContext context, Func<object, string> parameter)
    {
        var placeable = request.By.Contains(InfectionDimension.Code) || request.Filters.Any(f => f.Dimension == InfectionDimension.Code);
        return $"SELECT v.*, m.syndrome FROM ({EventFacts.Select(request, parameter, "e.version_id, e.pseudonym")}) v"
            + $" JOIN {SyndromeSql.Memberships(context.Syndromes, placeable ? RestrictedWithPlace : [])} m ON m.version_id = v.version_id";
    }

    internal override void Fill(StatisticsTable table, int cell, ReadOnlySpan<object?> aggregates, IReadOnlyList<string> categories)
    {
        table.SetValue(cell, 0, Number(aggregates[0]) ?? 0);
        table.SetValue(cell, 1, Number(aggregates[1]) ?? 0);
    }
}
