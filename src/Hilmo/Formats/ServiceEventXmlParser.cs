using Hilmo.Notifications;

namespace Hilmo.Formats;

/// <summary>
/// Maps one <c>&lt;palvelutapahtuma&gt;</c>, read into <see cref="XmlRecordNodes"/>, to a record,
/// field for field as <see cref="ServiceEventJsonParser"/> does (see <see cref="XmlRecordParser"/>
/// for what XML changes). Follow-up care is a code as text or a <c>&lt;spat&gt;</c> element.
/// </summary>
internal sealed class ServiceEventXmlParser : XmlRecordParser
{
    private readonly ItemReader<VisitReason> readReason;
    private readonly ItemReader<Procedure> readProcedure;
    private readonly ItemReader<string> readFollowUp;

    public ServiceEventXmlParser(SubmissionLimits limits)
        : base(limits)
    {
        readReason = ReadReason;
        readProcedure = ReadProcedure;
        readFollowUp = ReadFollowUp;
    }

    private protected override SubmittedNotification ReadRecord()
    {
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
        var reasons = new Items<VisitReason>(WireNames.Reasons);
        var procedures = new Items<Procedure>(WireNames.Procedures);
        var medications = new Items<Medication>(WireNames.Medications);
        var followUp = new Items<string>(WireNames.FollowUpCare);
        var seen = new SeenElements();

        EnterElement();
        while (NextChild(null, "object", out var name))
        {
            switch (name)
            {
                case WireNames.RecordId: if (First(ref seen, 0, null, name)) { recordId = ReadString(null, name, FieldLimits.RecordId); } break;
                case WireNames.UpdatedAt: if (First(ref seen, 1, null, name)) { updatedAt = ReadTime(null, name); } break;
                case WireNames.Withdrawn: if (First(ref seen, 2, null, name)) { withdrawn = ReadBoolean(null, name); } break;
                case WireNames.Provider: if (First(ref seen, 3, null, name)) { provider = ReadString(null, name, FieldLimits.Provider); } break;
                case WireNames.Unit: if (First(ref seen, 4, null, name)) { unit = ReadString(null, name, FieldLimits.Unit); } break;
                case WireNames.Client: if (First(ref seen, 5, null, name)) { (client, identityCode) = ReadClient(); } break;
                case WireNames.Contact: if (First(ref seen, 6, null, name)) { contact = ReadContact(); } break;
                case WireNames.Assessment: if (First(ref seen, 7, null, name)) { assessment = ReadAssessment(); } break;
                case WireNames.Appointment: if (First(ref seen, 8, null, name)) { appointment = ReadAppointment(); } break;
                case WireNames.Visit: if (First(ref seen, 9, null, name)) { visit = ReadVisit(); } break;
                case WireNames.Reasons: if (First(ref seen, 10, null, name)) { ReadWrapped(ref reasons, WireNames.Reason, readReason); } break;
                case WireNames.Procedures: if (First(ref seen, 11, null, name)) { ReadWrapped(ref procedures, WireNames.Procedure, readProcedure); } break;
                case WireNames.Medications: if (First(ref seen, 12, null, name)) { ReadWrapped(ref medications, WireNames.Medication, readMedication); } break;
                case WireNames.HealthFactors: if (First(ref seen, 13, null, name)) { healthFactors = ReadHealthFactors(); } break;
                case WireNames.Cancellation: if (First(ref seen, 15, null, name)) { cancellation = ReadCancellation(); } break;
                case WireNames.Register: if (First(ref seen, 16, null, name)) { ReadRegister(Register.AvoHilmo); } break;
                case WireNames.Reason: ReadItem(ref reasons, readReason); break;
                case WireNames.Procedure: ReadItem(ref procedures, readProcedure); break;
                case WireNames.Medication: ReadItem(ref medications, readMedication); break;
                case WireNames.FollowUpCare: ReadItem(ref followUp, readFollowUp); break;
                default: SkipUnknown(null, name); break;
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
            Reasons = Finish(ref reasons),
            Procedures = Finish(ref procedures),
            Medications = Finish(ref medications),
            HealthFactors = healthFactors,
            FollowUpCare = Finish(ref followUp),
            Cancellation = cancellation,
        };
        return new SubmittedNotification(serviceEvent, identityCode);
    }

    private Contact? ReadContact()
    {
        const string group = WireNames.Contact;
        if (!StartGroup(group))
        {
            return null;
        }

        DateTime? time = null;
        var seen = new SeenElements();
        while (NextChild(group, "object", out var name))
        {
            switch (name)
            {
                case WireNames.Time: if (First(ref seen, 0, group, name)) { time = ReadTime(group, name); } break;
                default: SkipUnknown(group, name); break;
            }
        }

        return new Contact { Time = time };
    }

    private CareNeedAssessment? ReadAssessment()
    {
        const string group = WireNames.Assessment;
        if (!StartGroup(group))
        {
            return null;
        }

        DateTime? time = null;
        string? profession = null, urgency = null, nature = null, firstVisit = null, result = null;
        var seen = new SeenElements();
        while (NextChild(group, "object", out var name))
        {
            switch (name)
            {
                case WireNames.Time: if (First(ref seen, 0, group, name)) { time = ReadTime(group, name); } break;
                case WireNames.Profession: if (First(ref seen, 1, group, name)) { profession = ReadCode(group, name); } break;
                case WireNames.Urgency: if (First(ref seen, 2, group, name)) { urgency = ReadCode(group, name); } break;
                case WireNames.Nature: if (First(ref seen, 3, group, name)) { nature = ReadCode(group, name); } break;
                case WireNames.FirstVisit: if (First(ref seen, 4, group, name)) { firstVisit = ReadCode(group, name); } break;
                case WireNames.Result: if (First(ref seen, 5, group, name)) { result = ReadCode(group, name); } break;
                default: SkipUnknown(group, name); break;
            }
        }

        return new CareNeedAssessment
        {
            Time = time, Profession = profession, Urgency = urgency, Nature = nature, FirstVisit = firstVisit, Result = result,
        };
    }

    private Appointment? ReadAppointment()
    {
        const string group = WireNames.Appointment;
        if (!StartGroup(group))
        {
            return null;
        }

        DateTime? bookedAt = null, scheduledFor = null;
        var seen = new SeenElements();
        while (NextChild(group, "object", out var name))
        {
            switch (name)
            {
                case WireNames.Time: if (First(ref seen, 0, group, name)) { bookedAt = ReadTime(group, name); } break;
                case WireNames.ScheduledFor: if (First(ref seen, 1, group, name)) { scheduledFor = ReadTime(group, name); } break;
                default: SkipUnknown(group, name); break;
            }
        }

        return new Appointment { BookedAt = bookedAt, ScheduledFor = scheduledFor };
    }

    private Visit? ReadVisit()
    {
        const string group = WireNames.Visit;
        if (!StartGroup(group))
        {
            return null;
        }

        DateTime? start = null, end = null;
        string? profession = null, professional = null, serviceForm = null, contactType = null, visitorGroup = null;
        string? urgency = null, nature = null, firstVisit = null;
        var seen = new SeenElements();
        while (NextChild(group, "object", out var name))
        {
            switch (name)
            {
                case WireNames.Start: if (First(ref seen, 0, group, name)) { start = ReadTime(group, name); } break;
                case WireNames.End: if (First(ref seen, 1, group, name)) { end = ReadTime(group, name); } break;
                case WireNames.Profession: if (First(ref seen, 2, group, name)) { profession = ReadCode(group, name); } break;
                case WireNames.Professional: if (First(ref seen, 3, group, name)) { professional = ReadString(group, name, FieldLimits.Professional); } break;
                case WireNames.ServiceForm: if (First(ref seen, 4, group, name)) { serviceForm = ReadCode(group, name); } break;
                case WireNames.ContactType: if (First(ref seen, 5, group, name)) { contactType = ReadCode(group, name); } break;
                case WireNames.VisitorGroup: if (First(ref seen, 6, group, name)) { visitorGroup = ReadCode(group, name); } break;
                case WireNames.Urgency: if (First(ref seen, 7, group, name)) { urgency = ReadCode(group, name); } break;
                case WireNames.Nature: if (First(ref seen, 8, group, name)) { nature = ReadCode(group, name); } break;
                case WireNames.FirstVisit: if (First(ref seen, 9, group, name)) { firstVisit = ReadCode(group, name); } break;
                default: SkipUnknown(group, name); break;
            }
        }

        return new Visit
        {
            Start = start, End = end, Profession = profession, Professional = professional, ServiceForm = serviceForm,
            ContactType = contactType, VisitorGroup = visitorGroup, Urgency = urgency, Nature = nature, FirstVisit = firstVisit,
        };
    }

    private VisitReason? ReadReason(string path)
    {
        if (!StartGroup(path))
        {
            return null;
        }

        string? icd10 = null, externalCause = null, accidentType = null, icpc2 = null;
        var seen = new SeenElements();
        while (NextChild(path, "object", out var name))
        {
            switch (name)
            {
                case WireNames.Icd10: if (First(ref seen, 0, path, name)) { icd10 = ReadCode(path, name); } break;
                case WireNames.ExternalCause: if (First(ref seen, 1, path, name)) { externalCause = ReadCode(path, name); } break;
                case WireNames.AccidentType: if (First(ref seen, 2, path, name)) { accidentType = ReadCode(path, name); } break;
                case WireNames.Icpc2: if (First(ref seen, 3, path, name)) { icpc2 = ReadCode(path, name); } break;
                default: SkipUnknown(path, name); break;
            }
        }

        return new VisitReason { Icd10 = icd10, ExternalCause = externalCause, AccidentType = accidentType, Icpc2 = icpc2 };
    }

    private Procedure? ReadProcedure(string path)
    {
        if (!StartGroup(path))
        {
            return null;
        }

        string? spat = null, oral = null, tooth = null;
        var seen = new SeenElements();
        while (NextChild(path, "object", out var name))
        {
            switch (name)
            {
                case WireNames.Spat: if (First(ref seen, 0, path, name)) { spat = ReadCode(path, name); } break;
                case WireNames.OralProcedure: if (First(ref seen, 1, path, name)) { oral = ReadCode(path, name); } break;
                case WireNames.Tooth: if (First(ref seen, 2, path, name)) { tooth = ReadCode(path, name); } break;
                default: SkipUnknown(path, name); break;
            }
        }

        return new Procedure { Spat = spat, OralProcedure = oral, Tooth = tooth };
    }

    /// <summary>Follow-up care: <c>&lt;jatkohoito&gt;SPAT1334&lt;/jatkohoito&gt;</c> or <c>&lt;jatkohoito&gt;&lt;spat&gt;SPAT1334&lt;/spat&gt;&lt;/jatkohoito&gt;</c>.</summary>
    private string? ReadFollowUp(string path)
    {
        if (IsTextOnly())
        {
            return ReadValue(path, FieldLimits.Code);
        }

        if (!StartGroup(path))
        {
            return null;
        }

        string? spat = null;
        var seen = new SeenElements();
        while (NextChild(path, "object", out var name))
        {
            switch (name)
            {
                case WireNames.Spat: if (First(ref seen, 0, path, name)) { spat = ReadCode(path, name); } break;
                default: SkipUnknown(path, name); break;
            }
        }

        return spat;
    }

    private HealthFactors? ReadHealthFactors()
    {
        const string group = WireNames.HealthFactors;
        if (!StartGroup(group))
        {
            return null;
        }

        int? decayed1 = null, missing1 = null, filled1 = null, decayed2 = null, missing2 = null, filled2 = null, weight = null, height = null;
        string? gum = null, smoking = null;
        var seen = new SeenElements();
        while (NextChild(group, "object", out var name))
        {
            switch (name)
            {
                case WireNames.DecayedPermanentTeeth: if (First(ref seen, 0, group, name)) { decayed1 = ReadInteger(group, name); } break;
                case WireNames.MissingPermanentTeeth: if (First(ref seen, 1, group, name)) { missing1 = ReadInteger(group, name); } break;
                case WireNames.FilledPermanentTeeth: if (First(ref seen, 2, group, name)) { filled1 = ReadInteger(group, name); } break;
                case WireNames.DecayedPrimaryTeeth: if (First(ref seen, 3, group, name)) { decayed2 = ReadInteger(group, name); } break;
                case WireNames.MissingPrimaryTeeth: if (First(ref seen, 4, group, name)) { missing2 = ReadInteger(group, name); } break;
                case WireNames.FilledPrimaryTeeth: if (First(ref seen, 5, group, name)) { filled2 = ReadInteger(group, name); } break;
                case WireNames.GumStatus: if (First(ref seen, 6, group, name)) { gum = ReadString(group, name, FieldLimits.GumStatus); } break;
                case WireNames.Weight: if (First(ref seen, 7, group, name)) { weight = ReadInteger(group, name); } break;
                case WireNames.Height: if (First(ref seen, 8, group, name)) { height = ReadInteger(group, name); } break;
                case WireNames.Smoking: if (First(ref seen, 9, group, name)) { smoking = ReadCode(group, name); } break;
                default: SkipUnknown(group, name); break;
            }
        }

        return new HealthFactors
        {
            DecayedPermanentTeeth = decayed1, MissingPermanentTeeth = missing1, FilledPermanentTeeth = filled1,
            DecayedPrimaryTeeth = decayed2, MissingPrimaryTeeth = missing2, FilledPrimaryTeeth = filled2,
            GumStatus = gum, WeightGrams = weight, HeightMillimetres = height, Smoking = smoking,
        };
    }

    private Cancellation? ReadCancellation()
    {
        const string group = WireNames.Cancellation;
        if (!StartGroup(group))
        {
            return null;
        }

        DateTime? time = null;
        string? reason = null;
        var seen = new SeenElements();
        while (NextChild(group, "object", out var name))
        {
            switch (name)
            {
                case WireNames.Time: if (First(ref seen, 0, group, name)) { time = ReadTime(group, name); } break;
                case WireNames.CancellationReason: if (First(ref seen, 1, group, name)) { reason = ReadCode(group, name); } break;
                default: SkipUnknown(group, name); break;
            }
        }

        return new Cancellation { Time = time, Reason = reason };
    }
}
