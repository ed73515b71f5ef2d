using System.Text;
using Hilmo.Statistics.Signals.Alerts;

namespace Hilmo.Storage;

/// <summary>
/// Which stored alerts to list: of the run as of <paramref name="AsOf"/>, or of the latest run
/// when null (the alerts of a newer run supersede an older one's, which stay for reproduction);
/// the periods from <paramref name="From"/> to <paramref name="To"/> (both included), one
/// syndrome, county and method, each when given.
/// </summary>
public sealed record SignalAlertQuery(DateOnly? From = null, DateOnly? To = null, string? Syndrome = null, string? County = null,
    SignalMethod? Method = null, DateTimeOffset? AsOf = null)
{
    /// <summary>The columns of <c>signal_alerts</c> in the order <see cref="Select"/> reads them and the stores write them.</summary>
    public const string Columns = "as_of, period, resolution, county, syndrome, method, observed, expected, threshold, score, parameters";

    /// <summary>
    /// The statement over <c>signal_runs</c> and <c>signal_alerts</c>, the same on both engines;
    /// <paramref name="parameter"/> takes a value and gives its placeholder.
    /// </summary>
    public string Select(Func<object, string> parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var text = new StringBuilder($"SELECT {Columns} FROM signal_alerts WHERE as_of = ");
        text.Append(AsOf is { } asOf ? parameter(asOf.UtcDateTime) : "(SELECT max(as_of) FROM signal_runs)");
        if (From is { } from)
        {
            text.Append(" AND period >= ").Append(parameter(from));
        }

        if (To is { } to)
        {
            text.Append(" AND period <= ").Append(parameter(to));
        }

        if (Syndrome is not null)
        {
            text.Append(" AND syndrome = ").Append(parameter(Syndrome));
        }

        if (County is not null)
        {
            text.Append(" AND county = ").Append(parameter(County));
        }

        if (Method is { } method)
        {
            text.Append(" AND method = ").Append(parameter(method.Code()));
        }

        return text.Append(" ORDER BY period, county, syndrome, resolution, method").ToString();
    }

    /// <summary>An alert from a row of <see cref="Select"/>, as the store's reader gives the columns.</summary>
    public static SignalAlert Read(DateTime asOf, DateOnly period, string resolution, string county, string syndrome, string method,
        int observed, double? expected, double threshold, double score, string parameters)
    {
        if (!SignalCodes.TryParseMethod(method, out var parsed))
        {
            throw new FormatException($"A stored signal alert of {syndrome} in {county} on {period:yyyy-MM-dd} names the unknown method {method}.");
        }

        return new SignalAlert(period, SignalCodes.ParseResolution(resolution), county, syndrome, parsed, observed, expected, threshold, score,
            new DateTimeOffset(DateTime.SpecifyKind(asOf, DateTimeKind.Utc)), parameters);
    }
}
