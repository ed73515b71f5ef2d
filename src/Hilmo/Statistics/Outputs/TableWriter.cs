namespace Hilmo.Statistics.Outputs;

/// <summary>The one way the command line and the HTTP API write a table in a format.</summary>
public static class TableWriter
{
    /// <summary>Writes <paramref name="table"/> to <paramref name="output"/>, which stays open.</summary>
    /// <param name="table">The table, suppression already applied: the writers print what it holds.</param>
    /// <param name="format">The file format.</param>
    /// <param name="language"><c>fi</c>, <c>sv</c> or <c>en</c>; a PX file holds all three, with this one as its default.</param>
    /// <param name="output">Where the bytes go.</param>
    /// <param name="cancellationToken">Stops the write; what was written is then incomplete.</param>
    /// <exception cref="ArgumentException"><paramref name="language"/> is not one of <see cref="TableLanguages.All"/>.</exception>
    /// <exception cref="InvalidOperationException">The table has a cell with neither a figure nor a mark, codes that repeat, or (XLSX) more rows than a worksheet holds.</exception>
    public static Task WriteAsync(StatisticsTable table, StatisticsFormat format, string language, Stream output, CancellationToken cancellationToken) => format switch
    {
        StatisticsFormat.JsonStat => JsonStatWriter.WriteAsync(table, language, output, cancellationToken),
        StatisticsFormat.Csv => CsvTableWriter.WriteAsync(table, language, CsvDialect.International, output, cancellationToken),
        StatisticsFormat.CsvFinnishExcel => CsvTableWriter.WriteAsync(table, language, CsvDialect.FinnishExcel, output, cancellationToken),
        StatisticsFormat.Px => PxTableWriter.WriteAsync(table, language, output, cancellationToken),
        StatisticsFormat.Xlsx => XlsxTableWriter.WriteAsync(table, language, output, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
