using System.Collections.Immutable;

namespace Hilmo.Notifications;

/// <summary>
/// A care period (hoitojakso): what Terveys-Hilmo and Sosiaalihilmo report, from the day a client
/// arrives to the day they leave. A period is sent when it begins and again when it ends, under
/// the same tunnus; a period still open on 31 December is sent once more as that year's census
/// (<see cref="CensusDate"/>).
/// </summary>
public abstract record CarePeriod : Notification
{
    /// <summary>[tulopaiva] The day the client arrived.</summary>
    [Sensitivity("tulopaiva", SensitivityClass.Restricted, Linkage.ExactTime)]
    public DateOnly? ArrivalDate { get; init; }

    /// <summary>[lahtopaiva] The day the client left; absent while the period is open.</summary>
    [Sensitivity("lahtopaiva", SensitivityClass.Restricted, Linkage.ExactTime)]
    public DateOnly? DischargeDate { get; init; }

    /// <summary>[tuliMista] Where the client came from (Hilmo arrival and discharge places).</summary>
    [Sensitivity("tuliMista", SensitivityClass.Free)]
    [Coded("hilmo_tulo_lahto")]
    public string? ArrivedFrom { get; init; }

    /// <summary>[lahtiMinne] Where the client went on discharge (same list).</summary>
    [Sensitivity("lahtiMinne", SensitivityClass.Free)]
    [Coded("hilmo_tulo_lahto")]
    public string? DischargedTo { get; init; }

    /// <summary>[diagnoosit] Diagnoses, the primary one first.</summary>
    public ImmutableArray<Diagnosis> Diagnoses { get; init; } = [];

    /// <summary>
    /// [laskentapaiva] Set on the version that is the year-end census: the period was open at
    /// the end of this day, always a 31 December.
    /// </summary>
    [Sensitivity("laskentapaiva", SensitivityClass.Free)]
    public DateOnly? CensusDate { get; init; }

    /// <summary>True when the record says the period has ended.</summary>
    public bool HasEnded => DischargeDate is not null;

    /// <summary>The day it ended, else its census day, else the day it began.</summary>
    public override DateOnly? ReferenceDate =>
        DischargeDate ?? CensusDate ?? ArrivalDate ?? (UpdatedAt is { } t ? DateOnly.FromDateTime(t) : null);
}

/// <summary>
/// A Terveys-Hilmo care period: specialised care, day surgery or a primary-care ward.
/// </summary>
public sealed record HealthCarePeriod : CarePeriod
{
    public override Register Register => Register.TerveysHilmo;

    /// <summary>[lahete] The referral that led to the period.</summary>
    public Referral? Referral { get; init; }

    /// <summary>[jonoonPaiva] The day the client was put in the queue for the care.</summary>
    [Sensitivity("jonoonPaiva", SensitivityClass.Restricted, Linkage.ExactTime)]
    public DateOnly? QueuedOn { get; init; }

    /// <summary>[erikoisala] Medical specialty (<c>hilmo_erikoisala</c>).</summary>
    [Sensitivity("erikoisala", SensitivityClass.Free)]
    [Coded("hilmo_erikoisala")]
    public string? Specialty { get; init; }

    /// <summary>[yhteystapa] Contact type (<c>yhteystapa</c>); R80 is ward care.</summary>
    [Sensitivity("yhteystapa", SensitivityClass.Free)]
    [Coded("yhteystapa")]
    public string? ContactType { get; init; }

    /// <summary>[kiireellisyys] Urgency as Hilmo codes it (<c>hilmo_kiireellisyys</c>: 3–6 since 2019).</summary>
    [Sensitivity("kiireellisyys", SensitivityClass.Free)]
    [Coded("hilmo_kiireellisyys")]
    public string? Urgency { get; init; }

    /// <summary>[toimenpiteet] Procedures with their times, in the submitter's order.</summary>
    public ImmutableArray<PeriodProcedure> Procedures { get; init; } = [];

    /// <summary>[laakitys] Medication given during the period.</summary>
    public ImmutableArray<Medication> Medications { get; init; } = [];

    /// <summary>[tehohoito] Intensive care during the period.</summary>
    public IntensiveCare? IntensiveCare { get; init; }

    /// <summary>[psykiatria] Items reported for psychiatric specialties only.</summary>
    public PsychiatricCare? Psychiatry { get; init; }
}

/// <summary>
/// A Sosiaalihilmo care period: institutional care or 24-hour service housing.
/// </summary>
public sealed record SocialCarePeriod : CarePeriod
{
    public override Register Register => Register.Sosiaalihilmo;

    /// <summary>[palveluala] Service area (<c>hilmo_palveluala</c>: 31, 32, 38, 41–44, 5, 82, 85 …).</summary>
    [Sensitivity("palveluala", SensitivityClass.Protected)]
    [Coded("hilmo_palveluala")]
    public string? ServiceArea { get; init; }

    /// <summary>[hoitoonTulonSyyt] Reasons for the care, most important first.</summary>
    [Sensitivity("hoitoonTulonSyyt", SensitivityClass.Restricted, Linkage.Content)]
    [Coded("sosiaalihilmo_syy")]
    public ImmutableArray<string> Reasons { get; init; } = [];

    /// <summary>[maksaja] Who pays for the care.</summary>
    [Sensitivity("maksaja", SensitivityClass.Free)]
    [Coded("maksaja")]
    public string? Payer { get; init; }

    /// <summary>[kustannukset] What the care costs.</summary>
    public CareCosts? Costs { get; init; }
}

/// <summary>[diagnoosi] One diagnosis: an ICD-10-FI code with the external cause and accident type of an injury.</summary>
public sealed record Diagnosis
{
    /// <summary>[icd10] ICD-10-FI code.</summary>
    [Sensitivity("icd10", SensitivityClass.Restricted, Linkage.Content)]
    [Coded("icd10fi")]
    public string? Icd10 { get; init; }

    /// <summary>[ulkoinenSyy] ICD-10 external cause of an injury.</summary>
    [Sensitivity("ulkoinenSyy", SensitivityClass.Restricted, Linkage.Content)]
    [Coded("icd10fi")]
    public string? ExternalCause { get; init; }

    /// <summary>[tapaturmatyyppi] ICD-10 accident type of an injury.</summary>
    [Sensitivity("tapaturmatyyppi", SensitivityClass.Restricted, Linkage.Content)]
    [Coded("icd10fi")]
    public string? AccidentType { get; init; }
}

/// <summary>[lahete] The referral.</summary>
public sealed record Referral
{
    /// <summary>[saapunut] The day the referral arrived.</summary>
    [Sensitivity("saapunut", SensitivityClass.Restricted, Linkage.ExactTime)]
    public DateOnly? ArrivedOn { get; init; }

    /// <summary>[kasitelty] The day the referral was handled (the need for care assessed).</summary>
    [Sensitivity("kasitelty", SensitivityClass.Restricted, Linkage.ExactTime)]
    public DateOnly? HandledOn { get; init; }
}

/// <summary>[toimenpide] One procedure of a care period.</summary>
public sealed record PeriodProcedure
{
    /// <summary>[koodi] THL procedure classification (NCSP-FI), or SPAT.</summary>
    [Sensitivity("koodi", SensitivityClass.Protected)]
    [Coded("toimenpide", "spat")]
    public string? Code { get; init; }

    /// <summary>[alku] When it began, local time.</summary>
    [Sensitivity("alku", SensitivityClass.Restricted, Linkage.ExactTime)]
    public DateTime? Start { get; init; }

    /// <summary>[loppu] When it ended, local time.</summary>
    [Sensitivity("loppu", SensitivityClass.Restricted, Linkage.ExactTime)]
    public DateTime? End { get; init; }
}

/// <summary>[tehohoito] Intensive care.</summary>
public sealed record IntensiveCare
{
    /// <summary>[alku] Admission to intensive care, local time.</summary>
    [Sensitivity("alku", SensitivityClass.Restricted, Linkage.ExactTime)]
    public DateTime? Start { get; init; }

    /// <summary>[loppu] Discharge from intensive care, local time.</summary>
    [Sensitivity("loppu", SensitivityClass.Restricted, Linkage.ExactTime)]
    public DateTime? End { get; init; }
}

/// <summary>[psykiatria] The psychiatric items of a care period.</summary>
public sealed record PsychiatricCare
{
    /// <summary>[tulotapa] Voluntary or involuntary admission (<c>psykiatria_tulotapa</c>).</summary>
    [Sensitivity("tulotapa", SensitivityClass.Restricted, Linkage.Content)]
    [Coded("psykiatria_tulotapa")]
    public string? AdmissionType { get; init; }

    /// <summary>[gasTulo] Global Assessment Scale score on arrival, 0–100.</summary>
    [Sensitivity("gasTulo", SensitivityClass.Restricted, Linkage.Content)]
    public int? GasOnArrival { get; init; }

    /// <summary>[gasLahto] Global Assessment Scale score on discharge, 0–100.</summary>
    [Sensitivity("gasLahto", SensitivityClass.Restricted, Linkage.Content)]
    public int? GasOnDischarge { get; init; }

    /// <summary>[pakkotoimet] Coercive measures were used during the period.</summary>
    [Sensitivity("pakkotoimet", SensitivityClass.Restricted, Linkage.Content)]
    public bool? CoerciveMeasures { get; init; }
}

/// <summary>[kustannukset] What a social-care period costs, in euros.</summary>
public sealed record CareCosts
{
    /// <summary>[paivahinta] The price of one care day.</summary>
    [Sensitivity("paivahinta", SensitivityClass.Protected)]
    public decimal? DailyPrice { get; init; }

    /// <summary>[asiakasmaksu] The client's fee for one month.</summary>
    [Sensitivity("asiakasmaksu", SensitivityClass.Protected)]
    public decimal? MonthlyClientFee { get; init; }
}
