namespace Hilmo.Statistics.Dimensions;

/// <summary>
/// A fixed classification the report computes from the facts (age group, contact type group,
/// county): every class is a category whether the data has it or not, so tables of different
/// periods and queries have the same rows, and an empty class shows as zero rather than vanishing.
/// </summary>
/// <param name="code">The dimension's code.</param>
/// <param name="label">Its name.</param>
/// <param name="classes">The classes in display order, the unknown class included where facts can lack the value.</param>
/// <param name="sql">The SQL giving a fact's class code (never null) and the joins it needs, for a unique join alias.</param>
/// <param name="role">Time, region or other.</param>
internal sealed class ClassDimension(string code, LocalizedText label, Func<StatisticsContext, IReadOnlyList<(string Code, LocalizedText Label)>> classes,
    Func<StatisticsContext, FactShape, string, (IReadOnlyList<string> Joins, string Expression)> sql, DimensionRole role = DimensionRole.Classification)
    : ReportDimension(code, label, role)
{
    internal override DimensionSql Sql(StatisticsContext context, FactShape facts, string alias)
    {
        var (joins, expression) = sql(context, facts, alias);
        return new DimensionSql(joins, [new LevelSql(expression)]);
    }

    public override long? CategoryCountBefore(ReportPeriod period, StatisticsContext context) => classes(context).Count + 1;

    public override IReadOnlyList<TableCategory> Categories(IReadOnlyList<IReadOnlyCollection<(string Code, string? Parent)>> observed, ReportPeriod period, StatisticsContext context)
    {
        var categories = new List<TableCategory> { Total(AllLabel) };
        categories.AddRange(classes(context).Select(c => new TableCategory(c.Code, c.Label, TotalCode)));
        return categories;
    }
}
