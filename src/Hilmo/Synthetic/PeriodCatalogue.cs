using Hilmo.Codes;

namespace Hilmo.Synthetic;

/// <summary>
/// What a care period is made of: the specialties of Finnish hospital and health-centre wards with
/// their share of discharges, their diagnoses and procedures and how long their clients stay, and
/// the social-care service areas with their clients' ages, reasons and stays. Rounded on purpose:
/// the weights shape proportions, they are not statistics.
/// </summary>
internal sealed class PeriodCatalogue
{
    public PeriodCatalogue(CodeWindow window)
    {
        Specialties = new Weighted<SpecialtySpec>(specialties
            .Where(s => window.IsUsable(KnownClassifications.Specialty, s.Code, window.First, window.Last))
            .Select(s => (InWindow(s, window), s.Weight)));
        DaySurgery = new Weighted<SpecialtySpec>(daySurgery
            .Where(s => window.IsUsable(KnownClassifications.Specialty, s.Code, window.First, window.Last))
            .Select(s => (InWindow(s, window), s.Weight)));
        ServiceAreas = new Weighted<ServiceAreaSpec>(serviceAreas
            .Where(a => window.IsUsable(KnownClassifications.ServiceArea, a.Code, window.First, window.Last))
            .Select(a => (a with { Diagnoses = window.Visit(KnownClassifications.Icd10, a.Icd10) }, a.Weight)));
    }

    /// <summary>Every code the catalogue names in a listed classification, to check the tables against the lists.</summary>
    public static IEnumerable<(ClassificationDefinition Classification, string Code)> NamedCodes() =>
        specialties.Concat(daySurgery).SelectMany(s => s.Icd10.Select(d => (KnownClassifications.Icd10, d.Code))
                .Concat(s.Procedures.Select(p => (KnownClassifications.PeriodProcedure, p.Code)))
                .Append((KnownClassifications.Specialty, s.Code)))
            .Concat(serviceAreas.SelectMany(a => a.Icd10.Select(d => (KnownClassifications.Icd10, d.Code))
                .Append((KnownClassifications.ServiceArea, a.Code))));

    /// <summary>The specialty with only the diagnoses and procedures valid on every day of the window.</summary>
    private static SpecialtySpec InWindow(SpecialtySpec s, CodeWindow window) => s with
    {
        Diagnoses = window.Visit(KnownClassifications.Icd10, s.Icd10),
        Procedures = [.. s.Procedures.Where(p => window.IsUsable(KnownClassifications.PeriodProcedure, p.Code, window.First, window.Last))],
    };

    /// <summary>Ward care by specialty, weighted by discharges.</summary>
    public Weighted<SpecialtySpec> Specialties { get; }

    /// <summary>Day surgery by specialty, weighted by operations.</summary>
    public Weighted<SpecialtySpec> DaySurgery { get; }

    /// <summary>Social-care service areas, weighted by periods begun in a year.</summary>
    public Weighted<ServiceAreaSpec> ServiceAreas { get; }

    /// <summary>Share of Terveys-Hilmo periods that are day surgery: a client in and out on one day.</summary>
    public const double DaySurgeryShare = 0.2;

    // Discharges of Finnish wards (about a million a year): general medicine in health-centre
    // wards, internal medicine, surgery and obstetrics carry most; psychiatry stays longest.
    // Stays are log-normal: Median days and Spread (the σ of the logarithm).
    private static readonly SpecialtySpec[] specialties =
    [
        new("98", 20, 0.9, 10, 0.9, [35, 65, 75, 85], [("R54", 3), ("J18.9", 2), ("I50.0", 2), ("S72.0", 1), ("N39.0", 2), ("F03", 1), ("I63.9", 1)], []),
        new("10", 14, 0.9, 4, 0.8, [30, 60, 72, 82], [("J18.9", 3), ("I50.0", 2), ("A41.9", 1), ("E11.9", 1), ("I48.9", 2), ("J44.1", 1), ("N39.0", 1)], []),
        new("10K", 6, 0.8, 3, 0.7, [45, 62, 72, 82], [("I21.4", 3), ("I48.9", 3), ("I50.0", 2), ("I25.1", 1)], [("FN2BA", 3), ("FN1AC", 1)]),
        new("20", 8, 0.6, 3, 0.8, [20, 50, 65, 78], [("K80.2", 3), ("K56.7", 1), ("K40.9", 1), ("K57.3", 1), ("C18.9", 1)], [("JKA21", 3), ("JFB30", 1), ("JAB30", 1)]),
        new("20O", 7, 0.55, 4, 0.7, [25, 60, 72, 82], [("S72.0", 3), ("M16.1", 2), ("M17.1", 2), ("S06.0", 1)], [("NFB30", 3), ("NGB40", 2), ("NFJ60", 2)]),
        new("20U", 3, 0.4, 3, 0.6, [40, 62, 70, 80], [("N40", 2), ("C61", 2), ("N39.0", 1)], [("KED22", 2), ("KEC01", 1)]),
        new("30", 12, 0.7, 2.5, 0.4, [20, 28, 32, 38], [("O80.0", 6), ("O70.0", 2), ("D25.9&", 1), ("N81.1", 1)], [("MCA10", 2), ("LCD10", 1)]),
        new("40", 5, 0.8, 2, 0.8, [0, 0, 2, 9], [("J21.99", 3), ("J20.9", 2), ("P07.3", 1), ("G40.9", 1)], []),
        new("65", 3, 0.6, 5, 0.7, [35, 58, 68, 78], [("C50.9", 2), ("C34.1", 2), ("C18.9", 1), ("C61", 1)], [("WF002", 1)]),
        new("70", 5, 0.7, 25, 0.9, [18, 30, 42, 58], [("F20.0", 2), ("F32.2", 3), ("F33.2", 1), ("F31.4", 1), ("F10.2", 1), ("F25.0", 1), ("F60.3", 1)], []),
        new("77", 4, 0.9, 5, 0.7, [35, 60, 72, 82], [("I63.9", 4), ("G40.9", 2), ("G35", 1), ("G20", 1)], []),
        new("80", 2, 0.9, 5, 0.7, [40, 62, 72, 80], [("J44.1", 3), ("J18.9", 2), ("C34.1", 1)], []),
        new("97", 2, 0.9, 12, 0.8, [70, 78, 84, 90], [("R54", 2), ("F03", 2), ("G30.1", 1), ("S72.0", 1)], []),
        new("55", 1, 0.4, 2, 0.6, [5, 30, 55, 72], [("J35.0", 2), ("C32.9&", 1)], [("EMB10", 1)]),
        new("20V", 1, 0.5, 5, 0.8, [55, 68, 75, 84], [("I70.2", 3), ("I83.9", 1)], [("PHD76", 1)]),
    ];

    // Day surgery: cataracts, joints, hernias and gallbladders, planned and sent home the same day.
    private static readonly SpecialtySpec[] daySurgery =
    [
        new("50", 30, 0, 0, 0, [55, 68, 75, 83], [("H25.1", 1)], [("CJE20", 1)]),
        new("20O", 25, 0, 0, 0, [25, 45, 58, 70], [("M23.2", 2), ("M17.1", 1), ("M51.1", 1)], [("NGA30", 3), ("NGD05", 1)]),
        new("20", 20, 0, 0, 0, [30, 50, 62, 72], [("K40.9", 3), ("K80.2", 2)], [("JAB30", 3), ("JKA21", 2)]),
        new("30", 12, 0, 0, 0, [25, 35, 45, 55], [("D25.9&", 2), ("N81.1", 1)], [("LCD10", 1), ("LEF13", 1)]),
        new("55", 8, 0, 0, 0, [4, 12, 30, 50], [("J35.0", 1)], [("EMB10", 1)]),
        new("20J", 5, 0, 0, 0, [35, 50, 60, 70], [("M72.0", 1)], [("NDM10", 1)]),
    ];

    // Periods begun in a year by service area: older people's 24-hour service housing most, then
    // service housing and institutions, disability housing and mental-health rehabilitation some.
    // Ages are quartiles of the clients' age on arrival; MedianDays the stay, log-normal.
    private static readonly ServiceAreaSpec[] serviceAreas =
    [
        new("32", 42, [76, 82, 87, 92], 600, 1.1, [("01", 5), ("02", 3), ("06", 2), ("07", 1)], [("F03", 3), ("G30.1", 2), ("R54", 1), ("I63.9", 1)]),
        new("31", 10, [78, 84, 88, 93], 120, 1.4, [("02", 3), ("09", 3), ("01", 2)], [("R54", 2), ("F03", 2), ("S72.0", 1)]),
        new("38", 14, [72, 80, 86, 91], 700, 1.1, [("06", 3), ("07", 2), ("02", 2), ("08", 1)], [("R54", 2), ("I50.0", 1), ("E11.9", 1)]),
        new("41", 2, [18, 25, 40, 55], 900, 1.0, [("05", 1)], [("F79", 1), ("F70", 1)]),
        new("42", 4, [18, 24, 36, 52], 1800, 0.9, [("05", 1)], [("F79", 1), ("F70", 1), ("F84.0", 1)]),
        new("43", 3, [18, 22, 30, 45], 1500, 0.9, [("05", 1)], [("F70", 2), ("F84.0", 1)]),
        new("44", 3, [18, 21, 27, 40], 1200, 0.9, [("05", 1)], [("F70", 2), ("F84.0", 1)]),
        new("5", 10, [25, 35, 46, 57], 30, 0.8, [("04", 1)], [("F10.2", 4), ("F11.2", 1)]),
        new("82", 5, [22, 33, 45, 58], 500, 1.0, [("03", 3), ("08", 1)], [("F20.0", 3), ("F33.2", 1), ("F25.0", 1)]),
        new("85", 7, [24, 38, 52, 65], 800, 1.0, [("03", 3), ("02", 1)], [("F20.0", 3), ("F25.0", 1), ("F31.4", 1)]),
    ];
}

/// <summary>A specialty of ward or day-surgery care.</summary>
/// <param name="Code">The <c>hilmo_erikoisala</c> code.</param>
/// <param name="Weight">Share of periods.</param>
/// <param name="UrgentShare">Share of periods that begin as emergencies (urgency 3).</param>
/// <param name="MedianDays">Median length of stay in days (log-normal).</param>
/// <param name="Spread">σ of the logarithm of the stay.</param>
/// <param name="AgeQuartiles">Client's age on arrival: the 0th, 25th, 50th and 75th percentile (the top is 95).</param>
/// <param name="Icd10">Primary diagnoses with weights.</param>
/// <param name="Procedures">NCSP-FI procedures with weights; empty for conservative care.</param>
internal sealed record SpecialtySpec(
    string Code,
    double Weight,
    double UrgentShare,
    double MedianDays,
    double Spread,
    int[] AgeQuartiles,
    (string Code, double Weight)[] Icd10,
    (string Code, double Weight)[] Procedures)
{
    public Weighted<string>? Diagnoses { get; init; }

    /// <summary>True for psychiatric specialties (70, 74, 75 and their subspecialties), which report the psychiatric items.</summary>
    public bool Psychiatric => Code.StartsWith("70", StringComparison.Ordinal) || Code.StartsWith("74", StringComparison.Ordinal) || Code.StartsWith("75", StringComparison.Ordinal);
}

/// <summary>A social-care service area (<c>hilmo_palveluala</c>).</summary>
/// <param name="Code">The service area code.</param>
/// <param name="Weight">Share of periods begun in a year.</param>
/// <param name="AgeQuartiles">Client's age on arrival: the 0th, 25th, 50th and 75th percentile (the top is 100).</param>
/// <param name="MedianDays">Median length of stay in days (log-normal).</param>
/// <param name="Spread">σ of the logarithm of the stay.</param>
/// <param name="Reasons">Reasons for the care (<c>sosiaalihilmo_syy</c>) with weights.</param>
/// <param name="Icd10">Diagnoses with weights.</param>
internal sealed record ServiceAreaSpec(
    string Code,
    double Weight,
    int[] AgeQuartiles,
    double MedianDays,
    double Spread,
    (string Code, double Weight)[] Reasons,
    (string Code, double Weight)[] Icd10)
{
    public Weighted<string>? Diagnoses { get; init; }

    /// <summary>Older people's services, which bill by the day and end in death more often than not.</summary>
    public bool Elderly => Code is "31" or "32" or "38";
}
