using Hilmo.Server.Web.Shared;
using Hilmo.Statistics;

namespace Hilmo.Server.Web.Supervision;

/// <summary>One provider's (or unit's) row of the compliance table: the year's visits and share within the legal limit, and each month's share.</summary>
/// <param name="Code">The provider's or unit's code.</param>
/// <param name="Name">Its name.</param>
/// <param name="Visits">The year's non-urgent assessed visits.</param>
/// <param name="WithinLimit">The year's share within the limit in force, %.</param>
/// <param name="Months">Each month's share, %, in the table's month order.</param>
public sealed record ComplianceRow(string Code, string Name, ChartPoint Visits, ChartPoint WithinLimit, IReadOnlyList<ChartPoint> Months)
{
    /// <summary>The name of the supervision region the provider belongs to; null for a unit, or when not known.</summary>
    public string? Region { get; init; }
}

public static class ComplianceRows
{
    /// <summary>The rows of the categories of <paramref name="dimension"/> under <paramref name="parent"/>, read from an access-to-care table by that dimension and month.</summary>
    public static IReadOnlyList<ComplianceRow> Of(StatisticsTable table, string dimension, string parent, string language)
    {
        var members = TableSlice.Along(table, dimension, "visits", language, parent: parent);
        var shares = TableSlice.Along(table, dimension, "within_limit_percent", language, parent: parent);
        return [.. members.Select((member, i) => new ComplianceRow(member.Code, member.Label, member, shares[i],
            TableSlice.Along(table, "month", "within_limit_percent", language, new Dictionary<string, string> { [dimension] = member.Code })))];
    }

    /// <summary>
    /// Sorted by <paramref name="key"/>: <c>name</c>, <c>visits</c>, <c>within</c> (the year's share)
    /// or a month's code; by name when unknown. Withheld figures sort last either way, since
    /// they are not small, only unknown to the reader.
    /// </summary>
    public static IReadOnlyList<ComplianceRow> Sorted(IReadOnlyList<ComplianceRow> rows, string? key, bool descending)
    {
        if (key is null or "name")
        {
            return descending ? [.. rows.OrderByDescending(r => r.Name, StringComparer.CurrentCulture)] : [.. rows.OrderBy(r => r.Name, StringComparer.CurrentCulture)];
        }

        double? Figure(ComplianceRow row) => key switch
        {
            "visits" => row.Visits.Value,
            "within" => row.WithinLimit.Value,
            _ => row.Months.FirstOrDefault(m => m.Code == key)?.Value,
        };

        var known = rows.Where(r => Figure(r) is not null);
        var ordered = descending ? known.OrderByDescending(Figure) : known.OrderBy(Figure);
        return [.. ordered.ThenBy(r => r.Name, StringComparer.CurrentCulture), .. rows.Where(r => Figure(r) is null).OrderBy(r => r.Name, StringComparer.CurrentCulture)];
    }
}
