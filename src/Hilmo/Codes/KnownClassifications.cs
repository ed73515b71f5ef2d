namespace Hilmo.Codes;

/// <summary>
/// The classifications AvoHILMO refers to. OIDs are those of THL's code server as the sources in
/// <c>data/codes/SOURCES.md</c> give them; a list file of the same name supplies the members.
/// </summary>
public static class KnownClassifications
{
    /// <summary>
    /// The form of every code of THL's procedure classification: a chapter letter, then up to four
    /// letters, digits or THL's group underscore (<c>A</c>, <c>AA_</c>, <c>NFB30</c>, <c>FM1AT</c>).
    /// </summary>
    private const string ProcedureShape = "[A-Z][A-Z0-9_]{0,4}";

    public static readonly ClassificationDefinition Icd10 = new("icd10fi", "1.2.246.537.6.1.1999",
        new("Tautiluokitus ICD-10", "Klassifikation av sjukdomar ICD-10", "ICD-10-FI classification of diseases"),
        MaxHeadingLevel: 1);

    public static readonly ClassificationDefinition Icpc2 = new("icpc2", "1.2.246.537.6.31.2007",
        new("ICPC-2 perusterveydenhuollon luokitus", "ICPC-2 klassifikation för primärvården", "ICPC-2 International Classification of Primary Care"),
        MaxHeadingLevel: 0);

    public static readonly ClassificationDefinition Spat = new("spat", "1.2.246.537.6.128.2009",
        new("Perusterveydenhuollon avohoidon toimintoluokitus (SPAT)", "Åtgärdsklassifikation för öppenvården inom primärvården (SPAT)", "Primary outpatient care procedures (SPAT)"),
        MaxHeadingLevel: 0);

    public static readonly ClassificationDefinition Profession = new("ammatti", "1.2.246.537.6.74.2001",
        new("Ammattiluokitus 2001", "Yrkesklassificering 2001", "Classification of Occupations 2001"));

    public static readonly ClassificationDefinition Municipality = new("kunta", "1.2.246.537.6.21.2003",
        new("Kuntakoodit", "Kommunkoder", "Municipality codes"),
        Shape: "[0-9]{3}");

    public static readonly ClassificationDefinition ServiceForm = new("palvelumuoto", "1.2.246.537.6.125.2008",
        new("Palvelumuoto", "Serviceform", "Service form"));

    public static readonly ClassificationDefinition ContactType = new("yhteystapa", "1.2.246.537.6.127.201801",
        new("Yhteystapa", "Kontaktsätt", "Contact type"));

    public static readonly ClassificationDefinition Urgency = new("kiireellisyys", "1.2.246.537.6.121.2008",
        new("Hoidon kiireellisyys", "Vårdens brådskandegrad", "Urgency of care"));

    public static readonly ClassificationDefinition Nature = new("luonne", "1.2.246.537.6.124.2008",
        new("Käynnin luonne", "Besökets karaktär", "Nature of the visit"));

    public static readonly ClassificationDefinition FirstVisit = new("ensikaynti", "1.2.246.537.6.120.2008",
        new("Ensikäynti", "Första besök", "First visit"));

    public static readonly ClassificationDefinition VisitorGroup = new("kavijaryhma", "1.2.246.537.6.123.2008",
        new("Kävijäryhmä", "Besökargrupp", "Visitor group"));

    /// <summary>No public list (provisional); members have the form of the seed example <c>Y20</c>.</summary>
    public static readonly ClassificationDefinition AssessmentResult = new("arvioinnin_tulos", "1.2.246.537.6.122.2008",
        new("Hoidon tarpeen arvioinnin tulos", "Resultat av bedömningen av vårdbehovet", "Result of the care-need assessment"),
        Shape: "Y[0-9]{2}", NoPublicList: true);

    /// <summary>No public list (provisional); members have the form of the seed example <c>Y32</c>.</summary>
    public static readonly ClassificationDefinition CancellationReason = new("peruuntumisen_syy", "1.2.246.537.6.126.2008",
        new("Palvelutapahtuman peruuntumisen syy", "Orsak till annullering av servicehändelsen", "Reason for cancelling the service event"),
        Shape: "Y[0-9]{2}", NoPublicList: true);

    /// <summary>
    /// WHO's ATC (<c>atc.csv</c>, levels from 0): the anatomical, therapeutic, pharmacological and
    /// chemical subgroups (levels 0–3) are headings, a medication is its substance (level 4, <c>J07BB02</c>).
    /// </summary>
    public static readonly ClassificationDefinition Atc = new("atc", "1.2.246.537.6.32.2007",
        new("ATC-luokitus", "ATC-klassifikation", "ATC classification"),
        MaxHeadingLevel: 3,
        Shape: "[A-Z](?:[0-9]{2}(?:[A-Z](?:[A-Z](?:[0-9]{2})?)?)?)?");

    /// <summary>
    /// The oral-health procedures of THL's procedure classification (<c>suu_toimenpide.csv</c>,
    /// <c>SAA02</c>, <c>EBA01</c>); chapters, sections and groups are headings.
    /// </summary>
    public static readonly ClassificationDefinition OralProcedure = new("suu_toimenpide", "1.2.246.537.6.33.2005",
        new("Suun terveydenhuollon toimenpideluokitus", "Åtgärdsklassifikation för munhälsovård", "Oral health care procedures"),
        MaxHeadingLevel: 1, Shape: ProcedureShape, ParentsAreHeadings: true);

    /// <summary>
    /// FDI tooth notation: permanent 11–48, primary 51–85, and the area codes 00–02 and 10–40. No
    /// public THL list (provisional): the form is checked and every code is reported as provisional.
    /// </summary>
    public static readonly ClassificationDefinition Tooth = new("hammas", null,
        new("Hammas (FDI)", "Tand (FDI)", "Tooth (FDI)"),
        Shape: "[1-4][0-8]|[5-8][1-5]|0[0-2]", NoPublicList: true);

    public static readonly ClassificationDefinition VaccinationRoute = new("rokotustapa", "1.2.246.537.6.111.2007",
        new("Rokotustapa", "Vaccinationssätt", "Route of vaccination"),
        Shape: "[A-Za-z0-9]{1,10}");

    public static readonly ClassificationDefinition InjectionSite = new("pistoskohta", "1.2.246.537.6.110.2007",
        new("Pistoskohta", "Injektionsställe", "Injection site"),
        Shape: "[A-Za-z0-9]{1,10}");

    /// <summary>No public list (provisional): every code is reported as provisional.</summary>
    public static readonly ClassificationDefinition Smoking = new("tupakointi", "1.2.246.537.6.251.2010",
        new("Tupakointistatus", "Rökstatus", "Smoking status"),
        Shape: "[A-Za-z0-9]{1,10}", NoPublicList: true);

    public static readonly ClassificationDefinition HilmoUrgency = new("hilmo_kiireellisyys", null,
        new("Hilmo – kiireellisyys", "Hilmo – brådskandegrad", "Hilmo urgency"));

    public static readonly ClassificationDefinition Specialty = new("hilmo_erikoisala", "1.2.246.537.6.24.2003",
        new("Terveydenhuollon erikoisalat", "Specialiteter inom hälso- och sjukvården", "Medical specialties"));

    public static readonly ClassificationDefinition ServiceArea = new("hilmo_palveluala", null,
        new("Hilmo – palveluala", "Hilmo – serviceområde", "Hilmo service area"));

    /// <summary>Where a period's client came from and went to; no public list, members in <c>provisional.csv</c>.</summary>
    public static readonly ClassificationDefinition CarePlace = new("hilmo_tulo_lahto", null,
        new("Hilmo – tulo- ja lähtöpaikka", "Hilmo – ankomst- och utskrivningsplats", "Hilmo place of arrival and discharge"));

    /// <summary>How a psychiatric period began; no public list, members in <c>provisional.csv</c>.</summary>
    public static readonly ClassificationDefinition PsychiatricAdmission = new("psykiatria_tulotapa", null,
        new("Psykiatrisen hoidon tulotapa", "Intagningssätt i psykiatrisk vård", "Psychiatric admission type"));

    /// <summary>Reasons for a social-care period; no public list, members in <c>provisional.csv</c>.</summary>
    public static readonly ClassificationDefinition CareReason = new("sosiaalihilmo_syy", null,
        new("Sosiaalihilmo – hoitoon tulon syy", "Sosiaalihilmo – orsak till vården", "Sosiaalihilmo reason for care"));

    /// <summary>Who pays for a social-care period; no public list, members in <c>provisional.csv</c>.</summary>
    public static readonly ClassificationDefinition Payer = new("maksaja", null,
        new("Maksaja", "Betalare", "Payer"));

    /// <summary>
    /// THL's procedure classification (NCSP-FI, <c>toimenpide.csv</c>, <c>NFB30</c>, <c>AA1AA</c>):
    /// chapters, sections and every group with members are headings.
    /// </summary>
    public static readonly ClassificationDefinition PeriodProcedure = new("toimenpide", "1.2.246.537.6.2.2007",
        new("THL – Toimenpideluokitus", "THL – Åtgärdsklassifikation", "THL procedure classification"),
        MaxHeadingLevel: 1, Shape: ProcedureShape, ParentsAreHeadings: true);

    /// <summary>Every known classification.</summary>
    public static IReadOnlyList<ClassificationDefinition> All { get; } =
    [
        Icd10, Icpc2, Spat, Profession, Municipality, ServiceForm, ContactType, Urgency, Nature, FirstVisit,
        VisitorGroup, AssessmentResult, CancellationReason, Atc, OralProcedure, Tooth, VaccinationRoute,
        InjectionSite, Smoking, HilmoUrgency, Specialty, ServiceArea, CarePlace, PsychiatricAdmission, CareReason, Payer,
        PeriodProcedure,
    ];

    /// <summary>The known definition of <paramref name="name"/>, or a bare one for a list the register does not know.</summary>
    public static ClassificationDefinition For(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal))
        ?? new ClassificationDefinition(name, null, new LocalizedText(name));
}
