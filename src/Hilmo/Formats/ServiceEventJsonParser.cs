using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.Json;
using Hilmo.Notifications;
using Hilmo.Validation;

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
public sealed class ServiceEventJsonParser(SubmissionLimits limits)
{
    private readonly RecordFindings findings = new();
    private readonly Utf8StringCache strings = new();

    // Reused for the items of each repeating group, so a record costs only its exact-size arrays.
    private readonly List<VisitReason> reasonItems = [];
    private readonly List<Procedure> procedureItems = [];
    private readonly List<Medication> medicationItems = [];
    private readonly List<string> followUpItems = [];

    // The members each object may have; a member's position is its bit in SeenMembers.
    private static readonly MemberSet RecordMembers = new(WireNames.RecordId, WireNames.UpdatedAt, WireNames.Withdrawn, WireNames.Provider, WireNames.Unit, WireNames.Client, WireNames.Contact, WireNames.Assessment, WireNames.Appointment, WireNames.Visit, WireNames.Reasons, WireNames.Procedures, WireNames.Medications, WireNames.HealthFactors, WireNames.FollowUpCare, WireNames.Cancellation);

    private static readonly MemberSet ClientMembers = new(WireNames.IdentityCode, WireNames.HomeMunicipality, WireNames.PostalCode);

    private static readonly MemberSet ContactMembers = new(WireNames.Time);

    private static readonly MemberSet AssessmentMembers = new(WireNames.Time, WireNames.Profession, WireNames.Urgency, WireNames.Nature, WireNames.FirstVisit, WireNames.Result);

    private static readonly MemberSet AppointmentMembers = new(WireNames.Time, WireNames.ScheduledFor);

    private static readonly MemberSet VisitMembers = new(WireNames.Start, WireNames.End, WireNames.Profession, WireNames.Professional, WireNames.ServiceForm, WireNames.ContactType, WireNames.VisitorGroup, WireNames.Urgency, WireNames.Nature, WireNames.FirstVisit);

    private static readonly MemberSet ReasonMembers = new(WireNames.Icd10, WireNames.ExternalCause, WireNames.AccidentType, WireNames.Icpc2);

    private static readonly MemberSet ProcedureMembers = new(WireNames.Spat, WireNames.OralProcedure, WireNames.Tooth);

    private static readonly MemberSet MedicationMembers = new(WireNames.Atc, WireNames.AtcDescription, WireNames.PackageNumber, WireNames.TradeName, WireNames.PrescribedAt, WireNames.Vaccination, WireNames.BatchNumber, WireNames.DoseNumber, WireNames.Route, WireNames.InjectionSite);

    private static readonly MemberSet FollowUpMembers = new(WireNames.Spat);

    private static readonly MemberSet HealthFactorMembers = new(WireNames.DecayedPermanentTeeth, WireNames.MissingPermanentTeeth, WireNames.FilledPermanentTeeth, WireNames.DecayedPrimaryTeeth, WireNames.MissingPrimaryTeeth, WireNames.FilledPrimaryTeeth, WireNames.GumStatus, WireNames.Weight, WireNames.Height, WireNames.Smoking);

    private static readonly MemberSet CancellationMembers = new(WireNames.Time, WireNames.CancellationReason);

    public ServiceEventJsonParser()
        : this(SubmissionLimits.Default)
    {
    }

    /// <summary>Reads the record in <paramref name="json"/>, which holds exactly one JSON value.</summary>
    public ParsedRecord Parse(ReadOnlySpan<byte> json, long index, TextPosition? position)
    {
        findings.Begin(index);
        var options = new JsonReaderOptions { MaxDepth = limits.MaxDepth + 2, CommentHandling = JsonCommentHandling.Disallow };
        var reader = new Utf8JsonReader(json, options);
        SubmittedNotification? submitted = null;
        try
        {
            if (!reader.Read())
            {
                findings.Add(FindingCatalogue.InvalidRecordSyntax, null, position);
            }
            else if (reader.TokenType != JsonTokenType.StartObject)
            {
                findings.Add(FindingCatalogue.NotAnObject, null, position);
            }
            else
            {
                submitted = ReadRecord(ref reader);
                if (reader.Read())
                {
                    // Something follows the record's closing brace on the same line.
                    findings.Add(FindingCatalogue.InvalidRecordSyntax, null, Offset(json, position, reader.TokenStartIndex));
                    submitted = null;
                }
            }
        }
        catch (JsonException exception)
        {
            // What was read before the fault no longer matters: the record cannot be used.
            findings.Begin(index);
            findings.Add(FindingCatalogue.InvalidRecordSyntax, null, At(position, exception));
            submitted = null;
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader refuses to transcode a string holding invalid UTF-8.
            findings.Begin(index);
            findings.Add(FindingCatalogue.InvalidRecordEncoding, null, Offset(json, position, reader.TokenStartIndex));
            submitted = null;
        }
        catch (NestingTooDeepException)
        {
            findings.Begin(index);
            findings.Add(FindingCatalogue.NestingTooDeep, null, Offset(json, position, reader.TokenStartIndex));
            submitted = null;
        }

        return new ParsedRecord(index, position, submitted, findings.ToArray(submitted?.Notification.RecordId, submitted?.Notification.Provider));
    }

    private SubmittedNotification ReadRecord(ref Utf8JsonReader reader)
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

    private (Client?, IdentityCodeText?) ReadClient(ref Utf8JsonReader reader)
    {
        const string group = WireNames.Client;
        if (!StartObject(ref reader, group))
        {
            return (null, null);
        }

        string? municipality = null, postalCode = null;
        IdentityCodeText? identityCode = null;
        var seen = new SeenMembers();
        while (NextMember(ref reader))
        {
            switch (Member(ref reader, ClientMembers, ref seen, group))
            {
                case WireNames.IdentityCode:
                    // Bounded like any text, and never quoted back: the value is the identity code.
                    var text = ReadString(ref reader, group, WireNames.IdentityCode, FieldLimits.IdentityCode);
                    identityCode = text is null ? null : new IdentityCodeText(text);
                    break;
                case WireNames.HomeMunicipality:
                    municipality = ReadString(ref reader, group, WireNames.HomeMunicipality, FieldLimits.HomeMunicipality, Text.Recurring);
                    break;
                case WireNames.PostalCode:
                    postalCode = ReadString(ref reader, group, WireNames.PostalCode, FieldLimits.PostalCode, Text.Recurring);
                    break;
            }
        }

        return (new Client { HomeMunicipality = municipality, PostalCode = postalCode }, identityCode);
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

    private Medication? ReadMedication(ref Utf8JsonReader reader, string path)
    {
        if (!StartObject(ref reader, path))
        {
            return null;
        }

        string? atc = null, description = null, packageNumber = null, tradeName = null, batch = null, dose = null, route = null, site = null;
        DateTime? prescribedAt = null;
        bool? vaccination = null;
        var seen = new SeenMembers();
        while (NextMember(ref reader))
        {
            switch (Member(ref reader, MedicationMembers, ref seen, path))
            {
                case WireNames.Atc:
                    atc = ReadCode(ref reader, path, WireNames.Atc);
                    break;
                case WireNames.AtcDescription:
                    description = ReadString(ref reader, path, WireNames.AtcDescription, FieldLimits.AtcDescription);
                    break;
                case WireNames.PackageNumber:
                    packageNumber = ReadString(ref reader, path, WireNames.PackageNumber, FieldLimits.PackageNumber);
                    break;
                case WireNames.TradeName:
                    tradeName = ReadString(ref reader, path, WireNames.TradeName, FieldLimits.TradeName);
                    break;
                case WireNames.PrescribedAt:
                    prescribedAt = ReadTime(ref reader, path, WireNames.PrescribedAt);
                    break;
                case WireNames.Vaccination:
                    vaccination = ReadBoolean(ref reader, path, WireNames.Vaccination);
                    break;
                case WireNames.BatchNumber:
                    batch = ReadString(ref reader, path, WireNames.BatchNumber, FieldLimits.BatchNumber);
                    break;
                case WireNames.DoseNumber:
                    dose = ReadString(ref reader, path, WireNames.DoseNumber, FieldLimits.DoseNumber);
                    break;
                case WireNames.Route:
                    route = ReadCode(ref reader, path, WireNames.Route);
                    break;
                case WireNames.InjectionSite:
                    site = ReadCode(ref reader, path, WireNames.InjectionSite);
                    break;
            }
        }

        return new Medication
        {
            Atc = atc, AtcDescription = description, PackageNumber = packageNumber, TradeName = tradeName, PrescribedAt = prescribedAt,
            Vaccination = vaccination, BatchNumber = batch, DoseNumber = dose, Route = route, InjectionSite = site,
        };
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

    private delegate T? ItemReader<T>(ref Utf8JsonReader reader, string path);


    private ImmutableArray<T> ReadArray<T>(ref Utf8JsonReader reader, string group, ItemReader<T> readItem, List<T> items)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            findings.Add(FindingCatalogue.WrongType, group, "array");
            SkipValue(ref reader);
            return [];
        }

        items.Clear();
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var path = FieldPaths.Item(group, count);
            count++;
            if (count > limits.MaxItemsPerGroup)
            {
                SkipValue(ref reader);
                continue;
            }

            if (reader.TokenType == JsonTokenType.Null)
            {
                findings.Add(FindingCatalogue.EmptyItem, path);
                continue;
            }

            if (readItem(ref reader, path) is { } item)
            {
                items.Add(item);
            }
        }

        if (count > limits.MaxItemsPerGroup)
        {
            findings.Add(FindingCatalogue.TooManyItems, group, Invariant(count), Invariant(limits.MaxItemsPerGroup));
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(items.ToArray());
    }

    /// <summary>Moves to the value of an object member that must itself be an object.</summary>
    private bool StartObject(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType == JsonTokenType.PropertyName)
        {
            reader.Read();
        }

        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.Null)
        {
            findings.Add(FindingCatalogue.WrongType, path, "object");
            SkipValue(ref reader);
        }

        return false;
    }

    /// <summary>Advances to the next member name of the current object; false at its end.</summary>
    private static bool NextMember(ref Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    /// <summary>
    /// The name of the current member when it is one of <paramref name="members"/> and its first
    /// occurrence; otherwise null, after reporting the unknown or repeated member and skipping its
    /// value (so the first value of a repeated member stands).
    /// </summary>
    private string? Member(ref Utf8JsonReader reader, MemberSet members, ref SeenMembers seen, string? group)
    {
        var slot = members.Find(ref reader);
        if (slot < 0)
        {
            SkipUnknown(ref reader, group);
            return null;
        }

        var name = members.Names[slot];
        if (seen.TryMark(slot))
        {
            return name;
        }

        findings.Add(FindingCatalogue.DuplicateField, FieldPaths.Of(group, name));
        reader.Read();
        SkipValue(ref reader);
        return null;
    }

    private void SkipUnknown(ref Utf8JsonReader reader, string? group)
    {
        var name = reader.GetString() ?? string.Empty;
        findings.Add(FindingCatalogue.UnknownField, FieldPaths.Of(group, name));
        reader.Read();
        SkipValue(ref reader);
    }

    /// <summary>Skips the current value, refusing structures nested deeper than the limit.</summary>
    private void SkipValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return;
        }

        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.CurrentDepth >= limits.MaxDepth)
            {
                throw new NestingTooDeepException();
            }
        }
    }


    private string? ReadCode(ref Utf8JsonReader reader, string group, string name) =>
        ReadString(ref reader, group, name, FieldLimits.Code, Text.Recurring);

    private string? ReadString(ref Utf8JsonReader reader, string? group, string name, int maxLength, Text kind = Text.Unique)
    {
        reader.Read();
        return ReadStringValue(ref reader, group, name, maxLength, kind);
    }

    /// <summary>Reads the current token as text; <paramref name="name"/> empty means the group itself is the value.</summary>
    private string? ReadStringValue(ref Utf8JsonReader reader, string? group, string name, int maxLength, Text kind = Text.Unique)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                var value = kind == Text.Recurring && !reader.ValueIsEscaped && reader.ValueSpan.Length <= Utf8StringCache.MaxLength
                    ? Recurring(reader.ValueSpan)
                    : reader.GetString()!;
                if (value.Length > maxLength)
                {
                    findings.Add(FindingCatalogue.TextTooLong, ValuePath(group, name), Invariant(value.Length), Invariant(maxLength));
                    return null;
                }

                if (value.AsSpan().ContainsAny(FieldLimits.ControlCharacters))
                {
                    findings.Add(FindingCatalogue.ControlCharacters, ValuePath(group, name));
                    return null;
                }

                return value;
            default:
                findings.Add(FindingCatalogue.WrongType, ValuePath(group, name), "string");
                SkipValue(ref reader);
                return null;
        }
    }

    /// <summary>A value that recurs from record to record, from the cache; invalid UTF-8 is refused as the reader would.</summary>
    private string Recurring(ReadOnlySpan<byte> utf8) => System.Text.Unicode.Utf8.IsValid(utf8)
        ? strings.Get(utf8)
        : throw new InvalidOperationException("The text is not valid UTF-8.");

    /// <summary>Whether a text field's values recur across records (codes, units) or are unique (record ids, identity codes, free text).</summary>
    private enum Text
    {
        Unique,
        Recurring,
    }

    private static string? ValuePath(string? group, string name) => name.Length == 0 ? group : FieldPaths.Of(group, name);

    private DateTime? ReadTime(ref Utf8JsonReader reader, string? group, string name)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String when !reader.ValueIsEscaped:
                if (LocalDateTimeText.TryParseIso(reader.ValueSpan, out var time))
                {
                    return time;
                }

                findings.Add(FindingCatalogue.InvalidDateTime, FieldPaths.Of(group, name));
                return null;
            case JsonTokenType.String:
                // Escapes in a date are legal JSON, if odd; unescape before parsing.
                Span<byte> buffer = stackalloc byte[64];
                if (reader.ValueSpan.Length <= buffer.Length
                    && LocalDateTimeText.TryParseIso(buffer[..reader.CopyString(buffer)], out var unescaped))
                {
                    return unescaped;
                }

                findings.Add(FindingCatalogue.InvalidDateTime, FieldPaths.Of(group, name));
                return null;
            default:
                findings.Add(FindingCatalogue.WrongType, FieldPaths.Of(group, name), "string");
                SkipValue(ref reader);
                return null;
        }
    }

    private bool? ReadBoolean(ref Utf8JsonReader reader, string? group, string name)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Null:
                return null;
            default:
                findings.Add(FindingCatalogue.WrongType, FieldPaths.Of(group, name), "boolean");
                SkipValue(ref reader);
                return null;
        }
    }

    private int? ReadInteger(ref Utf8JsonReader reader, string group, string name)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt32(out var value):
                return value;
            case JsonTokenType.Number:
                findings.Add(FindingCatalogue.InvalidNumber, FieldPaths.Of(group, name));
                return null;
            default:
                findings.Add(FindingCatalogue.WrongType, FieldPaths.Of(group, name), "number");
                SkipValue(ref reader);
                return null;
        }
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static TextPosition? At(TextPosition? start, JsonException exception)
    {
        if (start is not { } s || exception.LineNumber is not { } line)
        {
            return start;
        }

        // The exception counts from zero within the record; the record starts at s.
        var column = (exception.BytePositionInLine ?? 0) + 1;
        return line == 0 ? new TextPosition(s.Line, s.Column + column - 1) : new TextPosition(s.Line + line, column);
    }

    /// <summary>The position of byte <paramref name="byteIndex"/> of a record that starts at <paramref name="start"/>.</summary>
    private static TextPosition? Offset(ReadOnlySpan<byte> json, TextPosition? start, long byteIndex)
    {
        if (start is not { } s)
        {
            return null;
        }

        var before = json[..(int)Math.Min(byteIndex, json.Length)];
        var lines = before.Count((byte)'\n');
        var column = lines == 0 ? s.Column + byteIndex : byteIndex - before.LastIndexOf((byte)'\n');
        return new TextPosition(s.Line + lines, column, s.ByteOffset + byteIndex);
    }

    /// <summary>The member names of one kind of object, as UTF-8 for comparison without decoding.</summary>
    private sealed class MemberSet(params string[] names)
    {
        private readonly byte[][] utf8 = [.. names.Select(System.Text.Encoding.UTF8.GetBytes)];

        public string[] Names { get; } = names;

        public int Find(ref Utf8JsonReader reader)
        {
            for (var i = 0; i < utf8.Length; i++)
            {
                if (reader.ValueTextEquals(utf8[i]))
                {
                    return i;
                }
            }

            return -1;
        }
    }

    /// <summary>Which members of one object have been read, to catch a member given twice.</summary>
    private struct SeenMembers
    {
        private int mask;

        public bool TryMark(int slot)
        {
            var bit = 1 << slot;
            if ((mask & bit) != 0)
            {
                return false;
            }

            mask |= bit;
            return true;
        }
    }

    private sealed class NestingTooDeepException : Exception;
}
