namespace Hilmo.Statistics.Dimensions;

/// <summary>
/// A way to classify a report's facts (by month, by county …): how the report SQL computes its
/// categories from the facts, and which categories the published table shows, totals included.
/// </summary>
/// <remarks>
/// A dimension has one or more levels, finest first (municipality, then county); the table gets
/// a category for every value of every level plus the total, each linked to the one it adds up into.
/// </remarks>
public abstract class ReportDimension(string code, LocalizedText label, DimensionRole role = DimensionRole.Classification)
{
    /// <summary>Code of the total category, as Statistics Finland's tables name it.</summary>
    public const string TotalCode = "SSS";

    /// <summary>Code of the category of facts that lack the value.</summary>
    public const string UnknownCode = "X";

    /// <summary>
    /// A code id no code has: the report SQL gives it to a fact whose code column is empty, and
    /// decodes it as <see cref="UnknownCode"/>. A NULL key would merge with the grouping sets' totals.
    /// </summary>
    internal const int UnknownCodeId = -1;

    public string Code { get; } = code;

    public LocalizedText Label { get; } = label;

    public DimensionRole Role { get; } = role;

    /// <summary>
    /// The stored fields whose values the categories show, over which the linkage rules are checked
    /// (<see cref="Disclosure.LinkageRules"/>). A dimension that coarsens a field past what makes it
    /// restricted (the provider's county, the home municipality's county) does not list it; a
    /// grouping of clinical codes (external cause groups) still shows clinical content, and does.
    /// </summary>
    public IReadOnlyList<Notifications.StoredField> Fields { get; init; } = [];

    /// <summary>Whether the dimension has a total (a category the others add up into).</summary>
    public virtual bool HasTotal => true;

    /// <summary>The SQL of the dimension over the report's facts (<c>f</c>); <paramref name="alias"/> names its joins uniquely.</summary>
    internal abstract DimensionSql Sql(StatisticsContext context, FactShape facts, string alias);

    /// <summary>A category's code from the value a level's expression gave.</summary>
    /// <param name="value">The level's value.</param>
    /// <param name="level">The level, 0 the finest.</param>
    /// <param name="next">The value of the next level up in the same row; null at the top level.</param>
    public virtual string CodeOf(object value, int level, object? next) =>
        Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? UnknownCode;

    /// <summary>The categories to publish, totals included, in display order.</summary>
    /// <param name="observed">Per level, the codes the data has, each with the code of the next level up (null at the top level).</param>
    /// <param name="period">The report's period.</param>
    /// <param name="context">Names and lookups.</param>
    public abstract IReadOnlyList<TableCategory> Categories(IReadOnlyList<IReadOnlyCollection<(string Code, string? Parent)>> observed, ReportPeriod period, StatisticsContext context);

    /// <summary>
    /// How many categories <see cref="Categories"/> will give whatever the data, where that is known
    /// before the query (periods of time, fixed classes); null when it depends on the data. A
    /// request is refused by its size before any query runs.
    /// </summary>
    public virtual long? CategoryCountBefore(ReportPeriod period, StatisticsContext context) => null;

    /// <summary>The total category, which every top-level category adds up into.</summary>
    protected static TableCategory Total(LocalizedText label) => new(TotalCode, label);

    protected static readonly LocalizedText AllLabel = new("Yhteensä", "Totalt", "Total");

    protected static readonly LocalizedText UnknownLabel = new("Tuntematon", "Okänd", "Unknown");
}

/// <summary>The SQL of one dimension in one report.</summary>
/// <param name="Joins">Joins the levels need, each a full <c>LEFT JOIN … ON …</c> clause over the facts <c>f</c>.</param>
/// <param name="Levels">The levels' expressions, finest first.</param>
internal sealed record DimensionSql(IReadOnlyList<string> Joins, IReadOnlyList<LevelSql> Levels);

/// <param name="Expression">SQL giving the level's value for a fact; never null (a missing value is <see cref="ReportDimension.UnknownCode"/>).</param>
/// <param name="IsCodeId">The value is a <c>report_codes</c> id, decoded once the rows are aggregated.</param>
internal sealed record LevelSql(string Expression, bool IsCodeId = false);

/// <summary>What the facts of a report offer dimensions.</summary>
/// <param name="ProviderIsText">The facts give the provider as text (<c>provider</c>) rather than as a code id (<c>provider_id</c>).</param>
internal sealed record FactShape(bool ProviderIsText = false)
{
    public static FactShape Events { get; } = new();
}
