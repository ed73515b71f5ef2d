using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Hilmo.Notifications;
using Hilmo.Validation;

namespace Hilmo.Formats;

/// <summary>
/// What the XML readers of every register share: mapping one record element, read into
/// <see cref="XmlRecordNodes"/>, to a record field for field as the JSON readers do (the same
/// names, limits, findings and paths), and the primitives for element text.
/// </summary>
/// <remarks>
/// <para>XML has no types, so the rules differ only where the JSON parsers lean on them:</para>
/// <list type="bullet">
/// <item>every value is element text, trimmed of surrounding whitespace; an empty element is an
/// absent value, and an empty item of a repeating group is REQ-003 as a JSON <c>null</c> item is;</item>
/// <item>times may also be in the register's legacy <c>yyyyMMddHHmm</c> form, dates in <c>yyyyMMdd</c>;</item>
/// <item>booleans are <c>true</c>/<c>false</c>, <c>1</c>/<c>0</c> or Finnish <c>kyllä</c>/<c>ei</c>;
/// an integer that does not parse is FMT-006;</item>
/// <item>repeating groups are repeated elements (<c>&lt;kayntisyy&gt;</c>, <c>&lt;diagnoosi&gt;</c> ...),
/// optionally wrapped (<c>&lt;kayntisyyt&gt;&lt;kayntisyy&gt;</c> ...);</item>
/// <item>elements are matched by local name in any namespace, and attributes carry nothing.</item>
/// </list>
/// <para>One instance per thread: it reuses its finding list from record to record.</para>
/// </remarks>
internal abstract class XmlRecordParser
{
    private const int LongestTime = 32;
    private const int LongestInteger = 16;

    private protected readonly SubmissionLimits limits;
    private protected readonly RecordFindings findings = new();
    private protected readonly ItemReader<Medication> readMedication;
    private XmlRecordNodes nodes = null!;
    private int at;

    private protected XmlRecordParser(SubmissionLimits limits)
    {
        this.limits = limits;
        readMedication = ReadMedication;
    }

    private protected delegate T? ItemReader<T>(string path);

    /// <summary>
    /// Reads the record in <paramref name="record"/>. A record cut short by a limit is judged by
    /// it (FMT-007, FMT-008) and not returned, though what was read before the cut is still
    /// reported, so that the submitter learns which field made the record so large.
    /// </summary>
    public ParsedRecord Parse(XmlRecordNodes record, long index)
    {
        if (RefuseIdentityCodes(record, index) is { } refused)
        {
            return refused;
        }

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

    /// <summary>
    /// A record that holds an identity code anywhere but in <c>asiakas/hetu</c> (an element's text
    /// or name, an attribute, an unknown element), refused with one HETU-008 per field and nothing
    /// else, as the JSON readers do; null for any other record.
    /// </summary>
    private static ParsedRecord? RefuseIdentityCodes(XmlRecordNodes record, long index)
    {
        List<string>? paths = record.IdentityCodeInAttribute ? [string.Empty] : null;
        string? recordId = null, provider = null;
        var names = new string?[4];
        var depth = 0;
        for (var i = 0; i < record.Count; i++)
        {
            var node = record[i];
            switch (node.Kind)
            {
                case XmlRecordNodeKind.Start:
                    depth++;
                    var holds = IdentityCodeShapes.Contains(node.Name);
                    if (depth < names.Length)
                    {
                        names[depth] = holds ? "?" : node.Name;
                    }

                    if (holds)
                    {
                        Add(ref paths, PathAt(names, depth));
                    }

                    break;
                case XmlRecordNodeKind.End:
                    depth--;
                    break;
                default:
                    var text = record.TextOf(node);
                    if (IdentityCodeShapes.Contains(text))
                    {
                        if (!(depth == 3 && names[2] == WireNames.Client && names[3] == WireNames.IdentityCode))
                        {
                            Add(ref paths, PathAt(names, depth));
                        }
                    }
                    else if (depth == 2 && names[2] == WireNames.RecordId && node.Length <= FieldLimits.RecordId)
                    {
                        recordId ??= text.ToString();
                    }
                    else if (depth == 2 && names[2] == WireNames.Provider && node.Length <= FieldLimits.Provider)
                    {
                        provider ??= text.ToString();
                    }

                    break;
            }
        }

        if (paths is null)
        {
            return null;
        }

        var refused = new Finding[paths.Count];
        for (var i = 0; i < refused.Length; i++)
        {
            refused[i] = new Finding(FindingCatalogue.IdentityCodeOutOfPlace, index, recordId, paths[i].Length == 0 ? null : paths[i], [], record.Position) { Provider = provider };
        }

        return new ParsedRecord(index, record.Position, null, refused) { KeyRecordId = recordId, KeyProvider = provider };
    }

    private static string PathAt(string?[] names, int depth) => depth switch
    {
        <= 1 => string.Empty,
        2 => names[2] ?? string.Empty,
        _ => FieldPaths.Of(names[2], names[3] ?? string.Empty),
    };

    private static void Add(ref List<string>? paths, string path)
    {
        paths ??= [];
        if (!paths.Contains(path))
        {
            paths.Add(path);
        }
    }

    /// <summary>Reads the children of the record element the parser stands on.</summary>
    private protected abstract SubmittedNotification ReadRecord();

    private protected (Client?, IdentityCodeText?) ReadClient()
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

    private protected Medication? ReadMedication(string path)
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

    /// <summary>Reads the items of a wrapper such as <c>&lt;kayntisyyt&gt;</c>, which may hold only <paramref name="itemName"/> elements.</summary>
    private protected void ReadWrapped<T>(ref Items<T> items, string itemName, ItemReader<T> readItem)
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
    private protected void ReadItem<T>(ref Items<T> items, ItemReader<T> readItem)
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

    private protected ImmutableArray<T> Finish<T>(ref Items<T> items)
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
    private protected bool StartGroup(string path)
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
    private protected bool NextChild(string? path, string expected, out string name)
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
    private protected bool First(ref SeenElements seen, int slot, string? group, string name)
    {
        if (seen.TryMark(slot))
        {
            return true;
        }

        findings.Add(FindingCatalogue.DuplicateField, FieldPaths.Of(group, name));
        Skip();
        return false;
    }

    private protected void SkipUnknown(string? group, string name)
    {
        findings.Add(FindingCatalogue.UnknownField, FieldPaths.Of(group, name));
        Skip();
    }

    /// <summary>Passes the element the parser stands on, with everything in it.</summary>
    private protected void Skip()
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

    private protected bool IsEmpty() =>
        at + 1 < nodes.Count && nodes[at + 1].Kind == XmlRecordNodeKind.End;

    private protected bool IsTextOnly() =>
        at + 2 < nodes.Count && nodes[at + 1].Kind == XmlRecordNodeKind.Text && nodes[at + 2].Kind == XmlRecordNodeKind.End;

    /// <summary>
    /// Reads the text of the value element the parser stands on. False for an empty element
    /// (an absent value) and for one holding elements, which is reported.
    /// </summary>
    private protected bool TryText(string path, string expected, out XmlRecordNode text)
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

    private protected string? ReadCode(string? group, string name) => ReadString(group, name, FieldLimits.Code);

    private protected string? ReadString(string? group, string name, int maxLength) => ReadValue(FieldPaths.Of(group, name), maxLength);

    private protected string? ReadValue(string path, int maxLength)
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

    private protected DateTime? ReadTime(string? group, string name)
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

    /// <summary>Steps into the element the parser stands on (the record element itself).</summary>
    private protected void EnterElement() => at++;

    /// <summary>A local date: ISO <c>2025-03-02</c> or the legacy <c>20250302</c>.</summary>
    private protected DateOnly? ReadDate(string? group, string name)
    {
        var path = FieldPaths.Of(group, name);
        if (!TryText(path, "string", out var node))
        {
            return null;
        }

        Span<byte> ascii = stackalloc byte[LongestTime];
        if (node.Length <= LongestTime
            && Ascii.FromUtf16(nodes.TextOf(node), ascii, out var length) == OperationStatus.Done
            && (LocalDateText.TryParseIso(ascii[..length], out var date) || LocalDateText.TryParseLegacy(ascii[..length], out date)))
        {
            return date;
        }

        findings.Add(FindingCatalogue.InvalidDate, path);
        return null;
    }

    /// <summary>A decimal number with a point, as xs:decimal writes it (<c>182.50</c>).</summary>
    private protected decimal? ReadDecimal(string? group, string name)
    {
        var path = FieldPaths.Of(group, name);
        if (!TryText(path, "number", out var node))
        {
            return null;
        }

        if (node.Length <= LongestInteger * 2
            && decimal.TryParse(nodes.TextOf(node), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        findings.Add(FindingCatalogue.InvalidDecimal, path);
        return null;
    }

    /// <summary>
    /// The optional <c>rekisteri</c> element: the record element already says the register, so
    /// this one may only agree with it.
    /// </summary>
    private protected void ReadRegister(Register register)
    {
        if (ReadString(null, WireNames.Register, FieldLimits.Code) is not { } name)
        {
            return;
        }

        if (Registers.FromWireName(name) is not { } named)
        {
            findings.Add(FindingCatalogue.UnknownRegister, WireNames.Register, Finding.Quote(name));
        }
        else if (named != register)
        {
            findings.Add(FindingCatalogue.RegisterMismatch, WireNames.Register, Finding.Quote(name), nodes.Name);
        }
    }

    private protected bool? ReadBoolean(string? group, string name)
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

    private protected int? ReadInteger(string? group, string name)
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

    private protected static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The items of one repeating group, counted wherever in the record they appear.</summary>
    private protected struct Items<T>(string group)
    {
        public readonly string Group = group;
        public ImmutableArray<T>.Builder? Builder;
        public int Count;
    }

    /// <summary>Which elements of one group have been read, to catch one given twice.</summary>
    private protected struct SeenElements
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
