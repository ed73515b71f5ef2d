using System.Text;

namespace Hilmo.Cli.Tests;

/// <summary>
/// Runs the <c>hilmo</c> command in this process, as a user would run it, and captures what it
/// prints. The console is process-wide, so tests that use this run one at a time.
/// </summary>
internal static class CommandLine
{
    private static readonly SemaphoreSlim Console_ = new(1, 1);

    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        await Console_.WaitAsync();
        var output = new StringWriter(new StringBuilder());
        var (stdout, stderr) = (Console.Out, Console.Error);
        try
        {
            Console.SetOut(output);
            Console.SetError(output);
            var exitCode = await Program.RunAsync(args);
            return (exitCode, output.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            Console_.Release();
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class UsesTheConsole
{
    public const string Name = "Uses the console";
}
