namespace Hilmo.Statistics.Outputs;

/// <summary>How a CSV file separates fields and writes decimals.</summary>
public enum CsvDialect
{
    /// <summary>Comma separator, decimal point, no byte order mark: what programs read.</summary>
    International,

    /// <summary>
    /// Semicolon separator and decimal comma, with a UTF-8 byte order mark: Excel with Finnish
    /// settings splits on semicolons, reads "1,5" as a number, and takes the file for the local
    /// ANSI code page unless the mark says UTF-8.
    /// </summary>
    FinnishExcel,
}
