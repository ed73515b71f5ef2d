using System.Globalization;
using Hilmo.Codes;
using Hilmo.Formats;
using Hilmo.Notifications;
using static Hilmo.Validation.RecordChecks;

namespace Hilmo.Validation;

/// <summary>
/// The record-level rules of the care periods (<c>docs/registers/terveyshilmo.md</c> and
/// <c>sosiaalihilmo.md</c> § Rules): required content, codes valid on the period's reference day,
/// the order of the dates, times within the period, the year-end census, and the rules of each
/// register. Findings reuse the AvoHILMO codes where the meaning is the same; what only periods
/// have is in the <c>PER</c> group.
/// </summary>
/// <remarks>Thread-safe: one instance serves every worker.</remarks>
public sealed class CarePeriodValidator
{
    /// <summary>A period's discharge destination "died" (<c>hilmo_tulo_lahto</c> 9).</summary>
    public const string Died = "9";

    /// <summary>Contact type of ward care (<c>yhteystapa</c> R80).</summary>
    public const string WardCare = "R80";

    // Service areas of social care in hilmo_palveluala (docs/registers/sosiaalihilmo.md).
    private static readonly HashSet<string> SocialCareAreas =
        new(["31", "32", "33", "34", "38", "41", "42", "43", "44", "5", "6", "81", "82", "84", "85", "88"], StringComparer.Ordinal);

    private readonly ValidationOptions options;
    private readonly LatestAllowedClock clock;
    private readonly Classification icd10, spat, procedure, municipality, contactType, urgency, specialty, serviceArea, place,
        admission, reason, payer, atc, route, injectionSite;

    public CarePeriodValidator(CodeServer codes, TimeProvider timeProvider, ValidationOptions? options = null)
    {
        this.options = options ?? ValidationOptions.Default;
        clock = new LatestAllowedClock(timeProvider, this.options);
        icd10 = codes[KnownClassifications.Icd10];
        spat = codes[KnownClassifications.Spat];
        procedure = codes[KnownClassifications.PeriodProcedure];
        municipality = codes[KnownClassifications.Municipality];
        contactType = codes[KnownClassifications.ContactType];
        urgency = codes[KnownClassifications.HilmoUrgency];
        specialty = codes[KnownClassifications.Specialty];
        serviceArea = codes[KnownClassifications.ServiceArea];
        place = codes[KnownClassifications.CarePlace];
        admission = codes[KnownClassifications.PsychiatricAdmission];
        reason = codes[KnownClassifications.CareReason];
        payer = codes[KnownClassifications.Payer];
        atc = codes[KnownClassifications.Atc];
        route = codes[KnownClassifications.VaccinationRoute];
        injectionSite = codes[KnownClassifications.InjectionSite];
    }

    /// <summary>Psychiatry (70), adolescent psychiatry (74) and child psychiatry (75), with their subspecialties.</summary>
    public static bool IsPsychiatric(string? specialtyCode) => specialtyCode is ['7', '0' or '4' or '5', ..];

    /// <summary>Checks <paramref name="submitted"/>, a care period, and adds what is wrong to <paramref name="findings"/>.</summary>
    public void Validate(SubmittedNotification submitted, RecordFindings findings)
    {
        var p = (CarePeriod)submitted.Notification;
        if (!CheckKey(submitted, options.OnlyProvider, findings))
        {
            return;
        }

        var latest = clock.Now();
        var date = p.ReferenceDate ?? DateOnly.FromDateTime(latest);
        Require(p.ArrivalDate is not null, new At(WireNames.ArrivalDate), findings);
        CheckClient(p.Client, municipality, date, findings);
        CheckDates(p, latest, findings);
        CheckPlaces(p, date, findings);
        for (var i = 0; i < p.Diagnoses.Length; i++)
        {
            var diagnosis = p.Diagnoses[i];
            if (diagnosis.Icd10 is null && diagnosis.ExternalCause is null && diagnosis.AccidentType is null)
            {
                findings.Add(FindingCatalogue.EmptyItem, new At(WireNames.Diagnoses, i).Text);
                continue;
            }

            Require(diagnosis.Icd10 is not null, new At(WireNames.Diagnoses, i, WireNames.Icd10), findings);
            Code(icd10, diagnosis.Icd10, date, new At(WireNames.Diagnoses, i, WireNames.Icd10), findings);
            ExternalCause(icd10, diagnosis.ExternalCause, diagnosis.Icd10, date, new At(WireNames.Diagnoses, i, WireNames.ExternalCause), findings);
            ExternalCause(icd10, diagnosis.AccidentType, diagnosis.Icd10, date, new At(WireNames.Diagnoses, i, WireNames.AccidentType), findings);
        }

        switch (p)
        {
            case HealthCarePeriod health:
                CheckHealthCare(health, date, latest, findings);
                break;
            case SocialCarePeriod social:
                CheckSocialCare(social, date, findings);
                break;
        }
    }

    /// <summary>
    /// Arrival ≤ discharge; nothing in the future; the census a 31 December within the period whose
    /// end has passed.
    /// </summary>
    private static void CheckDates(CarePeriod p, DateTime latest, RecordFindings findings)
    {
        var today = DateOnly.FromDateTime(latest);
        if (p.UpdatedAt is { } updated && updated > latest)
        {
            findings.Add(FindingCatalogue.TimeInFuture, WireNames.UpdatedAt);
        }

        NotAfter(p.ArrivalDate, WireNames.ArrivalDate, today, findings);
        NotAfter(p.DischargeDate, WireNames.DischargeDate, today, findings);
        if (p is { ArrivalDate: { } arrival, DischargeDate: { } discharge } && discharge < arrival)
        {
            findings.Add(FindingCatalogue.TimeOrder, WireNames.DischargeDate, WireNames.ArrivalDate);
        }

        if (p.CensusDate is not { } census)
        {
            return;
        }

        if (census is not { Month: 12, Day: 31 })
        {
            findings.Add(FindingCatalogue.CensusNotYearEnd, WireNames.CensusDate);
        }

        // The period must have been open at the end of the census day: arrived by then, not yet left.
        if ((p.ArrivalDate is { } from && census < from) || (p.DischargeDate is { } to && to <= census))
        {
            findings.Add(FindingCatalogue.CensusOutsidePeriod, WireNames.CensusDate);
        }

        // A census can be reported only once its day is over.
        if (census.AddDays(1).ToDateTime(TimeOnly.MinValue) > latest)
        {
            findings.Add(FindingCatalogue.TimeInFuture, WireNames.CensusDate);
        }
    }

    private void CheckPlaces(CarePeriod p, DateOnly date, RecordFindings findings)
    {
        if (p.ArrivedFrom == Died)
        {
            findings.Add(FindingCatalogue.DiedAsArrival, WireNames.ArrivedFrom);
        }
        else
        {
            Code(place, p.ArrivedFrom, date, new At(WireNames.ArrivedFrom), findings);
        }

        Code(place, p.DischargedTo, date, new At(WireNames.DischargedTo), findings);
        if (p.HasEnded)
        {
            Require(p.DischargedTo is not null, new At(WireNames.DischargedTo), findings);
        }
        else if (p.DischargedTo == Died)
        {
            findings.Add(FindingCatalogue.DiedWithoutDischarge, WireNames.DischargedTo);
        }
    }

    private void CheckHealthCare(HealthCarePeriod p, DateOnly date, DateTime latest, RecordFindings findings)
    {
        var today = DateOnly.FromDateTime(latest);
        Require(p.Specialty is not null, new At(WireNames.Specialty), findings);
        Require(p.ContactType is not null, new At(WireNames.ContactType), findings);
        Require(p.Urgency is not null, new At(WireNames.Urgency), findings);
        Code(specialty, p.Specialty, date, new At(WireNames.Specialty), findings);
        Code(contactType, p.ContactType, date, new At(WireNames.ContactType), findings);
        Code(urgency, p.Urgency, date, new At(WireNames.Urgency), findings);
        if (p.HasEnded && (p.Diagnoses.IsDefaultOrEmpty || p.Diagnoses[0].Icd10 is null) && !findings.HasFindingAt(WireNames.Diagnoses))
        {
            Require(false, new At(WireNames.Diagnoses), findings);
        }

        // Referral arrived ≤ handled ≤ arrival; queued ≤ arrival.
        var arrived = new At(WireNames.Referral, WireNames.ReferralArrived);
        var handled = new At(WireNames.Referral, WireNames.ReferralHandled);
        NotAfter(p.Referral?.ArrivedOn, arrived.Text, today, findings);
        NotAfter(p.Referral?.HandledOn, handled.Text, today, findings);
        NotAfter(p.QueuedOn, WireNames.QueuedOn, today, findings);
        Before(p.Referral?.ArrivedOn, arrived, p.Referral?.HandledOn, handled, findings);
        Before(p.Referral?.HandledOn ?? p.Referral?.ArrivedOn, p.Referral?.HandledOn is null ? arrived : handled, p.ArrivalDate, new At(WireNames.ArrivalDate), findings);
        Before(p.QueuedOn, new At(WireNames.QueuedOn), p.ArrivalDate, new At(WireNames.ArrivalDate), findings);

        for (var i = 0; i < p.Procedures.Length; i++)
        {
            var item = p.Procedures[i];
            if (item.Code is null)
            {
                Require(false, new At(WireNames.Procedures, i, WireNames.ProcedureCode), findings);
            }
            else
            {
                // SPAT codes are shipped; THL's procedure classification is checked by its form.
                var classification = item.Code.StartsWith("SPAT", StringComparison.Ordinal) ? spat : procedure;
                Code(classification, item.Code, date, new At(WireNames.Procedures, i, WireNames.ProcedureCode), findings);
            }

            Within(p, item.Start, item.End, new At(WireNames.Procedures, i, WireNames.Start), new At(WireNames.Procedures, i, WireNames.End), latest, findings);
        }

        CheckMedications(p.Medications, atc, route, injectionSite, date, findings);
        if (p.IntensiveCare is { } intensive)
        {
            Within(p, intensive.Start, intensive.End, new At(WireNames.IntensiveCare, WireNames.Start), new At(WireNames.IntensiveCare, WireNames.End), latest, findings);
        }

        if (p.Psychiatry is { } psychiatry)
        {
            if (p.Specialty is { } code && !IsPsychiatric(code))
            {
                findings.Add(FindingCatalogue.PsychiatryWithoutPsychiatricSpecialty, WireNames.Psychiatry, Finding.Quote(code));
            }

            Code(admission, psychiatry.AdmissionType, date, new At(WireNames.Psychiatry, WireNames.AdmissionType), findings);
            Range(psychiatry.GasOnArrival, 0, 100, new At(WireNames.Psychiatry, WireNames.GasOnArrival), findings);
            Range(psychiatry.GasOnDischarge, 0, 100, new At(WireNames.Psychiatry, WireNames.GasOnDischarge), findings);
        }

        if (p.ContactType == WardCare && p is { ArrivalDate: { } a, DischargeDate: { } d } && a == d)
        {
            findings.Add(FindingCatalogue.WardPeriodWithoutNight, WireNames.DischargeDate);
        }
    }

    private void CheckSocialCare(SocialCarePeriod p, DateOnly date, RecordFindings findings)
    {
        Require(p.Client?.HomeMunicipality is not null, new At(WireNames.Client, WireNames.HomeMunicipality), findings);
        Require(p.ServiceArea is not null, new At(WireNames.ServiceArea), findings);
        if (p.ServiceArea is { } area && Code(serviceArea, area, date, new At(WireNames.ServiceArea), findings) && !SocialCareAreas.Contains(area))
        {
            findings.Add(FindingCatalogue.NotSocialCareServiceArea, WireNames.ServiceArea, Finding.Quote(area));
        }

        if (p.Reasons.IsDefaultOrEmpty)
        {
            Require(false, new At(WireNames.CareReasons), findings);
        }

        for (var i = 0; i < p.Reasons.Length; i++)
        {
            Code(reason, p.Reasons[i], date, new At(WireNames.CareReasons, i), findings);
        }

        Code(payer, p.Payer, date, new At(WireNames.Payer), findings);
        if (p.Costs is { } costs)
        {
            Euros(costs.DailyPrice, 10_000m, new At(WireNames.Costs, WireNames.DailyPrice), findings);
            Euros(costs.MonthlyClientFee, 100_000m, new At(WireNames.Costs, WireNames.MonthlyClientFee), findings);
        }
    }

    /// <summary>A time inside the period: from the start of the arrival day to the end of the discharge day, ending after it starts.</summary>
    private static void Within(CarePeriod p, DateTime? start, DateTime? end, At startPath, At endPath, DateTime latest, RecordFindings findings)
    {
        var from = p.ArrivalDate?.ToDateTime(TimeOnly.MinValue);
        var to = p.DischargeDate?.AddDays(1).ToDateTime(TimeOnly.MinValue);
        foreach (var (time, path) in new[] { (start, startPath), (end, endPath) })
        {
            if (time is not { } t)
            {
                continue;
            }

            if (t > latest)
            {
                findings.Add(FindingCatalogue.TimeInFuture, path.Text);
            }
            else if (t < from || t >= to)
            {
                findings.Add(FindingCatalogue.OutsidePeriod, path.Text);
            }
        }

        if (start is { } s && end is { } e && e < s)
        {
            findings.Add(FindingCatalogue.TimeOrder, endPath.Text, startPath.Text);
        }
    }

    private static void NotAfter(DateOnly? date, string path, DateOnly today, RecordFindings findings)
    {
        if (date > today)
        {
            findings.Add(FindingCatalogue.TimeInFuture, path);
        }
    }

    private static void Before(DateOnly? earlier, At earlierPath, DateOnly? later, At laterPath, RecordFindings findings)
    {
        if (earlier is { } e && later is { } l && l < e)
        {
            findings.Add(FindingCatalogue.TimeOrder, laterPath.Text, earlierPath.Text);
        }
    }

    private static void Euros(decimal? value, decimal max, At path, RecordFindings findings)
    {
        if (value is { } v && (v < 0 || v > max))
        {
            findings.Add(FindingCatalogue.ImplausibleValue, path.Text,
                v.ToString(CultureInfo.InvariantCulture), "0", max.ToString(CultureInfo.InvariantCulture));
        }
    }
}
