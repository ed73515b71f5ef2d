using System.CommandLine;
using System.Diagnostics;
using Hilmo.Statistics;

namespace Hilmo.Cli.Commands;

/// <summary>
/// <c>hilmo bench report --data DIR</c>: times a report over a register already filled (e.g. with
/// <c>hilmo generate</c> and <c>hilmo ingest</c>): the first run, which reads from disk, and the
/// median of the following runs, which find the data in DuckDB's buffer.
/// </summary>
internal static class ReportBench
{
    public static Command Create()
    {
        var report = new Option<string>("--report") { Description = "The report", DefaultValueFactory = _ => "access-to-care" };
        var by = new Option<string>("--by") { Description = "Dimensions", DefaultValueFactory = _ => "county,month", HelpName = "DIM,..." };
        var year = new Option<int>("--year") { Description = "The year to report (default: last year)", DefaultValueFactory = _ => DateTime.Today.Year - 1 };
        var runs = new Option<int>("--runs") { Description = "Runs after the first", DefaultValueFactory = _ => 5 };
        var data = CommonOptions.Data();
        var postgres = CommonOptions.Postgres();
        var command = new Command("report", "Measure how long a report takes over the data folder's register") { report, by, year, runs, data, postgres };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var folder = DataFolder.Resolve(parsed.GetValue(data));
            await using var store = await ConfiguredStore.OpenAsync(folder, parsed.GetValue(postgres), cancellationToken: cancellationToken).ConfigureAwait(false);
            var statistics = RegisterComponents.Statistics(store, RegisterComponents.LoadCodes(null), folder);
            var counts = await store.CountAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var request = new ReportRequest(parsed.GetValue(report)!, new ReportPeriod(new DateOnly(parsed.GetValue(year), 1, 1), new DateOnly(parsed.GetValue(year), 12, 31)),
                [.. parsed.GetValue(by)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);

            var times = new List<TimeSpan>();
            StatisticsTable? table = null;
            for (var run = 0; run <= parsed.GetValue(runs); run++)
            {
                var clock = Stopwatch.StartNew();
                table = await statistics.RunAsync(request, cancellationToken).ConfigureAwait(false);
                times.Add(clock.Elapsed);
            }

            var warm = times.Skip(1).Order().ToList();
            Console.WriteLine($"{request.Report} by {string.Join(',', table!.Dimensions.Select(d => d.Code))} over {counts.Records:N0} current records ({counts.Versions:N0} versions): "
                + $"{table.CellCount:N0} cells; first run {times[0].TotalMilliseconds:N0} ms, median of {warm.Count} more {(warm.Count > 0 ? warm[warm.Count / 2] : times[0]).TotalMilliseconds:N0} ms (disclosure control included)");
            return 0;
        });
        return command;
    }
}
