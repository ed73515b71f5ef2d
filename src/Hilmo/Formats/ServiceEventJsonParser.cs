using System.Collections.Immutable;
using System.Text.Json;
using Hilmo.Notifications;

namespace Hilmo.Formats;

/// <summary>
/// Reads one AvoHILMO record from its JSON text. Never throws on bad input: every problem becomes
/// a finding with the field's path, and as much of the record as could be read is returned.
/// </summary>
/// <remarks>
/// One instance per thread: it reuses its finding list from record to record. The parser is
/// strict about types (a municipality sent as a number would lose its leading zero) and lenient
/// only where the format is: <c>null</c> means absent, and follow-up care may be given as codes
/// or as <c>{"spat": ...}</c> objects.
/// </remarks>
public sealed class ServiceEventJsonParser(SubmissionLimits limits) : JsonRecordParser(limits)
{
    // Reused for the items of each repeating group, so a record costs only its exact-size arrays.
    private readonly List<VisitReason> reasonItems = [];
    private readonly List<Procedure> procedureItems = [];
    private readonly List<string> followUpItems = [];

    // The members each object may have; a member's position is its bit in SeenMembers.
    private static readonly MemberSet RecordMembers = new(WireNames.RecordId, WireNames.UpdatedAt, WireNames.Withdrawn, WireNames.Provider, WireNames.Unit, WireNames.Client, WireNames.Contact, WireNames.Assessment, WireNames.Appointment, WireNames.Visit, WireNames.Reasons, WireNames.Procedures, WireNames.Medications, WireNames.HealthFactors, WireNames.FollowUpCare, WireNames.Cancellation, WireNames.Register);

    private static readonly MemberSet ContactMembers = new(WireNames.Time);

    private static readonly MemberSet AssessmentMembers = new(WireNames.Time, WireNames.Profession, WireNames.Urgency, WireNames.Nature, WireNames.FirstVisit, WireNames.Result);

    private static readonly MemberSet AppointmentMembers = new(WireNames.Time, WireNames.ScheduledFor);

    private static readonly MemberSet VisitMembers = new(WireNames.Start, WireNames.End, WireNames.Profession, WireNames.Professional, WireNames.ServiceForm, WireNames.ContactType, WireNames.VisitorGroup, WireNames.Urgency, WireNames.Nature, WireNames.FirstVisit);

    private static readonly MemberSet ReasonMembers = new(WireNames.Icd10, WireNames.ExternalCause, WireNames.AccidentType, WireNames.Icpc2);

    private static readonly MemberSet ProcedureMembers = new(WireNames.Spat, WireNames.OralProcedure, WireNames.Tooth);

    private static readonly MemberSet FollowUpMembers = new(WireNames.Spat);

    private static readonly MemberSet HealthFactorMembers = new(WireNames.DecayedPermanentTeeth, WireNames.MissingPermanentTeeth, WireNames.FilledPermanentTeeth, WireNames.DecayedPrimaryTeeth, WireNames.MissingPrimaryTeeth, WireNames.FilledPrimaryTeeth, WireNames.GumStatus, WireNames.Weight, WireNames.Height, WireNames.Smoking);

    private static readonly MemberSet CancellationMembers = new(WireNames.Time, WireNames.CancellationReason);

    public ServiceEventJsonParser()
        : this(SubmissionLimits.Default)
    {
    }

    /// <summary>
    /// The period register the last record named in a <c>rekisteri</c> member the quick look of
    /// <see cref="NotificationJsonParser"/> could not see (an escaped member name): that record
    /// must be read again by the period parser. Null for every ordinary record.
    /// </summary>
    public Register? NamedOtherRegister { get; private set; }

    private protected override SubmittedNotification ReadRecord(ref Utf8JsonReader reader)
    {
        NamedOtherRegister = null;
        string? recordId = null, provider = null, unit = null;
        DateTime? updatedAt = null;
        bool? withdrawn = null;
        IdentityCodeText? identityCode = null;
        Client? client = null;
        Contact? contact = null;
        CareNeedAssessment? assessment = null;
        Appointment? appointment = null;
        Visit? visit = null;
        Cancellation? cancellation = null;
        HealthFactors? healthFactors = null;
        var reasons = ImmutableArray<VisitReason>.Empty;
        var procedures = ImmutableArray<Procedure>.Empty;
        var medications = ImmutableArray<Medication>.Empty;
        var followUp = ImmutableArray<string>.Empty;
        var seen = new SeenMembers();

        while (NextMember(ref reader))
        {
            switch (Member(ref reader, RecordMembers, ref seen, null))
            {
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
                case WireNames.Contact:
                    contact = ReadContact(ref reader);
                    break;
                case WireNames.Assessment:
                    assessment = ReadAssessment(ref reader);
                    break;
                case WireNames.Appointment:
                    appointment = ReadAppointment(ref reader);
                    break;
                case WireNames.Visit:
                    visit = ReadVisit(ref reader);
                    break;
                case WireNames.Reasons:
                    reasons = ReadArray(ref reader, WireNames.Reasons, ReadReason, reasonItems);
                    break;
                case WireNames.Procedures:
                    procedures = ReadArray(ref reader, WireNames.Procedures, ReadProcedure, procedureItems);
                    break;
                case WireNames.Medications:
                    medications = ReadArray(ref reader, WireNames.Medications, ReadMedication, medicationItems);
                    break;
                case WireNames.HealthFactors:
                    healthFactors = ReadHealthFactors(ref reader);
                    break;
                case WireNames.FollowUpCare:
                    followUp = ReadArray(ref reader, WireNames.FollowUpCare, ReadFollowUp, followUpItems);
                    break;
                case WireNames.Cancellation:
                    cancellation = ReadCancellation(ref reader);
                    break;
                case WireNames.Register:
                    if (ReadRegister(ref reader) is { } named and not Register.AvoHilmo)
                    {
                        NamedOtherRegister = named;
                    }

                    break;
            }
        }

        var serviceEvent = new ServiceEvent
        {
            RecordId = recordId,
            UpdatedAt = updatedAt,
            Withdrawn = withdrawn ?? false,
            Provider = provider,
            Unit = unit,
            Client = client,
            Contact = contact,
            Assessment = assessment,
            Appointment = appointment,
            Visit = visit,
            Reasons = reasons,
            Procedures = procedures,
            Medications = medications,
            HealthFactors = healthFactors,
            FollowUpCare = followUp,
            Cancellation = cancellation,
        };
        return new SubmittedNotification(serviceEvent, identityCode);
    }

    private Contact? ReadContact(ref Utf8JsonReader reader)
    {
        const string group = WireNames.Contact;
        if (!StartObject(ref reader, group))
        {
            return null;
        }

        DateTime? time = null;
        var seen = new SeenMembers();
        while (NextMember(ref reader))
        {
            switch (Member(ref reader, ContactMembers, ref seen, group))
            {
                case WireNames.Time:
                    time = ReadTime(ref reader, group, WireNames.Time);
                    break;
            }
        }

        return new Contact { Time = time };
    }

    private CareNeedAssessment? ReadAssessment(ref Utf8JsonReader reader)
    {
        const string group = WireNames.Assessment;
        if (!StartObject(ref reader, group))
        {
            return null;
        }

        DateTime? time = null;
        string? profession = null, urgency = null, nature = null, firstVisit = null, result = null;
        var seen = new SeenMembers();
        while (NextMember(ref reader))
        {
            switch (Member(ref reader, AssessmentMembers, ref seen, group))
            {
                case WireNames.Time:
                    time = ReadTime(ref reader, group, WireNames.Time);
                    break;
                case WireNames.Profession:
                    profession = ReadCode(ref reader, group, WireNames.Profession);
                    break;
                case WireNames.Urgency:
                    urgency = ReadCode(ref reader, group, WireNames.Urgency);
                    break;
                case WireNames.Nature:
                    nature = ReadCode(ref reader, group, WireNames.Nature);
                    break;
                case WireNames.FirstVisit:
                    firstVisit = ReadCode(ref reader, group, WireNames.FirstVisit);
                    break;
                case WireNames.Result:
                    result = ReadCode(ref reader, group, WireNames.Result);
                    break;
            }
        }

        return new CareNeedAssessment
        {
            Time = time, Profession = profession, Urgency = urgency, Nature = nature, FirstVisit = firstVisit, Result = result,
        };
    }

    private Appointment? ReadAppointment(ref Utf8JsonReader reader)
    {
        const string group = WireNames.Appointment;
        if (!StartObject(ref reader, group))
        {
            return null;
        }

        DateTime? bookedAt = null, scheduledFor = null;
        var seen = new SeenMembers();
        while (NextMember(ref reader))
        {
            switch (Member(ref reader, AppointmentMembers, ref seen, group))
            {
                case WireNames.Time:
                    bookedAt = ReadTime(ref reader, group, WireNames.Time);
                    break;
                case WireNames.ScheduledFor:
                    scheduledFor = ReadTime(ref reader, group, WireNames.ScheduledFor);
                    break;
            }
        }

        return new Appointment { BookedAt = bookedAt, ScheduledFor = scheduledFor };
    }

    private Visit? ReadVisit(ref Utf8JsonReader reader)
    {
        const string group = WireNames.Visit;
        if (!StartObject(ref reader, group))
        {
            return null;
        }

        DateTime? start = null, end = null;
        string? profession = null, professional = null, serviceForm = null, contactType = null, visitorGroup = null;
        string? urgency = null, nature = null, firstVisit = null;
        var seen = new SeenMembers();
        while (NextMember(ref reader))
        {
            switch (Member(ref reader, VisitMembers, ref seen, group))
            {
                case WireNames.Start:
                    start = ReadTime(ref reader, group, WireNames.Start);
                    break;
                case WireNames.End:
                    end = ReadTime(ref reader, group, WireNames.End);
                    break;
                case WireNames.Profession:
                    profession = ReadCode(ref reader, group, WireNames.Profession);
                    break;
                case WireNames.Professional:
                    professional = ReadString(ref reader, group, WireNames.Professional, FieldLimits.Professional, Text.Recurring);
                    break;
                case WireNames.ServiceForm:
                    serviceForm = ReadCode(ref reader, group, WireNames.ServiceForm);
                    break;
                case WireNames.ContactType:
                    contactType = ReadCode(ref reader, group, WireNames.ContactType);
                    break;
                case WireNames.VisitorGroup:
                    visitorGroup = ReadCode(ref reader, group, WireNames.VisitorGroup);
                    break;
                case WireNames.Urgency:
                    urgency = ReadCode(ref reader, group, WireNames.Urgency);
                    break;
                case WireNames.Nature:
                    nature = ReadCode(ref reader, group, WireNames.Nature);
                    break;
                case WireNames.FirstVisit:
                    firstVisit = ReadCode(ref reader, group, WireNames.FirstVisit);
                    break;
            }
        }

        return new Visit
        {
            Start = start, End = end, Profession = profession, Professional = professional, ServiceForm = serviceForm,
            ContactType = contactType, VisitorGroup = visitorGroup, Urgency = urgency, Nature = nature, FirstVisit = firstVisit,
        };
    }

    private VisitReason? ReadReason(ref Utf8JsonReader reader, string path)
    {
        if (!StartObject(ref reader, path))
        {
            return null;
        }

        string? icd10 = null, externalCause = null, accidentType = null, icpc2 = null;
        var seen = new SeenMembers();
        while (NextMember(ref reader))
        {
            switch (Member(ref reader, ReasonMembers, ref seen, path))
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
                case WireNames.Icpc2:
                    icpc2 = ReadCode(ref reader, path, WireNames.Icpc2);
                    break;
            }
        }

        return new VisitReason { Icd10 = icd10, ExternalCause = externalCause, AccidentType = accidentType, Icpc2 = icpc2 };
    }

    private Procedure? ReadProcedure(ref Utf8JsonReader reader, string path)
    {
        if (!StartObject(ref reader, path))
        {
            return null;
        }

        string? spat = null, oral = null, tooth = null;
        var seen = new SeenMembers();
        while (NextMember(ref reader))
        {
            switch (Member(ref reader, ProcedureMembers, ref seen, path))
            {
                case WireNames.Spat:
                    spat = ReadCode(ref reader, path, WireNames.Spat);
                    break;
                case WireNames.OralProcedure:
                    oral = ReadCode(ref reader, path, WireNames.OralProcedure);
                    break;
                case WireNames.Tooth:
                    tooth = ReadCode(ref reader, path, WireNames.Tooth);
                    break;
            }
        }

        return new Procedure { Spat = spat, OralProcedure = oral, Tooth = tooth };
    }

    private string? ReadFollowUp(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return ReadStringValue(ref reader, path, string.Empty, FieldLimits.Code, Text.Recurring);
        }

        if (!StartObject(ref reader, path))
        {
            return null;
        }

        string? spat = null;
        var seen = new SeenMembers();
        while (NextMember(ref reader))
        {
            switch (Member(ref reader, FollowUpMembers, ref seen, path))
            {
                case WireNames.Spat:
                    spat = ReadCode(ref reader, path, WireNames.Spat);
                    break;
            }
        }

        return spat;
    }

    private HealthFactors? ReadHealthFactors(ref Utf8JsonReader reader)
    {
        const string group = WireNames.HealthFactors;
        if (!StartObject(ref reader, group))
        {
            return null;
        }

        int? decayed1 = null, missing1 = null, filled1 = null, decayed2 = null, missing2 = null, filled2 = null, weight = null, height = null;
        string? gum = null, smoking = null;
        var seen = new SeenMembers();
        while (NextMember(ref reader))
        {
            switch (Member(ref reader, HealthFactorMembers, ref seen, group))
            {
                case WireNames.DecayedPermanentTeeth:
                    decayed1 = ReadInteger(ref reader, group, WireNames.DecayedPermanentTeeth);
                    break;
                case WireNames.MissingPermanentTeeth:
                    missing1 = ReadInteger(ref reader, group, WireNames.MissingPermanentTeeth);
                    break;
                case WireNames.FilledPermanentTeeth:
                    filled1 = ReadInteger(ref reader, group, WireNames.FilledPermanentTeeth);
                    break;
                case WireNames.DecayedPrimaryTeeth:
                    decayed2 = ReadInteger(ref reader, group, WireNames.DecayedPrimaryTeeth);
                    break;
                case WireNames.MissingPrimaryTeeth:
                    missing2 = ReadInteger(ref reader, group, WireNames.MissingPrimaryTeeth);
                    break;
                case WireNames.FilledPrimaryTeeth:
                    filled2 = ReadInteger(ref reader, group, WireNames.FilledPrimaryTeeth);
                    break;
                case WireNames.GumStatus:
                    gum = ReadString(ref reader, group, WireNames.GumStatus, FieldLimits.GumStatus);
                    break;
                case WireNames.Weight:
                    weight = ReadInteger(ref reader, group, WireNames.Weight);
                    break;
                case WireNames.Height:
                    height = ReadInteger(ref reader, group, WireNames.Height);
                    break;
                case WireNames.Smoking:
                    smoking = ReadCode(ref reader, group, WireNames.Smoking);
                    break;
            }
        }

        return new HealthFactors
        {
            DecayedPermanentTeeth = decayed1, MissingPermanentTeeth = missing1, FilledPermanentTeeth = filled1,
            DecayedPrimaryTeeth = decayed2, MissingPrimaryTeeth = missing2, FilledPrimaryTeeth = filled2,
            GumStatus = gum, WeightGrams = weight, HeightMillimetres = height, Smoking = smoking,
        };
    }

    private Cancellation? ReadCancellation(ref Utf8JsonReader reader)
    {
        const string group = WireNames.Cancellation;
        if (!StartObject(ref reader, group))
        {
            return null;
        }

        DateTime? time = null;
        string? reason = null;
        var seen = new SeenMembers();
        while (NextMember(ref reader))
        {
            switch (Member(ref reader, CancellationMembers, ref seen, group))
            {
                case WireNames.Time:
                    time = ReadTime(ref reader, group, WireNames.Time);
                    break;
                case WireNames.CancellationReason:
                    reason = ReadCode(ref reader, group, WireNames.CancellationReason);
                    break;
            }
        }

        return new Cancellation { Time = time, Reason = reason };
    }
}
