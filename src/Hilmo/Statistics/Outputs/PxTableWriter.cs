using System.Globalization;
using System.Text;

namespace Hilmo.Statistics.Outputs;

/// <summary>
/// Writes a table as a PC-Axis (PX) file that PxWeb reads: UTF-8 declared with
/// <c>CODEPAGE="utf-8"</c>, the asked language as <c>LANGUAGE</c> and the other two as
/// <c>KEYWORD[sv]=</c> variants, the dimensions as the stub and the measures as the heading
/// (<c>CONTVARIABLE</c>), so each line of <c>DATA</c> is one cell's measures. Keywords come in
/// the order the PX specification (2013) lists them.
/// </summary>
/// <remarks>
/// <para>
/// A figure that is not published is a dot code in <c>DATA</c>: <c>".."</c> for every
/// suppression, <c>"."</c> for not applicable, shown as themselves (<c>DATASYMBOL2</c>,
/// <c>DATASYMBOL1</c>), and a sum a PxWeb reader makes over one is shown <c>..</c> too
/// (<c>DATASYMBOLSUM</c>, <c>DATANOTESUM</c>).
/// </para>
/// <para>
/// A time dimension gets <c>TIMEVAL</c> when its periods are years, quarters, months
/// or ISO weeks (<c>2025</c>, <c>2025-Q1</c>, <c>2025-03</c>, <c>2025-W09</c>, written
/// <c>2025</c>, <c>2025Q1</c>, <c>2025M03</c>, <c>2025W09</c> with <c>TLIST(A1)</c>,
/// <c>TLIST(Q1)</c>, <c>TLIST(M1)</c>, <c>TLIST(W1)</c>). A PX time variable holds periods only
/// (PxWeb sorts and charts them as time), so the total over the whole span that the register's
/// time dimensions carry is left out of the PX file; JSON-stat, CSV and XLSX keep it. Days have
/// no time scale in PX, so a daily dimension has no <c>TIMEVAL</c> and keeps its total.
/// </para>
/// </remarks>
public static class PxTableWriter
{
    /// <summary>Dates in PX carry no zone; they are Finnish time (<see cref="FinnishTime"/>).</summary>
    private const string PxDateFormat = "yyyyMMdd HH:mm";

    private static readonly IReadOnlyList<string> NoSubkeys = [];

    public static Task WriteAsync(StatisticsTable table, string language, Stream output, CancellationToken cancellationToken) =>
        WriteAsync(table, language, output, TimeProvider.System, cancellationToken);

    /// <summary>As the public overload, with the clock that gives <c>CREATION-DATE</c>, the time the file is made.</summary>
    internal static async Task WriteAsync(StatisticsTable table, string language, Stream output, TimeProvider clock, CancellationToken cancellationToken)
    {
        var main = TableInLanguage.Of(table, language);
        ArgumentNullException.ThrowIfNull(output);
        var languages = new List<(TableInLanguage View, string? Tag)> { (main, null) };
        languages.AddRange(TableLanguages.All.Where(l => l != language).Select(l => (main.In(l), (string?)l)));

        await using var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true) { NewLine = "\r\n" };
        var px = new PxKeywordWriter(text);
        var metadata = main.Metadata;
        var measures = main.Measures;
        var variables = main.Dimensions.Select((d, i) => PxVariable.Of(d, i)).ToList();

        // No CHARSET: its one value, "ANSI", claims the Windows code page, which a UTF-8 file is
        // not. CODEPAGE names the actual encoding, and PxWeb reads it before anything else.
        await px.TextAsync("AXIS-VERSION", null, "2013");
        await px.TextAsync("CODEPAGE", null, "utf-8");
        await px.TextAsync("LANGUAGE", null, language);
        await px.ListAsync("LANGUAGES", null, NoSubkeys, languages.Select(l => l.View.Language));
        await px.TextAsync("CREATION-DATE", null, PxDate(clock.GetUtcNow()));
        await EachLanguageAsync(languages, (view, tag) => px.TextAsync("UPDATE-FREQUENCY", tag, view.Text(UpdateFrequency(metadata))));

        // DECIMALS is what the file holds, SHOWDECIMALS what is shown, and PRECISION below
        // raises it for the measures that have more, so each measure shows its own decimals.
        var showDecimals = measures.Min(m => m.Decimals);
        await px.NumberAsync("DECIMALS", null, NoSubkeys, measures.Max(m => m.Decimals));
        await px.NumberAsync("SHOWDECIMALS", null, NoSubkeys, showDecimals);
        await px.TextAsync("MATRIX", null, MatrixName(metadata.Report));
        await px.TextAsync("SUBJECT-CODE", null, "HILMO");
        await EachLanguageAsync(languages, (view, tag) => px.TextAsync("SUBJECT-AREA", tag, view.Text(OutputTexts.SubjectArea)));
        await EachLanguageAsync(languages, (view, tag) => px.TextAsync("TITLE", tag, view.Text(metadata.Title)));
        await EachLanguageAsync(languages, (view, tag) => px.TextAsync("CONTENTS", tag, view.Text(metadata.Title)));
        if (main.Dimensions.Count > 0)
        {
            await EachLanguageAsync(languages, (view, tag) => px.ListAsync("STUB", tag, NoSubkeys, DimensionLabels(view)));
        }

        await EachLanguageAsync(languages, (view, tag) => px.ListAsync("HEADING", tag, NoSubkeys, [MeasureVariable(view)]));
        await EachLanguageAsync(languages, (view, tag) => px.TextAsync("CONTVARIABLE", tag, MeasureVariable(view)));
        foreach (var variable in variables)
        {
            await EachLanguageAsync(languages, (view, tag) =>
                px.ListAsync("VALUES", tag, [view.DimensionLabel(variable.Dimension)], variable.Categories.Select(c => view.CategoryLabel(variable.Dimension, c))));
        }

        await EachLanguageAsync(languages, (view, tag) =>
            px.ListAsync("VALUES", tag, [MeasureVariable(view)], Enumerable.Range(0, measures.Count).Select(view.MeasureLabel)));
        await EachLanguageAsync(languages, (view, tag) =>
            px.TextAsync("UNITS", tag, string.Join(", ", Enumerable.Range(0, measures.Count).Select(view.MeasureUnit).Distinct(StringComparer.Ordinal))));
        await EachMeasureAsync(languages, measures.Count, (view, tag, m) => px.TextAsync("UNITS", tag, [view.MeasureLabel(m)], view.MeasureUnit(m)));
        foreach (var variable in variables.Where(v => v.TimeList is not null))
        {
            await EachLanguageAsync(languages, (view, tag) =>
                px.KeywordAsync("TIMEVAL", tag, [view.DimensionLabel(variable.Dimension)], variable.TimeList!));
        }

        foreach (var variable in variables)
        {
            await EachLanguageAsync(languages, (view, tag) =>
                px.ListAsync("CODES", tag, [view.DimensionLabel(variable.Dimension)], variable.Categories.Select(c => view.Dimensions[variable.Dimension].Categories[c].Code)));
        }

        await EachLanguageAsync(languages, (view, tag) =>
            px.ListAsync("CODES", tag, [MeasureVariable(view)], measures.Select(m => m.Code)));
        foreach (var variable in variables.Where(v => v.Hierarchy is not null))
        {
            await EachLanguageAsync(languages, (view, tag) =>
                px.KeywordAsync("HIERARCHIES", tag, [view.DimensionLabel(variable.Dimension)], variable.Hierarchy!.Pairs));
            await EachLanguageAsync(languages, (view, tag) =>
                px.NumberAsync("HIERARCHYLEVELS", tag, [view.DimensionLabel(variable.Dimension)], variable.Hierarchy!.Levels));
        }

        // A sum over a dimension's categories is the dimension's total only for counts of
        // events: people are counted once in a total but in each category they fall in, and a
        // share or a median does not add up at all.
        var summable = measures.All(m => m.Kind == MeasureKind.AdditiveCount);
        foreach (var variable in variables)
        {
            if (variable.Total is { } total)
            {
                await EachLanguageAsync(languages, (view, tag) =>
                    px.TextAsync("ELIMINATION", tag, [view.DimensionLabel(variable.Dimension)], view.CategoryLabel(variable.Dimension, total)));
            }
            else if (summable && variable.IsFlat)
            {
                await EachLanguageAsync(languages, (view, tag) =>
                    px.KeywordAsync("ELIMINATION", tag, [view.DimensionLabel(variable.Dimension)], [PxToken.Bare("YES")]));
            }
        }

        await EachMeasureAsync(languages, measures.Count, (view, tag, m) => measures[m].Decimals > showDecimals
            ? px.NumberAsync("PRECISION", tag, [MeasureVariable(view), view.MeasureLabel(m)], measures[m].Decimals)
            : Task.CompletedTask);
        await EachMeasureAsync(languages, measures.Count, (view, tag, m) =>
            px.TextAsync("LAST-UPDATED", tag, [view.MeasureLabel(m)], PxDate(metadata.Updated)));
        await EachLanguageAsync(languages, (view, tag) => px.TextAsync("CONTACT", tag, view.Text(OutputTexts.Contact)));
        await EachLanguageAsync(languages, (view, tag) => px.TextAsync("SOURCE", tag, view.Text(metadata.Source)));
        await EachLanguageAsync(languages, (view, tag) => px.TextAsync("NOTE", tag, Note(view)));
        await EachLanguageAsync(languages, (view, tag) => px.TextAsync("DATASYMBOL1", tag, CellMarks.NotApplicable));
        await EachLanguageAsync(languages, (view, tag) => px.TextAsync("DATASYMBOL2", tag, CellMarks.Suppressed));

        // A sum a reader makes in PxWeb over a withheld figure would give the figure away (the
        // sum less the others), so such a sum is shown as withheld, not as a number.
        await EachLanguageAsync(languages, (view, tag) => px.TextAsync("DATASYMBOLSUM", tag, CellMarks.Suppressed));
        await EachLanguageAsync(languages, (view, tag) => px.TextAsync("DATANOTESUM", tag, CellMarks.Suppressed));
        await px.DataAsync(DataRows(main, variables, cancellationToken));
        await text.FlushAsync(cancellationToken);
    }

    private static async Task EachLanguageAsync(List<(TableInLanguage View, string? Tag)> languages, Func<TableInLanguage, string?, Task> write)
    {
        foreach (var (view, tag) in languages)
        {
            await write(view, tag);
        }
    }

    /// <summary>A keyword per measure, its three languages together.</summary>
    private static async Task EachMeasureAsync(List<(TableInLanguage View, string? Tag)> languages, int measures, Func<TableInLanguage, string?, int, Task> write)
    {
        for (var m = 0; m < measures; m++)
        {
            foreach (var (view, tag) in languages)
            {
                await write(view, tag, m);
            }
        }
    }

    private static string MeasureVariable(TableInLanguage view) => view.Text(OutputTexts.MeasureDimension);

    private static IEnumerable<string> DimensionLabels(TableInLanguage view) =>
        Enumerable.Range(0, view.Dimensions.Count).Select(view.DimensionLabel);

    private static IEnumerable<string> CategoryLabels(TableInLanguage view, int dimension) =>
        Enumerable.Range(0, view.Dimensions[dimension].Categories.Count).Select(c => view.CategoryLabel(dimension, c));

    /// <summary>The description, then the notes: PX has one note text for the table.</summary>
    private static string Note(TableInLanguage view) =>
        string.Join(" ", view.Metadata.Notes.Select(view.Text).Prepend(view.Text(view.Metadata.Description)).Where(t => t.Length > 0));

    /// <summary>The report name with only letters, digits and underscores, which every PX tool takes as a file name.</summary>
    private static string MatrixName(string report) =>
        string.Concat(report.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'));

    private static string PxDate(DateTimeOffset time) => FinnishTime.Of(time).ToString(PxDateFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// One row per cell the file holds, in the table's order, each the cell's measures: the stub
    /// varies slowest, as PX reads <c>DATA</c>. A cell in a category the file leaves out (a time
    /// dimension's total) is skipped.
    /// </summary>
    private static IEnumerable<IReadOnlyList<string>> DataRows(TableInLanguage view, IReadOnlyList<PxVariable> variables, CancellationToken cancellationToken)
    {
        var formats = view.Measures.Select(m => "F" + m.Decimals.ToString(CultureInfo.InvariantCulture)).ToArray();
        var held = variables.Select(v => v.Holds(view.Dimensions[v.Dimension].Categories.Count)).ToArray();
        var row = new string[view.Measures.Count];
        for (var cell = 0; cell < view.Table.CellCount; cell++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!IsHeld(view.Table, held, cell))
            {
                continue;
            }

            for (var m = 0; m < row.Length; m++)
            {
                var entry = view.Entry(cell, m);
                row[m] = entry.Mark is { } mark ? '"' + mark + '"' : entry.Value.ToString(formats[m], CultureInfo.InvariantCulture);
            }

            yield return row;
        }
    }

    private static bool IsHeld(StatisticsTable table, bool[][] held, int cell)
    {
        for (var d = 0; d < held.Length; d++)
        {
            if (!held[d][table.CategoryOf(cell, d)])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>What the file says about how often the table changes: a release is frozen, a live table follows the data.</summary>
    private static LocalizedText UpdateFrequency(ReportMetadata metadata) =>
        metadata.Release is null ? OutputTexts.UpdatedContinuously : OutputTexts.ReleaseNotUpdated;
}
