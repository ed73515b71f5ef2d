using CsvHelper;
using Hilmo.Codes;

namespace Hilmo.Statistics;

/// <summary>
/// What statistics need to know of service providers that notifications do not carry: each
/// provider's name and the wellbeing services county it belongs to (for a private provider, the
/// county it mainly serves). The national source is the SOTE organisation register; here it is
/// the file <c>providers.csv</c> in the data folder (<c>code,name_fi,name_sv,name_en,county</c>).
/// A provider missing from it is reported under its code, in the county "unknown".
/// </summary>
public sealed class ProviderRegister(IEnumerable<ProviderEntry> providers)
{
    public const string FileName = "providers.csv";

    private static readonly string[] Header = ["code", "name_fi", "name_sv", "name_en", "county"];

    public static ProviderRegister Empty { get; } = new([]);

    public IReadOnlyDictionary<string, ProviderEntry> ByCode { get; } = providers.ToDictionary(p => p.Code, StringComparer.Ordinal);

    public LocalizedText NameOf(string code) => ByCode.TryGetValue(code, out var entry) ? entry.Name : new LocalizedText(code);

    /// <summary>Reads <paramref name="path"/>; a missing file is an empty register.</summary>
    /// <exception cref="CodeListException">The file cannot be used; the message names the line and the problem.</exception>
    public static ProviderRegister Load(string path)
    {
        if (!File.Exists(path))
        {
            return Empty;
        }

        using var csv = CodeListCsv.Open(path);
        var (code, fi, sv, en, county) = (csv.RequiredColumn("code"), csv.RequiredColumn("name_fi"), csv.ColumnIndex("name_sv"), csv.ColumnIndex("name_en"), csv.ColumnIndex("county"));
        var providers = new List<ProviderEntry>();
        while (csv.Read())
        {
            providers.Add(new ProviderEntry(
                csv.Text(code) ?? throw csv.Location.Error("the provider code is empty"),
                new LocalizedText(csv.Text(fi) ?? throw csv.Location.Error("the provider has no Finnish name (name_fi)"), csv.Text(sv), csv.Text(en)),
                csv.Text(county)));
        }

        return new ProviderRegister(providers);
    }

    /// <summary>Writes the register in the layout <see cref="Load"/> reads.</summary>
    public static void Write(string path, IEnumerable<ProviderEntry> providers)
    {
        using var csv = CsvWriter.ToFile(path, CsvWriterOptions.Default);
        csv.WriteHeader(Header);
        foreach (var provider in providers)
        {
            csv.WriteRecord([provider.Code, provider.Name.Fi, provider.Name.Sv ?? "", provider.Name.En ?? "", provider.County ?? ""]);
        }
    }
}

/// <param name="Code">Provider code (<c>tuottaja</c>).</param>
/// <param name="Name">Name in the three languages.</param>
/// <param name="County">Wellbeing services county code; null when unknown.</param>
public sealed record ProviderEntry(string Code, LocalizedText Name, string? County);
