using Hilmo.Testing;
using System.Text;

using Hilmo.Validation;

namespace Hilmo.Tests.Validation;

/// <summary>
/// <c>docs/finding-codes.md</c> is the submitters' catalogue of finding codes; it is made from
/// <see cref="FindingCatalogue"/> and must not drift from it. Run with <c>HILMO_UPDATE_DOCS=1</c>
/// to rewrite it after changing the catalogue.
/// </summary>
public sealed class FindingCodesDocumentTests
{
    private static readonly (string Prefix, string Title)[] Categories =
    [
        ("SUB", "The whole submission"),
        ("FMT", "Shape of a record"),
        ("REQ", "Required content"),
        ("HETU", "Identity code"),
        ("CODE", "Code systems"),
        ("TIME", "Times"),
        ("VAL", "Values"),
        ("RULE", "Rules across fields"),
        ("VER", "Versions in the register"),
        ("ACC", "What the submitter may send"),
        ("PER", "Care periods (Terveys-Hilmo and Sosiaalihilmo)"),
    ];

    [Fact]
    public void The_document_of_finding_codes_matches_the_catalogue()
    {
        var path = Path.Combine(RepositoryFolders.Root, "docs", "finding-codes.md");
        var expected = Render();
        if (Environment.GetEnvironmentVariable("HILMO_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with HILMO_UPDATE_DOCS=1 to write it.");
        Assert.Equal(expected, File.ReadAllText(path));
    }

    [Fact]
    public void Every_code_belongs_to_a_documented_category()
    {
        Assert.All(FindingCatalogue.All, d => Assert.Contains(Categories, c => d.Code.StartsWith(c.Prefix + "-", StringComparison.Ordinal)));
    }

    private static string Render()
    {
        var text = new StringBuilder();
        text.AppendLine("# Finding codes");
        text.AppendLine();
        text.AppendLine("Every finding the register reports, with its stable code. A finding is an **error** (the record,");
        text.AppendLine("or for `SUB` codes the rest of the submission, is refused) or a **warning** (the record is kept).");
        text.AppendLine("Each finding names the record by its zero-based `index` and its `tunnus`, and the field by its");
        text.AppendLine("`path` (`kayntisyyt[1].icd10`), in every wire format. `{0}`, `{1}` … are filled in with the code,");
        text.AppendLine("classification or limit concerned; an identity code is never quoted.");
        text.AppendLine();
        text.AppendLine("This file is generated from `src/Hilmo/Validation/FindingCatalogue.cs` by a test; edit the catalogue, not this file.");
        foreach (var (prefix, title) in Categories)
        {
            text.AppendLine();
            text.AppendLine($"## {prefix}: {title}");
            text.AppendLine();
            text.AppendLine("| Code | Severity | Suomeksi | På svenska | In English |");
            text.AppendLine("|---|---|---|---|---|");
            foreach (var d in FindingCatalogue.All.Where(d => d.Code.StartsWith(prefix + "-", StringComparison.Ordinal)))
            {
                text.AppendLine($"| `{d.Code}` | {(d.Severity == Severity.Error ? "error" : "warning")} | {d.Message.Fi} | {d.Message.Sv} | {d.Message.En} |");
            }
        }

        return text.ToString();
    }
}
