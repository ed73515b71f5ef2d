namespace Hilmo.Formats;

/// <summary>
/// The Finnish element names of the wire formats of all three registers (JSON members and XML
/// elements alike), in one place so that readers, writers and finding paths agree. The period
/// registers' fields are described in <c>docs/registers/</c>.
/// </summary>
public static class WireNames
{
    public const string RecordId = "tunnus";
    public const string UpdatedAt = "paivitetty";
    public const string Withdrawn = "poisto";
    public const string Provider = "tuottaja";
    public const string Unit = "yksikko";

    public const string Client = "asiakas";
    public const string IdentityCode = "hetu";
    public const string HomeMunicipality = "kotikunta";
    public const string PostalCode = "postinumero";

    public const string Contact = "yhteydenotto";
    public const string Assessment = "hoidonTarpeenArviointi";
    public const string Appointment = "ajanvaraus";
    public const string Visit = "kaynti";
    public const string Cancellation = "peruuntuminen";

    public const string Time = "ajankohta";
    public const string Profession = "ammatti";
    public const string Urgency = "kiireellisyys";
    public const string Nature = "luonne";
    public const string FirstVisit = "ensikaynti";
    public const string Result = "tulos";
    public const string ScheduledFor = "varattu";
    public const string Start = "alku";
    public const string End = "loppu";
    public const string Professional = "toteuttaja";
    public const string ServiceForm = "palvelumuoto";
    public const string ContactType = "yhteystapa";
    public const string VisitorGroup = "kavijaryhma";
    public const string CancellationReason = "syy";

    public const string Reasons = "kayntisyyt";
    public const string Reason = "kayntisyy";
    public const string Icd10 = "icd10";
    public const string ExternalCause = "ulkoinenSyy";
    public const string AccidentType = "tapaturmatyyppi";
    public const string Icpc2 = "icpc2";

    public const string Procedures = "toimenpiteet";
    public const string Procedure = "toimenpide";
    public const string Spat = "spat";
    public const string OralProcedure = "suu";
    public const string Tooth = "hammas";

    public const string Medications = "laakitys";
    public const string Medication = "laake";
    public const string Atc = "atc";
    public const string AtcDescription = "atcSelite";
    public const string PackageNumber = "vnr";
    public const string TradeName = "kauppanimi";
    public const string PrescribedAt = "maaratty";
    public const string Vaccination = "rokotus";
    public const string BatchNumber = "eranumero";
    public const string DoseNumber = "jarjestys";
    public const string Route = "rokotustapa";
    public const string InjectionSite = "pistoskohta";

    public const string HealthFactors = "terveystekijat";
    public const string DecayedPermanentTeeth = "karioituneet1";
    public const string MissingPermanentTeeth = "puuttuvat1";
    public const string FilledPermanentTeeth = "paikatut1";
    public const string DecayedPrimaryTeeth = "karioituneet2";
    public const string MissingPrimaryTeeth = "puuttuvat2";
    public const string FilledPrimaryTeeth = "paikatut2";
    public const string GumStatus = "ienkudos";
    public const string Weight = "paino";
    public const string Height = "pituus";
    public const string Smoking = "tupakointi";

    public const string FollowUpCare = "jatkohoito";

    /// <summary>XML batch envelope and record element.</summary>
    public const string XmlBatch = "palvelutapahtumat";
    public const string XmlRecord = "palvelutapahtuma";

    /// <summary>The register a record belongs to; absent means AvoHILMO.</summary>
    public const string Register = "rekisteri";

    // Care periods (Terveys-Hilmo and Sosiaalihilmo).
    public const string ArrivalDate = "tulopaiva";
    public const string DischargeDate = "lahtopaiva";
    public const string CensusDate = "laskentapaiva";
    public const string ArrivedFrom = "tuliMista";
    public const string DischargedTo = "lahtiMinne";
    public const string Diagnoses = "diagnoosit";
    public const string Diagnosis = "diagnoosi";

    public const string Referral = "lahete";
    public const string ReferralArrived = "saapunut";
    public const string ReferralHandled = "kasitelty";
    public const string QueuedOn = "jonoonPaiva";
    public const string Specialty = "erikoisala";
    public const string ProcedureCode = "koodi";
    public const string IntensiveCare = "tehohoito";
    public const string Psychiatry = "psykiatria";
    public const string AdmissionType = "tulotapa";
    public const string GasOnArrival = "gasTulo";
    public const string GasOnDischarge = "gasLahto";
    public const string CoerciveMeasures = "pakkotoimet";

    public const string ServiceArea = "palveluala";
    public const string CareReasons = "hoitoonTulonSyyt";
    public const string CareReason = "hoitoonTulonSyy";
    public const string Payer = "maksaja";
    public const string Costs = "kustannukset";
    public const string DailyPrice = "paivahinta";
    public const string MonthlyClientFee = "asiakasmaksu";

    /// <summary>XML envelopes that may hold records of any register, and the period record elements.</summary>
    public const string XmlPeriodBatch = "hoitojaksot";
    public const string XmlMixedBatch = "hoitoilmoitukset";
    public const string XmlHealthCarePeriod = "terveyshilmoHoitojakso";
    public const string XmlSocialCarePeriod = "sosiaalihilmoHoitojakso";
}
