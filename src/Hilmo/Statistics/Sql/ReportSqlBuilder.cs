using System.Globalization;
using System.Text;
using Hilmo.Statistics.Dimensions;
using Hilmo.Statistics.Reports;

namespace Hilmo.Statistics.Sql;

/// <summary>
/// Writes a report request as one statement: the facts, each fact's category at every level of
/// every dimension, and one aggregated row per cell of the table — margins included, through
/// GROUPING SETS — with code ids decoded only on the aggregated rows.
/// </summary>
internal static class ReportSqlBuilder
{
    /// <summary>The statement and, per dimension, its levels' columns in the result.</summary>
    public static (ReportQuery Query, IReadOnlyList<int> LevelCounts) Build(ReportDefinition report, IReadOnlyList<ReportDimension> dimensions, ReportRequest request, StatisticsContext context)
    {
        var parameters = new List<object>();
        string Parameter(object value)
        {
            parameters.Add(value);
            return "$" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        }

        var facts = report.FactsSql(request, context, Parameter);
        var joins = new List<string>();
        var keys = new List<(string Column, LevelSql Level)>();
        var levelCounts = new List<int>();
        var sets = new List<List<string>> { new() };
        var aggregation = report.Aggregation;

        // The waiting-time bands are a function of the waiting days the histogram keeps: they are
        // formed from its rows at the end rather than doubling every grouping set.
        var banded = aggregation.WaitingHistogram ? dimensions.Count - 1 : dimensions.Count;
        for (var d = 0; d < dimensions.Count; d++)
        {
            var sql = dimensions[d].Sql(context, report.Shape, $"j{d}");
            joins.AddRange(sql.Joins);
            var columns = sql.Levels.Select((level, l) => (Column: $"k{d}_{l}", Level: level)).ToList();
            keys.AddRange(columns);
            levelCounts.Add(columns.Count);

            // Each set chooses one level of this dimension: the finest keeps every column (the
            // coarser ones depend on it), a coarser one drops those below it, the total drops all.
            if (d < banded)
            {
                var choices = Enumerable.Range(0, columns.Count + (dimensions[d].HasTotal ? 1 : 0))
                    .Select(level => columns.Skip(level).Select(c => c.Column).ToList()).ToList();
                sets = [.. sets.SelectMany(set => choices.Select(choice => set.Concat(choice).ToList()))];
            }
        }

        var conditions = Filters(report, request, context, joins, Parameter);
        var keyList = string.Join(", ", keys.Select(k => k.Column));
        var keyed = new StringBuilder("SELECT ");
        var grouped = keys.Take(keys.Count - (dimensions.Count - banded)).ToList();
        // An empty code column is the unknown member, never NULL: a NULL key would be read as a total.
        keyed.AppendJoin(", ", grouped.Select(k => k.Level.IsCodeId
                ? $"coalesce({k.Level.Expression}, {ReportDimension.UnknownCodeId}) AS {k.Column}"
                : $"{k.Level.Expression} AS {k.Column}")
            .Concat(aggregation.Columns.Select(c => "f." + c))
            .Concat(aggregation.WaitingHistogram ? ["f.wait_days AS f_wait"] : []));
        keyed.Append(" FROM f");
        foreach (var join in joins)
        {
            keyed.Append(' ').Append(join);
        }

        if (conditions.Count > 0)
        {
            keyed.Append(" WHERE ").AppendJoin(" AND ", conditions);
        }

        var text = new StringBuilder("WITH f AS (").Append(facts).Append("),\nkeyed AS (").Append(keyed).Append(')');
        var groupingSets = "GROUPING SETS (" + string.Join(", ", sets.Select(s => "(" + string.Join(", ", s) + ")")) + ")";
        string aggregated;
        if (aggregation.WaitingHistogram)
        {
            aggregated = Histogram(text, aggregation, grouped.Select(k => k.Column).ToList(), sets, keys[^1]);
        }
        else
        {
            aggregated = "cells";
            text.Append(",\ncells AS (SELECT ").Append(keyList).Append(keyList.Length > 0 ? ", " : "")
                .AppendJoin(", ", aggregation.Aggregates.Select((a, i) => $"{a} AS a{i}"))
                .Append(" FROM keyed GROUP BY ").Append(groupingSets).Append(')');
        }

        // Decode code ids on the aggregated rows only; an id no code has is the unknown code (a
        // null key is a margin of the grouping sets, so it stays null).
        text.Append("\nSELECT ");
        var select = keys.Select((k, i) => k.Level.IsCodeId
            ? $"coalesce(c{i}.code, CASE WHEN r.{k.Column} IS NOT NULL THEN '{ReportDimension.UnknownCode}' END) AS {k.Column}"
            : $"r.{k.Column}").ToList();
        var valueCount = aggregation.WaitingHistogram
            ? 1 + aggregation.Columns.Count + 2 * (aggregation.Quantiles?.Count ?? 0)
            : aggregation.Aggregates.Count;
        select.AddRange(Enumerable.Range(0, valueCount).Select(i => $"r.a{i}"));
        text.AppendJoin(", ", select).Append(" FROM ").Append(aggregated).Append(" r");
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].Level.IsCodeId)
            {
                text.Append($" LEFT JOIN {ReportRelations.Codes} c{i} ON c{i}.code_id = r.{keys[i].Column}");
            }
        }

        return (new ReportQuery(text.ToString(), parameters), levelCounts);
    }

    /// <summary>
    /// The conditions of the request's filters over the facts, each on its dimension's finest
    /// level, as the keyed rows see it; a dimension's joins are added under an alias of its own.
    /// A code-id level is compared with the ids of the codes named, so that the facts' ids are
    /// never decoded row by row.
    /// </summary>
    private static List<string> Filters(ReportDefinition report, ReportRequest request, StatisticsContext context, List<string> joins, Func<object, string> parameter)
    {
        var conditions = new List<string>();
        for (var i = 0; i < request.Filters.Count; i++)
        {
            var filter = request.Filters[i];
            var dimension = report.Dimensions.Concat(report.FixedDimensions).FirstOrDefault(d => d.Code == filter.Dimension)
                ?? throw new ReportRequestException($"Report {report.Name} has no dimension '{filter.Dimension}' to filter by.");
            if (filter.Categories.Count == 0)
            {
                throw new ReportRequestException($"A filter by {filter.Dimension} keeps no category.");
            }

            var sql = dimension.Sql(context, report.Shape, $"w{i}");
            joins.AddRange(sql.Joins);
            var level = sql.Levels[0];
            var codes = string.Join(", ", filter.Categories.Select(code => parameter(code)));
            conditions.Add(level.IsCodeId
                ? $"{level.Expression} IN (SELECT code_id FROM {ReportRelations.Codes} WHERE code IN ({codes}))"
                : $"{level.Expression} IN ({codes})");
        }

        return conditions;
    }

    /// <summary>
    /// Aggregates by waiting days first, then derives each cell's quantiles from its histogram:
    /// the value at 0-based rank k is the least waiting time whose cumulative count exceeds k, and a
    /// quantile p lies between ranks ⌊p(n−1)⌋ and ⌊p(n−1)⌋+1, the linear interpolation
    /// <c>percentile_cont</c> uses. Ten million facts shrink to tens of thousands of histogram
    /// rows before the margins are formed; the band of each row, <paramref name="band"/>, is
    /// formed last, with the band totals, from the margins' histograms.
    /// </summary>
    private static string Histogram(StringBuilder text, ReportAggregation aggregation, IReadOnlyList<string> keys, List<List<string>> sets, (string Column, LevelSql Level) band)
    {
        var keyList = string.Join(", ", keys);
        var prefix = keyList.Length > 0 ? keyList + ", " : "";
        var sums = aggregation.Columns.Select((c, i) => (Column: c, Alias: $"s{i}")).ToList();
        text.Append(",\nhistogram AS (SELECT ").Append(prefix).Append("f_wait, count(*) AS n")
            .Append(string.Concat(sums.Select(s => $", CAST(sum({s.Column}) AS BIGINT) AS {s.Alias}")))
            .Append(" FROM keyed GROUP BY ").Append(prefix).Append("f_wait)");

        var groupingSets = "GROUPING SETS (" + string.Join(", ", sets.Select(s => "(" + string.Join(", ", s.Append("f_wait")) + ")")) + ")";
        var grouping = keys.Count > 0 ? $"GROUPING({keyList})" : "0";
        text.Append(",\ncube AS (SELECT ").Append(prefix).Append(grouping).Append(" AS g, f_wait, CAST(sum(n) AS BIGINT) AS n")
            .Append(string.Concat(sums.Select(s => $", CAST(sum({s.Alias}) AS BIGINT) AS {s.Alias}")))
            .Append(" FROM histogram GROUP BY ").Append(groupingSets).Append(')');

        // The band expression reads f.wait_days, as over the facts.
        var partition = "PARTITION BY " + prefix + "g";
        text.Append(",\nranked AS (SELECT f.*, ").Append(band.Level.Expression).Append(" AS ").Append(band.Column)
            .Append(", sum(n) OVER (").Append(partition)
            .Append(" ORDER BY f_wait ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cumulative, sum(n) OVER (")
            .Append(partition).Append(") AS total FROM (SELECT cube.*, f_wait AS wait_days FROM cube) f)");

        // Sums are cast back to BIGINT: both engines widen a sum of BIGINTs (HUGEINT, NUMERIC).
        var values = new List<string> { "CAST(sum(n) AS BIGINT) AS a0" };
        values.AddRange(sums.Select((s, i) => $"CAST(sum({s.Alias}) AS BIGINT) AS a{i + 1}"));
        var next = values.Count;
        foreach (var p in aggregation.Quantiles ?? [])
        {
            var rank = $"floor({p.ToString("0.0###", CultureInfo.InvariantCulture)} * (total - 1))";
            values.Add($"min(f_wait) FILTER (WHERE cumulative > {rank}) AS a{next++}");
            values.Add($"min(f_wait) FILTER (WHERE cumulative > {rank} + 1) AS a{next++}");
        }

        var bandSets = $"GROUPING SETS (({prefix}g), ({prefix}g, {band.Column}))";
        text.Append(",\ncells AS (SELECT ").Append(prefix).Append(band.Column).Append(", ").AppendJoin(", ", values)
            .Append(" FROM ranked GROUP BY ").Append(bandSets).Append(')');
        return "cells";
    }
}
