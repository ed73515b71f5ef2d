using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Hilmo.Notifications;
using Hilmo.Validation;

namespace Hilmo.Formats;

/// <summary>
/// Maps one <c>&lt;palvelutapahtuma&gt;</c>, read into <see cref="XmlRecordNodes"/>, to a record,
/// field for field as <see cref="ServiceEventJsonParser"/> does: the same names, limits, findings
/// and paths, so a record means the same and is judged the same in either format.
/// </summary>
/// <remarks>
/// <para>XML has no types, so the rules differ only where the JSON parser leans on them:</para>
/// <list type="bullet">
/// <item>every value is element text, trimmed of surrounding whitespace; an empty element is an
/// absent value, and an empty item of a repeating group is REQ-003 as a JSON <c>null</c> item is;</item>
/// <item>times may also be in the register's legacy <c>yyyyMMddHHmm</c> form;</item>
/// <item>booleans are <c>true</c>/<c>false</c>, <c>1</c>/<c>0</c> or Finnish <c>kyllä</c>/<c>ei</c>;
/// an integer that does not parse is FMT-006;</item>
/// <item>repeating groups are repeated elements (<c>&lt;kayntisyy&gt;</c> ...), optionally wrapped
/// (<c>&lt;kayntisyyt&gt;&lt;kayntisyy&gt;</c> ...); follow-up care is a code as text or a
/// <c>&lt;spat&gt;</c> element;</item>
/// <item>elements are matched by local name in any namespace, and attributes carry nothing.</item>
/// </list>
/// <para>One instance per thread: it reuses its finding list from record to record.</para>
/// </remarks>
internal sealed class ServiceEventXmlParser
{
    private const int LongestTime = 32;
    private const int LongestInteger = 16;

    private readonly SubmissionLimits limits;
    private readonly RecordFindings findings = new();
    private readonly ItemReader<VisitReason> readReason;
    private readonly ItemReader<Procedure> readProcedure;
    private readonly ItemReader<Medication> readMedication;
    private readonly ItemReader<string> readFollowUp;
    private XmlRecordNodes nodes = null!;
    private int at;

    public ServiceEventXmlParser(SubmissionLimits limits)
    {
        this.limits = limits;
        readReason = ReadReason;
        readProcedure = ReadProcedure;
        readMedication = ReadMedication;
        readFollowUp = ReadFollowUp;
    }

    private delegate T? ItemReader<T>(string path);

    /// <summary>
    /// Reads the record in <paramref name="record"/>. A record cut short by a limit is judged by
    /// it (FMT-007, FMT-008) and not returned, though what was read before the cut is still
    /// reported, so that the submitter learns which field made the record so large.
    /// </summary>
    public ParsedRecord Parse(XmlRecordNodes record, long index)
    {
        nodes = record;
        at = 0;
        findings.Begin(index);
        var submitted = ReadRecord();
        var recordId = submitted?.Notification.RecordId;
        if (record.TooDeepAt is null && !record.TooLarge)
        {
            return new ParsedRecord(index, record.Position, submitted, findings.ToArray(recordId, submitted?.Notification.Provider));
        }

        var judged = new List<Finding>(findings.ToArray(recordId, submitted?.Notification.Provider));
        if (record.TooDeepAt is { } deep)
        {
            judged.Add(new Finding(FindingCatalogue.NestingTooDeep, index, recordId, null, [], deep));
        }

        if (record.TooLarge)
        {
            judged.Add(new Finding(FindingCatalogue.RecordTooLarge, index, recordId, null,
                [limits.MaxRecordBytes.ToString(CultureInfo.InvariantCulture)], record.Position));
        }

        return new ParsedRecord(index, record.Position, null, judged);
    }

    private SubmittedNotification ReadRecord()
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

        at++;
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

    private (Client?, IdentityCodeText?) ReadClient()
    {
        const string group = WireNames.Client;
        if (!StartGroup(group))
        {
            return (null, null);
        }

        string? municipality = null, postalCode = null;
        IdentityCodeText? identityCode = null;
        var seen = new SeenElements();
        while (NextChild(group, "object", out var name))
        {
            switch (name)
            {
                case WireNames.IdentityCode:
                    if (First(ref seen, 0, group, name))
                    {
                        // Bounded like any text, and never quoted back: the value is the identity code.
                        var text = ReadString(group, name, FieldLimits.IdentityCode);
                        identityCode = text is null ? null : new IdentityCodeText(text);
                    }

                    break;
                case WireNames.HomeMunicipality: if (First(ref seen, 1, group, name)) { municipality = ReadString(group, name, FieldLimits.HomeMunicipality); } break;
                case WireNames.PostalCode: if (First(ref seen, 2, group, name)) { postalCode = ReadString(group, name, FieldLimits.PostalCode); } break;
                default: SkipUnknown(group, name); break;
            }
        }

        return (new Client { HomeMunicipality = municipality, PostalCode = postalCode }, identityCode);
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

    private Medication? ReadMedication(string path)
    {
        if (!StartGroup(path))
        {
            return null;
        }

        string? atc = null, description = null, packageNumber = null, tradeName = null, batch = null, dose = null, route = null, site = null;
        DateTime? prescribedAt = null;
        bool? vaccination = null;
        var seen = new SeenElements();
        while (NextChild(path, "object", out var name))
        {
            switch (name)
            {
                case WireNames.Atc: if (First(ref seen, 0, path, name)) { atc = ReadCode(path, name); } break;
                case WireNames.AtcDescription: if (First(ref seen, 1, path, name)) { description = ReadString(path, name, FieldLimits.AtcDescription); } break;
                case WireNames.PackageNumber: if (First(ref seen, 2, path, name)) { packageNumber = ReadString(path, name, FieldLimits.PackageNumber); } break;
                case WireNames.TradeName: if (First(ref seen, 3, path, name)) { tradeName = ReadString(path, name, FieldLimits.TradeName); } break;
                case WireNames.PrescribedAt: if (First(ref seen, 4, path, name)) { prescribedAt = ReadTime(path, name); } break;
                case WireNames.Vaccination: if (First(ref seen, 5, path, name)) { vaccination = ReadBoolean(path, name); } break;
                case WireNames.BatchNumber: if (First(ref seen, 6, path, name)) { batch = ReadString(path, name, FieldLimits.BatchNumber); } break;
                case WireNames.DoseNumber: if (First(ref seen, 7, path, name)) { dose = ReadString(path, name, FieldLimits.DoseNumber); } break;
                case WireNames.Route: if (First(ref seen, 8, path, name)) { route = ReadCode(path, name); } break;
                case WireNames.InjectionSite: if (First(ref seen, 9, path, name)) { site = ReadCode(path, name); } break;
                default: SkipUnknown(path, name); break;
            }
        }

        return new Medication
        {
            Atc = atc, AtcDescription = description, PackageNumber = packageNumber, TradeName = tradeName, PrescribedAt = prescribedAt,
            Vaccination = vaccination, BatchNumber = batch, DoseNumber = dose, Route = route, InjectionSite = site,
        };
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

    /// <summary>Reads the items of a wrapper such as <c>&lt;kayntisyyt&gt;</c>, which may hold only <paramref name="itemName"/> elements.</summary>
    private void ReadWrapped<T>(ref Items<T> items, string itemName, ItemReader<T> readItem)
    {
        at++;
        while (NextChild(items.Group, "array", out var name))
        {
            if (string.Equals(name, itemName, StringComparison.Ordinal))
            {
                ReadItem(ref items, readItem);
            }
            else
            {
                SkipUnknown(items.Group, name);
            }
        }
    }

    /// <summary>Reads the item element the parser stands on, numbering it within its group wherever it appears.</summary>
    private void ReadItem<T>(ref Items<T> items, ItemReader<T> readItem)
    {
        var path = FieldPaths.Item(items.Group, items.Count);
        items.Count++;
        if (items.Count > limits.MaxItemsPerGroup)
        {
            Skip();
            return;
        }

        if (IsEmpty())
        {
            findings.Add(FindingCatalogue.EmptyItem, path);
            Skip();
            return;
        }

        if (readItem(path) is { } item)
        {
            (items.Builder ??= ImmutableArray.CreateBuilder<T>()).Add(item);
        }
    }

    private ImmutableArray<T> Finish<T>(ref Items<T> items)
    {
        if (items.Count > limits.MaxItemsPerGroup)
        {
            findings.Add(FindingCatalogue.TooManyItems, items.Group, Invariant(items.Count), Invariant(limits.MaxItemsPerGroup));
        }

        return items.Builder is { } builder ? builder.DrainToImmutable() : [];
    }

    /// <summary>
    /// Enters the group element the parser stands on. False, with the element passed, when it is
    /// empty (an absent group) or holds only text where elements belong.
    /// </summary>
    private bool StartGroup(string path)
    {
        if (IsEmpty())
        {
            Skip();
            return false;
        }

        if (IsTextOnly())
        {
            findings.Add(FindingCatalogue.WrongType, path, "object");
            Skip();
            return false;
        }

        at++;
        return true;
    }

    /// <summary>
    /// Moves to the next child element of the element being read and gives its name; false, with
    /// the element's end passed, when there is none. Text between child elements is reported.
    /// </summary>
    private bool NextChild(string? path, string expected, out string name)
    {
        var textReported = false;
        while (at < nodes.Count)
        {
            var node = nodes[at];
            switch (node.Kind)
            {
                case XmlRecordNodeKind.Start:
                    name = node.Name;
                    return true;
                case XmlRecordNodeKind.End:
                    at++;
                    name = string.Empty;
                    return false;
                default:
                    if (!textReported)
                    {
                        findings.Add(FindingCatalogue.WrongType, path, expected);
                        textReported = true;
                    }

                    at++;
                    break;
            }
        }

        // The nodes were cut short by a limit; the record is judged by it.
        name = string.Empty;
        return false;
    }

    /// <summary>
    /// True when the element the parser stands on is met for the first time in its group. A second
    /// occurrence is reported and skipped, so the first value stands.
    /// </summary>
    private bool First(ref SeenElements seen, int slot, string? group, string name)
    {
        if (seen.TryMark(slot))
        {
            return true;
        }

        findings.Add(FindingCatalogue.DuplicateField, FieldPaths.Of(group, name));
        Skip();
        return false;
    }

    private void SkipUnknown(string? group, string name)
    {
        findings.Add(FindingCatalogue.UnknownField, FieldPaths.Of(group, name));
        Skip();
    }

    /// <summary>Passes the element the parser stands on, with everything in it.</summary>
    private void Skip()
    {
        var depth = 0;
        while (at < nodes.Count)
        {
            var kind = nodes[at++].Kind;
            if (kind == XmlRecordNodeKind.Start)
            {
                depth++;
            }
            else if (kind == XmlRecordNodeKind.End && --depth == 0)
            {
                return;
            }
        }
    }

    private bool IsEmpty() =>
        at + 1 < nodes.Count && nodes[at + 1].Kind == XmlRecordNodeKind.End;

    private bool IsTextOnly() =>
        at + 2 < nodes.Count && nodes[at + 1].Kind == XmlRecordNodeKind.Text && nodes[at + 2].Kind == XmlRecordNodeKind.End;

    /// <summary>
    /// Reads the text of the value element the parser stands on. False for an empty element
    /// (an absent value) and for one holding elements, which is reported.
    /// </summary>
    private bool TryText(string path, string expected, out XmlRecordNode text)
    {
        text = default;
        if (IsTextOnly())
        {
            text = nodes[at + 1];
            at += 3;
            return true;
        }

        if (!IsEmpty() && at + 1 < nodes.Count)
        {
            findings.Add(FindingCatalogue.WrongType, path, expected);
        }

        Skip();
        return false;
    }

    private string? ReadCode(string group, string name) => ReadString(group, name, FieldLimits.Code);

    private string? ReadString(string? group, string name, int maxLength) => ReadValue(FieldPaths.Of(group, name), maxLength);

    private string? ReadValue(string path, int maxLength)
    {
        if (!TryText(path, "string", out var node))
        {
            return null;
        }

        if (node.Length > maxLength)
        {
            findings.Add(FindingCatalogue.TextTooLong, path, Invariant(node.Length), Invariant(maxLength));
            return null;
        }

        var text = nodes.TextOf(node);
        if (text.ContainsAny(FieldLimits.ControlCharacters))
        {
            findings.Add(FindingCatalogue.ControlCharacters, path);
            return null;
        }

        return new string(text);
    }

    private DateTime? ReadTime(string? group, string name)
    {
        var path = FieldPaths.Of(group, name);
        if (!TryText(path, "string", out var node))
        {
            return null;
        }

        Span<byte> ascii = stackalloc byte[LongestTime];
        if (node.Length <= LongestTime
            && Ascii.FromUtf16(nodes.TextOf(node), ascii, out var length) == OperationStatus.Done
            && (LocalDateTimeText.TryParseIso(ascii[..length], out var time) || LocalDateTimeText.TryParseLegacy(ascii[..length], out time)))
        {
            return time;
        }

        findings.Add(FindingCatalogue.InvalidDateTime, path);
        return null;
    }

    private bool? ReadBoolean(string? group, string name)
    {
        var path = FieldPaths.Of(group, name);
        if (!TryText(path, "boolean", out var node))
        {
            return null;
        }

        var text = nodes.TextOf(node);
        // xs:boolean, and the register's own yes/no ("rokotus kyllä/ei").
        if (text is "1" || text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("kyllä", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (text is "0" || text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.Equals("ei", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        findings.Add(FindingCatalogue.WrongType, path, "boolean");
        return null;
    }

    private int? ReadInteger(string group, string name)
    {
        var path = FieldPaths.Of(group, name);
        if (!TryText(path, "number", out var node))
        {
            return null;
        }

        if (node.Length <= LongestInteger
            && int.TryParse(nodes.TextOf(node), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        findings.Add(FindingCatalogue.InvalidNumber, path);
        return null;
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The items of one repeating group, counted wherever in the record they appear.</summary>
    private struct Items<T>(string group)
    {
        public readonly string Group = group;
        public ImmutableArray<T>.Builder? Builder;
        public int Count;
    }

    /// <summary>Which elements of one group have been read, to catch one given twice.</summary>
    private struct SeenElements
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
}
