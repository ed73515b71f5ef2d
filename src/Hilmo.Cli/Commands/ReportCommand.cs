using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Hilmo.Audit;
using Hilmo.Statistics;
using Hilmo.Statistics.Outputs;
using Hilmo.Statistics.Reports;

namespace Hilmo.Cli.Commands;

/// <summary>
/// <c>hilmo report NAME [--from DATE --to DATE] [--by DIM,...] [--format F] [--out FILE]</c>:
/// computes a report from the register, with disclosure control unless told the table stays inside.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = $"The report: {string.Join(", ", ReportCatalogue.All.Select(r => r.Name))}" };
        var lastYear = DateTime.Today.Year - 1;
        var from = new Option<DateOnly>("--from") { Description = "First day (default: 1 January of last year)", HelpName = "DATE", DefaultValueFactory = _ => new DateOnly(lastYear, 1, 1) };
        var to = new Option<DateOnly>("--to") { Description = "Last day, included (default: 31 December of last year)", HelpName = "DATE", DefaultValueFactory = _ => new DateOnly(lastYear, 12, 31) };
        var by = new Option<string?>("--by") { Description = "Dimensions, comma-separated (e.g. county,month); default: the report's own", HelpName = "DIM,..." };
        var format = new Option<StatisticsFormat>("--format")
        {
            Description = $"Output format: {string.Join(", ", StatisticsFormats.CanonicalNames)}",
            HelpName = "FORMAT",
            DefaultValueFactory = _ => StatisticsFormat.Csv,
            CustomParser = ParseFormat,
        };
        var output = new Option<FileInfo?>("--out") { Description = "File to write (default: standard output; xlsx needs a file)", HelpName = "FILE" };
        var language = CommonOptions.Language();
        language.Description = "Language of labels: fi, sv or en";
        language.DefaultValueFactory = _ => "fi";
        var asOf = new Option<DateTimeOffset?>("--as-of") { Description = "Compute the register as it stood at this receipt time (ISO 8601, e.g. 2026-02-28T12:00Z)", HelpName = "TIME" };
        var release = new Option<string?>("--release") { Description = "Compute as of a release's frozen time", HelpName = "NAME" };
        var provider = new Option<string?>("--provider") { Description = "Only this provider's data", HelpName = "CODE" };
        var unprotected = new Option<bool>("--unprotected")
        {
            Description = "Show small counts as they are, for the register's own use: the table must not leave the register (recorded in the audit log). Any period is then allowed",
        };
        var data = CommonOptions.Data();
        var postgres = CommonOptions.Postgres();
        var codes = CommonOptions.Codes();
        var command = new Command("report", "Compute a statistics report: visits, access-to-care, care-periods, social-care-periods, social-care-clients or data-quality")
        {
            name, from, to, by, format, output, language, asOf, release, provider, unprotected, data, postgres, codes,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var chosenFormat = parsed.GetValue(format);
            var file = parsed.GetValue(output);
            if (chosenFormat == StatisticsFormat.Xlsx && file is null)
            {
                Console.Error.WriteLine("hilmo: An XLSX workbook needs a file: give --out FILE.xlsx.");
                return 2;
            }

            var folder = DataFolder.Resolve(parsed.GetValue(data));
            var isUnprotected = parsed.GetValue(unprotected);
            var request = new ReportRequest(
                parsed.GetValue(name)!,
                new ReportPeriod(parsed.GetValue(from), parsed.GetValue(to)),
                [.. (parsed.GetValue(by) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
                parsed.GetValue(asOf),
                parsed.GetValue(release),
                parsed.GetValue(provider),
                isUnprotected ? ReportAudience.Entitled : ReportAudience.Public);

            await using var store = await ConfiguredStore.OpenAsync(folder, parsed.GetValue(postgres), cancellationToken: cancellationToken).ConfigureAwait(false);
            var statistics = RegisterComponents.Statistics(store, RegisterComponents.LoadCodes(parsed.GetValue(codes)), folder);
            StatisticsTable table;
            try
            {
                table = await statistics.RunAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (ReportRequestException exception)
            {
                Console.Error.WriteLine($"hilmo: {exception.Message}");
                return 2;
            }

            if (isUnprotected)
            {
                await using var log = RegisterComponents.AuditLog(folder);
                await log.AppendAsync(new AuditEvent($"cli:{Environment.UserName}", "report.unprotected", $"report/{table.Metadata.Report}",
                    "register keeper's own use", "cli", string.Create(CultureInfo.InvariantCulture, $"ok {request.Period} by:{string.Join(',', table.Dimensions.Select(d => d.Code))}")),
                    cancellationToken).ConfigureAwait(false);
            }

            if (file is null)
            {
                await using var stdout = Console.OpenStandardOutput();
                await TableWriter.WriteAsync(table, chosenFormat, parsed.GetValue(language)!, stdout, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await using var stream = file.Create();
                await TableWriter.WriteAsync(table, chosenFormat, parsed.GetValue(language)!, stream, cancellationToken).ConfigureAwait(false);
                Console.Error.WriteLine($"{file.FullName}: {table.Metadata.Report}, {table.CellCount:N0} cells");
            }

            return 0;
        });
        return command;
    }

    private static StatisticsFormat ParseFormat(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (StatisticsFormats.TryParse(text, out var parsedFormat))
        {
            return parsedFormat;
        }

        result.AddError($"--format must be one of {string.Join(", ", StatisticsFormats.CanonicalNames)}, not \"{text}\".");
        return default;
    }
}
