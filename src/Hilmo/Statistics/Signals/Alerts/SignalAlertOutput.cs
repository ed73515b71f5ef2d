using System.Globalization;
using System.Text;

namespace Hilmo.Statistics.Signals.Alerts;

/// <summary>
/// Stored alerts as the CLI and the API give them: one JSON object or CSV row per alert, with the
/// methods and resolutions by their codes (<see cref="SignalCodes"/>), the same in both.
/// </summary>
public static class SignalAlertOutput
{
    public const string CsvHeader = "as_of,period,resolution,county,syndrome,method,observed,expected,threshold,score,parameters";

    /// <summary>The JSON shape of an alert (serialised with the web defaults: camelCase).</summary>
    public sealed record AlertDocument(DateTimeOffset AsOf, DateOnly Period, string Resolution, string County, string Syndrome, string Method,
        int Observed, double? Expected, double Threshold, double Score, string Parameters);

    public static AlertDocument Document(SignalAlert alert) => new(alert.AsOf, alert.Period, alert.Resolution.Code(), alert.County, alert.Syndrome,
        alert.Method.Code(), alert.Observed, alert.Expected, alert.Threshold, alert.Score, alert.Parameters);

    /// <summary>The alerts as CSV (RFC 4180: comma, the header first, a field with a comma or quote quoted).</summary>
    public static string Csv(IEnumerable<SignalAlert> alerts)
    {
        var text = new StringBuilder(CsvHeader).Append("\r\n");
        foreach (var a in alerts)
        {
            text.AppendJoin(',',
                a.AsOf.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                a.Period.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                a.Resolution.Code(), Quoted(a.County), Quoted(a.Syndrome), a.Method.Code(),
                a.Observed.ToString(CultureInfo.InvariantCulture),
                a.Expected?.ToString("R", CultureInfo.InvariantCulture) ?? "",
                a.Threshold.ToString("R", CultureInfo.InvariantCulture),
                a.Score.ToString("R", CultureInfo.InvariantCulture),
                Quoted(a.Parameters)).Append("\r\n");
        }

        return text.ToString();
    }

    private static string Quoted(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
