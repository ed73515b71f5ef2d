using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CsvHelper;

namespace Hilmo.Codes;

/// <summary>
/// A code list CSV file opened for reading: RFC 4180 quoting, UTF-8 with or without a byte order
/// mark, one header row, and every record exactly as wide as the header. The separator is the one
/// the header line uses: shipped lists use commas, but a THL export saved from a spreadsheet with
/// Finnish settings uses semicolons. Every problem is reported with the file and line.
/// </summary>
internal sealed class CodeListCsv : IDisposable
{
    private readonly CsvReader reader;
    private readonly string[] header;

    private CodeListCsv(string path, CsvReader reader, string[] header)
    {
        Path = path;
        this.reader = reader;
        this.header = header;
    }

    public string Path { get; }

    public IReadOnlyList<string> Header => header;

    /// <summary>The line where the current record starts.</summary>
    public CodeListLocation Location => CodeListLocation.Line(Path, reader.LineNumber);

    public CodeListLocation HeaderLocation => CodeListLocation.Line(Path, 1);

    /// <remarks>
    /// The whole file is read at once: the lists are a few megabytes, and holding the bytes lets
    /// the reader check that they are UTF-8 (a CSV saved by a spreadsheet in Windows-1252 would
    /// otherwise turn every "ä" into a replacement character without a word) and parse in place.
    /// </remarks>
    public static CodeListCsv Open(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (!Utf8.IsValid(bytes))
        {
            throw CodeListLocation.Line(path, LineOfFirstInvalidUtf8(bytes)).Error(
                "the file is not UTF-8; save it as UTF-8 (in Excel: \"CSV UTF-8\")");
        }

        var options = CsvReaderOptions.Default with
        {
            Separator = SeparatorOfHeaderLine(bytes),
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            PoolStrings = true,
        };
        var reader = CsvReader.Create(bytes, options);
        try
        {
            var header = ReadHeader(path, reader);
            return new CodeListCsv(path, reader, header);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Moves to the next record; false at the end of the file.</summary>
    public bool Read()
    {
        bool read;
        try
        {
            read = reader.Read();
        }
        catch (CsvFormatException e)
        {
            throw CodeListLocation.Line(Path, e.LineNumber).Error(e.Message.TrimEnd('.'));
        }

        if (read && reader.FieldCount != header.Length)
        {
            throw Location.Error($"the record has {reader.FieldCount} fields but the header has {header.Length}");
        }

        return read;
    }

    /// <summary>The index of <paramref name="column"/> in the header, or -1.</summary>
    public int ColumnIndex(string column) => Array.IndexOf(header, column);

    public int RequiredColumn(string column)
    {
        var index = ColumnIndex(column);
        return index >= 0
            ? index
            : throw HeaderLocation.Error($"the header has no '{column}' column (it has {string.Join(", ", header)})");
    }

    /// <summary>The field as written, or null when it is empty (an empty field means the source has no value).</summary>
    public string? Text(int column) => column < 0 || reader.IsEmpty(column) ? null : reader.GetString(column);

    /// <summary>An ISO date (<c>yyyy-mm-dd</c>), or null when the field is empty.</summary>
    public DateOnly? IsoDate(int column, string columnName)
    {
        if (column < 0 || reader.IsEmpty(column))
        {
            return null;
        }

        var utf8 = reader.GetSpan(column);
        Span<char> chars = stackalloc char[10];
        if (utf8.Length == chars.Length
            && Encoding.UTF8.GetChars(utf8, chars) == chars.Length
            && DateOnly.TryParseExact(chars, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        throw Location.Error($"{columnName} '{reader.GetString(column)}' is not a date in the form yyyy-mm-dd");
    }

    /// <summary>A hierarchy level (0 or more), or null when the field is empty.</summary>
    public int? Level(int column, string columnName)
    {
        if (column < 0 || reader.IsEmpty(column))
        {
            return null;
        }

        var utf8 = reader.GetSpan(column);
        return Utf8Parser.TryParse(utf8, out int level, out var consumed) && consumed == utf8.Length && level >= 0
            ? level
            : throw Location.Error($"{columnName} '{reader.GetString(column)}' is not a hierarchy level (0, 1, 2 ...)");
    }

    public void Dispose() => reader.Dispose();

    private static string[] ReadHeader(string path, CsvReader reader)
    {
        string[] header;
        try
        {
            header = [.. reader.Headers];
        }
        catch (CsvFormatException e)
        {
            throw CodeListLocation.Line(path, Math.Max(e.LineNumber, 1)).Error(e.Message.TrimEnd('.'));
        }

        if (header.Length == 0)
        {
            throw CodeListLocation.Line(path, 1).Error("the file is empty; a code list starts with a header row");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in header)
        {
            if (!seen.Add(column))
            {
                throw CodeListLocation.Line(path, 1).Error($"the header has the column '{column}' twice");
            }
        }

        return header;
    }

    private static char SeparatorOfHeaderLine(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOfAny((byte)'\r', (byte)'\n');
        var line = end < 0 ? bytes : bytes[..end];
        int commas = line.Count((byte)','), semicolons = line.Count((byte)';'), tabs = line.Count((byte)'\t');
        return semicolons > commas && semicolons >= tabs ? ';'
            : tabs > commas && tabs > semicolons ? '\t'
            : ',';
    }

    private static long LineOfFirstInvalidUtf8(byte[] bytes)
    {
        var chars = new char[bytes.Length];
        Utf8.ToUtf16(bytes, chars, out var valid, out _, replaceInvalidSequences: false);
        return bytes.AsSpan(0, valid).Count((byte)'\n') + 1;
    }
}
