namespace Hilmo.Statistics;

/// <summary>
/// One published table: a cube of cells over classification dimensions, each cell holding one
/// value per measure. Every output format (JSON-stat, CSV, PX, XLSX) writes this and nothing
/// else, so the formats cannot disagree about a figure or a suppression.
/// </summary>
/// <remarks>
/// Values are stored row-major: the first dimension varies slowest, the measure fastest, the
/// order JSON-stat and PX use. A dimension's categories include its totals (see
/// <see cref="TableCategory.Parent"/>), so margins are cells like any other.
/// </remarks>
public sealed class StatisticsTable
{
    private readonly double?[] values;
    private readonly CellStatus[] statuses;
    private readonly int[] strides;

    public StatisticsTable(ReportMetadata metadata, IReadOnlyList<TableDimension> dimensions, IReadOnlyList<TableMeasure> measures)
    {
        if (measures.Count == 0)
        {
            throw new ArgumentException("A table needs at least one measure.", nameof(measures));
        }

        Metadata = metadata;
        Dimensions = dimensions;
        Measures = measures;
        strides = new int[dimensions.Count];
        var cells = 1;
        for (var d = dimensions.Count - 1; d >= 0; d--)
        {
            strides[d] = cells;
            cells = checked(cells * dimensions[d].Categories.Count);
        }

        CellCount = cells;
        values = new double?[checked(cells * measures.Count)];
        statuses = new CellStatus[values.Length];
    }

    public ReportMetadata Metadata { get; }

    public IReadOnlyList<TableDimension> Dimensions { get; }

    public IReadOnlyList<TableMeasure> Measures { get; }

    /// <summary>Number of cells (combinations of one category of every dimension).</summary>
    public int CellCount { get; }

    /// <summary>The cell at one category position per dimension.</summary>
    public int CellOf(ReadOnlySpan<int> categoryPositions)
    {
        if (categoryPositions.Length != Dimensions.Count)
        {
            throw new ArgumentException($"Expected {Dimensions.Count} category positions.", nameof(categoryPositions));
        }

        var cell = 0;
        for (var d = 0; d < strides.Length; d++)
        {
            cell += categoryPositions[d] * strides[d];
        }

        return cell;
    }

    /// <summary>The position, in dimension <paramref name="dimension"/>'s categories, of <paramref name="cell"/>'s category.</summary>
    public int CategoryOf(int cell, int dimension) => cell / strides[dimension] % Dimensions[dimension].Categories.Count;

    /// <summary>The cell that differs from <paramref name="cell"/> only in dimension <paramref name="dimension"/>, at category position <paramref name="category"/>.</summary>
    public int WithCategory(int cell, int dimension, int category) =>
        cell + (category - CategoryOf(cell, dimension)) * strides[dimension];

    public double? Value(int cell, int measure) => values[Index(cell, measure)];

    public CellStatus Status(int cell, int measure) => statuses[Index(cell, measure)];

    /// <summary>Sets a computed value; it is published until disclosure control says otherwise.</summary>
    public void SetValue(int cell, int measure, double? value)
    {
        var index = Index(cell, measure);
        values[index] = value;
        statuses[index] = value is null ? CellStatus.NotApplicable : CellStatus.Published;
    }

    /// <summary>
    /// Marks a value suppressed. Its figure is dropped at once, so no writer can print it by
    /// mistake; a suppressed value is never shown, not even as zero.
    /// </summary>
    public void Suppress(int cell, int measure, CellStatus status)
    {
        if (status is not (CellStatus.PrimarySuppressed or CellStatus.SecondarySuppressed))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Only a suppression status can be set this way.");
        }

        var index = Index(cell, measure);
        values[index] = null;
        statuses[index] = status;
    }

    private int Index(int cell, int measure)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cell);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cell, CellCount);
        ArgumentOutOfRangeException.ThrowIfNegative(measure);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(measure, Measures.Count);
        return cell * Measures.Count + measure;
    }
}

/// <summary>What a cell's value is to a reader.</summary>
public enum CellStatus
{
    /// <summary>The figure is published.</summary>
    Published,

    /// <summary>The figure does not exist (a median of no visits, a share of a band): written <c>.</c>.</summary>
    NotApplicable,

    /// <summary>Withheld because it is a small count of people or events: written <c>..</c>.</summary>
    PrimarySuppressed,

    /// <summary>
    /// Withheld so that a primary suppression cannot be worked out from the published margins:
    /// written <c>..</c> as well, since telling the two apart would point at the small cells.
    /// </summary>
    SecondarySuppressed,
}

/// <summary>A dimension of a table.</summary>
/// <param name="Code">Stable code, used in URLs (<c>by=county</c>) and as the JSON-stat id.</param>
/// <param name="Label">Name shown to readers.</param>
/// <param name="Categories">Categories in display order, totals included.</param>
/// <param name="Role">Whether it is a time or a region dimension, for formats that mark those.</param>
public sealed record TableDimension(string Code, LocalizedText Label, IReadOnlyList<TableCategory> Categories, DimensionRole Role = DimensionRole.Classification)
{
    /// <summary>The position of the category with <paramref name="code"/>, or -1.</summary>
    public int IndexOf(string code)
    {
        for (var i = 0; i < Categories.Count; i++)
        {
            if (string.Equals(Categories[i].Code, code, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>A category of a dimension.</summary>
/// <param name="Code">Stable code (a month <c>2025-03</c>, a county <c>08</c>, the total <c>SSS</c>).</param>
/// <param name="Label">Name shown to readers.</param>
/// <param name="Parent">
/// The code of the category this one adds up into (a municipality's county, every county's
/// national total); null for a dimension's top total, and for every category of a dimension
/// without a total. Disclosure control reads these as the table's published equations.
/// </param>
public sealed record TableCategory(string Code, LocalizedText Label, string? Parent = null);

public enum DimensionRole
{
    Classification,
    Time,
    Region,
}

/// <summary>A measure of a table: what each cell counts or describes.</summary>
/// <param name="Code">Stable code (<c>visits</c>, <c>median_days</c>).</param>
/// <param name="Label">Name shown to readers.</param>
/// <param name="Unit">Unit shown to readers (<c>käyntiä</c>, <c>%</c>, <c>vrk</c>).</param>
/// <param name="Decimals">Decimals to print.</param>
/// <param name="Kind">How the measure behaves under aggregation and disclosure control.</param>
public sealed record TableMeasure(string Code, LocalizedText Label, LocalizedText Unit, int Decimals, MeasureKind Kind);

public enum MeasureKind
{
    /// <summary>
    /// A count of events that adds up over every dimension's categories into their parents: the
    /// figure the published equations relate, which secondary suppression protects.
    /// </summary>
    AdditiveCount,

    /// <summary>A count of distinct people: small values are sensitive, but margins are not sums of cells.</summary>
    DistinctCount,

    /// <summary>A share, median or other figure derived from a cell's events: published only with its cell.</summary>
    Derived,
}

/// <summary>What a table is, for the reader and for the formats' header fields.</summary>
/// <param name="Report">The report's name (<c>access-to-care</c>).</param>
/// <param name="Title">Title of the table.</param>
/// <param name="Description">What is counted, and how.</param>
/// <param name="Source">Who publishes the data.</param>
/// <param name="Updated">The latest receipt time of any data the table is computed from.</param>
/// <param name="AsOf">The receipt time the table was computed as of; null when computed over everything received.</param>
/// <param name="Release">The name of the release that froze <paramref name="AsOf"/>, if any.</param>
/// <param name="Notes">Limits and definitions the reader needs (threshold, legal limits, what suppression marks mean).</param>
public sealed record ReportMetadata(
    string Report,
    LocalizedText Title,
    LocalizedText Description,
    LocalizedText Source,
    DateTimeOffset Updated,
    DateTimeOffset? AsOf,
    string? Release,
    IReadOnlyList<LocalizedText> Notes);
