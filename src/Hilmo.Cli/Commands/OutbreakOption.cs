using System.CommandLine;
using System.Collections.Immutable;
using Hilmo.Synthetic;

namespace Hilmo.Cli.Commands;

/// <summary>
/// <c>--outbreak SYNDROME:COUNTY:START:DAYS:FACTOR</c>, repeatable, for <c>hilmo generate</c> and
/// <c>hilmo bench signals</c>. The form is checked when the command line is read; the syndrome and
/// the county are checked by the generator against its lists, which name the valid ones.
/// </summary>
internal static class OutbreakOption
{
    public static Option<string[]> Create(string description) => new("--outbreak")
    {
        Description = description,
        HelpName = "SYNDROME:COUNTY:START:DAYS:FACTOR",
        Arity = ArgumentArity.ZeroOrMore,
        Validators =
        {
            r =>
            {
                foreach (var text in r.GetValueOrDefault<string[]>() ?? [])
                {
                    try
                    {
                        InjectedOutbreak.Parse(text);
                    }
                    catch (FormatException exception)
                    {
                        r.AddError($"--outbreak: {exception.Message}");
                    }
                }
            },
        },
    };

    /// <summary>The outbreaks given; the validator has already checked their form.</summary>
    public static ImmutableArray<InjectedOutbreak> Parse(string[]? texts) => [.. (texts ?? []).Select(InjectedOutbreak.Parse)];
}
