using System.Globalization;
using Hilmo.Audit;
using Hilmo.Server.Access;
using Hilmo.Statistics;

namespace Hilmo.Server.Web.Portal;

/// <summary>
/// A provider's own figures, unsuppressed as the API gives them with <c>provider=</c> its own
/// code: the reader is entitled to the records they count. Each read is audited, as the API's is.
/// </summary>
internal static class OwnStatistics
{
    public static async Task<StatisticsTable> RunAsync(HttpContext http, RegisterServices register, string report, ReportPeriod period, IReadOnlyList<string> by)
    {
        var caller = Caller.Of(http);
        var provider = caller.Organisation!;
        var request = new ReportRequest(report, period, by, Provider: provider, Audience: ReportAudience.Entitled);
        var table = await http.RequestServices.GetRequiredService<Hilmo.Server.Reports.ReportRunner>().TableAsync(request, http.RequestAborted).ConfigureAwait(false);
        await register.Audit.AppendAsync(new AuditEvent(caller.Actor, "statistics.read", $"report/{report}", AuditReasons.OwnStatistics, caller.From,
            string.Create(CultureInfo.InvariantCulture, $"ok unsuppressed {period} provider:{provider} by:{string.Join(',', by)} (web)")),
            http.RequestAborted).ConfigureAwait(false);
        return table;
    }
}
