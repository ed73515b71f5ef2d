using Hilmo.Codes;

namespace Hilmo.Server.Web.Form;

/// <summary>How a field of the form is entered.</summary>
public enum FieldKind
{
    /// <summary>Free text (an OID, a postal code, a code checked only for its form).</summary>
    Text,

    /// <summary>A Finnish local date and time, as the wire format writes it.</summary>
    DateTime,

    /// <summary>A code from a short list, chosen from all of it.</summary>
    CodeChoice,

    /// <summary>A code from a long list (thousands of codes), typed with a search over the code server.</summary>
    CodeSearch,

    /// <summary>The identity code: checked and pseudonymised, never shown again.</summary>
    IdentityCode,
}

/// <summary>One field of the form, named by its wire path, so a finding's path points straight at it.</summary>
/// <param name="Path">The field's path in the record (<c>kaynti.palvelumuoto</c>, <c>kayntisyyt[0].icd10</c>); also its form name.</param>
/// <param name="Label">What the field is.</param>
/// <param name="Kind">How it is entered.</param>
/// <param name="Classification">The code list its codes come from, for code fields.</param>
public sealed record FormField(string Path, LocalizedText Label, FieldKind Kind, ClassificationDefinition? Classification = null)
{
    /// <summary>An id for the HTML element: the path without the characters ids and selectors trip on.</summary>
    public string Id => "f-" + Path.Replace('.', '-').Replace("[", "-", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);
}

/// <summary>A group of fields: one phase of the service event, as AvoHILMO's field list groups them.</summary>
public sealed record FormPhase(string Id, LocalizedText Legend, IReadOnlyList<FormField> Fields);

/// <summary>
/// The AvoHILMO service event as a form, grouped by phase (contact, assessment, appointment,
/// visit, reasons, procedures, cancellation). A record carries whichever phases have happened,
/// so every phase may be left empty. Medication and health factors are not on the form yet.
/// </summary>
public static class FormFields
{
    public const int Reasons = 4;

    public const int Procedures = 2;

    public static IReadOnlyList<FormPhase> Phases { get; } =
    [
        new("record", new("Tietue", "Post", "Record"),
        [
            new("tunnus", new("Tietueen tunnus (OID)", "Postens identifierare (OID)", "Record identifier (OID)"), FieldKind.Text),
            new("yksikko", new("Palveluyksikkö (SOTE-organisaatiorekisterin OID)", "Serviceenhet (OID i SOTE-organisationsregistret)", "Service unit (OID in the SOTE organisation register)"), FieldKind.Text),
        ]),
        new("client", new("Asiakas", "Klient", "Client"),
        [
            new("asiakas.hetu", new("Henkilötunnus", "Personbeteckning", "Personal identity code"), FieldKind.IdentityCode),
            new("asiakas.kotikunta", new("Kotikunta", "Hemkommun", "Home municipality"), FieldKind.CodeSearch, KnownClassifications.Municipality),
            new("asiakas.postinumero", new("Postinumero", "Postnummer", "Postal code"), FieldKind.Text),
        ]),
        new("contact", new("Yhteydenotto", "Kontakt", "Contact"),
        [
            new("yhteydenotto.ajankohta", new("Yhteydenoton ajankohta", "Tidpunkt för kontakten", "Time of contact"), FieldKind.DateTime),
        ]),
        new("assessment", new("Hoidon tarpeen arviointi", "Bedömning av vårdbehovet", "Care-need assessment"),
        [
            new("hoidonTarpeenArviointi.ajankohta", new("Arvioinnin ajankohta", "Tidpunkt för bedömningen", "Time of assessment"), FieldKind.DateTime),
            new("hoidonTarpeenArviointi.ammatti", new("Arvioijan ammatti", "Bedömarens yrke", "Assessor's profession"), FieldKind.CodeSearch, KnownClassifications.Profession),
            new("hoidonTarpeenArviointi.kiireellisyys", new("Kiireellisyys", "Brådskandegrad", "Urgency"), FieldKind.CodeChoice, KnownClassifications.Urgency),
            new("hoidonTarpeenArviointi.luonne", new("Käynnin luonne", "Besökets karaktär", "Nature"), FieldKind.CodeChoice, KnownClassifications.Nature),
            new("hoidonTarpeenArviointi.ensikaynti", new("Ensikäynti", "Första besök", "First visit"), FieldKind.CodeChoice, KnownClassifications.FirstVisit),
            new("hoidonTarpeenArviointi.tulos", new("Arvioinnin tulos", "Resultat av bedömningen", "Result of the assessment"), FieldKind.Text, KnownClassifications.AssessmentResult),
        ]),
        new("appointment", new("Ajanvaraus", "Tidsbokning", "Appointment"),
        [
            new("ajanvaraus.ajankohta", new("Varauksen tekoaika", "När bokningen gjordes", "When the booking was made"), FieldKind.DateTime),
            new("ajanvaraus.varattu", new("Varattu aika", "Bokad tid", "Booked time"), FieldKind.DateTime),
        ]),
        new("visit", new("Käynti", "Besök", "Visit"),
        [
            new("kaynti.alku", new("Alkoi", "Började", "Started"), FieldKind.DateTime),
            new("kaynti.loppu", new("Päättyi", "Slutade", "Ended"), FieldKind.DateTime),
            new("kaynti.ammatti", new("Ammatti", "Yrke", "Profession"), FieldKind.CodeSearch, KnownClassifications.Profession),
            new("kaynti.palvelumuoto", new("Palvelumuoto", "Serviceform", "Service form"), FieldKind.CodeChoice, KnownClassifications.ServiceForm),
            new("kaynti.yhteystapa", new("Yhteystapa", "Kontaktsätt", "Contact type"), FieldKind.CodeChoice, KnownClassifications.ContactType),
            new("kaynti.kavijaryhma", new("Kävijäryhmä", "Besökargrupp", "Visitor group"), FieldKind.CodeChoice, KnownClassifications.VisitorGroup),
            new("kaynti.kiireellisyys", new("Kiireellisyys", "Brådskandegrad", "Urgency"), FieldKind.CodeChoice, KnownClassifications.Urgency),
            new("kaynti.luonne", new("Käynnin luonne", "Besökets karaktär", "Nature"), FieldKind.CodeChoice, KnownClassifications.Nature),
            new("kaynti.ensikaynti", new("Ensikäynti", "Första besök", "First visit"), FieldKind.CodeChoice, KnownClassifications.FirstVisit),
        ]),
        new("reasons", new("Käyntisyyt", "Besöksorsaker", "Reasons for the visit"),
        [
            // One code per reason, as the rules ask (RULE-002): the rows alternate ICPC-2 and ICD-10,
            // and empty rows are left out, so the first filled row is the main reason.
            .. Enumerable.Range(0, Reasons).Select(i => i % 2 == 0
                ? new FormField($"kayntisyyt[{i}].icpc2", new($"Käyntisyy {i + 1} (ICPC-2)", $"Besöksorsak {i + 1} (ICPC-2)", $"Reason {i + 1} (ICPC-2)"), FieldKind.CodeSearch, KnownClassifications.Icpc2)
                : new FormField($"kayntisyyt[{i}].icd10", new($"Käyntisyy {i + 1} (ICD-10)", $"Besöksorsak {i + 1} (ICD-10)", $"Reason {i + 1} (ICD-10)"), FieldKind.CodeSearch, KnownClassifications.Icd10)),
        ]),
        new("procedures", new("Toimenpiteet", "Åtgärder", "Procedures"),
        [
            .. Enumerable.Range(0, Procedures).Select(i =>
                new FormField($"toimenpiteet[{i}].spat", new($"Toimenpide {i + 1} (SPAT)", $"Åtgärd {i + 1} (SPAT)", $"Procedure {i + 1} (SPAT)"), FieldKind.CodeSearch, KnownClassifications.Spat)),
        ]),
        new("cancellation", new("Peruuntuminen", "Annullering", "Cancellation"),
        [
            new("peruuntuminen.ajankohta", new("Peruuntumisen ajankohta", "Tidpunkt för annulleringen", "Time of cancellation"), FieldKind.DateTime),
            new("peruuntuminen.syy", new("Peruuntumisen syy", "Orsak till annulleringen", "Reason for cancellation"), FieldKind.Text, KnownClassifications.CancellationReason),
        ]),
    ];

    public static IEnumerable<FormField> All => Phases.SelectMany(p => p.Fields);
}
