using System.Text;
using Hilmo.Statistics.Sql;

namespace Hilmo.Statistics.Signals;

/// <summary>
/// The syndromes of a <see cref="SyndromeCatalogue"/> as SQL over the report relations, the same on
/// both engines: which stored versions have a reason in which syndrome on their visit's date.
/// </summary>
internal static class SyndromeSql
{
    /// <summary>The end of an open-ended definition, so the date test needs no NULL of a typed column.</summary>
    private static readonly DateOnly OpenEnd = new(9999, 12, 31);

    /// <summary>
    /// A derived table (<c>version_id</c>, <c>syndrome</c>), one row per stored version and syndrome
    /// one of its reasons' ICD-10 or ICPC-2 codes falls in on the visit's date
    /// (<see cref="SyndromeCodeRange.Covers"/>): DISTINCT, so that two codes of one syndrome, or two
    /// ranges of it in force on the day, make one row.
    /// </summary>
    /// <param name="catalogue">The syndromes.</param>
    /// <param name="excluded">Syndromes left out.</param>
    public static string Memberships(SyndromeCatalogue catalogue, IReadOnlyCollection<string> excluded) =>
        "(SELECT DISTINCT x.version_id, sc.syndrome"
        + $" FROM (SELECT version_id, icd10_id AS code_id FROM {ReportRelations.EventReasons} WHERE icd10_id IS NOT NULL"
        + $" UNION ALL SELECT version_id, icpc2_id FROM {ReportRelations.EventReasons} WHERE icpc2_id IS NOT NULL) x"
        + $" JOIN {CodeRanges(catalogue, excluded)} sc ON sc.code_id = x.code_id"
        + $" JOIN {ReportRelations.Events} ev ON ev.version_id = x.version_id"
        + " WHERE CAST(ev.visit_start AS DATE) BETWEEN sc.valid_from AND sc.valid_to)";

    /// <summary>
    /// The stored codes each range covers, with the range's syndrome and dates: a derived table
    /// (<c>code_id</c>, <c>syndrome</c>, <c>valid_from</c>, <c>valid_to</c>). Worked out over the
    /// code texts, a few thousand rows, so that the reasons are joined by code id. A code is in a
    /// range when its first characters, as many as each bound has, lie between the bounds.
    /// </summary>
    private static string CodeRanges(SyndromeCatalogue catalogue, IReadOnlyCollection<string> excluded)
    {
        var ranges = catalogue.Ranges.Where(r => !excluded.Contains(r.Syndrome)).ToList();
        if (ranges.Count == 0)
        {
            return "(SELECT CAST(NULL AS INTEGER) AS code_id, CAST(NULL AS VARCHAR) AS syndrome, CAST(NULL AS DATE) AS valid_from, CAST(NULL AS DATE) AS valid_to WHERE 1 = 0)";
        }

        var text = new StringBuilder("(");
        for (var i = 0; i < ranges.Count; i++)
        {
            var r = ranges[i];
            text.Append(i == 0 ? "" : " UNION ALL ")
                .Append("SELECT c.code_id, CAST(").Append(SqlText.Literal(r.Syndrome)).Append(" AS VARCHAR) AS syndrome, ")
                .Append(SqlText.Literal(r.ValidFrom)).Append(" AS valid_from, ").Append(SqlText.Literal(r.ValidTo ?? OpenEnd)).Append(" AS valid_to")
                .Append($" FROM {ReportRelations.Codes} c WHERE c.code_system = ").Append(SqlText.Literal(r.CodeSystem))
                .Append(" AND substr(c.code, 1, ").Append(SqlText.Literal(r.CodeFrom.Length)).Append(") >= ").Append(SqlText.Literal(r.CodeFrom))
                .Append(" AND substr(c.code, 1, ").Append(SqlText.Literal(r.CodeTo.Length)).Append(") <= ").Append(SqlText.Literal(r.CodeTo));
        }

        return text.Append(')').ToString();
    }
}
