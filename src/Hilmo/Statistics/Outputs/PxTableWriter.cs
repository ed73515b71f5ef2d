using System.Globalization;
using System.Text;

namespace Hilmo.Statistics.Outputs;

/// <summary>
/// Writes a table as a PC-Axis (PX) file that PxWeb reads: UTF-8 declared with
/// <c>CODEPAGE="utf-8"</c>, the asked language as <c>LANGUAGE</c> and the other two as
/// <c>KEYWORD[sv]=</c> variants, the dimensions as the stub and the measures as the heading
/// (<c>CONTVARIABLE</c>), so each line of <c>DATA</c> is one cell's measures. Keywords come in
/// the order the PX specification lists them.
/// </summary>
/// <remarks>
/// A figure that is not published is a dot code in <c>DATA</c>: <c>".."</c> for every
/// suppression, <c>"."</c> for not applicable, shown as themselves (<c>DATASYMBOL2</c>,
/// <c>DATASYMBOL1</c>). A time dimension gets <c>TIMEVAL</c> when its codes are all years
/// (<c>2025</c>, <c>TLIST(A1)</c>) or all months (<c>2025-03</c>, written <c>2025M03</c> with
/// <c>TLIST(M1)</c>); any other code, such as a total over months, does not fit a time list,
/// and the dimension is written with its values and codes only.
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

        // CHARSET="ANSI" says the texts are not in the DOS code page; CODEPAGE names the actual
        // encoding, which PxWeb reads before anything else to decode the file.
        await px.TextAsync("CHARSET", null, "ANSI");
        await px.TextAsync("AXIS-VERSION", null, "2013");
        await px.TextAsync("CODEPAGE", null, "utf-8");
        await px.TextAsync("LANGUAGE", null, language);
        await px.ListAsync("LANGUAGES", null, NoSubkeys, languages.Select(l => l.View.Language));
        await px.TextAsync("CREATION-DATE", null, PxDate(clock.GetUtcNow()));

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
        for (var d = 0; d < main.Dimensions.Count; d++)
        {
            var dimension = d;
            await EachLanguageAsync(languages, (view, tag) =>
                px.ListAsync("VALUES", tag, [view.DimensionLabel(dimension)], CategoryLabels(view, dimension)));
        }

        await EachLanguageAsync(languages, (view, tag) =>
            px.ListAsync("VALUES", tag, [MeasureVariable(view)], Enumerable.Range(0, measures.Count).Select(view.MeasureLabel)));
        await EachLanguageAsync(languages, (view, tag) =>
            px.TextAsync("UNITS", tag, string.Join(", ", Enumerable.Range(0, measures.Count).Select(view.MeasureUnit).Distinct(StringComparer.Ordinal))));
        await EachMeasureAsync(languages, measures.Count, (view, tag, m) => px.TextAsync("UNITS", tag, [view.MeasureLabel(m)], view.MeasureUnit(m)));
        for (var d = 0; d < main.Dimensions.Count; d++)
        {
            if (main.Dimensions[d].Role == DimensionRole.Time && TimeList(main.Dimensions[d]) is { } timeList)
            {
                var dimension = d;
                await EachLanguageAsync(languages, (view, tag) =>
                    px.KeywordAsync("TIMEVAL", tag, [view.DimensionLabel(dimension)], timeList));
            }
        }

        for (var d = 0; d < main.Dimensions.Count; d++)
        {
            var dimension = d;
            await EachLanguageAsync(languages, (view, tag) =>
                px.ListAsync("CODES", tag, [view.DimensionLabel(dimension)], view.Dimensions[dimension].Categories.Select(c => c.Code)));
        }

        await EachLanguageAsync(languages, (view, tag) =>
            px.ListAsync("CODES", tag, [MeasureVariable(view)], measures.Select(m => m.Code)));
        for (var d = 0; d < main.Dimensions.Count; d++)
        {
            if (TotalOf(main.Dimensions[d]) is { } total)
            {
                var dimension = d;
                await EachLanguageAsync(languages, (view, tag) =>
                    px.TextAsync("ELIMINATION", tag, [view.DimensionLabel(dimension)], view.CategoryLabel(dimension, total)));
            }
        }

        await EachMeasureAsync(languages, measures.Count, (view, tag, m) => measures[m].Decimals > showDecimals
            ? px.NumberAsync("PRECISION", tag, [MeasureVariable(view), view.MeasureLabel(m)], measures[m].Decimals)
            : Task.CompletedTask);
        await EachMeasureAsync(languages, measures.Count, (view, tag, m) =>
            px.TextAsync("LAST-UPDATED", tag, [view.MeasureLabel(m)], PxDate(metadata.Updated)));
        await EachLanguageAsync(languages, (view, tag) => px.TextAsync("SOURCE", tag, view.Text(metadata.Source)));
        await EachLanguageAsync(languages, (view, tag) => px.TextAsync("NOTE", tag, Note(view)));
        await EachLanguageAsync(languages, (view, tag) => px.TextAsync("DATASYMBOL1", tag, CellMarks.NotApplicable));
        await EachLanguageAsync(languages, (view, tag) => px.TextAsync("DATASYMBOL2", tag, CellMarks.Suppressed));
        await px.DataAsync(DataRows(main, cancellationToken));
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

    /// <summary>The dimension's one top total, for PxWeb to show when the dimension is left out; null without one.</summary>
    private static int? TotalOf(TableDimension dimension)
    {
        var tops = dimension.Categories.Select((c, i) => (c, i)).Where(x => x.c.Parent is null).ToList();
        return tops.Count == 1 && dimension.Categories.Count > 1 ? tops[0].i : null;
    }

    /// <summary><c>TLIST(A1)</c> or <c>TLIST(M1)</c> and the periods, or null when a code is neither a year nor a month.</summary>
    private static List<PxToken>? TimeList(TableDimension dimension)
    {
        var codes = dimension.Categories.Select(c => c.Code).ToList();
        if (codes.Count == 0)
        {
            return null;
        }

        if (codes.All(IsYear))
        {
            return [PxToken.Bare("TLIST(A1)"), .. codes.Select(PxToken.Quoted)];
        }

        if (codes.All(IsMonth))
        {
            return [PxToken.Bare("TLIST(M1)"), .. codes.Select(c => PxToken.Quoted(c[..4] + "M" + c[5..]))];
        }

        return null;
    }

    private static bool IsYear(string code) => code.Length == 4 && code.All(char.IsAsciiDigit);

    private static bool IsMonth(string code) =>
        code.Length == 7 && IsYear(code[..4]) && code[4] == '-' && code[5..].All(char.IsAsciiDigit)
        && int.Parse(code[5..], CultureInfo.InvariantCulture) is >= 1 and <= 12;

    /// <summary>The report name with only letters, digits and underscores, which every PX tool takes as a file name.</summary>
    private static string MatrixName(string report) =>
        string.Concat(report.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'));

    private static string PxDate(DateTimeOffset time) => FinnishTime.Of(time).ToString(PxDateFormat, CultureInfo.InvariantCulture);

    /// <summary>One row per cell in the table's order, each the cell's measures: the stub varies slowest, as PX reads <c>DATA</c>.</summary>
    private static IEnumerable<IReadOnlyList<string>> DataRows(TableInLanguage view, CancellationToken cancellationToken)
    {
        var formats = view.Measures.Select(m => "F" + m.Decimals.ToString(CultureInfo.InvariantCulture)).ToArray();
        var row = new string[view.Measures.Count];
        for (var cell = 0; cell < view.Table.CellCount; cell++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var m = 0; m < row.Length; m++)
            {
                var entry = view.Entry(cell, m);
                row[m] = entry.Mark is { } mark ? '"' + mark + '"' : entry.Value.ToString(formats[m], CultureInfo.InvariantCulture);
            }

            yield return row;
        }
    }
}
