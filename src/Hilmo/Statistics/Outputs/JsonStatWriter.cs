using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Hilmo.Statistics.Outputs;

/// <summary>
/// Writes a table as a JSON-stat 2.0 dataset. The measures are the last dimension, with role
/// <c>metric</c> and a unit (label and decimals) per measure, so the value array is the table's
/// own row-major order. A figure that is not published is <c>null</c> in <c>value</c> and has
/// its mark in <c>status</c>: <c>..</c> for every suppression, <c>.</c> for not applicable;
/// the dataset's <c>note</c> says what the marks mean. A dimension with a total says in its
/// <c>note</c> which category it is, and each measure says in its category note whether its
/// figures add up over categories. <c>extension.links.metadata</c> is the path of the report's
/// metadata in the register's API.
/// </summary>
public static class JsonStatWriter
{
    /// <summary>The id of the measure dimension.</summary>
    public const string MeasureDimensionId = "measure";

    /// <summary>Bytes buffered before they are written out, so a large table streams.</summary>
    private const int FlushThreshold = 64 * 1024;

    /// <summary>Keeps "ä" as it is instead of <c>\u00E4</c>, so the document is readable; markup characters are still escaped.</summary>
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Indented = false,
    };

    public static async Task WriteAsync(StatisticsTable table, string language, Stream output, CancellationToken cancellationToken)
    {
        var view = TableInLanguage.Of(table, language);
        ArgumentNullException.ThrowIfNull(output);
        await using var json = new Utf8JsonWriter(output, Options);
        var metadata = view.Metadata;

        json.WriteStartObject();
        json.WriteString("version", "2.0");
        json.WriteString("class", "dataset");
        json.WriteString("label", view.Text(metadata.Title));
        json.WriteString("source", view.Text(metadata.Source));
        json.WriteString("updated", Iso8601Utc(metadata.Updated));
        WriteIdsAndSizes(json, view);
        WriteRoles(json, view);
        json.WriteStartObject("dimension");
        for (var d = 0; d < view.Dimensions.Count; d++)
        {
            WriteDimension(json, view, d);
        }

        WriteMeasureDimension(json, view);
        json.WriteEndObject();
        await WriteValuesAsync(json, view, cancellationToken);
        WriteStatuses(json, view);
        WriteNotes(json, view);
        WriteExtension(json, view);
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    private static void WriteIdsAndSizes(Utf8JsonWriter json, TableInLanguage view)
    {
        json.WriteStartArray("id");
        foreach (var dimension in view.Dimensions)
        {
            json.WriteStringValue(dimension.Code);
        }

        json.WriteStringValue(MeasureDimensionId);
        json.WriteEndArray();

        json.WriteStartArray("size");
        foreach (var dimension in view.Dimensions)
        {
            json.WriteNumberValue(dimension.Categories.Count);
        }

        json.WriteNumberValue(view.Measures.Count);
        json.WriteEndArray();
    }

    private static void WriteRoles(Utf8JsonWriter json, TableInLanguage view)
    {
        json.WriteStartObject("role");
        WriteRole(json, "time", view, DimensionRole.Time);
        WriteRole(json, "geo", view, DimensionRole.Region);
        json.WriteStartArray("metric");
        json.WriteStringValue(MeasureDimensionId);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRole(Utf8JsonWriter json, string role, TableInLanguage view, DimensionRole dimensionRole)
    {
        if (view.Dimensions.Any(d => d.Role == dimensionRole))
        {
            json.WriteStartArray(role);
            foreach (var dimension in view.Dimensions.Where(d => d.Role == dimensionRole))
            {
                json.WriteStringValue(dimension.Code);
            }

            json.WriteEndArray();
        }
    }

    private static void WriteDimension(Utf8JsonWriter json, TableInLanguage view, int d)
    {
        var dimension = view.Dimensions[d];
        json.WriteStartObject(dimension.Code);
        json.WriteString("label", view.DimensionLabel(d));
        var tops = dimension.Categories.Select((c, i) => (c, i)).Where(x => x.c.Parent is null).ToList();
        if (tops.Count == 1 && dimension.Categories.Count > 1)
        {
            json.WriteStartArray("note");
            json.WriteStringValue(string.Format(CultureInfo.InvariantCulture, view.Text(OutputTexts.TotalCovers), view.CategoryLabel(d, tops[0].i)));
            json.WriteEndArray();
        }

        json.WriteStartObject("category");
        WriteIndexAndLabels(json, [.. dimension.Categories.Select(c => c.Code)], c => view.CategoryLabel(d, c));
        WriteChildren(json, dimension);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The category codes in order (the array form of <c>index</c>), and each code's label.</summary>
    private static void WriteIndexAndLabels(Utf8JsonWriter json, IReadOnlyList<string> codes, Func<int, string> labelAt)
    {
        json.WriteStartArray("index");
        foreach (var code in codes)
        {
            json.WriteStringValue(code);
        }

        json.WriteEndArray();
        json.WriteStartObject("label");
        for (var i = 0; i < codes.Count; i++)
        {
            json.WriteString(codes[i], labelAt(i));
        }

        json.WriteEndObject();
    }

    /// <summary>Parents in display order, each with its children in display order; a parent outside the dimension is left out.</summary>
    private static void WriteChildren(Utf8JsonWriter json, TableDimension dimension)
    {
        var parents = dimension.Categories
            .Where(c => c.Parent is not null && dimension.IndexOf(c.Parent) >= 0)
            .GroupBy(c => c.Parent!, StringComparer.Ordinal)
            .OrderBy(g => dimension.IndexOf(g.Key))
            .ToList();
        if (parents.Count == 0)
        {
            return;
        }

        json.WriteStartObject("child");
        foreach (var parent in parents)
        {
            json.WriteStartArray(parent.Key);
            foreach (var child in parent)
            {
                json.WriteStringValue(child.Code);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteMeasureDimension(Utf8JsonWriter json, TableInLanguage view)
    {
        json.WriteStartObject(MeasureDimensionId);
        json.WriteString("label", view.Text(OutputTexts.MeasureDimension));
        json.WriteStartObject("category");
        WriteIndexAndLabels(json, [.. view.Measures.Select(m => m.Code)], view.MeasureLabel);
        json.WriteStartObject("note");
        foreach (var measure in view.Measures)
        {
            json.WriteStartArray(measure.Code);
            json.WriteStringValue(view.Text(OutputTexts.HowMeasureAddsUp(measure.Kind)));
            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteStartObject("unit");
        for (var m = 0; m < view.Measures.Count; m++)
        {
            json.WriteStartObject(view.Measures[m].Code);
            json.WriteString("label", view.MeasureUnit(m));
            json.WriteNumber("decimals", view.Measures[m].Decimals);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static async Task WriteValuesAsync(Utf8JsonWriter json, TableInLanguage view, CancellationToken cancellationToken)
    {
        json.WriteStartArray("value");
        for (var cell = 0; cell < view.Table.CellCount; cell++)
        {
            for (var m = 0; m < view.Measures.Count; m++)
            {
                var entry = view.Entry(cell, m);
                if (entry.IsPublished)
                {
                    json.WriteNumberValue(entry.Value);
                }
                else
                {
                    json.WriteNullValue();
                }
            }

            if (json.BytesPending > FlushThreshold)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
    }

    /// <summary>A sparse object keyed by value index: most cells are published, so an array would be mostly nulls.</summary>
    private static void WriteStatuses(Utf8JsonWriter json, TableInLanguage view)
    {
        var started = false;
        for (var cell = 0; cell < view.Table.CellCount; cell++)
        {
            for (var m = 0; m < view.Measures.Count; m++)
            {
                if (view.Entry(cell, m).Mark is not { } mark)
                {
                    continue;
                }

                if (!started)
                {
                    json.WriteStartObject("status");
                    started = true;
                }

                json.WriteString(((long)cell * view.Measures.Count + m).ToString(CultureInfo.InvariantCulture), mark);
            }
        }

        if (started)
        {
            json.WriteEndObject();
        }
    }

    /// <summary>The report's notes, then what each mark the table uses means: <c>status</c> holds the marks only.</summary>
    private static void WriteNotes(Utf8JsonWriter json, TableInLanguage view)
    {
        var marks = new SortedSet<string>(StringComparer.Ordinal);
        for (var cell = 0; cell < view.Table.CellCount; cell++)
        {
            for (var m = 0; m < view.Measures.Count; m++)
            {
                if (view.Entry(cell, m).Mark is { } mark)
                {
                    marks.Add(mark);
                }
            }
        }

        var notes = view.Metadata.Notes.Select(view.Text)
            .Concat(marks.Select(mark => $"{mark} {view.Text(mark == CellMarks.Suppressed ? OutputTexts.SuppressedMeaning : OutputTexts.NotApplicableMeaning)}"))
            .ToList();
        if (notes.Count == 0)
        {
            return;
        }

        json.WriteStartArray("note");
        foreach (var note in notes)
        {
            json.WriteStringValue(note);
        }

        json.WriteEndArray();
    }

    /// <summary>What the register adds that JSON-stat has no member for; a member with no value is left out.</summary>
    private static void WriteExtension(Utf8JsonWriter json, TableInLanguage view)
    {
        var metadata = view.Metadata;
        json.WriteStartObject("extension");
        json.WriteString("report", metadata.Report);
        json.WriteString("language", view.Language);
        json.WriteString("description", view.Text(metadata.Description));
        if (metadata.AsOf is { } asOf)
        {
            json.WriteString("asOf", Iso8601Utc(asOf));
        }

        if (metadata.Release is { } release)
        {
            json.WriteString("release", release);
        }

        // A path, not an address: the writer does not know the host a client reached, and
        // JSON-stat's own link member asks for absolute URIs.
        json.WriteStartObject("links");
        json.WriteString("metadata", MetadataPath(metadata.Report));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Where the register's API describes <paramref name="report"/> (<c>GET /api/v1/statistics/{name}/metadata</c>).</summary>
    public static string MetadataPath(string report) => "/api/v1/statistics/" + Uri.EscapeDataString(report) + "/metadata";

    private static string Iso8601Utc(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
