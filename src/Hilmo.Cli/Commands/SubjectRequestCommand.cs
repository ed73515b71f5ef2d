using System.CommandLine;
using System.Text;
using System.Text.Json;
using Hilmo.Identity;
using Hilmo.Notifications;
using Hilmo.Subjects;
using Spectre.Console;

namespace Hilmo.Cli.Commands;

/// <summary>
/// <c>hilmo subject-request [--format html|json] [--out FILE]</c>: the register keeper answers a
/// person's request of access. The identity code is typed at a hidden prompt or piped on standard
/// input, never given as an argument (which shells keep in their history and the process table
/// shows); it is not stored or logged (<see cref="SubjectRequests"/>).
/// </summary>
internal static class SubjectRequestCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var format = new Option<string>("--format")
        {
            Description = "html (a page for the person to read or print, the default) or json",
            DefaultValueFactory = _ => "html",
            HelpName = "html|json",
        };
        format.AcceptOnlyFromAmong("html", "json");
        var output = new Option<FileInfo?>("--out") { Description = "Write the answer to this file (owner-only rights) instead of standard output", HelpName = "FILE" };
        var since = new Option<DateTimeOffset?>("--usage-since") { Description = "Start of the usage log (default: two years back)", HelpName = "TIME" };
        var language = CommonOptions.Language();
        language.Description = "Language of the HTML page: fi, sv or en";
        var data = CommonOptions.Data();
        var postgres = CommonOptions.Postgres();
        var command = new Command("subject-request", "Answer a person's request of access: every stored record about them and the log of their use (reads the identity code from a hidden prompt or standard input)")
        {
            format, output, since, language, data, postgres,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var folder = DataFolder.Resolve(parsed.GetValue(data));
            if (!new SubjectKeySource(RegisterComponents.MasterKey(folder)).TryDerive(ReadIdentityCode(), out var keys, out var error))
            {
                Console.Error.WriteLine($"hilmo: {error}");
                return 2;
            }

            SubjectReport report;
            await using (var store = await ConfiguredStore.OpenAsync(folder, parsed.GetValue(postgres), cancellationToken: cancellationToken).ConfigureAwait(false))
            await using (var log = RegisterComponents.AuditLog(folder))
            {
                report = await new SubjectRequests(store, log, folder.AuditLogFile)
                    .AnswerAsync(keys, new SubjectRequester($"cli:{Environment.UserName}", "cli"), parsed.GetValue(since), cancellationToken).ConfigureAwait(false);
            }

            var text = parsed.GetValue(format) == "json"
                ? JsonSerializer.Serialize(SubjectReportDocument.Of(report), Json)
                : SubjectReportHtml.Write(report, parsed.GetValue(language)!);
            if (parsed.GetValue(output) is { } file)
            {
                await using var stream = new FileStream(file.FullName, OwnerOnlyFiles.Creating(new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write }));
                OwnerOnlyFiles.Restrict(stream.SafeFileHandle);
                await stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
                Console.Error.WriteLine($"hilmo: {report.VersionCount} versions of {report.Records.Count} records from {report.ProviderCount} providers, {report.Usage.Count} uses: {file.FullName}");
            }
            else
            {
                Console.WriteLine(text);
            }

            return 0;
        });
        return command;
    }

    /// <summary>The code from a prompt that does not echo it when a person types it, else the first line of standard input.</summary>
    private static IdentityCodeText ReadIdentityCode()
    {
        if (!Console.IsInputRedirected)
        {
            return new(AnsiConsole.Prompt(new TextPrompt<string>("Henkilötunnus / personbeteckning / identity code:").Secret()).Trim());
        }

        return new((Console.In.ReadLine() ?? string.Empty).Trim());
    }
}
