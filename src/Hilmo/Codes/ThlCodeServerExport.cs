using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;
using ExcelDataReader;
using ExcelDataReader.Exceptions;

namespace Hilmo.Codes;

/// <summary>
/// Reads an export from THL's code server (Koodistopalvelu), so that a list downloaded from THL can
/// stand in for a shipped one without editing. Exports come as <c>.xls</c> (BIFF) or <c>.xlsx</c>
/// workbooks, one row per code on the first sheet, or as a CSV with the same header.
/// </summary>
/// <remarks>
/// <para>Columns (see <c>data/codes/SOURCES.md</c>): <c>CodeId</c> is the code, <c>LongName</c> the
/// Finnish name (<c>ShortName</c> where <c>LongName</c> is empty), <c>A:Långt_namn</c> Swedish,
/// <c>A:Long_name</c> English, then <c>ParentId</c>, <c>HierarchyLevel</c>, <c>BeginningDate</c> and
/// <c>ExpiringDate</c>. Older exports (Ammattiluokitus 2001) have Finnish headers instead
/// (<c>Tunniste</c>, <c>Pitkä nimi</c>, <c>Ylempi koodi</c> ...), read the same way.</para>
/// <para>Every <c>A:</c> column becomes an attribute under its name without the prefix. Two of them
/// are also given under the names the shipped lists use, so code that reads a list does not care
/// where it came from: <c>A:Jatkohoito SPAT</c> (<c>T</c>/<c>F</c>) as <see cref="CodeEntry.FollowUpAttribute"/>
/// (<c>true</c>/<c>false</c>), and <c>A:Yhdistelymerkki</c> as <see cref="CodeEntry.CombinationMarkAttribute"/>.
/// The long texts (<c>ALONG:</c> columns: inclusions, exclusions, notes) are not carried.</para>
/// <para>Names are trimmed and runs of whitespace become one space, as in the shipped lists; codes
/// and dates are kept as THL gives them, placeholders such as 1900-01-01 included.</para>
/// </remarks>
internal static class ThlCodeServerExport
{
    private const string AttributePrefix = "A:";
    private const string FollowUpAttribute = "Jatkohoito SPAT";
    private const string CombinationMarkAttribute = "Yhdistelymerkki";

    private static readonly string[] CodeColumns = ["CodeId", "Tunniste"];
    private static readonly string[] LongNameColumns = ["LongName", "Pitkä nimi"];
    private static readonly string[] ShortNameColumns = ["ShortName", "Lyhyt nimi"];
    private static readonly string[] SwedishColumns = ["A:Långt_namn", "Långt_namn"];
    private static readonly string[] EnglishColumns = ["A:Long_name", "Long_name"];
    private static readonly string[] ParentColumns = ["ParentId", "Ylempi koodi"];
    private static readonly string[] LevelColumns = ["HierarchyLevel", "Hierarkiataso"];
    private static readonly string[] BeginningColumns = ["BeginningDate", "Voimassaolo alkaa"];
    private static readonly string[] ExpiringColumns = ["ExpiringDate", "Voimassaolo päättyy"];

    private static readonly string[] DateTextFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm",
        "d.M.yyyy", "d.M.yyyy H:mm:ss", "d.M.yyyy H.mm.ss", "d.M.yyyy H:mm", "d.M.yyyy H.mm",
    ];

    // .NET Core knows only Unicode encodings, and the .xls (BIFF) reader decodes text through a
    // legacy code page (Windows-1252 unless the workbook names another): without the provider an
    // .xls cannot be opened at all.
    static ThlCodeServerExport() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Whether a CSV header is THL's (it has <c>CodeId</c> or <c>Tunniste</c>) rather than the shipped layout.</summary>
    public static bool HasThlHeader(IReadOnlyList<string> header) => header.Any(column => Is(column, CodeColumns));

    /// <summary>Reads the first sheet of an <c>.xls</c> or <c>.xlsx</c> export.</summary>
    public static Classification ReadSpreadsheet(string path, string name)
    {
        using var stream = File.OpenRead(path);
        try
        {
            using var reader = ExcelReaderFactory.CreateReader(stream);
            return ReadSheet(path, name, reader);
        }
        catch (Exception e) when (e is ExcelReaderException or InvalidDataException or EndOfStreamException or NotSupportedException)
        {
            throw new CodeListException(path, $"cannot be read as an .xls or .xlsx workbook ({e.Message.TrimEnd('.')})");
        }
    }

    /// <summary>Reads an export saved as CSV; the caller has checked the header with <see cref="HasThlHeader"/>.</summary>
    public static Classification ReadCsv(CodeListCsv csv, string name)
    {
        var columns = Columns.Of(csv.Header, csv.HeaderLocation);
        var builder = new CodeListBuilder(csv.Path);
        var row = new object?[csv.Header.Count];
        while (csv.Read())
        {
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = csv.Text(i);
            }

            var location = csv.Location;
            builder.Add(columns.Entry(row, location), location);
        }

        return builder.Build(KnownClassifications.For(name), ClassificationStatus.Published);
    }

    /// <summary>
    /// The day an Excel serial number stands for, in the 1900 date system THL's workbooks use:
    /// 1 is 1900-01-01. Excel counts a 29 February 1900 that never was (serial 60), so serials
    /// from 61 on are one day behind a plain count. A fraction is the time of day and is dropped.
    /// </summary>
    /// <returns>The date, or null for a number that is no day (below 1, serial 60, past 9999-12-31).</returns>
    internal static DateOnly? FromExcelSerial(double serial)
    {
        if (!(serial >= 1 && serial < 2958466))
        {
            return null;
        }

        var day = (int)Math.Floor(serial);
        return day switch
        {
            < 60 => new DateOnly(1899, 12, 31).AddDays(day),
            60 => null,
            _ => new DateOnly(1899, 12, 30).AddDays(day),
        };
    }

    /// <summary>A name trimmed, with every run of whitespace (no-break spaces too) made one space; null when nothing is left.</summary>
    internal static string? NormalizeName(string? name)
    {
        if (name is null)
        {
            return null;
        }

        var trimmed = name.AsSpan().Trim();
        if (trimmed.IsEmpty)
        {
            return null;
        }

        if (!NeedsCollapsing(trimmed))
        {
            return trimmed.Length == name.Length ? name : trimmed.ToString();
        }

        var collapsed = new StringBuilder(trimmed.Length);
        var afterSpace = false;
        foreach (var c in trimmed)
        {
            var isSpace = char.IsWhiteSpace(c);
            if (!isSpace || !afterSpace)
            {
                collapsed.Append(isSpace ? ' ' : c);
            }

            afterSpace = isSpace;
        }

        return collapsed.ToString();
    }

    private static bool NeedsCollapsing(ReadOnlySpan<char> text)
    {
        var afterSpace = false;
        foreach (var c in text)
        {
            var isSpace = char.IsWhiteSpace(c);
            if (isSpace && (afterSpace || c != ' '))
            {
                return true;
            }

            afterSpace = isSpace;
        }

        return false;
    }

    private static Classification ReadSheet(string path, string name, IExcelDataReader reader)
    {
        if (!reader.Read())
        {
            throw CodeListLocation.Row(path, 1).Error("the sheet is empty; a THL export starts with a header row (CodeId, LongName ...)");
        }

        var header = new string[reader.FieldCount];
        for (var i = 0; i < header.Length; i++)
        {
            header[i] = Text(reader.GetValue(i)) ?? "";
        }

        var columns = Columns.Of(header, CodeListLocation.Row(path, 1));
        var builder = new CodeListBuilder(path);
        var row = new object?[header.Length];
        while (reader.Read())
        {
            var blank = true;
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.GetValue(i);
                blank &= Text(row[i]) is null;
            }

            // Workbooks often end in formatted but empty rows: they are layout, not codes.
            if (blank)
            {
                continue;
            }

            var location = CodeListLocation.Row(path, reader.Depth + 1);
            builder.Add(columns.Entry(row, location), location);
        }

        return builder.Build(KnownClassifications.For(name), ClassificationStatus.Published);
    }

    private static bool Is(string column, string[] names) =>
        names.Any(name => string.Equals(column.Trim(), name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A cell as text: trimmed, null when empty; numbers and dates written invariantly.</summary>
    private static string? Text(object? cell)
    {
        switch (cell)
        {
            case null:
                return null;
            case string text:
                var trimmed = text.Trim();
                return trimmed.Length == 0 ? null : trimmed;
            case DateTime dateTime:
                return dateTime.TimeOfDay == TimeSpan.Zero
                    ? dateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : dateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
            case bool flag:
                return flag ? "true" : "false";
            case IFormattable formattable:
                return formattable.ToString(null, CultureInfo.InvariantCulture);
            default:
                return cell.ToString();
        }
    }

    /// <summary>Where THL's columns are in one export's header.</summary>
    private sealed class Columns
    {
        private readonly string[] header;
        private readonly int code, longName, shortName, swedish, english, parent, level, beginning, expiring, followUp, combinationMark;
        private readonly (int Index, string Name)[] attributes;

        private Columns(string[] header, CodeListLocation headerLocation)
        {
            this.header = header;
            code = Find(CodeColumns);
            longName = Find(LongNameColumns);
            shortName = Find(ShortNameColumns);
            if (code < 0 || (longName < 0 && shortName < 0))
            {
                throw headerLocation.Error(
                    $"the header has no {(code < 0 ? "CodeId" : "LongName or ShortName")} column; a THL export has CodeId, LongName, ParentId ... (it has {string.Join(", ", header)})");
            }

            swedish = Find(SwedishColumns);
            english = Find(EnglishColumns);
            parent = Find(ParentColumns);
            level = Find(LevelColumns);
            beginning = Find(BeginningColumns);
            expiring = Find(ExpiringColumns);

            var named = new List<(int Index, string Name)>();
            for (var i = 0; i < header.Length; i++)
            {
                var column = header[i].Trim();
                if (!column.StartsWith(AttributePrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                var attribute = column[AttributePrefix.Length..].Trim();
                if (named.Any(a => a.Name == attribute))
                {
                    throw headerLocation.Error($"the header has the attribute column '{column}' twice");
                }

                named.Add((i, attribute));
            }

            attributes = [.. named];
            followUp = AttributeColumn(FollowUpAttribute);
            combinationMark = AttributeColumn(CombinationMarkAttribute);

            int Find(string[] names) => Array.FindIndex(header, column => Is(column, names));
            int AttributeColumn(string name) => named.Where(a => a.Name == name).Select(a => a.Index).DefaultIfEmpty(-1).First();
        }

        public static Columns Of(IReadOnlyList<string> header, CodeListLocation headerLocation) => new([.. header], headerLocation);

        public CodeEntry Entry(object?[] row, CodeListLocation location)
        {
            var codeText = Text(Cell(row, code)) ?? throw location.Error($"the code ({header[code]}) is empty");
            var finnishName = NormalizeName(Text(Cell(row, longName))) ?? NormalizeName(Text(Cell(row, shortName)))
                ?? throw location.Error($"code {codeText} has no name (LongName or ShortName)");
            return new CodeEntry(
                codeText,
                new LocalizedText(finnishName, NormalizeName(Text(Cell(row, swedish))), NormalizeName(Text(Cell(row, english)))),
                Text(Cell(row, parent)),
                Level(row, location),
                Date(row, beginning, location),
                Date(row, expiring, location),
                Attributes(row));
        }

        private static object? Cell(object?[] row, int index) => index < 0 || index >= row.Length ? null : row[index];

        private int? Level(object?[] row, CodeListLocation location)
        {
            var cell = Cell(row, level);
            if (cell is double number)
            {
                return number >= 0 && number <= int.MaxValue && number == Math.Floor(number)
                    ? (int)number
                    : throw location.Error($"{header[level]} '{Text(cell)}' is not a hierarchy level (0, 1, 2 ...)");
            }

            var text = Text(cell);
            if (text is null)
            {
                return null;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw location.Error($"{header[level]} '{text}' is not a hierarchy level (0, 1, 2 ...)");
        }

        private DateOnly? Date(object?[] row, int column, CodeListLocation location)
        {
            var cell = Cell(row, column);
            switch (cell)
            {
                case DateTime dateTime:
                    return DateOnly.FromDateTime(dateTime);
                case double serial:
                    return FromExcelSerial(serial) ?? throw NotADate();
            }

            var text = Text(cell);
            if (text is null)
            {
                return null;
            }

            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var serialText))
            {
                return FromExcelSerial(serialText) ?? throw NotADate();
            }

            return DateTime.TryParseExact(text, DateTextFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                ? DateOnly.FromDateTime(parsed)
                : throw NotADate();

            CodeListException NotADate() => location.Error(
                $"{header[column]} '{Text(cell)}' is not a date (yyyy-mm-dd, d.m.yyyy or an Excel day number)");
        }

        private IReadOnlyDictionary<string, string> Attributes(object?[] row)
        {
            Dictionary<string, string>? values = null;
            foreach (var (index, name) in attributes)
            {
                if (Text(Cell(row, index)) is { } value)
                {
                    (values ??= new Dictionary<string, string>(StringComparer.Ordinal)).Add(name, value);
                }
            }

            if (followUp >= 0)
            {
                // THL marks follow-up codes T; F and empty (the occupational-health codes added
                // from 2019) both mean "not follow-up", as in the shipped spat.csv.
                var marked = string.Equals(Text(Cell(row, followUp)), "T", StringComparison.OrdinalIgnoreCase);
                (values ??= new Dictionary<string, string>(StringComparer.Ordinal))[CodeEntry.FollowUpAttribute] = marked ? "true" : "false";
            }

            if (combinationMark >= 0 && Text(Cell(row, combinationMark)) is { } mark)
            {
                (values ??= new Dictionary<string, string>(StringComparer.Ordinal))[CodeEntry.CombinationMarkAttribute] = mark;
            }

            return (IReadOnlyDictionary<string, string>?)values ?? ReadOnlyDictionary<string, string>.Empty;
        }
    }
}
