namespace Hilmo.Statistics.Sql;

/// <summary>
/// A report as one SQL statement over the store's report relations (<see cref="ReportRelations"/>),
/// with positional parameters <c>$1</c>, <c>$2</c> … The statement is written in the SQL both
/// stores speak (DuckDB and PostgreSQL), so a report is the same query, and the same figures,
/// on either; the store only runs it and hands back the aggregated rows.
/// </summary>
/// <param name="Text">The statement.</param>
/// <param name="Parameters">Values of <c>$1</c>, <c>$2</c> …: strings, integers, dates and UTC timestamps.</param>
public sealed record ReportQuery(string Text, IReadOnlyList<object> Parameters);
