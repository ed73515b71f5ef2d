using System.Collections.Immutable;
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

    // Set when Is has skipped a repeated member: the rest of the chain of Is calls must not look
    // at the reader, which now stands on the skipped value, and SkipUnknown must not skip again.
    private bool memberSkipped;

    public ServiceEventJsonParser()
        : this(SubmissionLimits.Default)
    {
    }

    /// <summary>Reads the record in <paramref name="json"/>, which holds exactly one JSON value.</summary>
    public ParsedRecord Parse(ReadOnlySpan<byte> json, long index, TextPosition? position)
    {
        findings.Begin(index);
        memberSkipped = false;
        var options = new JsonReaderOptions { MaxDepth = limits.MaxDepth + 2, CommentHandling = JsonCommentHandling.Disallow };
        var reader = new Utf8JsonReader(json, options);
        SubmittedServiceEvent? submitted = null;
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
            findings.Add(FindingCatalogue.InvalidRecordSyntax, null, At(position, exception));
            submitted = null;
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader refuses to transcode a string holding invalid UTF-8.
            findings.Add(FindingCatalogue.InvalidRecordEncoding, null, Offset(json, position, reader.TokenStartIndex));
            submitted = null;
        }
        catch (NestingTooDeepException)
        {
            findings.Add(FindingCatalogue.NestingTooDeep, null, Offset(json, position, reader.TokenStartIndex));
            submitted = null;
        }

        return new ParsedRecord(index, position, submitted, findings.ToArray(submitted?.Event.RecordId));
    }

    private SubmittedServiceEvent ReadRecord(ref Utf8JsonReader reader)
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
            if (Is(ref reader, WireNames.RecordId, ref seen, 0, null)) { recordId = ReadString(ref reader, null, WireNames.RecordId, FieldLimits.RecordId); }
            else if (Is(ref reader, WireNames.UpdatedAt, ref seen, 1, null)) { updatedAt = ReadTime(ref reader, null, WireNames.UpdatedAt); }
            else if (Is(ref reader, WireNames.Withdrawn, ref seen, 2, null)) { withdrawn = ReadBoolean(ref reader, null, WireNames.Withdrawn); }
            else if (Is(ref reader, WireNames.Provider, ref seen, 3, null)) { provider = ReadString(ref reader, null, WireNames.Provider, FieldLimits.Provider); }
            else if (Is(ref reader, WireNames.Unit, ref seen, 4, null)) { unit = ReadString(ref reader, null, WireNames.Unit, FieldLimits.Unit); }
            else if (Is(ref reader, WireNames.Client, ref seen, 5, null)) { (client, identityCode) = ReadClient(ref reader); }
            else if (Is(ref reader, WireNames.Contact, ref seen, 6, null)) { contact = ReadContact(ref reader); }
            else if (Is(ref reader, WireNames.Assessment, ref seen, 7, null)) { assessment = ReadAssessment(ref reader); }
            else if (Is(ref reader, WireNames.Appointment, ref seen, 8, null)) { appointment = ReadAppointment(ref reader); }
            else if (Is(ref reader, WireNames.Visit, ref seen, 9, null)) { visit = ReadVisit(ref reader); }
            else if (Is(ref reader, WireNames.Reasons, ref seen, 10, null)) { reasons = ReadArray(ref reader, WireNames.Reasons, ReadReason); }
            else if (Is(ref reader, WireNames.Procedures, ref seen, 11, null)) { procedures = ReadArray(ref reader, WireNames.Procedures, ReadProcedure); }
            else if (Is(ref reader, WireNames.Medications, ref seen, 12, null)) { medications = ReadArray(ref reader, WireNames.Medications, ReadMedication); }
            else if (Is(ref reader, WireNames.HealthFactors, ref seen, 13, null)) { healthFactors = ReadHealthFactors(ref reader); }
            else if (Is(ref reader, WireNames.FollowUpCare, ref seen, 14, null)) { followUp = ReadArray(ref reader, WireNames.FollowUpCare, ReadFollowUp); }
            else if (Is(ref reader, WireNames.Cancellation, ref seen, 15, null)) { cancellation = ReadCancellation(ref reader); }
            else { SkipUnknown(ref reader, null); }
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
        return new SubmittedServiceEvent(serviceEvent, identityCode);
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
            if (Is(ref reader, WireNames.IdentityCode, ref seen, 0, group))
            {
                // Bounded like any text, and never quoted back: the value is the identity code.
                var text = ReadString(ref reader, group, WireNames.IdentityCode, FieldLimits.IdentityCode);
                identityCode = text is null ? null : new IdentityCodeText(text);
            }
            else if (Is(ref reader, WireNames.HomeMunicipality, ref seen, 1, group)) { municipality = ReadString(ref reader, group, WireNames.HomeMunicipality, FieldLimits.HomeMunicipality); }
            else if (Is(ref reader, WireNames.PostalCode, ref seen, 2, group)) { postalCode = ReadString(ref reader, group, WireNames.PostalCode, FieldLimits.PostalCode); }
            else { SkipUnknown(ref reader, group); }
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
            if (Is(ref reader, WireNames.Time, ref seen, 0, group)) { time = ReadTime(ref reader, group, WireNames.Time); }
            else { SkipUnknown(ref reader, group); }
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
            if (Is(ref reader, WireNames.Time, ref seen, 0, group)) { time = ReadTime(ref reader, group, WireNames.Time); }
            else if (Is(ref reader, WireNames.Profession, ref seen, 1, group)) { profession = ReadCode(ref reader, group, WireNames.Profession); }
            else if (Is(ref reader, WireNames.Urgency, ref seen, 2, group)) { urgency = ReadCode(ref reader, group, WireNames.Urgency); }
            else if (Is(ref reader, WireNames.Nature, ref seen, 3, group)) { nature = ReadCode(ref reader, group, WireNames.Nature); }
            else if (Is(ref reader, WireNames.FirstVisit, ref seen, 4, group)) { firstVisit = ReadCode(ref reader, group, WireNames.FirstVisit); }
            else if (Is(ref reader, WireNames.Result, ref seen, 5, group)) { result = ReadCode(ref reader, group, WireNames.Result); }
            else { SkipUnknown(ref reader, group); }
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
            if (Is(ref reader, WireNames.Time, ref seen, 0, group)) { bookedAt = ReadTime(ref reader, group, WireNames.Time); }
            else if (Is(ref reader, WireNames.ScheduledFor, ref seen, 1, group)) { scheduledFor = ReadTime(ref reader, group, WireNames.ScheduledFor); }
            else { SkipUnknown(ref reader, group); }
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
            if (Is(ref reader, WireNames.Start, ref seen, 0, group)) { start = ReadTime(ref reader, group, WireNames.Start); }
            else if (Is(ref reader, WireNames.End, ref seen, 1, group)) { end = ReadTime(ref reader, group, WireNames.End); }
            else if (Is(ref reader, WireNames.Profession, ref seen, 2, group)) { profession = ReadCode(ref reader, group, WireNames.Profession); }
            else if (Is(ref reader, WireNames.Professional, ref seen, 3, group)) { professional = ReadString(ref reader, group, WireNames.Professional, FieldLimits.Professional); }
            else if (Is(ref reader, WireNames.ServiceForm, ref seen, 4, group)) { serviceForm = ReadCode(ref reader, group, WireNames.ServiceForm); }
            else if (Is(ref reader, WireNames.ContactType, ref seen, 5, group)) { contactType = ReadCode(ref reader, group, WireNames.ContactType); }
            else if (Is(ref reader, WireNames.VisitorGroup, ref seen, 6, group)) { visitorGroup = ReadCode(ref reader, group, WireNames.VisitorGroup); }
            else if (Is(ref reader, WireNames.Urgency, ref seen, 7, group)) { urgency = ReadCode(ref reader, group, WireNames.Urgency); }
            else if (Is(ref reader, WireNames.Nature, ref seen, 8, group)) { nature = ReadCode(ref reader, group, WireNames.Nature); }
            else if (Is(ref reader, WireNames.FirstVisit, ref seen, 9, group)) { firstVisit = ReadCode(ref reader, group, WireNames.FirstVisit); }
            else { SkipUnknown(ref reader, group); }
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
            if (Is(ref reader, WireNames.Icd10, ref seen, 0, path)) { icd10 = ReadCode(ref reader, path, WireNames.Icd10); }
            else if (Is(ref reader, WireNames.ExternalCause, ref seen, 1, path)) { externalCause = ReadCode(ref reader, path, WireNames.ExternalCause); }
            else if (Is(ref reader, WireNames.AccidentType, ref seen, 2, path)) { accidentType = ReadCode(ref reader, path, WireNames.AccidentType); }
            else if (Is(ref reader, WireNames.Icpc2, ref seen, 3, path)) { icpc2 = ReadCode(ref reader, path, WireNames.Icpc2); }
            else { SkipUnknown(ref reader, path); }
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
            if (Is(ref reader, WireNames.Spat, ref seen, 0, path)) { spat = ReadCode(ref reader, path, WireNames.Spat); }
            else if (Is(ref reader, WireNames.OralProcedure, ref seen, 1, path)) { oral = ReadCode(ref reader, path, WireNames.OralProcedure); }
            else if (Is(ref reader, WireNames.Tooth, ref seen, 2, path)) { tooth = ReadCode(ref reader, path, WireNames.Tooth); }
            else { SkipUnknown(ref reader, path); }
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
            if (Is(ref reader, WireNames.Atc, ref seen, 0, path)) { atc = ReadCode(ref reader, path, WireNames.Atc); }
            else if (Is(ref reader, WireNames.AtcDescription, ref seen, 1, path)) { description = ReadString(ref reader, path, WireNames.AtcDescription, FieldLimits.AtcDescription); }
            else if (Is(ref reader, WireNames.PackageNumber, ref seen, 2, path)) { packageNumber = ReadString(ref reader, path, WireNames.PackageNumber, FieldLimits.PackageNumber); }
            else if (Is(ref reader, WireNames.TradeName, ref seen, 3, path)) { tradeName = ReadString(ref reader, path, WireNames.TradeName, FieldLimits.TradeName); }
            else if (Is(ref reader, WireNames.PrescribedAt, ref seen, 4, path)) { prescribedAt = ReadTime(ref reader, path, WireNames.PrescribedAt); }
            else if (Is(ref reader, WireNames.Vaccination, ref seen, 5, path)) { vaccination = ReadBoolean(ref reader, path, WireNames.Vaccination); }
            else if (Is(ref reader, WireNames.BatchNumber, ref seen, 6, path)) { batch = ReadString(ref reader, path, WireNames.BatchNumber, FieldLimits.BatchNumber); }
            else if (Is(ref reader, WireNames.DoseNumber, ref seen, 7, path)) { dose = ReadString(ref reader, path, WireNames.DoseNumber, FieldLimits.DoseNumber); }
            else if (Is(ref reader, WireNames.Route, ref seen, 8, path)) { route = ReadCode(ref reader, path, WireNames.Route); }
            else if (Is(ref reader, WireNames.InjectionSite, ref seen, 9, path)) { site = ReadCode(ref reader, path, WireNames.InjectionSite); }
            else { SkipUnknown(ref reader, path); }
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
            return ReadStringValue(ref reader, path, string.Empty, FieldLimits.Code);
        }

        if (!StartObject(ref reader, path))
        {
            return null;
        }

        string? spat = null;
        var seen = new SeenMembers();
        while (NextMember(ref reader))
        {
            if (Is(ref reader, WireNames.Spat, ref seen, 0, path)) { spat = ReadCode(ref reader, path, WireNames.Spat); }
            else { SkipUnknown(ref reader, path); }
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
            if (Is(ref reader, WireNames.DecayedPermanentTeeth, ref seen, 0, group)) { decayed1 = ReadInteger(ref reader, group, WireNames.DecayedPermanentTeeth); }
            else if (Is(ref reader, WireNames.MissingPermanentTeeth, ref seen, 1, group)) { missing1 = ReadInteger(ref reader, group, WireNames.MissingPermanentTeeth); }
            else if (Is(ref reader, WireNames.FilledPermanentTeeth, ref seen, 2, group)) { filled1 = ReadInteger(ref reader, group, WireNames.FilledPermanentTeeth); }
            else if (Is(ref reader, WireNames.DecayedPrimaryTeeth, ref seen, 3, group)) { decayed2 = ReadInteger(ref reader, group, WireNames.DecayedPrimaryTeeth); }
            else if (Is(ref reader, WireNames.MissingPrimaryTeeth, ref seen, 4, group)) { missing2 = ReadInteger(ref reader, group, WireNames.MissingPrimaryTeeth); }
            else if (Is(ref reader, WireNames.FilledPrimaryTeeth, ref seen, 5, group)) { filled2 = ReadInteger(ref reader, group, WireNames.FilledPrimaryTeeth); }
            else if (Is(ref reader, WireNames.GumStatus, ref seen, 6, group)) { gum = ReadString(ref reader, group, WireNames.GumStatus, FieldLimits.GumStatus); }
            else if (Is(ref reader, WireNames.Weight, ref seen, 7, group)) { weight = ReadInteger(ref reader, group, WireNames.Weight); }
            else if (Is(ref reader, WireNames.Height, ref seen, 8, group)) { height = ReadInteger(ref reader, group, WireNames.Height); }
            else if (Is(ref reader, WireNames.Smoking, ref seen, 9, group)) { smoking = ReadCode(ref reader, group, WireNames.Smoking); }
            else { SkipUnknown(ref reader, group); }
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
            if (Is(ref reader, WireNames.Time, ref seen, 0, group)) { time = ReadTime(ref reader, group, WireNames.Time); }
            else if (Is(ref reader, WireNames.CancellationReason, ref seen, 1, group)) { reason = ReadCode(ref reader, group, WireNames.CancellationReason); }
            else { SkipUnknown(ref reader, group); }
        }

        return new Cancellation { Time = time, Reason = reason };
    }

    private delegate T? ItemReader<T>(ref Utf8JsonReader reader, string path);

    private ImmutableArray<T> ReadArray<T>(ref Utf8JsonReader reader, string group, ItemReader<T> readItem)
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

        var items = ImmutableArray.CreateBuilder<T>();
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

        return items.DrainToImmutable();
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
    /// True when the current member is <paramref name="name"/>. A second occurrence of the same
    /// member is reported and its value skipped, so the first value stands.
    /// </summary>
    private bool Is(ref Utf8JsonReader reader, string name, ref SeenMembers seen, int slot, string? group)
    {
        if (memberSkipped || !reader.ValueTextEquals(name))
        {
            return false;
        }

        if (seen.TryMark(slot))
        {
            return true;
        }

        findings.Add(FindingCatalogue.DuplicateField, FieldPaths.Of(group, name));
        reader.Read();
        SkipValue(ref reader);
        memberSkipped = true;
        return false;
    }

    /// <summary>Ends every chain of <see cref="Is"/> calls: reports and skips a member none of them knew.</summary>
    private void SkipUnknown(ref Utf8JsonReader reader, string? group)
    {
        if (memberSkipped)
        {
            memberSkipped = false;
            return;
        }

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
        ReadString(ref reader, group, name, FieldLimits.Code);

    private string? ReadString(ref Utf8JsonReader reader, string? group, string name, int maxLength)
    {
        reader.Read();
        return ReadStringValue(ref reader, group, name, maxLength);
    }

    /// <summary>Reads the current token as text; <paramref name="name"/> empty means the group itself is the value.</summary>
    private string? ReadStringValue(ref Utf8JsonReader reader, string? group, string name, int maxLength)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                var value = reader.GetString()!;
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
