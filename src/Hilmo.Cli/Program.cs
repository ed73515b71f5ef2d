using System.CommandLine;
using Hilmo.Cli.Commands;

namespace Hilmo.Cli;

/// <summary>The <c>hilmo</c> command: one binary for every job of the register.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args)
    {
        var root = new RootCommand("Hilmo: Finland's care-notification register (AvoHILMO), embedded edition")
        {
            GenerateCommand.Create(),
            ValidateCommand.Create(),
            IngestCommand.Create(),
            CodesCommand.Create(),
            BenchCommand.Create(),
        };
        return root.Parse(args).InvokeAsync();
    }
}
