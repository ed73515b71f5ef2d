using System.CommandLine;
using DuckDB.NET.Data;
using Hilmo.Access;
using Hilmo.Cli.Commands;
using Hilmo.Codes;
using Hilmo.Identity;

namespace Hilmo.Cli;

/// <summary>The <c>hilmo</c> command: one binary for every job of the register.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args) => RunAsync(args);

    /// <summary>
    /// Runs one command line; the exit code is the command's. A problem of the setting (a code
    /// list, the key file, the database in use by another process) is told in one line, not as a
    /// stack trace; a stack trace means a bug.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Hilmo: Finland's care-notification register (AvoHILMO), embedded edition")
        {
            GenerateCommand.Create(),
            ValidateCommand.Create(),
            IngestCommand.Create(),
            CodesCommand.Create(),
            BenchCommand.Create(),
            KeysCommand.Create(),
            MasterKeyCommand.Create(),
            AuditCommand.Create(),
            ServeCommand.Create(),
            ReportCommand.Create(),
            ReleaseCommand.Create(),
            HistoryCommand.Create(),
            SignalsCommand.Create(),
            SubjectRequestCommand.Create(),
        };
        root.HelpName = "hilmo";
        try
        {
            var configuration = new InvocationConfiguration { Output = Console.Out, Error = Console.Error, EnableDefaultExceptionHandler = false };
            return await root.Parse(args).InvokeAsync(configuration).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is CodeListException or MasterKeyException or AccessKeyFileException or AuditSigningKeyException
            or Statistics.Population.PopulationFileException or DuckDBException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"hilmo: {exception.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
