namespace Hilmo.Statistics.Outputs;

/// <summary>The names a user gives a format (<c>?format=px</c>, <c>--format csv-fi</c>), and each format's content type and file extension.</summary>
public static class StatisticsFormats
{
    private static readonly (string Name, StatisticsFormat Format)[] Names =
    [
        ("json-stat", StatisticsFormat.JsonStat),
        ("jsonstat", StatisticsFormat.JsonStat),
        // PxWeb calls JSON-stat 2.0 "json-stat2" (?format=json-stat2); its clients send that name.
        ("json-stat2", StatisticsFormat.JsonStat),
        ("csv", StatisticsFormat.Csv),
        ("csv-fi", StatisticsFormat.CsvFinnishExcel),
        ("csv-excel", StatisticsFormat.CsvFinnishExcel),
        ("px", StatisticsFormat.Px),
        ("xlsx", StatisticsFormat.Xlsx),
    ];

    /// <summary>The canonical names, for help texts and error messages.</summary>
    public static IReadOnlyList<string> CanonicalNames { get; } = [.. Enum.GetValues<StatisticsFormat>().Select(NameOf)];

    /// <summary>The format a name stands for, case-insensitively; false for a name no format has.</summary>
    public static bool TryParse(string? name, out StatisticsFormat format)
    {
        foreach (var (known, knownFormat) in Names)
        {
            if (string.Equals(known, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                format = knownFormat;
                return true;
            }
        }

        format = default;
        return false;
    }

    /// <summary>The name <see cref="TryParse"/> reads back as <paramref name="format"/>.</summary>
    public static string NameOf(StatisticsFormat format) => format switch
    {
        StatisticsFormat.JsonStat => "json-stat",
        StatisticsFormat.Csv => "csv",
        StatisticsFormat.CsvFinnishExcel => "csv-fi",
        StatisticsFormat.Px => "px",
        StatisticsFormat.Xlsx => "xlsx",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>The media type of an answer in <paramref name="format"/>.</summary>
    public static string ContentTypeOf(StatisticsFormat format) => format switch
    {
        // JSON-stat has no media type of its own; its documents are served as JSON.
        StatisticsFormat.JsonStat => "application/json",
        StatisticsFormat.Csv or StatisticsFormat.CsvFinnishExcel => "text/csv; charset=utf-8",
        // PC-Axis has no registered media type; a PX file is a download, not a page to show.
        StatisticsFormat.Px => "application/octet-stream",
        StatisticsFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>The file name extension, with its dot.</summary>
    public static string FileExtensionOf(StatisticsFormat format) => format switch
    {
        StatisticsFormat.JsonStat => ".json",
        StatisticsFormat.Csv or StatisticsFormat.CsvFinnishExcel => ".csv",
        StatisticsFormat.Px => ".px",
        StatisticsFormat.Xlsx => ".xlsx",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
