using Hilmo.Codes;

namespace Hilmo.Synthetic;

/// <summary>
/// The content of synthetic care: one profile per service form, and the pools of codes the
/// profiles share (injuries and their causes, follow-up care, vaccines, prescriptions, oral
/// procedures). Weights are relative and rounded; they follow what primary care in Finland is
/// known to be busy with (respiratory infections, back pain, hypertension and diabetes, mental
/// health, check-ups at clinics), not a published table.
/// </summary>
internal sealed class CareCatalogue
{
    // Professions (TK2001).
    private const string ChiefPhysician = "22211";
    private const string Specialist = "22212";
    private const string Physician = "22213";
    private const string Dentist = "2222";
    private const string Nurse = "32311";
    private const string PublicHealthNurse = "32312";
    private const string Midwife = "3232";
    private const string Physiotherapist = "32261";
    private const string OccupationalTherapist = "32262";
    private const string OtherTherapist = "32269";
    private const string DentalHygienist = "3225";
    private const string DentalNurse = "51325";
    private const string PracticalNurse = "51321";
    private const string MentalHealthNurse = "51322";
    private const string HomeHelp = "51331";
    private const string Psychologist = "24451";
    private const string SpeechTherapist = "24453";
    private const string SocialWorker = "24461";
    private const string Nutritionist = "3223";
    private const string Radiographer = "32313";
    private const string LaboratoryNurse = "32314";
    private const string ActivityInstructor = "34603";

    private static readonly double[] children = [100, 0, 0, 0, 0, 0, 0, 0];
    private static readonly double[] schoolChildren = [0, 90, 10, 0, 0, 0, 0, 0];
    private static readonly double[] workingAge = [0, 0, 25, 40, 35, 1, 0, 0];
    private static readonly double[] adults = [0, 0, 15, 22, 33, 17, 10, 3];
    private static readonly double[] everyone = [6, 6, 12, 14, 22, 16, 15, 9];
    private static readonly double[] elderly = [0, 0, 1, 2, 7, 20, 35, 35];

    public static readonly (string, double)[] GeneralFollowUp =
    [
        ("SPAT1334", 40), ("SPAT1335", 10), ("SPAT1336", 8), ("SPAT1337", 3), ("SPAT1338", 1), ("SPAT1339", 15),
        ("SPAT1340", 5), ("SPAT1341", 8), ("SPAT1342", 6), ("SPAT1343", 2), ("SPAT1344", 1), ("SPAT1345", 2), ("SPAT1347", 1),
    ];

    /// <summary>
    /// The extensive health checks of Government Decree 338/2011 (laajat terveystarkastukset) by
    /// the age in whole years a child has at each: 4 months and 18 months (ages 0 and 1), 4 years,
    /// and grades 1, 5 and 8 (ages 7, 11 and 14).
    /// </summary>
    private static readonly (string Spat, int Age)[] extensiveChecks =
        [("SPAT1381", 0), ("SPAT1382", 1), ("SPAT1383", 4), ("SPAT1384", 7), ("SPAT1385", 11), ("SPAT1386", 14)];

    /// <summary>The periodic health check of children and adolescents, made in the years between the extensive ones.</summary>
    private const string PeriodicCheck = "SPAT1315";

    /// <summary>
    /// A drawn procedure fitted to the client's age: an extensive health check is made at one age
    /// only, so it becomes the check of the child's age, or the periodic check when the child is
    /// at none of those ages; any other procedure is as drawn. Draws nothing, so the rest of the
    /// data is the same as before checks were fitted.
    /// </summary>
    public static string FitToAge(string spat, double age)
    {
        if (!extensiveChecks.Any(c => c.Spat == spat))
        {
            return spat;
        }

        var years = (int)Math.Floor(age);
        return extensiveChecks.FirstOrDefault(c => c.Age == years).Spat ?? PeriodicCheck;
    }

    private static readonly (string, double)[] schoolFollowUp =
        [("SPAT1334", 50), ("SPAT1339", 15), ("SPAT1341", 10), ("SPAT1397", 10), ("SPAT1398", 15)];

    private static readonly (string, double)[] occupationalFollowUp =
        [("SPAT1334", 45), ("SPAT1339", 20), ("SPAT1336", 10), ("SPAT1342", 5), ("SPAT1345", 5), ("SPAT1346", 5), ("SPAT1343", 10)];

    private static readonly (string, double)[] generalIcpc2 =
    [
        ("R05", 5), ("A03", 2), ("A04", 2),
        ("L03", 5), ("L86", 3), ("L84", 3), ("L92", 3), ("L15", 3), ("L01", 2), ("L18", 2), ("K86", 6), ("K85", 1),
        ("T90", 5), ("T93", 2), ("T82", 1), ("P76", 3), ("P74", 3), ("P06", 2), ("S88", 2), ("S87", 2), ("S74", 1),
        ("H71", 3), ("U71", 4), ("D01", 2), ("N01", 2), ("N17", 2), ("A97", 1), ("A98", 3),
    ];

    private static readonly (string, double)[] generalIcd10 =
    [
        ("H66.9", 3),
        ("N30.0", 4), ("N39.0", 1), ("I10", 7), ("E11.9", 5), ("E78.0", 2), ("F32.9", 3), ("F41.1", 2), ("F43.2", 2),
        ("M54.5", 5), ("M54.2", 3), ("M54.1", 2), ("M75.1", 2), ("M17.9", 2), ("M25.5", 2), ("M79.1", 2), ("L30.9", 2),
        ("L20.9", 1), ("B35.4", 1), ("J45.9", 3), ("J44.9", 1), ("R50.9", 1), ("R51", 1), ("R10.4", 2), ("R05", 2),
        ("B34.9", 2), ("K21.9", 1), ("K59.0", 1), ("E03.9", 1), ("D50.9", 1), ("I48", 1), ("G47.0", 1),
        ("R42", 1), ("Z76.0", 3), ("I50.9", 1), ("I25.9", 1),
    ];

    private static readonly (string, double)[] clinicIcd10 =
        [("Z00.1", 10), ("Z34.9", 4), ("Z32.1", 1), ("Z39.2", 1), ("Z30.0", 3), ("Z00.0", 3), ("Z23.8", 2), ("Z27.3", 1), ("R62.0", 1), ("F80.1", 1)];

    private static readonly (string, double)[] clinicIcpc2 = [("A98", 10), ("W78", 4), ("W11", 3), ("A97", 2)];

    private static readonly (string, double)[] schoolIcd10 =
        [("Z00.1", 6), ("Z00.0", 4), ("Z02.7", 1), ("F41.1", 2), ("F32.9", 1), ("F90.0", 1), ("L70.0", 1), ("Z30.0", 2)];

    private static readonly (string, double)[] schoolIcpc2 = [("A98", 8), ("P74", 2), ("P76", 1), ("S96", 1), ("W11", 1), ("L03", 1)];

    private static readonly (string, double)[] occupationalIcd10 =
    [
        ("Z02.7", 6), ("Z00.0", 4), ("Z10.0", 3), ("Z71.8", 2), ("Z56.6", 2), ("Z73.0", 2), ("M54.5", 5), ("M54.2", 4),
        ("M75.1", 3), ("F43.2", 3), ("F32.9", 2), ("F41.1", 2), ("G47.0", 1), ("I10", 2),
    ];

    private static readonly (string, double)[] occupationalIcpc2 =
        [("L03", 4), ("L01", 3), ("L92", 2), ("P74", 2), ("A98", 4), ("A97", 1), ("N01", 1)];

    private static readonly (string, double)[] homeCareIcd10 =
    [
        ("I10", 5), ("E11.9", 4), ("I48", 3), ("I50.9", 3), ("F03", 4), ("G30.9", 3), ("Z74.1", 6), ("Z48.0", 3),
        ("N18.9", 1), ("J44.9", 1), ("I63.9", 1), ("M17.9", 1),
    ];

    private static readonly (string, double)[] homeCareIcpc2 = [("A98", 5), ("P70", 4), ("K86", 3), ("T90", 3), ("K77", 1), ("S97", 1)];

    private static readonly (string, double)[] rehabilitationIcd10 =
        [("M54.5", 5), ("M54.2", 4), ("M75.1", 3), ("M17.9", 3), ("M25.5", 2), ("M79.1", 1), ("I63.9", 1)];

    private static readonly (string, double)[] rehabilitationIcpc2 =
        [("L03", 5), ("L01", 3), ("L92", 3), ("L15", 3), ("L86", 2), ("L84", 2), ("L90", 2), ("L18", 1)];

    private static readonly (string, double)[] oralIcd10 =
        [("K02.1", 10), ("K02.9", 3), ("K05.1", 5), ("K05.3", 3), ("K05.0", 1), ("K04.7", 2), ("K04.0", 1), ("K03.6", 2), ("K08.1", 1), ("K07.3", 1), ("Z01.2", 12)];

    private static readonly (string, double)[] mentalIcd10 =
        [("F32.1", 4), ("F32.9", 4), ("F33.1", 3), ("F41.1", 4), ("F41.9", 2), ("F43.2", 3), ("F10.2", 3), ("F51.0", 1), ("F90.0", 1)];

    private static readonly (string, double)[] mentalIcpc2 = [("P76", 5), ("P74", 4), ("P15", 2), ("P19", 1), ("P06", 2), ("P02", 2), ("P29", 1)];

    /// <summary>Injuries with the external cause and accident type that usually go with each.</summary>
    private static readonly (string Injury, string[] Causes, string[] Types, double Weight)[] injuries =
    [
        ("S93.4", ["W01", "W10", "X50"], ["Y94.2", "Y94.0", "Y94.8"], 3),
        ("S61.0", ["W26", "W22"], ["Y94.0", "Y96.0"], 2),
        ("S52.5", ["W01", "W19", "W10"], ["Y94.4", "Y94.0"], 1),
        ("S83.6", ["X50", "W01"], ["Y94.2"], 1),
        ("S06.0", ["W01", "W19", "V18"], ["Y94.2", "Y94.4", "Y96.2"], 1),
        ("S00.8", ["W22", "W01"], ["Y96.2", "Y94.0"], 1),
        ("S60.2", ["W22", "W26"], ["Y96.0", "Y94.0"], 1),
        ("S43.4", ["X50", "W01"], ["Y94.2", "Y96.0"], 1),
        ("S39.0", ["X50"], ["Y96.0", "Y94.0"], 1),
        ("T14.0", ["W22", "W19", "X59"], ["Y94.8", "Y96.9"], 1),
    ];

    /// <summary>Vaccines: ATC, trade name, route, the ages that get them and the service forms that give them.</summary>
    private static readonly VaccineSpec[] vaccines =
    [
        new("J07BH01", "Rotarix", "PO", 0, 0, ["T22"], false, [2 / 12.0, 3 / 12.0, 5 / 12.0]),
        new("J07CA09", "Hexyon", "IM", 0, 1, ["T22"], false, [3 / 12.0, 5 / 12.0, 1]),
        new("J07AL52", "Synflorix", "IM", 0, 1, ["T22"], false, [3 / 12.0, 5 / 12.0, 1]),
        new("J07BD52", "Priorix", "SC", 1, 6, ["T22"], false, [1, 6]),
        new("J07CA02", "Tetraxim", "IM", 4, 6, ["T22"], false, [4]),
        new("J07BM03", "Gardasil 9", "IM", 10, 13, ["T26"], false, [10, 10.5]),
        new("J07AJ52", "Boostrix", "IM", 14, 16, ["T26", "T27"], false, [14]),
        new("J07BB02", "Vaxigrip Tetra", "IM", 0, 110, ["T11", "T22", "T29", "T30", "T40", "T41"], true, [0]),
        new("J07BB02", "Influvac Tetra", "IM", 0, 110, ["T11", "T22", "T29", "T30", "T40", "T41"], true, [0]),
    ];

    private static readonly (string Atc, string TradeName, double Weight)[] prescriptions =
    [
        ("J01CA04", "Amorion", 5), ("J01CE02", "V-Pen Mega", 4), ("J01EA01", "Trimetin", 3), ("M01AE01", "Burana", 5),
        ("N02BE01", "Panadol", 3), ("R03AC02", "Ventoline", 2), ("A02BC01", "Omeprazol", 2), ("C09AA05", "Ramipril", 2),
        ("A10BA02", "Metformin", 2), ("N06AB10", "Escitalopram", 2), ("C10AA01", "Simvastatin", 2),
    ];

    /// <summary>
    /// Oral procedures of the oral-care classification (<c>suu_toimenpide.csv</c>): examinations,
    /// prevention, periodontal care and fillings, and extractions and other surgery. The flag says
    /// whether a tooth goes with it.
    /// </summary>
    private static readonly (string Code, bool Tooth, double Weight)[] oralProcedures =
    [
        ("SAA01", false, 10), ("SAA02", false, 6), ("SCA01", false, 4), ("SDA01", false, 5), ("SFA10", true, 3),
        ("EBA00", true, 6), ("EBA10", true, 5), ("EBA30", true, 3), ("EDA10", false, 1), ("EHA00", false, 2), ("EGA10", false, 1),
    ];

    public CareCatalogue(CodeWindow window)
    {
        Window = window;
        // A service form that began later than the period (T25 in 2013, T43 in 2018) has no profile then.
        Profiles = Specs()
            .Where(s => window.IsUsable(KnownClassifications.ServiceForm, s.ServiceForm, window.First, window.Last))
            .ToDictionary(s => s.ServiceForm, s => new CareProfile(s, window), StringComparer.Ordinal);
        Injuries = Weighted<(string, Weighted<string>?, Weighted<string>?)>.Of(injuries
            .Where(i => window.IsUsable(KnownClassifications.Icd10, i.Injury, window.First, window.Last))
            .Select(i => ((i.Injury,
                window.Visit(KnownClassifications.Icd10, i.Causes.Select(c => (c, 1.0))),
                window.Visit(KnownClassifications.Icd10, i.Types.Select(t => (t, 1.0)))), i.Weight)));
        Prescriptions = new Weighted<(string, string)>(prescriptions.Select(p => ((p.Atc, p.TradeName), p.Weight)));
        OralWithoutTooth = new Weighted<string>(oralProcedures.Where(p => !p.Tooth).Select(p => (p.Code, p.Weight)));
        OralWithTooth = new Weighted<string>(oralProcedures.Where(p => p.Tooth).Select(p => (p.Code, p.Weight)));
        Vaccines = vaccines;
    }

    public CodeWindow Window { get; }

    public IReadOnlyDictionary<string, CareProfile> Profiles { get; }

    /// <summary>An injury with the external causes and accident types that fit it.</summary>
    public Weighted<(string Injury, Weighted<string>? Causes, Weighted<string>? Types)>? Injuries { get; }

    public Weighted<(string Atc, string TradeName)> Prescriptions { get; }

    public Weighted<string> OralWithoutTooth { get; }

    public Weighted<string> OralWithTooth { get; }

    public IReadOnlyList<VaccineSpec> Vaccines { get; }

    /// <summary>Every code the catalogue names in a listed classification, to check the tables against the lists.</summary>
    public static IEnumerable<(ClassificationDefinition Classification, string Code)> NamedCodes()
    {
        foreach (var spec in Specs())
        {
            foreach (var (code, _) in spec.Professions.Concat(spec.Assessors))
            {
                yield return (KnownClassifications.Profession, code);
            }

            foreach (var (code, _) in spec.ContactTypes)
            {
                yield return (KnownClassifications.ContactType, code);
            }

            foreach (var (code, _) in spec.Icpc2)
            {
                yield return (KnownClassifications.Icpc2, code);
            }

            foreach (var (code, _) in spec.Icd10)
            {
                yield return (KnownClassifications.Icd10, code);
            }

            foreach (var (code, _) in spec.Spat.Concat(spec.FollowUp))
            {
                yield return (KnownClassifications.Spat, code);
            }
        }

        foreach (var (injury, causes, types, _) in injuries)
        {
            foreach (var code in causes.Concat(types).Prepend(injury))
            {
                yield return (KnownClassifications.Icd10, code);
            }
        }

        foreach (var vaccine in vaccines)
        {
            yield return (KnownClassifications.Atc, vaccine.Atc);
            yield return (KnownClassifications.VaccinationRoute, vaccine.Route);
        }

        foreach (var site in InjectionSites)
        {
            yield return (KnownClassifications.InjectionSite, site);
        }

        foreach (var (atc, _, _) in prescriptions)
        {
            yield return (KnownClassifications.Atc, atc);
        }

        foreach (var (code, _, _) in oralProcedures)
        {
            yield return (KnownClassifications.OralProcedure, code);
        }
    }

    /// <summary>Where vaccines are injected: the right or left thigh of an infant, the right or left upper arm of everyone else.</summary>
    public static IReadOnlyList<string> InjectionSites { get; } = ["OR", "VR", "OO", "VO"];

    private static IEnumerable<CareProfileSpec> Specs()
    {
        yield return new("T11", SyntheticUnitKind.HealthStation)
        {
            Ages = everyone,
            Professions = [(Physician, 25), (Specialist, 14), (ChiefPhysician, 6), (Nurse, 40), (PublicHealthNurse, 10), (PracticalNurse, 5)],
            ContactTypes = [("R10", 50), ("R52", 30), ("R50", 30), ("R56", 10), ("R51", 10), ("R60", 4), ("R71", 2), ("R72", 2), ("R90", 2)],
            AssessmentShare = 0.5, HealthCareShare = 0.08, FirstVisitShare = 0.45, UrgentShare = 0.25,
            Icpc2 = generalIcpc2, Icd10 = generalIcd10, InjuryShare = 0.06, SyndromeShare = 1,
            ProcedureShare = 0.3,
            Spat = [("SPAT1097", 2), ("SPAT1149", 2), ("SPAT1153", 2), ("SPAT1033", 2), ("SPAT1256", 3), ("SPAT1310", 4), ("SPAT1312", 1), ("SPAT1110", 1), ("SPAT1148", 2), ("SPAT1283", 1), ("SPAT1057", 1), ("SPAT1260", 1)],
            FollowUpShare = 0.35, VaccinationShare = 0.03, PrescriptionShare = 0.12, HealthFactorShare = 0.08, MinMinutes = 10, MaxMinutes = 40,
        };
        yield return new("T21", SyntheticUnitKind.Clinic)
        {
            Ages = [0, 0, 45, 55, 0, 0, 0, 0], MaleShare = 0,
            Professions = [(PublicHealthNurse, 70), (Midwife, 20), (Physician, 10)],
            ContactTypes = [("R10", 85), ("R52", 10), ("R50", 10), ("R56", 5)],
            AssessmentShare = 0.05, HealthCareShare = 0.95, FirstVisitShare = 0.15,
            Icpc2 = clinicIcpc2, Icd10 = clinicIcd10, SyndromeShare = 0.1,
            ProcedureShare = 0.6, Spat = [("SPAT1379", 5), ("SPAT1187", 1), ("SPAT1189", 1), ("SPAT1195", 1), ("SPAT1200", 1), ("SPAT1380", 1), ("SPAT1197", 1)],
            HealthFactorShare = 0.5, VaccinationShare = 0.03, MinMinutes = 20, MaxMinutes = 60, GroupShare = 0.08,
        };
        yield return new("T22", SyntheticUnitKind.Clinic)
        {
            Ages = children,
            Professions = [(PublicHealthNurse, 85), (Physician, 15)],
            ContactTypes = [("R10", 85), ("R52", 10), ("R50", 10), ("R56", 5)],
            AssessmentShare = 0.05, HealthCareShare = 0.95, FirstVisitShare = 0.1,
            Icpc2 = clinicIcpc2, Icd10 = clinicIcd10,
            ProcedureShare = 0.6, Spat = [("SPAT1315", 5), ("SPAT1381", 1), ("SPAT1382", 1), ("SPAT1383", 1), ("SPAT1303", 3), ("SPAT1393", 1)],
            HealthFactorShare = 0.7, VaccinationShare = 0.3, MinMinutes = 20, MaxMinutes = 60,
        };
        yield return new("T23", SyntheticUnitKind.Clinic)
        {
            Ages = [0, 0, 70, 30, 0, 0, 0, 0], MaleShare = 0.1,
            Professions = [(PublicHealthNurse, 70), (Physician, 20), (Midwife, 10)],
            ContactTypes = [("R10", 80), ("R52", 15), ("R50", 15), ("R56", 5)],
            AssessmentShare = 0.2, HealthCareShare = 0.9,
            Icpc2 = clinicIcpc2, Icd10 = clinicIcd10,
            ProcedureShare = 0.5, Spat = [("SPAT1190", 1), ("SPAT1308", 3), ("SPAT1192", 1)], MinMinutes = 15, MaxMinutes = 40,
        };
        yield return new("T24", SyntheticUnitKind.Clinic)
        {
            Ages = adults, Professions = [(PublicHealthNurse, 80), (Nurse, 20)],
            ContactTypes = [("R10", 75), ("R52", 20), ("R50", 20), ("R56", 5)], HealthCareShare = 0.85, AssessmentShare = 0.1,
            Icpc2 = clinicIcpc2, Icd10 = clinicIcd10, ProcedureShare = 0.4, Spat = [("SPAT1312", 3), ("SPAT1306", 2), ("SPAT1305", 1)],
            HealthFactorShare = 0.3,
        };
        yield return new("T25", SyntheticUnitKind.Clinic)
        {
            Ages = [30, 50, 20, 0, 0, 0, 0, 0], Professions = [(Psychologist, 50), (SocialWorker, 30), (PublicHealthNurse, 20)],
            ContactTypes = [("R10", 70), ("R52", 20), ("R50", 20), ("R71", 10)], AssessmentShare = 0.3, HealthCareShare = 0.5,
            Icpc2 = mentalIcpc2, Icd10 = mentalIcd10, ProcedureShare = 0.5, Spat = [("SPAT1239", 3), ("SPAT1393", 2), ("SPAT1391", 2)],
            MinMinutes = 45, MaxMinutes = 90,
        };
        yield return new("T26", SyntheticUnitKind.Clinic)
        {
            Ages = schoolChildren, Professions = [(PublicHealthNurse, 85), (Physician, 15)],
            ContactTypes = [("R10", 85), ("R52", 10), ("R50", 10), ("R56", 5)], AssessmentShare = 0.1, HealthCareShare = 0.9,
            Icpc2 = schoolIcpc2, Icd10 = schoolIcd10, SyndromeShare = 0.4,
            ProcedureShare = 0.6, Spat = [("SPAT1315", 4), ("SPAT1384", 1), ("SPAT1385", 1), ("SPAT1386", 1), ("SPAT1307", 2), ("SPAT1309", 1)],
            FollowUpShare = 0.15, FollowUp = schoolFollowUp, HealthFactorShare = 0.6, VaccinationShare = 0.1, MinMinutes = 15, MaxMinutes = 45,
        };
        yield return new("T27", SyntheticUnitKind.Clinic)
        {
            Ages = [0, 0, 100, 8, 0, 0, 0, 0], Professions = [(PublicHealthNurse, 60), (Physician, 25), (Psychologist, 15)],
            ContactTypes = [("R10", 70), ("R52", 22), ("R50", 22), ("R56", 8)], AssessmentShare = 0.3, HealthCareShare = 0.5,
            Icpc2 = schoolIcpc2, Icd10 = schoolIcd10, ProcedureShare = 0.4,
            Spat = [("SPAT1363", 1), ("SPAT1364", 1), ("SPAT1308", 2), ("SPAT1307", 2), ("SPAT1387", 1)],
            FollowUpShare = 0.15, FollowUp = schoolFollowUp, VaccinationShare = 0.02,
        };
        yield return new("T28", SyntheticUnitKind.HealthStation)
        {
            Ages = [0, 0, 5, 25, 50, 20, 0, 0], MaleShare = 0.2, Professions = [(PublicHealthNurse, 60), (Radiographer, 20), (LaboratoryNurse, 20)],
            ContactTypes = [("R10", 100)], HealthCareShare = 1, FirstVisitShare = 0.9,
            Icd10 = [("Z10.0", 1), ("Z00.0", 2)], ProcedureShare = 0.8, Spat = [("SPAT1324", 5), ("SPAT1193", 2)], MinMinutes = 5, MaxMinutes = 15,
        };
        yield return new("T29", SyntheticUnitKind.HealthStation)
        {
            Ages = adults, Professions = [(PublicHealthNurse, 70), (Nurse, 30)],
            ContactTypes = [("R10", 70), ("R52", 25), ("R50", 25), ("R56", 5)], HealthCareShare = 0.9, AssessmentShare = 0.1,
            Icpc2 = clinicIcpc2, Icd10 = [("Z00.0", 3), ("Z71.8", 1), ("Z71.3", 1), ("Z23.8", 2)], ProcedureShare = 0.4,
            Spat = [("SPAT1312", 3), ("SPAT1306", 2), ("SPAT1256", 2)], VaccinationShare = 0.1, HealthFactorShare = 0.3,
        };
        yield return Occupational("T30", healthCareShare: 0.55, physicianShare: 35);
        yield return Occupational("T31", healthCareShare: 0.05, physicianShare: 55);
        yield return Occupational("T35", healthCareShare: 0.6, physicianShare: 40) with { MaleShare = 0.85 };
        yield return HomeCare("T40", [(PracticalNurse, 55), (HomeHelp, 15), (Nurse, 20), (PublicHealthNurse, 5), (Physiotherapist, 5)]);
        yield return HomeCare("T41", [(Nurse, 70), (PracticalNurse, 25), (Physician, 5)]);
        yield return HomeCare("T42", [(HomeHelp, 80), (PracticalNurse, 20)]) with { Spat = [("SPAT1222", 2), ("SPAT1304", 1)] };
        yield return HomeCare("T43", [(Nurse, 80), (Physician, 20)]) with { Spat = [("SPAT1255", 3), ("SPAT1083", 2), ("SPAT1148", 1)] };
        yield return Rehabilitation("T51", [(Physiotherapist, 95), (PracticalNurse, 5)], everyone, groupShare: 0.08);
        yield return Rehabilitation("T52", [(Physiotherapist, 60), (OccupationalTherapist, 40)], elderly, groupShare: 0) with { Spat = [("SPAT1229", 5)] };
        yield return Rehabilitation("T53", [(SpeechTherapist, 100)], [45, 35, 5, 5, 5, 3, 2, 0], groupShare: 0.05);
        yield return Rehabilitation("T54", [(OccupationalTherapist, 100)], everyone, groupShare: 0.05);
        yield return Rehabilitation("T55", [(OtherTherapist, 100)], [0, 0, 2, 8, 35, 30, 20, 5], groupShare: 0);
        yield return Rehabilitation("T56", [(Nutritionist, 100)], adults, groupShare: 0.1) with { Spat = [("SPAT1306", 5)] };
        yield return new("T58", SyntheticUnitKind.HealthStation)
        {
            Ages = adults, Professions = [(SocialWorker, 100)], ContactTypes = [("R10", 50), ("R52", 40), ("R50", 40), ("R72", 10)],
            HealthCareShare = 0.3, Icd10 = [("Z73.0", 2), ("Z74.1", 2), ("Z56.6", 1)], ProcedureShare = 0.5,
            Spat = [("SPAT1221", 3), ("SPAT1394", 2), ("SPAT1234", 1)], MinMinutes = 30, MaxMinutes = 60,
        };
        yield return Rehabilitation("T59", [(Physiotherapist, 50), (OccupationalTherapist, 50)], everyone, groupShare: 0.05);
        yield return new("T60", SyntheticUnitKind.OralCare)
        {
            Ages = [8, 15, 15, 17, 25, 12, 7, 1], Professions = [(Dentist, 45), (DentalHygienist, 35), (DentalNurse, 20)],
            Assessors = [(DentalNurse, 50), (DentalHygienist, 30), (Dentist, 20)],
            ContactTypes = [("R10", 92), ("R52", 6), ("R50", 6), ("R56", 2)], AssessmentShare = 0.55, HealthCareShare = 0.35,
            FirstVisitShare = 0.3, UrgentShare = 0.15, Icd10 = oralIcd10, ProcedureShare = 0.9, HealthFactorShare = 0.4,
            MinMinutes = 20, MaxMinutes = 60, OralCare = true,
        };
        yield return Mental("T71", [(Nurse, 40), (MentalHealthNurse, 15), (Psychologist, 25), (Specialist, 10), (SocialWorker, 10)], maleShare: null);
        yield return Mental("T73", [(Nurse, 50), (MentalHealthNurse, 20), (Physician, 15), (SocialWorker, 15)], maleShare: 0.7);
        yield return new("T80", SyntheticUnitKind.MentalHealth)
        {
            Ages = elderly, Professions = [(PracticalNurse, 60), (ActivityInstructor, 40)], ContactTypes = [("R10", 100)],
            HealthCareShare = 0.6, FirstVisitShare = 0.05, Icpc2 = homeCareIcpc2, GroupShare = 0.5, MinMinutes = 120, MaxMinutes = 300,
        };
        yield return new("T81", SyntheticUnitKind.HealthStation)
        {
            Ages = elderly, Professions = [(Nurse, 70), (Specialist, 30)], ContactTypes = [("R10", 100)],
            HealthCareShare = 0.1, Icd10 = homeCareIcd10, ProcedureShare = 0.5, Spat = [("SPAT1255", 2), ("SPAT1083", 1)], MinMinutes = 60, MaxMinutes = 240,
        };
        yield return new("T90", SyntheticUnitKind.HealthStation)
        {
            Ages = adults, Professions = [(Nurse, 50), (SocialWorker, 50)], ContactTypes = [("R72", 40), ("R10", 40), ("R52", 20), ("R50", 20)],
            HealthCareShare = 0.5, Icpc2 = generalIcpc2, SyndromeShare = 0.3,
        };
    }

    private static CareProfileSpec Occupational(string serviceForm, double healthCareShare, double physicianShare) =>
        new(serviceForm, SyntheticUnitKind.OccupationalHealth)
        {
            Ages = workingAge,
            Professions = [(PublicHealthNurse, 90 - physicianShare), (Physician, physicianShare), (Physiotherapist, 5), (Psychologist, 5)],
            Assessors = [(PublicHealthNurse, 80), (Nurse, 15), (Physician, 5)],
            ContactTypes = [("R10", 55), ("R52", 30), ("R50", 30), ("R56", 8), ("R51", 8), ("R30", 5), ("R71", 2)],
            AssessmentShare = 0.35, HealthCareShare = healthCareShare, UrgentShare = 0.2,
            Icd10 = occupationalIcd10, Icpc2 = occupationalIcpc2, InjuryShare = 0.05, ProcedureShare = 0.5, SyndromeShare = 0.6,
            Spat = [("SPAT1368", 4), ("SPAT1311", 3), ("SPAT1403", 2), ("SPAT1410", 2), ("SPAT1411", 1), ("SPAT1404", 1), ("SPAT1322", 1), ("SPAT1323", 1), ("SPAT1412", 1)],
            FollowUpShare = 0.3, FollowUp = occupationalFollowUp, VaccinationShare = 0.02, PrescriptionShare = 0.08, HealthFactorShare = 0.15,
            MinMinutes = 15, MaxMinutes = 60,
        };

    private static CareProfileSpec HomeCare(string serviceForm, (string, double)[] professions) =>
        new(serviceForm, SyntheticUnitKind.HomeCare)
        {
            Ages = elderly, MaleShare = 0.35, Professions = professions,
            ContactTypes = [("R20", 88), ("R52", 8), ("R50", 8), ("R72", 4)],
            AssessmentShare = 0.02, HealthCareShare = 0.3, FirstVisitShare = 0.03,
            Icd10 = homeCareIcd10, Icpc2 = homeCareIcpc2, ProcedureShare = 0.4,
            Spat = [("SPAT1148", 3), ("SPAT1254", 4), ("SPAT1256", 2), ("SPAT1216", 1), ("SPAT1217", 1), ("SPAT1304", 1)],
            VaccinationShare = 0.01, HealthFactorShare = 0.05, MinMinutes = 10, MaxMinutes = 45,
        };

    private static CareProfileSpec Rehabilitation(string serviceForm, (string, double)[] professions, double[] ages, double groupShare) =>
        new(serviceForm, SyntheticUnitKind.Rehabilitation)
        {
            Ages = ages, Professions = professions,
            ContactTypes = [("R10", 80), ("R52", 12), ("R50", 12), ("R20", 5), ("R56", 3)],
            AssessmentShare = 0.35, HealthCareShare = 0.2, FirstVisitShare = 0.25,
            Icd10 = rehabilitationIcd10, Icpc2 = rehabilitationIcpc2, InjuryShare = 0.03, ProcedureShare = 0.7,
            Spat = [("SPAT1223", 4), ("SPAT1216", 2), ("SPAT1305", 2), ("SPAT1229", 1), ("SPAT1222", 1)],
            MinMinutes = 30, MaxMinutes = 60, GroupShare = groupShare,
        };

    private static CareProfileSpec Mental(string serviceForm, (string, double)[] professions, double? maleShare) =>
        new(serviceForm, SyntheticUnitKind.MentalHealth)
        {
            Ages = [0, 3, 30, 30, 27, 7, 3, 0], MaleShare = maleShare, Professions = professions,
            Assessors = [(Nurse, 70), (MentalHealthNurse, 20), (Physician, 10)],
            ContactTypes = [("R10", 60), ("R52", 30), ("R50", 30), ("R56", 5), ("R71", 5)],
            AssessmentShare = 0.4, HealthCareShare = 0.1, FirstVisitShare = 0.2,
            Icd10 = mentalIcd10, Icpc2 = mentalIcpc2, ProcedureShare = 0.6,
            Spat = [("SPAT1240", 5), ("SPAT1246", 1), ("SPAT1241", 1), ("SPAT1274", 1), ("SPAT1273", 1), ("SPAT1247", 1), ("SPAT1275", 1), ("SPAT1272", 1)],
            FollowUpShare = 0.1, MinMinutes = 30, MaxMinutes = 60,
        };
}

/// <summary>
/// A vaccine: what it is, how it is given, to whom, where, whether only in the influenza season,
/// and the ages in years its doses are due at in the national programme (an infant's series at
/// 3, 5 and 12 months), so that a dose's number follows the child's age.
/// </summary>
internal sealed record VaccineSpec(string Atc, string TradeName, string Route, int FirstAge, int LastAge, string[] ServiceForms, bool Seasonal, double[] DoseAges)
{
    /// <summary>
    /// The dose given at <paramref name="age"/>: the last one due by then, or the one before it
    /// for a child a dose behind the schedule (<paramref name="behind"/>), never below the first.
    /// </summary>
    public int DoseAt(double age, bool behind) =>
        Math.Max(1, DoseAges.Count(due => due <= age) - (behind ? 1 : 0));
}
