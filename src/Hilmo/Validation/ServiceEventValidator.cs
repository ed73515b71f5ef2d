using Hilmo.Codes;
using Hilmo.Formats;
using Hilmo.Notifications;
using static Hilmo.Validation.RecordChecks;

namespace Hilmo.Validation;

/// <summary>
/// The record-level rules of AvoHILMO (specification §4): required content, codes valid on the
/// event's date, the order of times, plausible values, and the rules that tie fields together.
/// <see cref="NotificationValidator"/> hands it the service events.
/// The identity code is checked behind the identity boundary, not here.
/// </summary>
/// <remarks>Thread-safe: one instance serves every worker.</remarks>
public sealed class ServiceEventValidator
{
    private readonly LatestAllowedClock clock;
    private readonly ValidationOptions options;
    private readonly DateTime earliest;
    private readonly Classification icd10, icpc2, spat, profession, municipality, serviceForm, contactType, urgency, nature,
        firstVisit, visitorGroup, assessmentResult, cancellationReason, atc, oralProcedure, tooth, route, injectionSite, smoking;

    public ServiceEventValidator(CodeServer codes, TimeProvider timeProvider, ValidationOptions? options = null)
    {
        this.options = options ?? ValidationOptions.Default;
        clock = new LatestAllowedClock(timeProvider, this.options);
        earliest = this.options.EarliestEventDate.ToDateTime(TimeOnly.MinValue);
        icd10 = codes[KnownClassifications.Icd10];
        icpc2 = codes[KnownClassifications.Icpc2];
        spat = codes[KnownClassifications.Spat];
        profession = codes[KnownClassifications.Profession];
        municipality = codes[KnownClassifications.Municipality];
        serviceForm = codes[KnownClassifications.ServiceForm];
        contactType = codes[KnownClassifications.ContactType];
        urgency = codes[KnownClassifications.Urgency];
        nature = codes[KnownClassifications.Nature];
        firstVisit = codes[KnownClassifications.FirstVisit];
        visitorGroup = codes[KnownClassifications.VisitorGroup];
        assessmentResult = codes[KnownClassifications.AssessmentResult];
        cancellationReason = codes[KnownClassifications.CancellationReason];
        atc = codes[KnownClassifications.Atc];
        oralProcedure = codes[KnownClassifications.OralProcedure];
        tooth = codes[KnownClassifications.Tooth];
        route = codes[KnownClassifications.VaccinationRoute];
        injectionSite = codes[KnownClassifications.InjectionSite];
        smoking = codes[KnownClassifications.Smoking];
    }

    /// <summary>Checks <paramref name="submitted"/> and adds what is wrong to <paramref name="findings"/>.</summary>
    public void Validate(SubmittedNotification submitted, RecordFindings findings)
    {
        var e = (ServiceEvent)submitted.Notification;

        // A withdrawal may repeat the very content that was wrong: only its key matters.
        if (!CheckKey(submitted, options.OnlyProvider, findings))
        {
            return;
        }

        if (!e.HasPhase)
        {
            findings.Add(FindingCatalogue.NoPhase, null);
        }

        var now = clock.Now();
        var referenceDate = e.ReferenceDate ?? DateOnly.FromDateTime(now);
        CheckClient(e.Client, municipality, referenceDate, findings);
        CheckPhases(e, findings);
        CheckTimes(e, now, findings);
        var visitDate = e.Visit?.Start is { } start ? DateOnly.FromDateTime(start) : referenceDate;
        CheckAssessment(e.Assessment, referenceDate, findings);
        CheckVisit(e.Visit, visitDate, findings);
        CheckReasons(e, visitDate, findings);
        CheckProcedures(e, visitDate, findings);
        CheckMedications(e.Medications, atc, route, injectionSite, visitDate, findings);
        CheckHealthFactors(e.HealthFactors, visitDate, findings);
        CheckFollowUp(e, visitDate, findings);
        if (e.Cancellation?.Reason is { } reason)
        {
            var date = e.Cancellation.Time is { } t ? DateOnly.FromDateTime(t) : referenceDate;
            Code(cancellationReason, reason, date, new At(WireNames.Cancellation, WireNames.CancellationReason), findings);
        }
    }

    /// <summary>Each phase that is present needs its own time.</summary>
    private static void CheckPhases(ServiceEvent e, RecordFindings findings)
    {
        if (e.Contact is { Time: null })
        {
            Require(false, new At(WireNames.Contact, WireNames.Time), findings);
        }

        if (e.Assessment is { Time: null })
        {
            Require(false, new At(WireNames.Assessment, WireNames.Time), findings);
        }

        if (e.Appointment is { BookedAt: null })
        {
            Require(false, new At(WireNames.Appointment, WireNames.Time), findings);
        }

        if (e.Visit is { Start: null })
        {
            Require(false, new At(WireNames.Visit, WireNames.Start), findings);
        }

        if (e.Cancellation is { Time: null })
        {
            Require(false, new At(WireNames.Cancellation, WireNames.Time), findings);
        }
    }

    /// <summary>
    /// Contact ≤ assessment ≤ booking ≤ visit start ≤ visit end; nothing that has happened lies in
    /// the future; nothing before the register began. The booked time of a visit may of course
    /// be in the future, and a prescription may predate the register.
    /// </summary>
    private void CheckTimes(ServiceEvent e, DateTime latest, RecordFindings findings)
    {
        Span<(At Path, DateTime? Time)> chain =
        [
            (new At(WireNames.Contact, WireNames.Time), e.Contact?.Time),
            (new At(WireNames.Assessment, WireNames.Time), e.Assessment?.Time),
            (new At(WireNames.Appointment, WireNames.Time), e.Appointment?.BookedAt),
            (new At(WireNames.Visit, WireNames.Start), e.Visit?.Start),
            (new At(WireNames.Visit, WireNames.End), e.Visit?.End),
        ];
        (At Path, DateTime Time)? previous = null;
        foreach (var (path, time) in chain)
        {
            if (time is not { } t)
            {
                continue;
            }

            if (previous is { } p && t < p.Time)
            {
                findings.Add(FindingCatalogue.TimeOrder, path.Text, p.Path.Text);
            }

            previous = (path, t);
        }

        Happened(new At(WireNames.UpdatedAt), e.UpdatedAt, latest, findings);
        foreach (var (path, time) in chain)
        {
            Happened(path, time, latest, findings);
        }

        Happened(new At(WireNames.Cancellation, WireNames.Time), e.Cancellation?.Time, latest, findings);
        if (e.Appointment?.ScheduledFor is { } scheduled && scheduled < earliest)
        {
            findings.Add(FindingCatalogue.TimeBefore2011, new At(WireNames.Appointment, WireNames.ScheduledFor).Text);
        }

        for (var i = 0; i < e.Medications.Length; i++)
        {
            if (e.Medications[i].PrescribedAt is { } prescribed && prescribed > latest)
            {
                findings.Add(FindingCatalogue.TimeInFuture, new At(WireNames.Medications, i, WireNames.PrescribedAt).Text);
            }
        }
    }

    private void Happened(At path, DateTime? time, DateTime latest, RecordFindings findings)
    {
        if (time is not { } t)
        {
            return;
        }

        if (t > latest)
        {
            findings.Add(FindingCatalogue.TimeInFuture, path.Text);
        }
        else if (t < earliest)
        {
            findings.Add(FindingCatalogue.TimeBefore2011, path.Text);
        }
    }

    private void CheckAssessment(CareNeedAssessment? assessment, DateOnly referenceDate, RecordFindings findings)
    {
        if (assessment is null)
        {
            return;
        }

        var date = assessment.Time is { } t ? DateOnly.FromDateTime(t) : referenceDate;
        const string group = WireNames.Assessment;
        Code(profession, assessment.Profession, date, new At(group, WireNames.Profession), findings);
        Code(urgency, assessment.Urgency, date, new At(group, WireNames.Urgency), findings);
        Code(nature, assessment.Nature, date, new At(group, WireNames.Nature), findings);
        Code(firstVisit, assessment.FirstVisit, date, new At(group, WireNames.FirstVisit), findings);
        Code(assessmentResult, assessment.Result, date, new At(group, WireNames.Result), findings);
    }

    private void CheckVisit(Visit? visit, DateOnly date, RecordFindings findings)
    {
        if (visit is null)
        {
            return;
        }

        const string group = WireNames.Visit;
        Code(profession, visit.Profession, date, new At(group, WireNames.Profession), findings);
        Code(serviceForm, visit.ServiceForm, date, new At(group, WireNames.ServiceForm), findings);
        Code(contactType, visit.ContactType, date, new At(group, WireNames.ContactType), findings);
        Code(visitorGroup, visit.VisitorGroup, date, new At(group, WireNames.VisitorGroup), findings);
        Code(urgency, visit.Urgency, date, new At(group, WireNames.Urgency), findings);
        Code(nature, visit.Nature, date, new At(group, WireNames.Nature), findings);
        Code(firstVisit, visit.FirstVisit, date, new At(group, WireNames.FirstVisit), findings);
    }

    private void CheckReasons(ServiceEvent e, DateOnly date, RecordFindings findings)
    {
        for (var i = 0; i < e.Reasons.Length; i++)
        {
            var reason = e.Reasons[i];
            if (reason.Icd10 is null && reason.Icpc2 is null)
            {
                if (reason.ExternalCause is null && reason.AccidentType is null)
                {
                    findings.Add(FindingCatalogue.EmptyItem, new At(WireNames.Reasons, i).Text);
                    continue;
                }
            }
            else if (reason.Icd10 is not null && reason.Icpc2 is not null)
            {
                findings.Add(FindingCatalogue.MixedReason, new At(WireNames.Reasons, i).Text);
            }

            Code(icd10, reason.Icd10, date, new At(WireNames.Reasons, i, WireNames.Icd10), findings);
            Code(icpc2, reason.Icpc2, date, new At(WireNames.Reasons, i, WireNames.Icpc2), findings);
            ExternalCause(icd10, reason.ExternalCause, reason.Icd10, date, new At(WireNames.Reasons, i, WireNames.ExternalCause), findings);
            ExternalCause(icd10, reason.AccidentType, reason.Icd10, date, new At(WireNames.Reasons, i, WireNames.AccidentType), findings);
        }
    }

    private void CheckProcedures(ServiceEvent e, DateOnly date, RecordFindings findings)
    {
        for (var i = 0; i < e.Procedures.Length; i++)
        {
            var procedure = e.Procedures[i];
            if (procedure.Spat is null && procedure.OralProcedure is null)
            {
                var finding = procedure.Tooth is null ? FindingCatalogue.EmptyItem : FindingCatalogue.ToothWithoutOralProcedure;
                findings.Add(finding, new At(WireNames.Procedures, i).Text);
                continue;
            }

            if (procedure.Spat is not null && procedure.OralProcedure is not null)
            {
                findings.Add(FindingCatalogue.MixedProcedure, new At(WireNames.Procedures, i).Text);
            }
            else if (procedure.Spat is not null && procedure.Tooth is not null)
            {
                findings.Add(FindingCatalogue.ToothWithoutOralProcedure, new At(WireNames.Procedures, i, WireNames.Tooth).Text);
            }

            Code(spat, procedure.Spat, date, new At(WireNames.Procedures, i, WireNames.Spat), findings);
            Code(oralProcedure, procedure.OralProcedure, date, new At(WireNames.Procedures, i, WireNames.OralProcedure), findings);
            Code(tooth, procedure.Tooth, date, new At(WireNames.Procedures, i, WireNames.Tooth), findings);
        }
    }

    private void CheckHealthFactors(HealthFactors? factors, DateOnly date, RecordFindings findings)
    {
        if (factors is null)
        {
            return;
        }

        const string group = WireNames.HealthFactors;
        Range(factors.DecayedPermanentTeeth, 0, 32, new At(group, WireNames.DecayedPermanentTeeth), findings);
        Range(factors.MissingPermanentTeeth, 0, 32, new At(group, WireNames.MissingPermanentTeeth), findings);
        Range(factors.FilledPermanentTeeth, 0, 32, new At(group, WireNames.FilledPermanentTeeth), findings);
        Range(factors.DecayedPrimaryTeeth, 0, 20, new At(group, WireNames.DecayedPrimaryTeeth), findings);
        Range(factors.MissingPrimaryTeeth, 0, 20, new At(group, WireNames.MissingPrimaryTeeth), findings);
        Range(factors.FilledPrimaryTeeth, 0, 20, new At(group, WireNames.FilledPrimaryTeeth), findings);

        // A tooth is decayed, missing or filled at most once: the three counts share one mouth.
        var permanent = (factors.DecayedPermanentTeeth ?? 0) + (factors.MissingPermanentTeeth ?? 0) + (factors.FilledPermanentTeeth ?? 0);
        Range(permanent, 0, 32, new At(group), findings);
        var primary = (factors.DecayedPrimaryTeeth ?? 0) + (factors.MissingPrimaryTeeth ?? 0) + (factors.FilledPrimaryTeeth ?? 0);
        Range(primary, 0, 20, new At(group), findings);

        // From a premature newborn to the heaviest and tallest adults on record.
        Range(factors.WeightGrams, 300, 350_000, new At(group, WireNames.Weight), findings);
        Range(factors.HeightMillimetres, 200, 2_600, new At(group, WireNames.Height), findings);
        if (factors.GumStatus is { } gum && (gum.Length is 0 or > MaxGumPositions || gum.Any(c => c is < '0' or > '4')))
        {
            findings.Add(FindingCatalogue.GumStatusDigits, new At(group, WireNames.GumStatus).Text, Invariant(MaxGumPositions));
        }

        Code(smoking, factors.Smoking, date, new At(group, WireNames.Smoking), findings);
    }

    private const int MaxGumPositions = 32;

    private void CheckFollowUp(ServiceEvent e, DateOnly date, RecordFindings findings)
    {
        for (var i = 0; i < e.FollowUpCare.Length; i++)
        {
            var code = e.FollowUpCare[i];
            var path = new At(WireNames.FollowUpCare, i);
            if (spat.Find(code) is { } entry)
            {
                // Follow-up codes are chosen by their flag; the flagged heading SPAT1333 is one of them.
                if (!entry.IsFollowUp)
                {
                    findings.Add(FindingCatalogue.NotFollowUpCode, path.Text, Finding.Quote(code));
                }
                else if (!entry.IsValidOn(date))
                {
                    findings.Add(FindingCatalogue.CodeNotValidOnDate, path.Text, Finding.Quote(code), spat.Name, Invariant(date));
                }
            }
            else
            {
                Code(spat, code, date, path, findings);
            }
        }
    }

}
