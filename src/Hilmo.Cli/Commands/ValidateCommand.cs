using System.CommandLine;

namespace Hilmo.Cli.Commands;

/// <summary><c>hilmo validate FILE...</c>: every check of ingest, nothing stored, no register needed.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var files = CommonOptions.Files();
        var codes = CommonOptions.Codes();
        var report = CommonOptions.Report();
        var format = CommonOptions.Format();
        var allowTemporary = CommonOptions.AllowTemporaryIdentityCodes();
        var language = CommonOptions.Language();
        var command = new Command("validate", "Check submission files as the register would, storing nothing")
        {
            files, codes, report, format, allowTemporary, language,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var codeServer = RegisterComponents.LoadCodes(parsed.GetValue(codes));
            var pseudonymiser = RegisterComponents.ThrowawayPseudonymiser(parsed.GetValue(allowTemporary));
            var runner = new SubmissionRunner(RegisterComponents.Pipeline(codeServer, pseudonymiser), null, null, Console.Out, parsed.GetValue(language)!);
            return await runner.RunAsync(parsed.GetValue(files)!, parsed.GetValue(format), parsed.GetValue(report), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
