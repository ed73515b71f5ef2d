using System.Globalization;
using System.Text;

namespace Hilmo.Statistics.Sql;

/// <summary>SQL literals for the small lookup lists report queries carry inline (municipalities' counties, providers' counties).</summary>
internal static class SqlText
{
    /// <summary>A string literal; quotes doubled, so no value can end the literal.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Literal(DateOnly date) => "DATE '" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'";

    /// <summary>A timestamp literal, to the microsecond both engines keep.</summary>
    public static string Literal(DateTime time) => "TIMESTAMP '" + time.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "'";

    public static string Literal(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A two-column lookup as a derived table, <c>(VALUES ('005', '16'), …) AS name(key, value)</c>;
    /// one row of nulls when empty, so the statement stays valid.
    /// </summary>
    public static string Lookup(string name, string keyColumn, string valueColumn, IEnumerable<(string Key, string Value)> rows)
    {
        var text = new StringBuilder("(VALUES ");
        var first = true;
        foreach (var (key, value) in rows)
        {
            text.Append(first ? "" : ", ").Append('(').Append(Literal(key)).Append(", ").Append(Literal(value)).Append(')');
            first = false;
        }

        if (first)
        {
            text.Append("(CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR))");
        }

        return text.Append(") AS ").Append(name).Append('(').Append(keyColumn).Append(", ").Append(valueColumn).Append(')').ToString();
    }
}
