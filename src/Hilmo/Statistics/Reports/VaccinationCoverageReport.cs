using System.Globalization;
using Hilmo.Statistics.Dimensions;
using Hilmo.Statistics.Sql;

namespace Hilmo.Statistics.Reports;

/// <summary>
/// Vaccination coverage by birth cohort: of the children born in a year, those who received a
/// dose of a vaccine before turning N, counted in the year they turn N, so that the population
/// aged N at 31 December of that year is the cohort the count is a share of (the indicators
/// divide by it). The birth year is the visit's year minus the client's age at the end of that
/// year (<c>event_year_end_age</c>), which the store keeps instead of a birth date.
/// </summary>
public sealed class VaccinationCoverageReport : ReportDefinition
{
    /// <summary>
    /// The ages N coverage is counted by: the national programme's milestones, the infant series
    /// and the first MMR dose by 2, the booster and second MMR dose before school (by 7), the
    /// papillomavirus and the adolescent booster by 16. One measure each.
    /// </summary>
    public static IReadOnlyList<int> CoverageAges { get; } = [1, 2, 7, 16];

    public override string Name => "vaccination-coverage";

    public override LocalizedText Title { get; } = new("Rokotuskattavuus syntymävuosittain", "Vaccinationstäckning efter födelseår", "Vaccination coverage by birth cohort");

    public override LocalizedText Description { get; } = new(
        "Lapset, jotka saivat rokotteen annoksen ennen N vuoden ikää, sinä vuonna, jona heidän syntymävuosikohorttinsa täyttää N vuotta: vuoden 2025 luku ”ennen 2 vuoden ikää” koskee vuonna 2023 syntyneitä. Kattavuus on luku jaettuna alueen N-vuotiaalla väestöllä 31.12. (indikaattorit 5017 ja 5018). Lapsi lasketaan kerran rokoteryhmää ja annosta kohti. Asiakkaat lasketaan palveluntuottajittain, koska pseudonyymit ovat tuottajakohtaisia.",
        "Barn som fick en dos av ett vaccin före N års ålder, det år deras födelseårskull fyller N: talet för 2025 ”före 2 års ålder” gäller barn födda 2023. Täckningen är talet delat med områdets befolkning i åldern N den 31 december (indikatorerna 5017 och 5018). Ett barn räknas en gång per vaccingrupp och dos. Klienter räknas per tjänsteproducent, eftersom pseudonymerna är producentspecifika.",
        "Children who received a dose of a vaccine before turning N, in the year their birth cohort turns N: the 2025 figure \"before age 2\" is of the children born in 2023. The coverage is the figure divided by the area's population aged N on 31 December (indicators 5017 and 5018). A child counts once per vaccine group and dose. Clients are counted within each provider, since pseudonyms are provider-specific.");

    public override IReadOnlyList<LocalizedText> Notes(StatisticsContext context) =>
    [
        new("Syntymävuosi on käyntivuosi miinus asiakkaan ikä käyntivuoden 31.12.; annos on annettu ennen N vuoden ikää, kun asiakkaan ikä käyntipäivänä täysinä vuosina on alle N (N-vuotissyntymäpäivänä annettu annos ei ole ennen N vuoden ikää). Ennen kuin ikä vuoden lopussa tallennettiin, tallennetuilla käynneillä syntymävuosi on tuntematon, eikä niitä lasketa mihinkään kohorttiin.",
            "Födelseåret är besöksåret minus klientens ålder den 31 december besöksåret; en dos är given före N års ålder när klientens ålder i hela år på besöksdagen är under N (en dos på N-årsdagen är inte given före N års ålder). Besök lagrade innan åldern vid årets slut lagrades har okänt födelseår och räknas inte i någon årskull.",
            "The birth year is the visit's year minus the client's age on 31 December of that year; a dose came before age N when the client's age in whole years on the visit's day is under N (a dose on the Nth birthday is not before age N). Visits stored before the year-end age was kept have an unknown birth year and count in no cohort."),
        new("Lapsi lasketaan sen käynnin kotikuntaan, palveluntuottajaan ja ikäryhmään, jolla hän sai saman rokoteryhmän saman annoksen ensimmäisen kerran ennen N vuoden ikää; muuttanut lapsi on siis sen kunnan luvuissa, jossa hän asui annoksen saadessaan, ja nimittäjä on kunnan väestö vuoden lopussa.",
            "Ett barn räknas i hemkommunen, tjänsteproducenten och åldersgruppen vid det besök där barnet första gången fick samma dos i samma vaccingrupp före N års ålder; ett barn som flyttat ingår alltså i talen för den kommun där det bodde när det fick dosen, och nämnaren är kommunens befolkning vid årets slut.",
            "A child counts in the municipality of residence, provider and age group of the visit at which they first received that dose of a vaccine of that group before age N: a child who moved counts where they lived when given the dose, while the denominator is the municipality's population at the year's end."),
        new("Annoksen järjestysnumero on ilmoitettu sellaisenaan; puuttuva tai muu kuin kokonaisluku on tuntematon.",
            "Dosens ordningsnummer är som det rapporterades; ett saknat eller annat än ett heltal är okänt.",
            "The dose number is as submitted; a missing one or one that is not a whole number is unknown."),
    ];

    /// <summary>
    /// One measure per age N: the children given the dose before turning N, each child once per
    /// vaccine group and dose, so that the figure of one group and dose is a number of children
    /// and every margin is the sum of its cells (a total over doses counts a child once per dose).
    /// </summary>
    public override IReadOnlyList<TableMeasure> Measures { get; } =
    [
        .. CoverageAges.Select(age => new TableMeasure(MeasureCode(age),
            new(string.Create(CultureInfo.InvariantCulture, $"Rokotetut ennen {age} vuoden ikää"), string.Create(CultureInfo.InvariantCulture, $"Vaccinerade före {age} års ålder"),
                string.Create(CultureInfo.InvariantCulture, $"Vaccinated before age {age}")),
            new("lasta", "barn", "children"), 0, MeasureKind.AdditiveCount)),
    ];

    /// <summary>
    /// By vaccine group (ATC level 4) and dose class, not by the vaccine's own ATC code: a child
    /// given a dose of two vaccines of a group is one child of the group, counted once.
    /// </summary>
    public override IReadOnlyList<ReportDimension> Dimensions { get; } =
    [
        DimensionCatalogue.Year,
        DimensionCatalogue.County, DimensionCatalogue.Municipality, DimensionCatalogue.Provider,
        HealthPromotionDimensions.VaccineGroup, HealthPromotionDimensions.DoseNumber, DimensionCatalogue.AgeGroup, DimensionCatalogue.Sex,
    ];

    public override IReadOnlyList<string> DefaultBy { get; } = ["vaccine_group", "dose_number"];

    /// <summary>
    /// The vaccine combined with place is restricted (privacy.md), and <c>vaccinations</c>
    /// publishes no vaccine by region at all. Coverage by wellbeing services county is an
    /// official figure (THL publishes it) and a county's cohort is hundreds of children or more,
    /// so this report publishes vaccine group and dose by county, and never by municipality or
    /// provider; the indicators of it are published by county too (<see cref="IndicatorRegion"/>),
    /// and by sex. One table: a second one (by sex) would share its totals by time, and those of
    /// the older cohorts (before 16) are small counts where data is thin, which would leave the
    /// second table unpublished for the year anyway. By year, as cohorts are.
    /// </summary>
    public override IReadOnlyList<IReadOnlyList<string>> Publication { get; } =
    [
        ["year", "county", "vaccine_group", "dose_number"],
    ];

    internal override ReportDimension IndicatorRegion => DimensionCatalogue.County;

    /// <summary>A fact is one child's dose before one age N: counting the facts of an age counts children.</summary>
    internal override ReportAggregation Aggregation { get; } = new(["coverage_age"],
        [.. CoverageAges.Select(age => string.Create(CultureInfo.InvariantCulture, $"count(CASE WHEN coverage_age = {age} THEN 1 END)"))]);

    /// <summary>The measure of coverage before age <paramref name="age"/>.</summary>
    public static string MeasureCode(int age) => string.Create(CultureInfo.InvariantCulture, $"vaccinated_before_{age}");

    /// <summary>
    /// One row per client (within a provider), vaccine group, dose class and age N that the client
    /// was given the dose before: the first such vaccination item, whose visit gives the row's
    /// other columns, with <c>event_date</c> the 31 December of the year the cohort turns N. The
    /// visits read are those that can be before the Nth birthday of a cohort turning N in the
    /// period: from the start of the period's first year less the oldest N.
    /// </summary>
    /// <exception cref="ReportRequestException">The period is not whole calendar years.</exception>
    internal override string FactsSql(ReportRequest request, StatisticsContext context, Func<object, string> parameter)
    {
        var period = request.Period;
        if (period.From.Month != 1 || period.From.Day != 1 || period.To.Month != 12 || period.To.Day != 31)
        {
            throw new ReportRequestException(
                $"period: the {Name} report counts birth cohorts in the year they turn N, so its period is whole calendar years (from YYYY-01-01 to YYYY-12-31); {period} is not.");
        }

        var visits = request with { Period = new ReportPeriod(new DateOnly(Math.Max(1, period.From.Year - CoverageAges[^1]), 1, 1), period.To) };
        var ages = string.Join(" UNION ALL ", CoverageAges.Select(age => string.Create(CultureInfo.InvariantCulture, $"SELECT {age} AS coverage_age")));
        var birthYear = "(CAST(EXTRACT(YEAR FROM v.event_date) AS INTEGER) - v.event_year_end_age)";
        var group = HealthPromotionDimensions.VaccineGroupOf("c.code");
        var dose = HealthPromotionDimensions.DoseClass("m.dose_number");
        var doses = $"SELECT v.*, m.atc_id, m.dose_number, n.coverage_age, {birthYear} + n.coverage_age AS cohort_year,"
            + $" row_number() OVER (PARTITION BY v.provider_id, v.pseudonym, {group}, {dose}, n.coverage_age ORDER BY v.visit_start, v.version_id) AS dose_order"
            + $" FROM ({EventFacts.Select(visits, parameter, "e.version_id, e.pseudonym, e.event_year_end_age, e.visit_start")}) v"
            + $" JOIN {ReportRelations.EventMedications} m ON m.version_id = v.version_id"
            + $" LEFT JOIN {ReportRelations.Codes} c ON c.code_id = m.atc_id"
            + $" JOIN ({ages}) n ON v.age < n.coverage_age"
            + " WHERE m.vaccination AND v.pseudonym IS NOT NULL AND v.event_year_end_age IS NOT NULL";
        return "SELECT d.provider_id, d.unit_id, d.municipality_id, d.age, d.sex, d.atc_id, d.dose_number, d.coverage_age,"
            + " make_date(d.cohort_year, 12, 31) AS event_date"
            + $" FROM ({doses}) d WHERE d.dose_order = 1"
            + string.Create(CultureInfo.InvariantCulture, $" AND d.cohort_year BETWEEN {period.From.Year} AND {period.To.Year}");
    }

    internal override void Fill(StatisticsTable table, int cell, ReadOnlySpan<object?> aggregates, IReadOnlyList<string> categories)
    {
        for (var m = 0; m < CoverageAges.Count; m++)
        {
            table.SetValue(cell, m, Number(aggregates[m]) ?? 0);
        }
    }
}
