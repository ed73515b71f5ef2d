namespace Hilmo.Statistics.Dimensions;

/// <summary>A code column of the facts as it is (provider, service form, urgency …): a category for every code the data has.</summary>
/// <param name="code">The dimension's code.</param>
/// <param name="label">Its name.</param>
/// <param name="column">The facts' code-id column (<c>service_form_id</c>).</param>
/// <param name="name">Names a code: the code list's name, a provider's name.</param>
/// <param name="isProvider">The column is the provider's, which some facts give as text (<see cref="FactShape.ProviderIsText"/>).</param>
internal sealed class CodeDimension(string code, LocalizedText label, string column, Func<StatisticsContext, string, LocalizedText> name, bool isProvider = false)
    : ReportDimension(code, label)
{
    internal override DimensionSql Sql(StatisticsContext context, FactShape facts, string alias) =>
        new([], [isProvider && facts.ProviderIsText ? new LevelSql($"coalesce(f.provider, '{UnknownCode}')") : new LevelSql($"f.{column}", IsCodeId: true)]);

    public override IReadOnlyList<TableCategory> Categories(IReadOnlyList<IReadOnlyCollection<(string Code, string? Parent)>> observed, ReportPeriod period, StatisticsContext context)
    {
        var categories = new List<TableCategory> { Total(AllLabel) };
        foreach (var value in observed[0].Select(o => o.Code).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            categories.Add(new TableCategory(value, value == UnknownCode ? UnknownLabel : name(context, value), TotalCode));
        }

        return categories;
    }
}
