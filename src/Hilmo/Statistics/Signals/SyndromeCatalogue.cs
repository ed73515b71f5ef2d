using System.Globalization;
using Hilmo.Codes;

namespace Hilmo.Statistics.Signals;

/// <summary>
/// The syndromes of syndromic surveillance and the reason-for-visit codes that define them, as dated,
/// versioned data: <c>data/statistics/syndromes.csv</c> names the syndromes (fi/sv/en) and
/// <c>data/statistics/syndrome-codes.csv</c> maps ICD-10 and ICPC-2 code ranges to them, each row in
/// force from one date to another, so a definition can change without rewriting past counts.
/// </summary>
public sealed class SyndromeCatalogue
{
    public const string SyndromesFile = "syndromes.csv";
    public const string CodesFile = "syndrome-codes.csv";

    public SyndromeCatalogue(IReadOnlyList<Syndrome> syndromes, IReadOnlyList<SyndromeCodeRange> ranges)
    {
        var unknown = ranges.FirstOrDefault(r => !syndromes.Any(s => s.Id == r.Syndrome));
        if (unknown is not null)
            throw new CodeListException(CodesFile, $"syndrome '{unknown.Syndrome}' is not in {SyndromesFile}");
        Syndromes = [.. syndromes.OrderBy(s => s.Order)];
        Ranges = ranges;
    }

    public static SyndromeCatalogue Empty { get; } = new([], []);

    /// <summary>The folder the program ships its statistics definitions in.</summary>
    public static string DefaultDirectory => LegalLimitTable.DefaultDirectory;

    /// <summary>The syndromes in their presentation order.</summary>
    public IReadOnlyList<Syndrome> Syndromes { get; }

    public IReadOnlyList<SyndromeCodeRange> Ranges { get; }

    public Syndrome? Find(string id) => Syndromes.FirstOrDefault(s => s.Id == id);

    /// <summary>The syndromes a reason code falls in on a visit date (a code may define more than one).</summary>
    public IEnumerable<string> SyndromesOf(string codeSystem, string code, DateOnly visitDate) =>
        Ranges.Where(r => r.CodeSystem == codeSystem && r.Covers(code, visitDate)).Select(r => r.Syndrome).Distinct();

    /// <exception cref="CodeListException">A file cannot be used; the message names the line and the problem.</exception>
    public static SyndromeCatalogue Load(string directory)
    {
        var syndromes = new List<Syndrome>();
        using (var csv = CodeListCsv.Open(Path.Combine(directory, SyndromesFile)))
        {
            var (id, order, fi, sv, en, description) = (csv.RequiredColumn("syndrome"), csv.RequiredColumn("order"),
                csv.RequiredColumn("name_fi"), csv.RequiredColumn("name_sv"), csv.RequiredColumn("name_en"), csv.RequiredColumn("description_en"));
            while (csv.Read())
            {
                var name = csv.Text(id) ?? throw csv.Location.Error("syndrome is empty");
                if (syndromes.Any(s => s.Id == name))
                    throw csv.Location.Error($"syndrome '{name}' is listed twice");
                syndromes.Add(new Syndrome(name,
                    int.TryParse(csv.Text(order), NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : throw csv.Location.Error("order must be a whole number"),
                    new LocalizedText(
                        csv.Text(fi) ?? throw csv.Location.Error("name_fi is empty"),
                        csv.Text(sv) ?? throw csv.Location.Error("name_sv is empty"),
                        csv.Text(en) ?? throw csv.Location.Error("name_en is empty")),
                    csv.Text(description) ?? ""));
            }
        }

        var ranges = new List<SyndromeCodeRange>();
        using (var csv = CodeListCsv.Open(Path.Combine(directory, CodesFile)))
        {
            var (syndrome, version, from, to, system, codeFrom, codeTo) = (csv.RequiredColumn("syndrome"), csv.RequiredColumn("version"),
                csv.RequiredColumn("valid_from"), csv.RequiredColumn("valid_to"), csv.RequiredColumn("code_system"),
                csv.RequiredColumn("code_from"), csv.RequiredColumn("code_to"));
            while (csv.Read())
            {
                var codeSystem = csv.Text(system);
                if (codeSystem is not ("icd10fi" or "icpc2"))
                    throw csv.Location.Error($"code_system must be icd10fi or icpc2, not '{codeSystem}'");
                var first = csv.Text(codeFrom) ?? throw csv.Location.Error("code_from is empty");
                var last = csv.Text(codeTo) ?? throw csv.Location.Error("code_to is empty");
                if (string.CompareOrdinal(first, last) > 0)
                    throw csv.Location.Error($"code_from '{first}' comes after code_to '{last}'");
                var validFrom = csv.IsoDate(from, "valid_from") ?? throw csv.Location.Error("valid_from is empty");
                var validTo = csv.IsoDate(to, "valid_to");
                if (validTo < validFrom)
                    throw csv.Location.Error("valid_to is before valid_from");
                ranges.Add(new SyndromeCodeRange(
                    csv.Text(syndrome) ?? throw csv.Location.Error("syndrome is empty"),
                    int.TryParse(csv.Text(version), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw csv.Location.Error("version must be a whole number"),
                    validFrom, validTo, codeSystem, first, last));
            }
        }

        return new SyndromeCatalogue(syndromes, ranges);
    }
}

/// <summary>A syndrome: its stable id (used in URLs and files), order, name and what it covers.</summary>
public sealed record Syndrome(string Id, int Order, LocalizedText Name, string Description);

/// <summary>
/// One range of reason codes defining a syndrome from one date to another. A code is in the range when
/// its leading characters, as many as each bound has, fall between the bounds: J09–J11 covers J10.1,
/// U07.1–U07.2 covers U07.1 and U07.2 but not U07.0.
/// </summary>
public sealed record SyndromeCodeRange(string Syndrome, int Version, DateOnly ValidFrom, DateOnly? ValidTo, string CodeSystem, string CodeFrom, string CodeTo)
{
    public bool Covers(string code, DateOnly visitDate) =>
        visitDate >= ValidFrom && (ValidTo is null || visitDate <= ValidTo)
        && string.CompareOrdinal(Lead(code, CodeFrom.Length), CodeFrom) >= 0
        && string.CompareOrdinal(Lead(code, CodeTo.Length), CodeTo) <= 0;

    private static string Lead(string code, int length) => code.Length <= length ? code : code[..length];
}
