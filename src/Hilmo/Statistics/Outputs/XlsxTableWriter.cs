using System.Globalization;
using ClosedXML.Excel;
using System.IO.Compression;
using System.Xml.Linq;

namespace Hilmo.Statistics.Outputs;

/// <summary>
/// Writes a table as an Excel workbook: a sheet with a header block (title, as-of, updated,
/// source, release) above the rows and columns of the CSV (<see cref="FlatTable"/>), figures as
/// numbers formatted with their measure's decimals and marks as right-aligned text; and a sheet
/// with the description, the notes and what the marks mean.
/// </summary>
public static class XlsxTableWriter
{
    /// <summary>The most rows a worksheet has.</summary>
    private const int MaxRows = 1_048_576;

    private const int NarrowestColumn = 6;

    private const int WidestColumn = 60;

    private const int NotesTextWidth = 100;

    public static Task WriteAsync(StatisticsTable table, string language, Stream output, CancellationToken cancellationToken) =>
        WriteAsync(table, language, output, TimeProvider.System, cancellationToken);

    /// <summary>As the public overload, with the clock that gives the workbook's creation time.</summary>
    internal static async Task WriteAsync(StatisticsTable table, string language, Stream output, TimeProvider clock, CancellationToken cancellationToken)
    {
        var flat = new FlatTable(TableInLanguage.Of(table, language));
        ArgumentNullException.ThrowIfNull(output);
        var view = flat.View;
        using var workbook = new XLWorkbook();
        SetDocumentProperties(workbook.Properties, view, clock.GetUtcNow());
        var sheet = workbook.Worksheets.Add(view.Text(OutputTexts.TableSheet));
        var headerRow = WriteHeaderBlock(sheet, view) + 1;
        if (headerRow + (long)view.Table.CellCount > MaxRows)
        {
            throw new InvalidOperationException($"Table \"{view.Metadata.Report}\" has {view.Table.CellCount} rows; a worksheet holds {MaxRows - headerRow}.");
        }

        var widths = WriteTable(sheet, flat, headerRow, cancellationToken);
        for (var column = 0; column < widths.Length; column++)
        {
            sheet.Column(column + 1).Width = Math.Clamp(widths[column] + 2, NarrowestColumn, WidestColumn);
        }

        sheet.SheetView.FreezeRows(headerRow);
        WriteNotesSheet(workbook.Worksheets.Add(view.Text(OutputTexts.NotesSheet)), view);

        // ClosedXML saves synchronously; the workbook is saved to memory and copied out
        // asynchronously, since a web server's response stream refuses synchronous writes.
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        MoveCorePropertiesToDocProps(buffer, view.Language);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }

    /// <summary>
    /// The properties ClosedXML saves in <c>docProps/core.xml</c>, which file browsers, search
    /// indexes and screen readers show: what the table is, who made it, when, in which language.
    /// </summary>
    private static void SetDocumentProperties(XLWorkbookProperties properties, TableInLanguage view, DateTimeOffset now)
    {
        var metadata = view.Metadata;
        properties.Title = view.Text(metadata.Title);
        properties.Subject = view.Text(OutputTexts.SubjectArea);
        properties.Author = view.Text(OutputTexts.Creator);
        properties.LastModifiedBy = view.Text(OutputTexts.Creator);
        properties.Comments = view.Text(metadata.Description);
        properties.Keywords = metadata.Report;
        properties.Category = view.Text(metadata.Source);
        properties.Created = now.UtcDateTime;
        properties.Modified = now.UtcDateTime;
    }

    /// <summary>
    /// Moves the core properties to <c>docProps/core.xml</c>, where Excel writes them and where
    /// tools that do not follow the package's relationships look: System.IO.Packaging, which
    /// ClosedXML saves with, names the part <c>package/services/metadata/core-properties/*.psmdcp</c>.
    /// Also adds the document's language, which ClosedXML has no property for.
    /// </summary>
    private static void MoveCorePropertiesToDocProps(Stream package, string language)
    {
        const string corePart = "docProps/core.xml";
        XNamespace relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
        XNamespace contentTypes = "http://schemas.openxmlformats.org/package/2006/content-types";
        XNamespace dc = "http://purl.org/dc/elements/1.1/";
        using var zip = new ZipArchive(package, ZipArchiveMode.Update, leaveOpen: true);
        var rootRelationships = Load(zip, "_rels/.rels");
        var relationship = rootRelationships.Root!.Elements(relationships + "Relationship")
            .Single(r => ((string?)r.Attribute("Type"))?.EndsWith("/metadata/core-properties", StringComparison.Ordinal) == true);
        var oldPart = ((string)relationship.Attribute("Target")!).TrimStart('/');
        var core = Load(zip, oldPart);
        core.Root!.Element(dc + "language")?.Remove();
        core.Root.Add(new XElement(dc + "language", language));
        relationship.SetAttributeValue("Target", "/" + corePart);
        var types = Load(zip, "[Content_Types].xml");
        // System.IO.Packaging types the old part by its extension; the new one needs its own entry.
        types.Root!.Elements(contentTypes + "Override").Where(o => (string?)o.Attribute("PartName") == "/" + oldPart).Remove();
        types.Root.Add(new XElement(contentTypes + "Override",
            new XAttribute("PartName", "/" + corePart),
            new XAttribute("ContentType", "application/vnd.openxmlformats-package.core-properties+xml")));
        zip.GetEntry(oldPart)!.Delete();
        Save(zip, corePart, core);
        Save(zip, "_rels/.rels", rootRelationships);
        Save(zip, "[Content_Types].xml", types);
    }

    private static XDocument Load(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        return XDocument.Load(stream);
    }

    private static void Save(ZipArchive zip, string name, XDocument document)
    {
        zip.GetEntry(name)?.Delete();
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        document.Save(stream);
    }

    /// <summary>Writes the lines above the table; returns the last row written.</summary>
    private static int WriteHeaderBlock(IXLWorksheet sheet, TableInLanguage view)
    {
        var metadata = view.Metadata;
        var title = sheet.Cell(1, 1);
        title.SetValue(view.Text(metadata.Title));
        title.Style.Font.Bold = true;
        title.Style.Font.FontSize = 14;
        var lines = new List<string>
        {
            Line(view, OutputTexts.AsOf, metadata.AsOf is { } asOf ? Time(asOf) : view.Text(OutputTexts.EverythingReceived)),
            Line(view, OutputTexts.Updated, Time(metadata.Updated)),
            Line(view, OutputTexts.Source, view.Text(metadata.Source)),
        };
        if (metadata.Release is { } release)
        {
            lines.Add(Line(view, OutputTexts.Release, release));
        }

        for (var i = 0; i < lines.Count; i++)
        {
            sheet.Cell(i + 2, 1).SetValue(lines[i]);
        }

        // A blank row between the block and the table, so a reader's sort or filter takes only the table.
        return lines.Count + 2;
    }

    /// <summary>Writes the header row and a row per cell; returns each column's widest text.</summary>
    private static int[] WriteTable(IXLWorksheet sheet, FlatTable flat, int headerRow, CancellationToken cancellationToken)
    {
        var view = flat.View;
        var names = flat.ColumnNames();
        var widths = new int[names.Count];
        for (var column = 0; column < names.Count; column++)
        {
            var header = sheet.Cell(headerRow, column + 1);
            header.SetValue(names[column]);
            header.Style.Font.Bold = true;
            widths[column] = names[column].Length;
        }

        var numberFormats = view.Measures.Select(m => m.Decimals == 0 ? "0" : "0." + new string('0', m.Decimals)).ToArray();
        for (var cell = 0; cell < view.Table.CellCount; cell++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = headerRow + 1 + cell;
            var column = 0;
            foreach (var field in flat.DimensionFields(cell))
            {
                sheet.Cell(row, column + 1).SetValue(field);
                widths[column] = Math.Max(widths[column], field.Length);
                column++;
            }

            for (var m = 0; m < view.Measures.Count; m++, column++)
            {
                var target = sheet.Cell(row, column + 1);
                var entry = view.Entry(cell, m);
                if (entry.Mark is { } mark)
                {
                    target.SetValue(mark);
                    target.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
                }
                else
                {
                    target.SetValue(entry.Value);
                    target.Style.NumberFormat.Format = numberFormats[m];
                    widths[column] = Math.Max(widths[column], entry.Value.ToString(numberFormats[m], CultureInfo.InvariantCulture).Length);
                }
            }
        }

        return widths;
    }

    private static void WriteNotesSheet(IXLWorksheet sheet, TableInLanguage view)
    {
        var row = 1;
        Heading(sheet, row, view.Text(OutputTexts.Description));
        Text(sheet, row++, view.Text(view.Metadata.Description));
        if (view.Metadata.Notes.Count > 0)
        {
            row++;
            Heading(sheet, row, view.Text(OutputTexts.Notes));
            foreach (var note in view.Metadata.Notes)
            {
                Text(sheet, row++, view.Text(note));
            }
        }

        row++;
        Heading(sheet, row++, view.Text(OutputTexts.Legend));
        foreach (var (mark, meaning) in new[] { (CellMarks.Suppressed, OutputTexts.SuppressedMeaning), (CellMarks.NotApplicable, OutputTexts.NotApplicableMeaning) })
        {
            var symbol = sheet.Cell(row, 1);
            symbol.SetValue(mark);
            symbol.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
            Text(sheet, row++, view.Text(meaning));
        }

        sheet.Column(1).Width = Math.Clamp(new[] { OutputTexts.Description, OutputTexts.Notes, OutputTexts.Legend }.Max(t => view.Text(t).Length) + 2, NarrowestColumn, WidestColumn);
        sheet.Column(2).Width = NotesTextWidth;
    }

    private static void Heading(IXLWorksheet sheet, int row, string text)
    {
        var cell = sheet.Cell(row, 1);
        cell.SetValue(text);
        cell.Style.Font.Bold = true;
        cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
    }

    private static void Text(IXLWorksheet sheet, int row, string text)
    {
        var cell = sheet.Cell(row, 2);
        cell.SetValue(text);
        cell.Style.Alignment.WrapText = true;
        cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
    }

    private static string Line(TableInLanguage view, LocalizedText label, string value) => $"{view.Text(label)}: {value}";

    /// <summary>Finnish time with its offset, so the line is right wherever it is read.</summary>
    private static string Time(DateTimeOffset time) =>
        FinnishTime.Of(time).ToString("yyyy-MM-dd HH:mm 'UTC'zzz", CultureInfo.InvariantCulture);
}
