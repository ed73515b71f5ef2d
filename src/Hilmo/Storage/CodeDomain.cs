namespace Hilmo.Storage;

/// <summary>
/// The sets of short repeated values the store keeps as integer ids rather than text: each code
/// system, and the provider, unit, postal-code and professional identifiers. Columnar storage of
/// small integers is several times cheaper to write and to group by than of short strings.
/// </summary>
public enum CodeDomain
{
    Provider,
    Unit,
    Municipality,
    PostalCode,
    Profession,
    Urgency,
    Nature,
    FirstVisit,
    AssessmentResult,
    Professional,
    ServiceForm,
    ContactType,
    VisitorGroup,
    Smoking,
    CancellationReason,
    Icd10,
    Icpc2,
    Spat,
    OralProcedure,
    Tooth,
    Atc,
    VaccinationRoute,
    InjectionSite,

    // Care periods (Terveys-Hilmo, Sosiaalihilmo).
    HilmoUrgency,
    Specialty,
    ServiceArea,
    CarePlace,
    PsychiatricAdmission,
    CareReason,
    Payer,
    PeriodProcedure,
}

public static class CodeDomains
{
    /// <summary>The name stored in <c>code_values.code_system</c>: the classification's name, or the wire name of an identifier.</summary>
    public static string StoredName(this CodeDomain domain) => domain switch
    {
        CodeDomain.Provider => "tuottaja",
        CodeDomain.Unit => "yksikko",
        CodeDomain.Municipality => "kunta",
        CodeDomain.PostalCode => "postinumero",
        CodeDomain.Profession => "ammatti",
        CodeDomain.Urgency => "kiireellisyys",
        CodeDomain.Nature => "luonne",
        CodeDomain.FirstVisit => "ensikaynti",
        CodeDomain.AssessmentResult => "arvioinnin_tulos",
        CodeDomain.Professional => "toteuttaja",
        CodeDomain.ServiceForm => "palvelumuoto",
        CodeDomain.ContactType => "yhteystapa",
        CodeDomain.VisitorGroup => "kavijaryhma",
        CodeDomain.Smoking => "tupakointi",
        CodeDomain.CancellationReason => "peruuntumisen_syy",
        CodeDomain.Icd10 => "icd10fi",
        CodeDomain.Icpc2 => "icpc2",
        CodeDomain.Spat => "spat",
        CodeDomain.OralProcedure => "suu_toimenpide",
        CodeDomain.Tooth => "hammas",
        CodeDomain.Atc => "atc",
        CodeDomain.VaccinationRoute => "rokotustapa",
        CodeDomain.InjectionSite => "pistoskohta",
        CodeDomain.HilmoUrgency => "hilmo_kiireellisyys",
        CodeDomain.Specialty => "hilmo_erikoisala",
        CodeDomain.ServiceArea => "hilmo_palveluala",
        CodeDomain.CarePlace => "hilmo_tulo_lahto",
        CodeDomain.PsychiatricAdmission => "psykiatria_tulotapa",
        CodeDomain.CareReason => "sosiaalihilmo_syy",
        CodeDomain.Payer => "maksaja",
        CodeDomain.PeriodProcedure => "toimenpide",
        _ => throw new ArgumentOutOfRangeException(nameof(domain)),
    };

    public static IReadOnlyList<CodeDomain> All { get; } = Enum.GetValues<CodeDomain>();
}
