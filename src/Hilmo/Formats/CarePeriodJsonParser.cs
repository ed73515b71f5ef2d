using System.Collections.Immutable;
using System.Text.Json;
using Hilmo.Notifications;
using Hilmo.Validation;

namespace Hilmo.Formats;

/// <summary>
/// Reads one Terveys-Hilmo or Sosiaalihilmo care period from its JSON text
/// (<c>docs/registers/</c>), with the same strictness as the AvoHILMO reader: types, lengths,
/// local dates and times, unknown members as warnings with their paths.
/// </summary>
/// <remarks>One instance per thread, like every <see cref="JsonRecordParser"/>.</remarks>
public sealed class CarePeriodJsonParser(SubmissionLimits limits) : JsonRecordParser(limits)
{
    private readonly List<Diagnosis> diagnosisItems = [];
    private readonly List<PeriodProcedure> procedureItems = [];
    private readonly List<string> reasonItems = [];
    private Register register = Register.TerveysHilmo;

    // The members each object may have; a member's position is its bit in SeenMembers.
    private static readonly MemberSet HealthCareMembers = new(WireNames.Register, WireNames.RecordId, WireNames.UpdatedAt, WireNames.Withdrawn, WireNames.Provider, WireNames.Unit, WireNames.Client, WireNames.ArrivalDate, WireNames.DischargeDate, WireNames.CensusDate, WireNames.Referral, WireNames.QueuedOn, WireNames.Specialty, WireNames.ContactType, WireNames.Urgency, WireNames.ArrivedFrom, WireNames.DischargedTo, WireNames.Diagnoses, WireNames.Procedures, WireNames.Medications, WireNames.IntensiveCare, WireNames.Psychiatry);

    private static readonly MemberSet SocialCareMembers = new(WireNames.Register, WireNames.RecordId, WireNames.UpdatedAt, WireNames.Withdrawn, WireNames.Provider, WireNames.Unit, WireNames.Client, WireNames.ServiceArea, WireNames.ArrivalDate, WireNames.DischargeDate, WireNames.CensusDate, WireNames.ArrivedFrom, WireNames.DischargedTo, WireNames.CareReasons, WireNames.Diagnoses, WireNames.Payer, WireNames.Costs);

    private static readonly MemberSet DiagnosisMembers = new(WireNames.Icd10, WireNames.ExternalCause, WireNames.AccidentType);

    private static readonly MemberSet ReferralMembers = new(WireNames.ReferralArrived, WireNames.ReferralHandled);

    private static readonly MemberSet ProcedureMembers = new(WireNames.ProcedureCode, WireNames.Start, WireNames.End);

    private static readonly MemberSet IntervalMembers = new(WireNames.Start, WireNames.End);

    private static readonly MemberSet PsychiatryMembers = new(WireNames.AdmissionType, WireNames.GasOnArrival, WireNames.GasOnDischarge, WireNames.CoerciveMeasures);

    private static readonly MemberSet CostMembers = new(WireNames.DailyPrice, WireNames.MonthlyClientFee);

    public CarePeriodJsonParser()
        : this(SubmissionLimits.Default)
    {
    }

    /// <summary>Reads the period of <paramref name="periodRegister"/> in <paramref name="json"/>, which holds exactly one JSON value.</summary>
    public ParsedRecord Parse(ReadOnlySpan<byte> json, long index, TextPosition? position, Register periodRegister)
    {
        if (periodRegister == Register.AvoHilmo)
        {
            throw new ArgumentOutOfRangeException(nameof(periodRegister), periodRegister, "AvoHILMO records are service events.");
        }

        register = periodRegister;
        return Parse(json, index, position);
    }

    private protected override SubmittedNotification ReadRecord(ref Utf8JsonReader reader)
    {
        // What both registers share.
        string? recordId = null, provider = null, unit = null, arrivedFrom = null, dischargedTo = null;
        DateTime? updatedAt = null;
        bool? withdrawn = null;
        IdentityCodeText? identityCode = null;
        Client? client = null;
        DateOnly? arrival = null, discharge = null, census = null;
        var diagnoses = ImmutableArray<Diagnosis>.Empty;

        // Terveys-Hilmo.
        Referral? referral = null;
        DateOnly? queuedOn = null;
        string? specialty = null, contactType = null, urgency = null;
        var procedures = ImmutableArray<PeriodProcedure>.Empty;
        var medications = ImmutableArray<Medication>.Empty;
        IntensiveCare? intensiveCare = null;
        PsychiatricCare? psychiatry = null;

        // Sosiaalihilmo.
        string? serviceArea = null, payer = null;
        var reasons = ImmutableArray<string>.Empty;
        CareCosts? costs = null;

        var members = register == Register.TerveysHilmo ? HealthCareMembers : SocialCareMembers;
        var seen = new SeenMembers();
        while (NextMember(ref reader))
        {
            switch (Member(ref reader, members, ref seen, null))
            {
                case WireNames.Register:
                    // The dispatcher chose this parser by this very member; a repeat is FMT-009.
                    ReadRegister(ref reader);
                    break;
                case WireNames.RecordId:
                    recordId = ReadString(ref reader, null, WireNames.RecordId, FieldLimits.RecordId);
                    break;
                case WireNames.UpdatedAt:
                    updatedAt = ReadTime(ref reader, null, WireNames.UpdatedAt);
                    break;
                case WireNames.Withdrawn:
                    withdrawn = ReadBoolean(ref reader, null, WireNames.Withdrawn);
                    break;
                case WireNames.Provider:
                    provider = ReadString(ref reader, null, WireNames.Provider, FieldLimits.Provider, Text.Recurring);
                    break;
                case WireNames.Unit:
                    unit = ReadString(ref reader, null, WireNames.Unit, FieldLimits.Unit, Text.Recurring);
                    break;
                case WireNames.Client:
                    (client, identityCode) = ReadClient(ref reader);
                    break;
                case WireNames.ArrivalDate:
                    arrival = ReadDate(ref reader, null, WireNames.ArrivalDate);
                    break;
                case WireNames.DischargeDate:
                    discharge = ReadDate(ref reader, null, WireNames.DischargeDate);
                    break;
                case WireNames.CensusDate:
                    census = ReadDate(ref reader, null, WireNames.CensusDate);
                    break;
                case WireNames.ArrivedFrom:
                    arrivedFrom = ReadCode(ref reader, null, WireNames.ArrivedFrom);
                    break;
                case WireNames.DischargedTo:
                    dischargedTo = ReadCode(ref reader, null, WireNames.DischargedTo);
                    break;
                case WireNames.Diagnoses:
                    diagnoses = ReadArray(ref reader, WireNames.Diagnoses, ReadDiagnosis, diagnosisItems);
                    break;
                case WireNames.Referral:
                    referral = ReadReferral(ref reader);
                    break;
                case WireNames.QueuedOn:
                    queuedOn = ReadDate(ref reader, null, WireNames.QueuedOn);
                    break;
                case WireNames.Specialty:
                    specialty = ReadCode(ref reader, null, WireNames.Specialty);
                    break;
                case WireNames.ContactType:
                    contactType = ReadCode(ref reader, null, WireNames.ContactType);
                    break;
                case WireNames.Urgency:
                    urgency = ReadCode(ref reader, null, WireNames.Urgency);
                    break;
                case WireNames.Procedures:
                    procedures = ReadArray(ref reader, WireNames.Procedures, ReadProcedure, procedureItems);
                    break;
                case WireNames.Medications:
                    medications = ReadArray(ref reader, WireNames.Medications, ReadMedication, medicationItems);
                    break;
                case WireNames.IntensiveCare:
                    intensiveCare = ReadIntensiveCare(ref reader);
                    break;
                case WireNames.Psychiatry:
                    psychiatry = ReadPsychiatry(ref reader);
                    break;
                case WireNames.ServiceArea:
                    serviceArea = ReadCode(ref reader, null, WireNames.ServiceArea);
                    break;
                case WireNames.CareReasons:
                    reasons = ReadArray(ref reader, WireNames.CareReasons, ReadReason, reasonItems);
                    break;
                case WireNames.Payer:
                    payer = ReadCode(ref reader, null, WireNames.Payer);
                    break;
                case WireNames.Costs:
                    costs = ReadCosts(ref reader);
                    break;
            }
        }

        CarePeriod period = register == Register.TerveysHilmo
            ? new HealthCarePeriod
            {
                Referral = referral, QueuedOn = queuedOn, Specialty = specialty, ContactType = contactType, Urgency = urgency,
                Procedures = procedures, Medications = medications, IntensiveCare = intensiveCare, Psychiatry = psychiatry,
            }
            : new SocialCarePeriod { ServiceArea = serviceArea, Reasons = reasons, Payer = payer, Costs = costs };
        period = period with
        {
            RecordId = recordId, UpdatedAt = updatedAt, Withdrawn = withdrawn ?? false, Provider = provider, Unit = unit, Client = client,
            ArrivalDate = arrival, DischargeDate = discharge, CensusDate = census, ArrivedFrom = arrivedFrom, DischargedTo = dischargedTo,
            Diagnoses = diagnoses,
        };
        return new SubmittedNotification(period, identityCode);
    }

    private Diagnosis? ReadDiagnosis(ref Utf8JsonReader reader, string path)
    {
        if (!StartObject(ref reader, path))
        {
            return null;
        }

        string? icd10 = null, externalCause = null, accidentType = null;
        var seen = new SeenMembers();
        while (NextMember(ref reader))
        {
            switch (Member(ref reader, DiagnosisMembers, ref seen, path))
            {
                case WireNames.Icd10:
                    icd10 = ReadCode(ref reader, path, WireNames.Icd10);
                    break;
                case WireNames.ExternalCause:
                    externalCause = ReadCode(ref reader, path, WireNames.ExternalCause);
                    break;
                case WireNames.AccidentType:
                    accidentType = ReadCode(ref reader, path, WireNames.AccidentType);
                    break;
            }
        }

        return new Diagnosis { Icd10 = icd10, ExternalCause = externalCause, AccidentType = accidentType };
    }

    private Referral? ReadReferral(ref Utf8JsonReader reader)
    {
        const string group = WireNames.Referral;
        if (!StartObject(ref reader, group))
        {
            return null;
        }

        DateOnly? arrived = null, handled = null;
        var seen = new SeenMembers();
        while (NextMember(ref reader))
        {
            switch (Member(ref reader, ReferralMembers, ref seen, group))
            {
                case WireNames.ReferralArrived:
                    arrived = ReadDate(ref reader, group, WireNames.ReferralArrived);
                    break;
                case WireNames.ReferralHandled:
                    handled = ReadDate(ref reader, group, WireNames.ReferralHandled);
                    break;
            }
        }

        return new Referral { ArrivedOn = arrived, HandledOn = handled };
    }

    private PeriodProcedure? ReadProcedure(ref Utf8JsonReader reader, string path)
    {
        if (!StartObject(ref reader, path))
        {
            return null;
        }

        string? code = null;
        DateTime? start = null, end = null;
        var seen = new SeenMembers();
        while (NextMember(ref reader))
        {
            switch (Member(ref reader, ProcedureMembers, ref seen, path))
            {
                case WireNames.ProcedureCode:
                    code = ReadCode(ref reader, path, WireNames.ProcedureCode);
                    break;
                case WireNames.Start:
                    start = ReadTime(ref reader, path, WireNames.Start);
                    break;
                case WireNames.End:
                    end = ReadTime(ref reader, path, WireNames.End);
                    break;
            }
        }

        return new PeriodProcedure { Code = code, Start = start, End = end };
    }

    private IntensiveCare? ReadIntensiveCare(ref Utf8JsonReader reader)
    {
        const string group = WireNames.IntensiveCare;
        if (!StartObject(ref reader, group))
        {
            return null;
        }

        DateTime? start = null, end = null;
        var seen = new SeenMembers();
        while (NextMember(ref reader))
        {
            switch (Member(ref reader, IntervalMembers, ref seen, group))
            {
                case WireNames.Start:
                    start = ReadTime(ref reader, group, WireNames.Start);
                    break;
                case WireNames.End:
                    end = ReadTime(ref reader, group, WireNames.End);
                    break;
            }
        }

        return new IntensiveCare { Start = start, End = end };
    }

    private PsychiatricCare? ReadPsychiatry(ref Utf8JsonReader reader)
    {
        const string group = WireNames.Psychiatry;
        if (!StartObject(ref reader, group))
        {
            return null;
        }

        string? admission = null;
        int? gasOnArrival = null, gasOnDischarge = null;
        bool? coercion = null;
        var seen = new SeenMembers();
        while (NextMember(ref reader))
        {
            switch (Member(ref reader, PsychiatryMembers, ref seen, group))
            {
                case WireNames.AdmissionType:
                    admission = ReadCode(ref reader, group, WireNames.AdmissionType);
                    break;
                case WireNames.GasOnArrival:
                    gasOnArrival = ReadInteger(ref reader, group, WireNames.GasOnArrival);
                    break;
                case WireNames.GasOnDischarge:
                    gasOnDischarge = ReadInteger(ref reader, group, WireNames.GasOnDischarge);
                    break;
                case WireNames.CoerciveMeasures:
                    coercion = ReadBoolean(ref reader, group, WireNames.CoerciveMeasures);
                    break;
            }
        }

        return new PsychiatricCare { AdmissionType = admission, GasOnArrival = gasOnArrival, GasOnDischarge = gasOnDischarge, CoerciveMeasures = coercion };
    }

    /// <summary>A reason for the care: a code of <c>sosiaalihilmo_syy</c>, given as a string.</summary>
    private string? ReadReason(ref Utf8JsonReader reader, string path) =>
        ReadStringValue(ref reader, path, string.Empty, FieldLimits.Code, Text.Recurring);

    private CareCosts? ReadCosts(ref Utf8JsonReader reader)
    {
        const string group = WireNames.Costs;
        if (!StartObject(ref reader, group))
        {
            return null;
        }

        decimal? daily = null, monthly = null;
        var seen = new SeenMembers();
        while (NextMember(ref reader))
        {
            switch (Member(ref reader, CostMembers, ref seen, group))
            {
                case WireNames.DailyPrice:
                    daily = ReadDecimal(ref reader, group, WireNames.DailyPrice);
                    break;
                case WireNames.MonthlyClientFee:
                    monthly = ReadDecimal(ref reader, group, WireNames.MonthlyClientFee);
                    break;
            }
        }

        return new CareCosts { DailyPrice = daily, MonthlyClientFee = monthly };
    }
}
