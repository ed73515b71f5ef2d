using System.Globalization;
using CsvHelper;

namespace Hilmo.Statistics.Outputs;

/// <summary>
/// Writes a table as CSV, one row per cell (see <see cref="FlatTable"/>), quoted per RFC 4180.
/// A suppressed figure is written <c>..</c> and one that does not exist <c>.</c>; a published
/// figure with its measure's decimals and no thousands separator.
/// </summary>
public static class CsvTableWriter
{
    /// <summary>
    /// Invariant digits with a decimal comma. Not the fi-FI culture: it writes negative numbers
    /// with U+2212 MINUS SIGN, which Excel does not read as a number.
    /// </summary>
    private static readonly NumberFormatInfo DecimalComma = NumberFormatInfo.ReadOnly(new NumberFormatInfo { NumberDecimalSeparator = ",", NegativeSign = "-" });

    public static async Task WriteAsync(StatisticsTable table, string language, CsvDialect dialect, Stream output, CancellationToken cancellationToken)
    {
        var flat = new FlatTable(TableInLanguage.Of(table, language));
        ArgumentNullException.ThrowIfNull(output);
        var numbers = dialect switch
        {
            CsvDialect.International => NumberFormatInfo.InvariantInfo,
            CsvDialect.FinnishExcel => DecimalComma,
            _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, null),
        };

        // Text fields are not escaped against formula injection: every label comes from the
        // register's code lists and report definitions, not from submitters, and escaping would
        // change labels such as "-14 v".
        var options = CsvWriterOptions.Default with
        {
            Separator = dialect == CsvDialect.FinnishExcel ? ';' : ',',
            WriteByteOrderMark = dialect == CsvDialect.FinnishExcel,
        };
        await using var csv = CsvWriter.Create(output, options, leaveOpen: true);
        csv.WriteHeader([.. flat.ColumnNames()]);
        var view = flat.View;
        for (var cell = 0; cell < view.Table.CellCount; cell++)
        {
            foreach (var field in flat.DimensionFields(cell))
            {
                csv.WriteField(field);
            }

            for (var m = 0; m < view.Measures.Count; m++)
            {
                var entry = view.Entry(cell, m);
                csv.WriteField(entry.Mark ?? entry.Value.ToString("F" + view.Measures[m].Decimals.ToString(CultureInfo.InvariantCulture), numbers));
            }

            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }
}
