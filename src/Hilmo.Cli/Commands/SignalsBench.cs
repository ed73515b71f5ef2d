using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Hilmo.Identity;
using Hilmo.Statistics.Signals;
using Hilmo.Statistics.Signals.Evaluation;
using Hilmo.Synthetic;

namespace Hilmo.Cli.Commands;

/// <summary>
/// <c>hilmo bench signals [--seed S] [--years N] [--records-per-year N] [--outbreak ...]</c>: generates
/// consecutive years of synthetic AvoHILMO visits in memory with outbreaks injected, counts them per
/// day, county and syndrome as the register does, runs every detection method over every series and
/// prints each method's sensitivity, false alarms per county-syndrome-year, median days to detection
/// and the time it took.
/// </summary>
internal static class SignalsBench
{
    public static Command Create()
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the generated data", DefaultValueFactory = _ => 1, HelpName = "S" };
        var years = new Option<int>("--years")
        {
            Description = "Years of data, at least 2: the methods learn from the first",
            DefaultValueFactory = _ => 2,
            HelpName = "N",
            Validators = { r => { if (r.GetValueOrDefault<int>() < 2) { r.AddError("--years must be at least 2: the methods' baselines take the first year."); } } },
        };
        var recordsPerYear = new Option<long>("--records-per-year")
        {
            Description = "Records generated per year",
            DefaultValueFactory = _ => 2_000_000,
            HelpName = "N",
            Validators = { r => { if (r.GetValueOrDefault<long>() < 10_000) { r.AddError("--records-per-year must be at least 10000."); } } },
        };
        var outbreaks = OutbreakOption.Create("An outbreak to inject, SYNDROME:COUNTY:START:DAYS:FACTOR (repeatable); default: six in the last year, in different counties, syndromes and seasons");
        var codes = CommonOptions.Codes();
        var command = new Command("signals", "Measure how well and how fast the signal detection methods find outbreaks injected into synthetic data")
        {
            seed, years, recordsPerYear, outbreaks, codes,
        };
        command.SetAction(parsed =>
        {
            var codeServer = RegisterComponents.LoadCodes(parsed.GetValue(codes));
            var syndromes = SyndromeCatalogue.Load(SyndromeCatalogue.DefaultDirectory);
            var yearCount = parsed.GetValue(years);
            var firstYear = DateTime.Today.Year - yearCount;
            var injected = OutbreakOption.Parse(parsed.GetValue(outbreaks));
            if (injected.IsEmpty)
            {
                injected = DefaultOutbreaks(firstYear + yearCount - 1);
            }

            var generation = Stopwatch.StartNew();
            SyndromeDailyCounts counts;
            try
            {
                counts = OutbreakExperiment.Generate(codeServer, new SyntheticIdentityCodes(), syndromes, firstYear, yearCount,
                    parsed.GetValue(recordsPerYear), parsed.GetValue(seed), injected);
            }
            catch (ArgumentOutOfRangeException exception)
            {
                Console.Error.WriteLine($"bench signals: {exception.Message}");
                return 1;
            }

            generation.Stop();
            var results = DetectionEvaluation.Evaluate(counts, injected, DailyDetector.Standard());
            Print(Console.Out, counts, injected, results, parsed.GetValue(recordsPerYear), generation.Elapsed);
            return 0;
        });
        return command;
    }

    /// <summary>Six outbreaks of the last year: each syndrome in its own season and county, factors 3 to 5.</summary>
    internal static System.Collections.Immutable.ImmutableArray<InjectedOutbreak> DefaultOutbreaks(int year) =>
    [
        new("ili", "90", new DateOnly(year, 1, 20), 14, 3),
        new("gastro", "08", new DateOnly(year, 2, 3), 14, 3),
        new("lri", "05", new DateOnly(year, 3, 10), 14, 4),
        new("conjunctivitis", "03", new DateOnly(year, 5, 12), 14, 5),
        new("tick_borne", "05", new DateOnly(year, 7, 7), 21, 5),
        new("uri", "19", new DateOnly(year, 10, 6), 14, 3),
    ];

    private static void Print(TextWriter output, SyndromeDailyCounts counts, IReadOnlyList<InjectedOutbreak> outbreaks, IReadOnlyList<MethodEvaluation> results, long recordsPerYear, TimeSpan generation)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv,
            $"{counts.First:yyyy-MM-dd}–{counts.Last:yyyy-MM-dd}: {recordsPerYear:N0} records a year generated and counted in {generation.TotalSeconds:F1} s; "
            + $"{counts.Counties.Count} counties × {counts.Syndromes.Count} syndromes × {counts.Days} days = {(long)counts.SeriesCount * counts.Days:N0} series-days"));
        output.WriteLine("injected: " + string.Join(", ", outbreaks));
        output.WriteLine();
        output.WriteLine($"{"method",-24}{"sensitivity",13}{"false alarms/county-syndrome-year",35}{"median days to detection",26}{"time",10}");
        foreach (var r in results)
        {
            output.WriteLine(string.Create(inv,
                $"{r.Method,-24}{$"{r.Detected}/{r.Outbreaks} ({r.Sensitivity:P0})",13}{$"{r.FalseAlarmsPerSeriesYear:F2} ({r.FalseAlarmDays:N0} days)",35}{(double.IsNaN(r.MedianDaysToDetection) ? "–" : r.MedianDaysToDetection.ToString("F1", inv)),26}{$"{r.Elapsed.TotalMilliseconds:N0} ms",10}"));
        }

        var total = TimeSpan.FromTicks(results.Sum(r => r.Elapsed.Ticks));
        output.WriteLine();
        output.WriteLine(string.Create(inv, $"every syndrome × county × day evaluated by all {results.Count} methods in {total.TotalSeconds:F2} s"));
        output.WriteLine("days to detection per outbreak: " + string.Join("; ", outbreaks.Select(o =>
            $"{o.Syndrome}:{o.County} " + string.Join(" ", results.Select(r =>
                r.DaysToDetection.FirstOrDefault(d => d.Outbreak == o) is { Outbreak: not null } d ? (d.DaysToDetection?.ToString(inv) ?? "–") : "n/a")))));
        output.WriteLine("(false alarms count runs of consecutive alarm days outside the outbreaks; days to detection is from the outbreak's first day, 0 the same day)");
    }
}
