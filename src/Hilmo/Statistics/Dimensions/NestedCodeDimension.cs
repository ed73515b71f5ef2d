namespace Hilmo.Statistics.Dimensions;

/// <summary>
/// A code with the group it belongs to as a second level (a unit within its provider, a
/// municipality within its county): the table carries both levels, each group adding up its members.
/// </summary>
/// <param name="code">The dimension's code.</param>
/// <param name="label">Its name.</param>
/// <param name="member">The member level's SQL (a code id; one that decodes to no code is the group's unknown member) and joins, for a unique join alias.</param>
/// <param name="group">The group level's SQL and joins, for a unique join alias.</param>
/// <param name="memberName">Names a member.</param>
/// <param name="groupName">Names a group.</param>
/// <param name="role">Time, region or other.</param>
internal sealed class NestedCodeDimension(string code, LocalizedText label,
    Func<StatisticsContext, FactShape, string, (IReadOnlyList<string> Joins, LevelSql Level)> member,
    Func<StatisticsContext, FactShape, string, (IReadOnlyList<string> Joins, LevelSql Level)> group,
    Func<StatisticsContext, string, LocalizedText> memberName, Func<StatisticsContext, string, LocalizedText> groupName,
    DimensionRole role = DimensionRole.Classification)
    : ReportDimension(code, label, role)
{
    internal override DimensionSql Sql(StatisticsContext context, FactShape facts, string alias)
    {
        var (memberJoins, memberLevel) = member(context, facts, alias + "m");
        var (groupJoins, groupLevel) = group(context, facts, alias);
        return new DimensionSql([.. memberJoins, .. groupJoins], [memberLevel, groupLevel]);
    }

    public override IReadOnlyList<TableCategory> Categories(IReadOnlyList<IReadOnlyCollection<(string Code, string? Parent)>> observed, ReportPeriod period, StatisticsContext context)
    {
        var categories = new List<TableCategory> { Total(AllLabel) };
        foreach (var groupCode in observed[1].Select(o => o.Code).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            categories.Add(new TableCategory(groupCode, groupCode == UnknownGroupCode ? UnknownLabel : groupName(context, groupCode), TotalCode));
            foreach (var member in observed[0].Where(o => o.Parent == groupCode).Select(o => o.Code).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                categories.Add(new TableCategory(member, IsUnknownMember(member) ? UnknownLabel : memberName(context, member), groupCode));
            }
        }

        return categories;
    }

    /// <summary>
    /// Codes stay unique across the two levels: an unknown group is <c>XX</c>, and an unknown
    /// member is <c>X</c> followed by its group's code, since every group can have one.
    /// </summary>
    public override string CodeOf(object value, int level, object? next)
    {
        var text = base.CodeOf(value, level, next);
        if (level == 1)
        {
            return text == UnknownCode ? UnknownGroupCode : text;
        }

        return text == UnknownCode ? UnknownCode + "." + CodeOf(next!, 1, null) : text;
    }

    internal const string UnknownGroupCode = "XX";

    /// <summary>A member level that is the facts' code-id column <paramref name="column"/> as it is.</summary>
    internal static Func<StatisticsContext, FactShape, string, (IReadOnlyList<string> Joins, LevelSql Level)> CodeIdColumn(string column) =>
        (_, _, _) => ([], new LevelSql($"f.{column}", IsCodeId: true));

    private static bool IsUnknownMember(string code) => code.StartsWith(UnknownCode + ".", StringComparison.Ordinal);
}
