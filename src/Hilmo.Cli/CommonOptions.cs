using System.CommandLine;
using System.CommandLine.Parsing;
using Hilmo.Formats;

namespace Hilmo.Cli;

/// <summary>Options several commands share, defined once so they read the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string?> Data() => new("--data")
    {
        Description = $"Data folder of the embedded register (database, master key, access keys). Default: ${DataFolder.EnvironmentVariable} or ./hilmo-data",
        HelpName = "DIR",
    };

    public static Option<string?> Postgres() => new("--postgres")
    {
        Description = $"Keep the register in this PostgreSQL database (Npgsql connection string) instead of the data folder's DuckDB file. Default: ${ConfiguredStore.EnvironmentVariable}",
        HelpName = "CONN",
    };

    public static Option<string?> Codes() => new("--codes")
    {
        Description = "Folder of code lists to use instead of the shipped ones (CSV or THL code-server exports)",
        HelpName = "DIR",
    };

    public static Option<FileInfo?> Report() => new("--report")
    {
        Description = "Write every finding and the counts of each file to this JSON file",
        HelpName = "FILE.json",
    };

    public static Option<SubmissionFormat?> Format() => new("--format")
    {
        Description = "Wire format of the files; by default from the file name, else from the first bytes",
    };

    public static Option<bool> AllowTemporaryIdentityCodes() => new("--allow-temporary-identity-codes")
    {
        Description = "Accept temporary identity codes (individual number 900-999), as a test environment does",
    };

    public static Option<string> Language() => new("--language")
    {
        Description = "Language of finding messages: fi, sv or en",
        DefaultValueFactory = _ => "en",
        HelpName = "fi|sv|en",
        Validators = { RequireLanguage },
    };

    private static void RequireLanguage(OptionResult result)
    {
        if (result.GetValueOrDefault<string>() is not ("fi" or "sv" or "en"))
        {
            result.AddError("--language must be fi, sv or en.");
        }
    }

    public static Argument<FileInfo[]> Files() => new("FILE")
    {
        Description = "Submission files: .ndjson, .json or .xml",
        Arity = ArgumentArity.OneOrMore,
    };
}
