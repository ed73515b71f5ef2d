using System.CommandLine;
using System.Globalization;
using Hilmo.Codes;

namespace Hilmo.Cli.Commands;

/// <summary>
/// <c>hilmo codes [NAME [CODE]] [--date D]</c>: the code server from the command line. Without a
/// name, every classification; with one, its codes; with a code, whether it is valid on a date.
/// </summary>
internal static class CodesCommand
{
    public static Command Create()
    {
        var name = new Argument<string?>("NAME") { Description = "Classification, e.g. icd10fi, spat, palvelumuoto", Arity = ArgumentArity.ZeroOrOne };
        var code = new Argument<string?>("CODE") { Description = "A code to look up", Arity = ArgumentArity.ZeroOrOne };
        var date = new Option<DateOnly?>("--date") { Description = "Date to check validity on (default: today)", HelpName = "YYYY-MM-DD" };
        var codes = CommonOptions.Codes();
        var language = CommonOptions.Language();
        var command = new Command("codes", "List the classifications, the codes of one, or check a code") { name, code, date, codes, language };
        command.SetAction(parsed =>
        {
            var server = RegisterComponents.LoadCodes(parsed.GetValue(codes));
            var lang = parsed.GetValue(language)!;
            var output = Console.Out;
            if (parsed.GetValue(name) is not { } classificationName)
            {
                ListClassifications(server, lang, output);
                return 0;
            }

            if (!server.TryGet(classificationName, out var classification))
            {
                Console.Error.WriteLine($"No classification named '{classificationName}'. Known: {string.Join(", ", server.Classifications.Select(c => c.Name))}");
                return 1;
            }

            if (parsed.GetValue(code) is not { } lookup)
            {
                foreach (var entry in classification.Codes)
                {
                    output.WriteLine($"{entry.Code}\t{entry.Name.In(lang)}\t{Validity(entry)}");
                }

                return 0;
            }

            var on = parsed.GetValue(date) ?? DateOnly.FromDateTime(DateTime.Today);
            var check = classification.Check(lookup, on);
            output.WriteLine($"{classification.Name} {lookup} on {on:yyyy-MM-dd}: {check}");
            if (check == CodeCheck.Unverified)
            {
                output.WriteLine(classification.Definition.NoPublicList
                    ? "  the classification is provisional: no public list exists, so only the code's form is checked (CODE-009)"
                    : "  the classification's list is not loaded, so only the code's form is checked (CODE-004)");
            }

            if (classification.Find(lookup) is { } found)
            {
                output.WriteLine($"  {found.Name.In(lang)}");
                output.WriteLine($"  valid {Validity(found)}{(found.Parent is { } parent ? $", under {parent}" : string.Empty)}");
                foreach (var (attribute, value) in found.Attributes)
                {
                    output.WriteLine($"  {attribute}: {value}");
                }
            }

            return check is CodeCheck.Valid or CodeCheck.Unverified ? 0 : 1;
        });
        return command;
    }

    private static void ListClassifications(CodeServer server, string language, TextWriter output)
    {
        output.WriteLine("name\tstatus\tcodes\toid\tsource\tversion\ttitle");
        foreach (var c in server.Classifications)
        {
            output.WriteLine(string.Join('\t',
                c.Name,
                c.Status.ToString().ToLowerInvariant(),
                c.Codes.Count.ToString(CultureInfo.InvariantCulture),
                c.Definition.Oid ?? "-",
                c.SourceName ?? "-",
                c.Version ?? "-",
                c.Definition.Title.In(language)));
        }
    }

    private static string Validity(CodeEntry entry) =>
        $"{entry.ValidFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "…"} – {entry.ValidTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "…"}";
}
