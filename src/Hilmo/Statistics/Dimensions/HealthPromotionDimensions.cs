using Hilmo.Codes;
using Hilmo.Notifications;
using Hilmo.Statistics.Sql;

namespace Hilmo.Statistics.Dimensions;

/// <summary>
/// The dimensions of the vaccination, injury and health-promotion reports, which classify a
/// visit's medication items, reasons and procedures rather than the visit: kept apart from
/// <see cref="DimensionCatalogue"/> because no visit report can name them (their facts have no
/// vaccine, external cause or health check).
/// </summary>
public static class HealthPromotionDimensions
{
    /// <summary>The dose numbers shown one by one; higher ones are one class, since few vaccines have more than four doses.</summary>
    private static readonly string[] SingleDoses = ["1", "2", "3", "4"];

    /// <summary>The vaccine as its ATC code (J07…), named from the WHO ATC list where the code is in it.</summary>
    public static ReportDimension Vaccine { get; } = new CodeDimension("vaccine", new("Rokote (ATC)", "Vaccin (ATC)", "Vaccine (ATC)"),
        "atc_id", (context, code) => context.CodeName(KnownClassifications.Atc.Name, code))
    {
        Fields = [StoredFields.Of<Medication>(nameof(Medication.Atc))],
    };

    /// <summary>The vaccine groups of the national programme, as ATC level 4 (the first five characters of the code).</summary>
    internal static readonly (string Code, LocalizedText Label)[] VaccineGroups =
    [
        ("J07AJ", new("Hinkuyskärokotteet, J07AJ (esim. dtap-tehoste)", "Kikhostevacciner, J07AJ (t.ex. dtap-booster)", "Pertussis vaccines, J07AJ (e.g. the dTap booster)")),
        ("J07AL", new("Pneumokokkirokotteet, J07AL", "Pneumokockvacciner, J07AL", "Pneumococcal vaccines, J07AL")),
        ("J07BB", new("Influenssarokotteet, J07BB", "Influensavacciner, J07BB", "Influenza vaccines, J07BB")),
        ("J07BD", new("Tuhkarokkorokotteet, J07BD (MPR)", "Mässlingsvacciner, J07BD (MPR)", "Measles vaccines, J07BD (MMR)")),
        ("J07BH", new("Rotavirusrokotteet, J07BH", "Rotavirusvacciner, J07BH", "Rotavirus vaccines, J07BH")),
        ("J07BM", new("Papilloomavirusrokotteet, J07BM (HPV)", "Papillomvirusvacciner, J07BM (HPV)", "Papillomavirus vaccines, J07BM (HPV)")),
        ("J07CA", new("Bakteeri- ja virusyhdistelmärokotteet, J07CA (esim. DTaP-IPV-Hib-HepB)", "Kombinerade bakterie- och virusvacciner, J07CA (t.ex. DTaP-IPV-Hib-HepB)", "Bacterial and viral vaccines combined, J07CA (e.g. DTaP-IPV-Hib-HepB)")),
    ];

    /// <summary>
    /// The vaccine's group, ATC level 4 (<see cref="VaccineGroups"/>), from its ATC code: any other
    /// code is "other", and a vaccination without an ATC code unknown.
    /// </summary>
    public static ReportDimension VaccineGroup { get; } = new ClassDimension("vaccine_group", new("Rokoteryhmä (ATC)", "Vaccingrupp (ATC)", "Vaccine group (ATC)"),
        _ => [.. VaccineGroups, ("other", new LocalizedText("Muut rokotteet", "Övriga vacciner", "Other vaccines")), (ReportDimension.UnknownCode, new LocalizedText("Tuntematon", "Okänd", "Unknown"))],
        (_, _, alias) => ([$"LEFT JOIN {ReportRelations.Codes} {alias} ON {alias}.code_id = f.atc_id"], VaccineGroupOf($"{alias}.code")))
    {
        Fields = [StoredFields.Of<Medication>(nameof(Medication.Atc))],
    };

    /// <summary>The vaccine group of an ATC code text (<see cref="VaccineGroup"/>): its first five characters, "other", or unknown for none.</summary>
    internal static string VaccineGroupOf(string atc) =>
        $"CASE WHEN {atc} IS NULL THEN '{ReportDimension.UnknownCode}'"
        + $" WHEN substr({atc}, 1, 5) IN (" + string.Join(", ", VaccineGroups.Select(g => SqlText.Literal(g.Code))) + $") THEN substr({atc}, 1, 5) ELSE 'other' END";

    /// <summary>
    /// The dose number (jarjestys) as submitted: 1–4 each, any other number "5+", and "X" when
    /// none was given or it is not a whole number (the field is free text on the wire).
    /// </summary>
    public static ReportDimension DoseNumber { get; } = new ClassDimension("dose_number", new("Annoksen järjestysnumero", "Dosens ordningsnummer", "Dose number"),
        _ => [.. SingleDoses.Select(d => (d, new LocalizedText(d))), ("5+", new LocalizedText("5+")), (ReportDimension.UnknownCode, new LocalizedText("Tuntematon", "Okänd", "Unknown"))],
        (_, _, _) => ([], DoseClass("f.dose_number")));

    /// <summary>
    /// The dose class of a dose-number text: a whole number of up to three digits, leading zeros
    /// ignored ("01" is the first dose), else unknown, as is zero.
    /// </summary>
    internal static string DoseClass(string column)
    {
        var number = $"ltrim({column}, '0')";
        return $"CASE WHEN length({column}) BETWEEN 1 AND 3 AND {DigitsOnly(column)} THEN CASE"
            + $" WHEN {number} IN (" + string.Join(", ", SingleDoses.Select(SqlText.Literal)) + $") THEN {number}"
            + $" WHEN {number} = '' THEN '{ReportDimension.UnknownCode}' ELSE '5+' END ELSE '{ReportDimension.UnknownCode}' END";
    }

    /// <summary>
    /// The ICD-10 chapter XX blocks of external causes, by the first three characters of the code:
    /// falls (W00–W19) apart from the other accidents (W20–X59), as injury statistics show them.
    /// </summary>
    internal static readonly (string Code, string From, string To, LocalizedText Label)[] ExternalCauseGroups =
    [
        ("transport", "V01", "V99", new("Liikennetapaturmat (V01–V99)", "Transportolyckor (V01–V99)", "Transport accidents (V01–V99)")),
        ("falls", "W00", "W19", new("Kaatumiset ja putoamiset (W00–W19)", "Fall (W00–W19)", "Falls (W00–W19)")),
        ("other_accidents", "W20", "X59", new("Muut tapaturmat (W20–X59)", "Övriga olycksfall (W20–X59)", "Other accidents (W20–X59)")),
        ("self_harm", "X60", "X84", new("Tahallinen itsensä vahingoittaminen (X60–X84)", "Avsiktlig självdestruktiv handling (X60–X84)", "Intentional self-harm (X60–X84)")),
        ("assault", "X85", "Y09", new("Pahoinpitely (X85–Y09)", "Övergrepp (X85–Y09)", "Assault (X85–Y09)")),
        ("undetermined", "Y10", "Y34", new("Tahallisuudeltaan epäselvät (Y10–Y34)", "Oklar avsikt (Y10–Y34)", "Event of undetermined intent (Y10–Y34)")),
        ("other", "Y35", "Y98", new("Muut ulkoiset syyt (Y35–Y98)", "Övriga yttre orsaker (Y35–Y98)", "Other external causes (Y35–Y98)")),
    ];

    /// <summary>The external cause's group (ulkoinenSyy, V01–Y98); the injury facts have only causes in the range.</summary>
    public static ReportDimension ExternalCause { get; } = new ClassDimension("external_cause", new("Ulkoinen syy", "Yttre orsak", "External cause"),
        _ => [.. ExternalCauseGroups.Select(g => (g.Code, g.Label))],
        (_, _, alias) => ([$"LEFT JOIN (SELECT c.code_id, " + CauseGroup("c.code") + $" AS category FROM {ReportRelations.Codes} c WHERE c.code_system = 'icd10fi') AS {alias} ON {alias}.code_id = f.external_cause_id"],
            $"coalesce({alias}.category, '{ReportDimension.UnknownCode}')"))
    {
        Fields = [StoredFields.Of<VisitReason>(nameof(VisitReason.ExternalCause))],
    };

    /// <summary>The accident type (tapaturmatyyppi, an ICD-10 code such as Y94.2 sports), named from the ICD-10 list.</summary>
    public static ReportDimension AccidentType { get; } = new CodeDimension("accident_type", new("Tapaturmatyyppi", "Olyckstyp", "Accident type"),
        "accident_type_id", (context, code) => context.CodeName(KnownClassifications.Icd10.Name, code))
    {
        Fields = [StoredFields.Of<VisitReason>(nameof(VisitReason.AccidentType))],
    };

    /// <summary>
    /// The health checks by their SPAT codes, whatever the service form: first the extensive checks
    /// of Government Decree 338/2011 (laajat terveystarkastukset) a child has at the child health
    /// clinic (4 months, 18 months, 4 years) and in school health care (grades 1, 5, 8), then the
    /// expecting family's extensive check at the maternity clinic and the extensive check made for
    /// an individual need, then the other periodic and student checks. <see cref="ExtensiveChildChecks"/>
    /// names the six of the children's programme.
    /// </summary>
    internal static readonly (string Code, string[] Spat, LocalizedText Label)[] HealthChecks =
    [
        ("4_months", ["SPAT1381"], new("Laaja terveystarkastus 4 kk:n iässä", "Omfattande hälsoundersökning vid 4 månaders ålder", "Extensive health check at 4 months")),
        ("18_months", ["SPAT1382"], new("Laaja terveystarkastus 18 kk:n iässä", "Omfattande hälsoundersökning vid 18 månaders ålder", "Extensive health check at 18 months")),
        ("4_years", ["SPAT1383"], new("Laaja terveystarkastus 4 vuoden iässä", "Omfattande hälsoundersökning vid 4 års ålder", "Extensive health check at 4 years")),
        ("grade_1", ["SPAT1384"], new("Laaja terveystarkastus 1. luokalla", "Omfattande hälsoundersökning i årskurs 1", "Extensive health check in grade 1")),
        ("grade_5", ["SPAT1385"], new("Laaja terveystarkastus 5. luokalla", "Omfattande hälsoundersökning i årskurs 5", "Extensive health check in grade 5")),
        ("grade_8", ["SPAT1386"], new("Laaja terveystarkastus 8. luokalla", "Omfattande hälsoundersökning i årskurs 8", "Extensive health check in grade 8")),
        ("expecting_family", ["SPAT1197"], new("Lasta odottavan perheen laaja terveystarkastus", "Omfattande hälsoundersökning av familj som väntar barn", "Extensive health check of an expecting family")),
        ("individual_need", ["SPAT1388"], new("Yksilöllisen tarpeen mukainen laaja terveystarkastus", "Omfattande hälsoundersökning efter individuellt behov", "Extensive health check for an individual need")),
        ("pregnancy", ["SPAT1379"], new("Raskaana olevan terveystarkastus", "Hälsoundersökning av gravid", "Health check of a pregnant person")),
        ("periodic", ["SPAT1315", "SPAT1317"], new("Lasten ja nuorten muu määräaikainen tai seurantatarkastus", "Annan periodisk hälsoundersökning eller uppföljning av barn och unga", "Other periodic or follow-up check of children and adolescents")),
        ("students", ["SPAT1363", "SPAT1364", "SPAT1365", "SPAT1366", "SPAT1367"], new("Opiskelijan terveystarkastus", "Hälsoundersökning av studerande", "Student health check")),
    ];

    /// <summary>The class of a visit with no health check among its procedures.</summary>
    public const string NoHealthCheck = "none";

    /// <summary>The extensive checks of the children's programme, six in all: 4 months, 18 months, 4 years, grades 1, 5 and 8.</summary>
    public static IReadOnlyList<string> ExtensiveChildChecks { get; } = ["4_months", "18_months", "4_years", "grade_1", "grade_5", "grade_8"];

    /// <summary>
    /// The visit's health check: the class of its first procedure that is one (the facts'
    /// <c>check_spat_id</c>), or <see cref="NoHealthCheck"/>.
    /// </summary>
    public static ReportDimension HealthCheck { get; } = new ClassDimension("health_check", new("Terveystarkastus", "Hälsoundersökning", "Health check"),
        _ => [.. HealthChecks.Select(c => (c.Code, c.Label)), (NoHealthCheck, new LocalizedText("Ei terveystarkastusta", "Ingen hälsoundersökning", "No health check"))],
        (_, _, alias) => ([$"LEFT JOIN (SELECT c.code_id, " + CheckClass("c.code") + $" AS category FROM {ReportRelations.Codes} c WHERE c.code_system = 'spat') AS {alias} ON {alias}.code_id = f.check_spat_id"],
            $"coalesce({alias}.category, '{NoHealthCheck}')"));

    /// <summary>True for a SPAT code of a health check of <see cref="HealthChecks"/>.</summary>
    internal static string IsHealthCheck(string code) =>
        $"{code} IN (" + string.Join(", ", HealthChecks.SelectMany(c => c.Spat).Select(SqlText.Literal)) + ")";

    private static string CheckClass(string code) =>
        "CASE " + string.Concat(HealthChecks.Select(c => $"WHEN {code} IN (" + string.Join(", ", c.Spat.Select(SqlText.Literal)) + $") THEN '{c.Code}' ")) + "END";

    /// <summary>True for a code of chapter XX (V01–Y98), by its first three characters.</summary>
    internal static string IsExternalCause(string code) => $"substr({code}, 1, 3) BETWEEN 'V01' AND 'Y98'";

    private static string CauseGroup(string code) =>
        "CASE " + string.Concat(ExternalCauseGroups.Select(g => $"WHEN substr({code}, 1, 3) BETWEEN '{g.From}' AND '{g.To}' THEN '{g.Code}' ")) + "END";

    /// <summary>True when the text has only the digits 0–9, in SQL both engines read alike (no regular expressions, whose dialects differ).</summary>
    private static string DigitsOnly(string column) =>
        $"translate({column}, '0123456789', '') = ''";
}
