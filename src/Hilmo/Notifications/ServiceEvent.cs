using System.Collections.Immutable;

namespace Hilmo.Notifications;

/// <summary>
/// One AvoHILMO service event (palvelutapahtuma, the "seurantatietue"): everything a provider
/// reports about one contact, assessment, appointment, visit or cancellation.
/// </summary>
public sealed record ServiceEvent : Notification
{
    public override Register Register => Register.AvoHilmo;

    /// <summary>[yhteydenotto] When the client made contact.</summary>
    public Contact? Contact { get; init; }

    /// <summary>[hoidonTarpeenArviointi] The care-need assessment.</summary>
    public CareNeedAssessment? Assessment { get; init; }

    /// <summary>[ajanvaraus] The booking of an appointment.</summary>
    public Appointment? Appointment { get; init; }

    /// <summary>[kaynti] The visit that took place.</summary>
    public Visit? Visit { get; init; }

    /// <summary>[kayntisyyt] Reasons for the visit, most important first.</summary>
    public ImmutableArray<VisitReason> Reasons { get; init; } = [];

    /// <summary>[toimenpiteet] Procedures, in the submitter's order.</summary>
    public ImmutableArray<Procedure> Procedures { get; init; } = [];

    /// <summary>[laakitys] Medication and vaccinations.</summary>
    public ImmutableArray<Medication> Medications { get; init; } = [];

    /// <summary>[terveystekijat] Measured health factors.</summary>
    public HealthFactors? HealthFactors { get; init; }

    /// <summary>[jatkohoito] Follow-up care, SPAT codes marked for follow-up.</summary>
    [Sensitivity("jatkohoito", SensitivityClass.Protected)]
    [Coded("spat")]
    public ImmutableArray<string> FollowUpCare { get; init; } = [];

    /// <summary>[peruuntuminen] The event was cancelled or moved.</summary>
    public Cancellation? Cancellation { get; init; }

    /// <summary>True when the record carries at least one phase of the event.</summary>
    public bool HasPhase => Contact is not null || Assessment is not null || Appointment is not null
        || Visit is not null || Cancellation is not null;

    /// <summary>The visit if there was one, otherwise the latest phase that happened.</summary>
    public override DateOnly? ReferenceDate
    {
        get
        {
            var time = Visit?.Start ?? Cancellation?.Time ?? Appointment?.BookedAt ?? Assessment?.Time
                ?? Contact?.Time ?? UpdatedAt;
            return time is { } t ? DateOnly.FromDateTime(t) : null;
        }
    }
}

/// <summary>[yhteydenotto] The client's contact.</summary>
public sealed record Contact
{
    /// <summary>[ajankohta] When the client made contact.</summary>
    [Sensitivity("ajankohta", SensitivityClass.Restricted, Linkage.ExactTime)]
    public DateTime? Time { get; init; }
}

/// <summary>[hoidonTarpeenArviointi] The assessment of the need for care.</summary>
public sealed record CareNeedAssessment
{
    /// <summary>[ajankohta] When the need was assessed.</summary>
    [Sensitivity("ajankohta", SensitivityClass.Restricted, Linkage.ExactTime)]
    public DateTime? Time { get; init; }

    /// <summary>[ammatti] The assessor's profession (TK2001).</summary>
    [Sensitivity("ammatti", SensitivityClass.Free)]
    [Coded("ammatti")]
    public string? Profession { get; init; }

    /// <summary>[kiireellisyys] Urgency.</summary>
    [Sensitivity("kiireellisyys", SensitivityClass.Free)]
    [Coded("kiireellisyys")]
    public string? Urgency { get; init; }

    /// <summary>[luonne] Nature of the care: sick care (SH) or health care (TH).</summary>
    [Sensitivity("luonne", SensitivityClass.Free)]
    [Coded("luonne")]
    public string? Nature { get; init; }

    /// <summary>[ensikaynti] First visit for this problem.</summary>
    [Sensitivity("ensikaynti", SensitivityClass.Free)]
    [Coded("ensikaynti")]
    public string? FirstVisit { get; init; }

    /// <summary>[tulos] Result of the assessment.</summary>
    [Sensitivity("tulos", SensitivityClass.Free)]
    [Coded("arvioinnin_tulos")]
    public string? Result { get; init; }
}

/// <summary>[ajanvaraus] The booking of an appointment.</summary>
public sealed record Appointment
{
    /// <summary>[ajankohta] When the booking was made.</summary>
    [Sensitivity("ajankohta", SensitivityClass.Restricted, Linkage.ExactTime)]
    public DateTime? BookedAt { get; init; }

    /// <summary>[varattu] The booked time of the visit.</summary>
    [Sensitivity("varattu", SensitivityClass.Restricted, Linkage.ExactTime)]
    public DateTime? ScheduledFor { get; init; }
}

/// <summary>[kaynti] The visit.</summary>
public sealed record Visit
{
    /// <summary>[alku] Start of the visit.</summary>
    [Sensitivity("alku", SensitivityClass.Restricted, Linkage.ExactTime)]
    public DateTime? Start { get; init; }

    /// <summary>[loppu] End of the visit.</summary>
    [Sensitivity("loppu", SensitivityClass.Restricted, Linkage.ExactTime)]
    public DateTime? End { get; init; }

    /// <summary>[ammatti] The professional's profession (TK2001).</summary>
    [Sensitivity("ammatti", SensitivityClass.Free)]
    [Coded("ammatti")]
    public string? Profession { get; init; }

    /// <summary>[toteuttaja] The professional's Valvira registration number (restricted).</summary>
    [Sensitivity("toteuttaja", SensitivityClass.Restricted, Linkage.Place)]
    public string? Professional { get; init; }

    /// <summary>[palvelumuoto] Service form (T11 ...).</summary>
    [Sensitivity("palvelumuoto", SensitivityClass.Free)]
    [Coded("palvelumuoto")]
    public string? ServiceForm { get; init; }

    /// <summary>[yhteystapa] Contact type (R10 ...).</summary>
    [Sensitivity("yhteystapa", SensitivityClass.Free)]
    [Coded("yhteystapa")]
    public string? ContactType { get; init; }

    /// <summary>[kavijaryhma] Individual or group visit.</summary>
    [Sensitivity("kavijaryhma", SensitivityClass.Free)]
    [Coded("kavijaryhma")]
    public string? VisitorGroup { get; init; }

    /// <summary>[kiireellisyys] Urgency.</summary>
    [Sensitivity("kiireellisyys", SensitivityClass.Free)]
    [Coded("kiireellisyys")]
    public string? Urgency { get; init; }

    /// <summary>[luonne] Nature of the care.</summary>
    [Sensitivity("luonne", SensitivityClass.Free)]
    [Coded("luonne")]
    public string? Nature { get; init; }

    /// <summary>[ensikaynti] First visit for this problem.</summary>
    [Sensitivity("ensikaynti", SensitivityClass.Free)]
    [Coded("ensikaynti")]
    public string? FirstVisit { get; init; }
}

/// <summary>
/// [kayntisyy] One reason for the visit: an ICD-10 diagnosis with its optional external cause and
/// accident type, or an ICPC-2 code.
/// </summary>
public sealed record VisitReason
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

    /// <summary>[icpc2] ICPC-2 code.</summary>
    [Sensitivity("icpc2", SensitivityClass.Restricted, Linkage.Content)]
    [Coded("icpc2")]
    public string? Icpc2 { get; init; }
}

/// <summary>[toimenpide] One procedure: a SPAT code, or an oral-care procedure with its tooth.</summary>
public sealed record Procedure
{
    /// <summary>[spat] SPAT procedure code.</summary>
    [Sensitivity("spat", SensitivityClass.Protected)]
    [Coded("spat")]
    public string? Spat { get; init; }

    /// <summary>[suu] Oral-care procedure code.</summary>
    [Sensitivity("suu", SensitivityClass.Protected)]
    [Coded("suu_toimenpide")]
    public string? OralProcedure { get; init; }

    /// <summary>[hammas] Tooth or area (FDI notation) of the oral-care procedure.</summary>
    [Sensitivity("hammas", SensitivityClass.Protected)]
    [Coded("hammas")]
    public string? Tooth { get; init; }
}

/// <summary>[laake] One medication or vaccination.</summary>
public sealed record Medication
{
    /// <summary>[atc] ATC code of the substance.</summary>
    [Sensitivity("atc", SensitivityClass.Restricted, Linkage.Content)]
    [Coded("atc")]
    public string? Atc { get; init; }

    /// <summary>[atcSelite] Free description where no ATC code applies.</summary>
    [Sensitivity("atcSelite", SensitivityClass.Restricted, Linkage.Content)]
    public string? AtcDescription { get; init; }

    /// <summary>[vnr] Nordic article number of the package.</summary>
    [Sensitivity("vnr", SensitivityClass.Restricted, Linkage.Content)]
    public string? PackageNumber { get; init; }

    /// <summary>[kauppanimi] Trade name.</summary>
    [Sensitivity("kauppanimi", SensitivityClass.Restricted, Linkage.Content)]
    public string? TradeName { get; init; }

    /// <summary>[maaratty] When the medication was prescribed.</summary>
    [Sensitivity("maaratty", SensitivityClass.Restricted, Linkage.ExactTime)]
    public DateTime? PrescribedAt { get; init; }

    /// <summary>[rokotus] True when a vaccine was given.</summary>
    [Sensitivity("rokotus", SensitivityClass.Protected)]
    public bool? Vaccination { get; init; }

    /// <summary>[eranumero] The vaccine batch.</summary>
    [Sensitivity("eranumero", SensitivityClass.Protected)]
    public string? BatchNumber { get; init; }

    /// <summary>[jarjestys] Dose number in a vaccination series (number or free text).</summary>
    [Sensitivity("jarjestys", SensitivityClass.Free)]
    public string? DoseNumber { get; init; }

    /// <summary>[rokotustapa] Route of vaccination (IM ...).</summary>
    [Sensitivity("rokotustapa", SensitivityClass.Free)]
    [Coded("rokotustapa")]
    public string? Route { get; init; }

    /// <summary>[pistoskohta] Injection site.</summary>
    [Sensitivity("pistoskohta", SensitivityClass.Free)]
    [Coded("pistoskohta")]
    public string? InjectionSite { get; init; }
}

/// <summary>[terveystekijat] Health factors measured at the visit.</summary>
public sealed record HealthFactors
{
    /// <summary>[karioituneet1] Decayed permanent teeth (D).</summary>
    [Sensitivity("karioituneet1", SensitivityClass.Protected)]
    public int? DecayedPermanentTeeth { get; init; }

    /// <summary>[puuttuvat1] Missing permanent teeth (M).</summary>
    [Sensitivity("puuttuvat1", SensitivityClass.Protected)]
    public int? MissingPermanentTeeth { get; init; }

    /// <summary>[paikatut1] Filled permanent teeth (F).</summary>
    [Sensitivity("paikatut1", SensitivityClass.Protected)]
    public int? FilledPermanentTeeth { get; init; }

    /// <summary>[karioituneet2] Decayed primary teeth (d).</summary>
    [Sensitivity("karioituneet2", SensitivityClass.Protected)]
    public int? DecayedPrimaryTeeth { get; init; }

    /// <summary>[puuttuvat2] Missing primary teeth (m).</summary>
    [Sensitivity("puuttuvat2", SensitivityClass.Protected)]
    public int? MissingPrimaryTeeth { get; init; }

    /// <summary>[paikatut2] Filled primary teeth (f).</summary>
    [Sensitivity("paikatut2", SensitivityClass.Protected)]
    public int? FilledPrimaryTeeth { get; init; }

    /// <summary>[ienkudos] Gum status, one digit 0–4 per position.</summary>
    [Sensitivity("ienkudos", SensitivityClass.Protected)]
    public string? GumStatus { get; init; }

    /// <summary>[paino] Weight in grams.</summary>
    [Sensitivity("paino", SensitivityClass.Restricted, Linkage.ExtremeValue)]
    public int? WeightGrams { get; init; }

    /// <summary>[pituus] Height in millimetres.</summary>
    [Sensitivity("pituus", SensitivityClass.Restricted, Linkage.ExtremeValue)]
    public int? HeightMillimetres { get; init; }

    /// <summary>[tupakointi] Smoking status code.</summary>
    [Sensitivity("tupakointi", SensitivityClass.Restricted, Linkage.Content)]
    [Coded("tupakointi")]
    public string? Smoking { get; init; }
}

/// <summary>[peruuntuminen] Cancellation or move of the event.</summary>
public sealed record Cancellation
{
    /// <summary>[ajankohta] When it was cancelled.</summary>
    [Sensitivity("ajankohta", SensitivityClass.Restricted, Linkage.ExactTime)]
    public DateTime? Time { get; init; }

    /// <summary>[syy] Reason for the cancellation.</summary>
    [Sensitivity("syy", SensitivityClass.Free)]
    [Coded("peruuntumisen_syy")]
    public string? Reason { get; init; }
}
