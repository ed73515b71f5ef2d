using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Hilmo.Audit;
using Hilmo.Statistics.Signals;
using Hilmo.Statistics.Signals.Alerts;
using Hilmo.Storage;

namespace Hilmo.Cli.Commands;

/// <summary>
/// <c>hilmo signals run [--as-of TIME] [--from DATE] [--to DATE]</c> computes the epidemic signals
/// of the syndromes' daily series as the register stood at a receipt time and stores the alerts
/// with that time; <c>hilmo signals list</c> prints stored alerts. The register keeper's tools:
/// both are audited.
/// </summary>
internal static class SignalsCommand
{
    /// <summary>Two years of days by default: the methods' baselines reach a year back (Farrington, EARS' weeks, GLR's fit).</summary>
    private const int DefaultDays = 2 * 365;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create() => new("signals", "Epidemic signals from the daily reasons for visit: compute and store alerts, or list them")
    {
        Run(), List(),
    };

    private static Command Run()
    {
        var asOf = new Option<DateTimeOffset?>("--as-of") { Description = "Read the register as it stood at this receipt time (ISO 8601); default: now", HelpName = "TIME" };
        var from = new Option<DateOnly?>("--from") { Description = "First day of the series (default: two years before --to)", HelpName = "DATE" };
        var to = new Option<DateOnly?>("--to") { Description = "Last day of the series (default: the as-of day)", HelpName = "DATE" };
        var data = CommonOptions.Data();
        var postgres = CommonOptions.Postgres();
        var codes = CommonOptions.Codes();
        var command = new Command("run", "Compute the alerts of every syndrome × county series by every method, daily and weekly, and store them with their as-of time")
        {
            asOf, from, to, data, postgres, codes,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            // Stored alerts keep microseconds, as both engines do, so a run is found again by the time it printed.
            var time = parsed.GetValue(asOf) ?? DateTimeOffset.UtcNow;
            var lastDay = parsed.GetValue(to) ?? DateOnly.FromDateTime(time.UtcDateTime);
            var firstDay = parsed.GetValue(from) ?? lastDay.AddDays(-DefaultDays + 1);
            if (lastDay < firstDay)
            {
                Console.Error.WriteLine($"hilmo: --to ({lastDay:yyyy-MM-dd}) is before --from ({firstDay:yyyy-MM-dd}).");
                return 2;
            }

            var folder = DataFolder.Resolve(parsed.GetValue(data));
            SignalRunResult result;
            await using (var store = await ConfiguredStore.OpenAsync(folder, parsed.GetValue(postgres), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var statistics = RegisterComponents.Statistics(store, RegisterComponents.LoadCodes(parsed.GetValue(codes)), folder);
                var series = await new SyndromeSeriesService(store, statistics.Context).DailyAsync(firstDay, lastDay, time, cancellationToken).ConfigureAwait(false);
                result = new SignalRun().Run(series, time);
                await store.StoreSignalRunAsync(result, cancellationToken).ConfigureAwait(false);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"signals as of {result.AsOf.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'}: {series.Count:N0} series of {firstDay:yyyy-MM-dd}..{lastDay:yyyy-MM-dd}, {result.Alerts.Count:N0} alerts stored"));
                foreach (var group in result.Alerts.GroupBy(a => a.Method).OrderBy(g => g.Key))
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {group.Key.Code(),-20} {group.Count(),6:N0}"));
                }
            }

            await using var log = RegisterComponents.AuditLog(folder);
            await log.AppendAsync(new AuditEvent($"cli:{Environment.UserName}", "signals.run", $"signals/{result.AsOf.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'}",
                AuditReasons.RegisterKeeping, "cli", $"ok: {result.Alerts.Count} alerts"), cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var from = new Option<DateOnly?>("--from") { Description = "First period (day, or a week's Monday)", HelpName = "DATE" };
        var to = new Option<DateOnly?>("--to") { Description = "Last period", HelpName = "DATE" };
        var syndrome = new Option<string?>("--syndrome") { Description = "Only this syndrome (ili, gastro …)", HelpName = "ID" };
        var county = new Option<string?>("--county") { Description = "Only this wellbeing services county (code)", HelpName = "CODE" };
        var method = new Option<string?>("--method") { Description = $"Only this method: {string.Join(", ", SignalCodes.Methods.Select(m => m.Code()))}", HelpName = "METHOD" };
        var asOf = new Option<DateTimeOffset?>("--as-of") { Description = "The run of this as-of time (default: the latest)", HelpName = "TIME" };
        var format = new Option<string>("--format") { Description = "csv (the default) or json", DefaultValueFactory = _ => "csv", HelpName = "csv|json" };
        format.AcceptOnlyFromAmong("csv", "json");
        var data = CommonOptions.Data();
        var postgres = CommonOptions.Postgres();
        var command = new Command("list", "Print stored alerts: of the latest run, or of the run as of a time")
        {
            from, to, syndrome, county, method, asOf, format, data, postgres,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            SignalMethod? chosen = null;
            if (parsed.GetValue(method) is { } code)
            {
                if (!SignalCodes.TryParseMethod(code, out var m))
                {
                    Console.Error.WriteLine($"hilmo: --method must be one of {string.Join(", ", SignalCodes.Methods.Select(x => x.Code()))}, not \"{code}\".");
                    return 2;
                }

                chosen = m;
            }

            var folder = DataFolder.Resolve(parsed.GetValue(data));
            IReadOnlyList<SignalAlert> alerts;
            await using (var store = await ConfiguredStore.OpenAsync(folder, parsed.GetValue(postgres), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                alerts = await store.ListSignalAlertsAsync(new SignalAlertQuery(parsed.GetValue(from), parsed.GetValue(to), parsed.GetValue(syndrome),
                    parsed.GetValue(county), chosen, parsed.GetValue(asOf)), cancellationToken).ConfigureAwait(false);
            }

            await using (var log = RegisterComponents.AuditLog(folder))
            {
                await log.AppendAsync(new AuditEvent($"cli:{Environment.UserName}", "signals.list", "signals",
                    AuditReasons.RegisterKeeping, "cli", $"ok: {alerts.Count} alerts"), cancellationToken).ConfigureAwait(false);
            }

            Console.Write(parsed.GetValue(format) == "json"
                ? JsonSerializer.Serialize(alerts.Select(SignalAlertOutput.Document), Json) + Environment.NewLine
                : SignalAlertOutput.Csv(alerts));
            return 0;
        });
        return command;
    }
}
