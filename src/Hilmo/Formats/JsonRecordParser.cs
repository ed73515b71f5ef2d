using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.Json;
using Hilmo.Notifications;
using Hilmo.Validation;

namespace Hilmo.Formats;

/// <summary>
/// What the JSON readers of every register share: reading one record's text into a record and
/// findings, and the strict primitives for its values (text bounded by <see cref="FieldLimits"/>,
/// local times and dates, numbers, booleans, repeating groups, unknown and repeated members).
/// Never throws on bad input: every problem becomes a finding with the field's path.
/// </summary>
/// <remarks>One instance per thread: it reuses its finding list and buffers from record to record.</remarks>
public abstract class JsonRecordParser
{
    private protected readonly RecordFindings findings = new();
    private protected readonly SubmissionLimits limits;
    private readonly Utf8StringCache strings = new();

    // Reused for the items of the medication group, which AvoHILMO and Terveys-Hilmo share.
    private protected readonly List<Medication> medicationItems = [];

    private protected static readonly MemberSet ClientMembers = new(WireNames.IdentityCode, WireNames.HomeMunicipality, WireNames.PostalCode);

    private protected static readonly MemberSet MedicationMembers = new(WireNames.Atc, WireNames.AtcDescription, WireNames.PackageNumber, WireNames.TradeName, WireNames.PrescribedAt, WireNames.Vaccination, WireNames.BatchNumber, WireNames.DoseNumber, WireNames.Route, WireNames.InjectionSite);

    private protected JsonRecordParser(SubmissionLimits limits) => this.limits = limits;

    /// <summary>Reads the record in <paramref name="json"/>, which holds exactly one JSON value.</summary>
    public ParsedRecord Parse(ReadOnlySpan<byte> json, long index, TextPosition? position)
    {
        // A record that is no object is refused as such (FMT-010), and no finding of it quotes its content.
        if (json.TrimStart(" \t\r\n"u8) is [(byte)'{', ..] && RefuseIdentityCodes(json, index, position) is { } refused)
        {
            return refused;
        }

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
    /// <summary>
    /// A record that holds an identity code anywhere but in <c>asiakas.hetu</c> (a value, a member
    /// name, an unknown field, an item of a list), refused with one HETU-008 per field and nothing
    /// else: the record is read no further, so no other finding can quote the value, and the
    /// findings carry the record's <c>tunnus</c> and provider only when those are not the value
    /// themselves. Null for any other record, also one whose syntax breaks before such a value.
    /// </summary>
    private ParsedRecord? RefuseIdentityCodes(ReadOnlySpan<byte> json, long index, TextPosition? position)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = limits.MaxDepth + 2 });
        List<string>? paths = null;
        string? member = null, child = null, recordId = null, provider = null;

        // The item of the record's list (kayntisyyt, say) the reader is in; null outside a list.
        int? item = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                    {
                        var holds = HoldsIdentityCode(ref reader);
                        var name = holds ? "?" : reader.GetString();
                        if (reader.CurrentDepth == 1)
                        {
                            (member, child, item) = (name, null, null);
                        }
                        else if (reader.CurrentDepth == 2 || (reader.CurrentDepth == 3 && item is not null))
                        {
                            child = name;
                        }

                        if (holds)
                        {
                            Add(ref paths, FieldPath(reader.CurrentDepth, member, child, item));
                        }

                        break;
                    }

                    case JsonTokenType.String:
                    {
                        var holds = HoldsIdentityCode(ref reader);
                        var depth = reader.CurrentDepth;
                        if (depth == 2 && item is not null)
                        {
                            (item, child) = (item + 1, null);
                        }

                        if (holds && !(depth == 2 && member == WireNames.Client && child == WireNames.IdentityCode))
                        {
                            Add(ref paths, FieldPath(depth, member, child, item));
                        }
                        else if (!holds && depth == 1 && member == WireNames.RecordId)
                        {
                            recordId ??= Key(reader.GetString(), FieldLimits.RecordId);
                        }
                        else if (!holds && depth == 1 && member == WireNames.Provider)
                        {
                            provider ??= Key(reader.GetString(), FieldLimits.Provider);
                        }

                        break;
                    }

                    case JsonTokenType.StartArray when reader.CurrentDepth == 1:
                        (child, item) = (null, -1);
                        break;

                    case JsonTokenType.StartObject when reader.CurrentDepth == 1:
                        child = null;
                        break;

                    case JsonTokenType.StartObject or JsonTokenType.StartArray or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null
                        when reader.CurrentDepth == 2 && item is not null:
                        (item, child) = (item + 1, null);
                        break;
                }
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // The record is judged by its syntax or encoding by the parse proper; an identity code before the fault is refused all the same.
        }

        if (paths is null)
        {
            return null;
        }

        var refused = new Finding[paths.Count];
        for (var i = 0; i < refused.Length; i++)
        {
            refused[i] = new Finding(FindingCatalogue.IdentityCodeOutOfPlace, index, recordId, paths[i], [], position) { Provider = provider };
        }

        return new ParsedRecord(index, position, null, refused) { KeyRecordId = recordId, KeyProvider = provider };
    }

    private static string? Key(string? value, int maxLength) =>
        value is { Length: > 0 } && value.Length <= maxLength && !value.AsSpan().ContainsAny(FieldLimits.ControlCharacters) ? value : null;

    private static string? FieldPath(int depth, string? member, string? child, int? item)
    {
        if (depth <= 1 || member is null)
        {
            return member;
        }

        if (item is int i)
        {
            var itemPath = FieldPaths.Item(member, Math.Max(i, 0));
            return child is null || depth == 2 ? itemPath : FieldPaths.Of(itemPath, child);
        }

        return child is null ? member : FieldPaths.Of(member, child);
    }

    private static void Add(ref List<string>? paths, string? path)
    {
        paths ??= [];
        path ??= string.Empty;
        if (!paths.Contains(path))
        {
            paths.Add(path);
        }
    }

    /// <summary>Whether the name or string the reader stands on holds something shaped like an identity code.</summary>
    private static bool HoldsIdentityCode(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return IdentityCodeShapes.Contains(reader.ValueSpan);
        }

        if (reader.ValueSpan.Length < IdentityCodeShapes.Length)
        {
            return false;
        }

        // Escapes can spell any character: judge the text they stand for.
        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            var length = reader.CopyString(buffer);
            return IdentityCodeShapes.Contains(buffer.AsSpan(0, length));
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads the members of the record object the reader stands at.</summary>
    private protected abstract SubmittedNotification ReadRecord(ref Utf8JsonReader reader);

    private protected (Client?, IdentityCodeText?) ReadClient(ref Utf8JsonReader reader)
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
    private protected Medication? ReadMedication(ref Utf8JsonReader reader, string path)
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
    private protected delegate T? ItemReader<T>(ref Utf8JsonReader reader, string path);


    private protected ImmutableArray<T> ReadArray<T>(ref Utf8JsonReader reader, string group, ItemReader<T> readItem, List<T> items)
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
    private protected bool StartObject(ref Utf8JsonReader reader, string path)
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
    private protected static bool NextMember(ref Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    /// <summary>
    /// The name of the current member when it is one of <paramref name="members"/> and its first
    /// occurrence; otherwise null, after reporting the unknown or repeated member and skipping its
    /// value (so the first value of a repeated member stands).
    /// </summary>
    private protected string? Member(ref Utf8JsonReader reader, MemberSet members, ref SeenMembers seen, string? group)
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

    private protected void SkipUnknown(ref Utf8JsonReader reader, string? group)
    {
        var name = reader.GetString() ?? string.Empty;
        findings.Add(FindingCatalogue.UnknownField, FieldPaths.Of(group, name));
        reader.Read();
        SkipValue(ref reader);
    }

    /// <summary>Skips the current value, refusing structures nested deeper than the limit.</summary>
    private protected void SkipValue(ref Utf8JsonReader reader)
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


    private protected string? ReadCode(ref Utf8JsonReader reader, string? group, string name) =>
        ReadString(ref reader, group, name, FieldLimits.Code, Text.Recurring);

    private protected string? ReadString(ref Utf8JsonReader reader, string? group, string name, int maxLength, Text kind = Text.Unique)
    {
        reader.Read();
        return ReadStringValue(ref reader, group, name, maxLength, kind);
    }

    /// <summary>Reads the current token as text; <paramref name="name"/> empty means the group itself is the value.</summary>
    private protected string? ReadStringValue(ref Utf8JsonReader reader, string? group, string name, int maxLength, Text kind = Text.Unique)
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
    private protected string Recurring(ReadOnlySpan<byte> utf8) => System.Text.Unicode.Utf8.IsValid(utf8)
        ? strings.Get(utf8)
        : throw new InvalidOperationException("The text is not valid UTF-8.");

    /// <summary>Whether a text field's values recur across records (codes, units) or are unique (record ids, identity codes, free text).</summary>
    private protected enum Text
    {
        Unique,
        Recurring,
    }

    private protected static string? ValuePath(string? group, string name) => name.Length == 0 ? group : FieldPaths.Of(group, name);

    private protected DateTime? ReadTime(ref Utf8JsonReader reader, string? group, string name) =>
        ReadTemporal<DateTime, IsoDateTime>(ref reader, group, name, FindingCatalogue.InvalidDateTime);

    private protected DateOnly? ReadDate(ref Utf8JsonReader reader, string? group, string name) =>
        ReadTemporal<DateOnly, IsoDate>(ref reader, group, name, FindingCatalogue.InvalidDate);

    /// <summary>
    /// Reads a local time or date given as a string. The parser is a type argument, not a
    /// delegate, so each form compiles to its own code and the AvoHILMO times cost what they did.
    /// </summary>
    private T? ReadTemporal<T, TParser>(ref Utf8JsonReader reader, string? group, string name, FindingDefinition invalid)
        where T : struct
        where TParser : struct, IUtf8Parser<T>
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String when !reader.ValueIsEscaped:
                if (TParser.TryParse(reader.ValueSpan, out var value))
                {
                    return value;
                }

                findings.Add(invalid, FieldPaths.Of(group, name));
                return null;
            case JsonTokenType.String:
                // Escapes in a date are legal JSON, if odd; unescape before parsing.
                Span<byte> buffer = stackalloc byte[64];
                if (reader.ValueSpan.Length <= buffer.Length
                    && TParser.TryParse(buffer[..reader.CopyString(buffer)], out var unescaped))
                {
                    return unescaped;
                }

                findings.Add(invalid, FieldPaths.Of(group, name));
                return null;
            default:
                findings.Add(FindingCatalogue.WrongType, FieldPaths.Of(group, name), "string");
                SkipValue(ref reader);
                return null;
        }
    }

    private protected interface IUtf8Parser<T>
    {
        static abstract bool TryParse(ReadOnlySpan<byte> text, out T value);
    }

    private readonly struct IsoDateTime : IUtf8Parser<DateTime>
    {
        public static bool TryParse(ReadOnlySpan<byte> text, out DateTime value) => LocalDateTimeText.TryParseIso(text, out value);
    }

    private readonly struct IsoDate : IUtf8Parser<DateOnly>
    {
        public static bool TryParse(ReadOnlySpan<byte> text, out DateOnly value) => LocalDateText.TryParseIso(text, out value);
    }

    /// <summary>A decimal number (euros); a string or a number beyond <see cref="decimal"/> is refused.</summary>
    private protected decimal? ReadDecimal(ref Utf8JsonReader reader, string? group, string name)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetDecimal(out var value):
                return value;
            case JsonTokenType.Number:
                findings.Add(FindingCatalogue.InvalidDecimal, FieldPaths.Of(group, name));
                return null;
            default:
                findings.Add(FindingCatalogue.WrongType, FieldPaths.Of(group, name), "number");
                SkipValue(ref reader);
                return null;
        }
    }

    /// <summary>
    /// Reads the <c>rekisteri</c> member; null when it is absent, null or not a known register
    /// (which is then a finding).
    /// </summary>
    private protected Register? ReadRegister(ref Utf8JsonReader reader)
    {
        if (ReadString(ref reader, null, WireNames.Register, FieldLimits.Code, Text.Recurring) is not { } name)
        {
            return null;
        }

        if (Registers.FromWireName(name) is { } register)
        {
            return register;
        }

        findings.Add(FindingCatalogue.UnknownRegister, WireNames.Register, Finding.Quote(name));
        return null;
    }

    private protected bool? ReadBoolean(ref Utf8JsonReader reader, string? group, string name)
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

    private protected int? ReadInteger(ref Utf8JsonReader reader, string? group, string name)
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

    private protected static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private protected static TextPosition? At(TextPosition? start, JsonException exception)
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
    private protected static TextPosition? Offset(ReadOnlySpan<byte> json, TextPosition? start, long byteIndex)
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
    private protected sealed class MemberSet(params string[] names)
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
    private protected struct SeenMembers
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

    private protected sealed class NestingTooDeepException : Exception;
}
