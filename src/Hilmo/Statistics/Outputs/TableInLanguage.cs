namespace Hilmo.Statistics.Outputs;

/// <summary>
/// A table checked for writing and read in one language. Every writer reads cells through this,
/// so all formats print the same rounded figure and the same mark for a cell, and a table that
/// no format could write correctly is refused before any byte is written.
/// </summary>
internal sealed class TableInLanguage
{
    /// <summary>The most decimals a measure may ask for: what rounding and the PX format allow.</summary>
    public const int MaxDecimals = 15;

    private TableInLanguage(StatisticsTable table, string language)
    {
        Table = table;
        Language = language;
    }

    public StatisticsTable Table { get; }

    /// <summary><c>fi</c>, <c>sv</c> or <c>en</c>.</summary>
    public string Language { get; }

    public ReportMetadata Metadata => Table.Metadata;

    public IReadOnlyList<TableDimension> Dimensions => Table.Dimensions;

    public IReadOnlyList<TableMeasure> Measures => Table.Measures;

    /// <summary>Checks <paramref name="table"/> and reads it in <paramref name="language"/>.</summary>
    /// <exception cref="ArgumentException">The language is not one of <see cref="TableLanguages.All"/>.</exception>
    /// <exception cref="InvalidOperationException">The table has a cell that is neither a figure nor marked, codes that repeat, or a measure with more decimals than can be printed.</exception>
    public static TableInLanguage Of(StatisticsTable table, string language)
    {
        ArgumentNullException.ThrowIfNull(table);
        TableLanguages.Require(language);
        RequireUniqueCodes(table);
        RequireEveryCellDecided(table);
        return new TableInLanguage(table, language);
    }

    /// <summary>The same checked table in another language.</summary>
    public TableInLanguage In(string language)
    {
        TableLanguages.Require(language);
        return new TableInLanguage(Table, language);
    }

    public string Text(LocalizedText text) => text.In(Language);

    public string DimensionLabel(int dimension) => Text(Dimensions[dimension].Label);

    public string CategoryLabel(int dimension, int category) => Text(Dimensions[dimension].Categories[category].Label);

    public string MeasureLabel(int measure) => Text(Measures[measure].Label);

    public string MeasureUnit(int measure) => Text(Measures[measure].Unit);

    public PublishedEntry Entry(int cell, int measure)
    {
        var status = Table.Status(cell, measure);
        return status == CellStatus.Published
            ? new PublishedEntry(status, Round(Table.Value(cell, measure)!.Value, Measures[measure].Decimals))
            : new PublishedEntry(status, 0);
    }

    /// <summary>
    /// Rounds half away from zero, as Finnish statistics round, and never gives -0: a figure is
    /// published to its decimals and no further, so no format shows more than another.
    /// </summary>
    private static double Round(double value, int decimals)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return rounded == 0 ? 0 : rounded;
    }

    private static void RequireUniqueCodes(StatisticsTable table)
    {
        var dimensionCodes = new HashSet<string>(StringComparer.Ordinal) { JsonStatWriter.MeasureDimensionId };
        foreach (var dimension in table.Dimensions)
        {
            if (!dimensionCodes.Add(dimension.Code))
            {
                throw new InvalidOperationException($"Table \"{table.Metadata.Report}\" has two dimensions coded \"{dimension.Code}\", or one coded as the measures are.");
            }

            RequireUnique(table, dimension.Categories.Select(c => c.Code), $"dimension \"{dimension.Code}\"");
        }

        RequireUnique(table, table.Measures.Select(m => m.Code), "its measures");
        foreach (var measure in table.Measures)
        {
            if (measure.Decimals is < 0 or > MaxDecimals)
            {
                throw new InvalidOperationException($"Measure \"{measure.Code}\" asks for {measure.Decimals} decimals; 0 to {MaxDecimals} can be printed.");
            }
        }
    }

    private static void RequireUnique(StatisticsTable table, IEnumerable<string> codes, string where)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            if (!seen.Add(code))
            {
                throw new InvalidOperationException($"Table \"{table.Metadata.Report}\" has the code \"{code}\" twice in {where}.");
            }
        }
    }

    /// <remarks>
    /// A new table's cells start published with no figure; one that is still so was never
    /// computed, and printing it as anything would be a guess.
    /// </remarks>
    private static void RequireEveryCellDecided(StatisticsTable table)
    {
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            for (var measure = 0; measure < table.Measures.Count; measure++)
            {
                var value = table.Value(cell, measure);
                if (table.Status(cell, measure) == CellStatus.Published && (value is null || !double.IsFinite(value.Value)))
                {
                    throw new InvalidOperationException(
                        $"Table \"{table.Metadata.Report}\" cell {cell} has no finite figure for measure \"{table.Measures[measure].Code}\" and is not marked suppressed or not applicable.");
                }
            }
        }
    }
}
