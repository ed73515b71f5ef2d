using System.CommandLine;

namespace Hilmo.Cli.Commands;

/// <summary>
/// <c>hilmo ingest FILE... [--data DIR | --postgres CONN] [--report FILE.json]</c>: check,
/// pseudonymise and store submissions, each file's in the data folder's audit log as the server logs its own.
/// </summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var files = CommonOptions.Files();
        var data = CommonOptions.Data();
        var postgres = CommonOptions.Postgres();
        var codes = CommonOptions.Codes();
        var report = CommonOptions.Report();
        var format = CommonOptions.Format();
        var allowTemporary = CommonOptions.AllowTemporaryIdentityCodes();
        var language = CommonOptions.Language();
        var command = new Command("ingest", "Check, pseudonymise and store submission files in the register")
        {
            files, data, postgres, codes, report, format, allowTemporary, language,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var folder = DataFolder.Resolve(parsed.GetValue(data));
            var codeServer = RegisterComponents.LoadCodes(parsed.GetValue(codes));
            var pseudonymiser = RegisterComponents.Pseudonymiser(folder, parsed.GetValue(allowTemporary));
            await using var store = await ConfiguredStore.OpenAsync(folder, parsed.GetValue(postgres), cancellationToken: cancellationToken).ConfigureAwait(false);
            await using var audit = RegisterComponents.AuditLog(folder);
            var runner = new SubmissionRunner(RegisterComponents.Pipeline(codeServer, pseudonymiser), store, audit, Console.Out, parsed.GetValue(language)!);
            return await runner.RunAsync(parsed.GetValue(files)!, parsed.GetValue(format), parsed.GetValue(report), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
