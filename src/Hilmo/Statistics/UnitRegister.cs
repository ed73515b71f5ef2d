using CsvHelper;
using Hilmo.Codes;

namespace Hilmo.Statistics;

/// <summary>
/// The service units (<c>yksikko</c>) the SOTE organisation register lists, each with the provider
/// it belongs to; here the file <c>units.csv</c> in the data folder
/// (<c>code,provider,name_fi,name_sv,name_en</c>). A statistics table shows a unit under its
/// provider only when this register says the unit is that provider's: a code a record merely
/// names (mistyped, another provider's, or worse an identity code in the wrong field) is counted
/// in its provider's "unregistered units" and never becomes a category of its own.
/// </summary>
public sealed class UnitRegister(IEnumerable<UnitEntry> units)
{
    public const string FileName = "units.csv";

    private static readonly string[] Header = ["code", "provider", "name_fi", "name_sv", "name_en"];

    public static UnitRegister Empty { get; } = new([]);

    public IReadOnlyDictionary<string, UnitEntry> ByCode { get; } = units.ToDictionary(u => u.Code, StringComparer.Ordinal);

    public LocalizedText NameOf(string code) => ByCode.TryGetValue(code, out var entry) ? entry.Name : new LocalizedText(code);

    /// <summary>Reads <paramref name="path"/>; a missing file is an empty register.</summary>
    /// <exception cref="CodeListException">The file cannot be used; the message names the line and the problem.</exception>
    public static UnitRegister Load(string path)
    {
        if (!File.Exists(path))
        {
            return Empty;
        }

        using var csv = CodeListCsv.Open(path);
        var (code, provider, fi, sv, en) = (csv.RequiredColumn("code"), csv.RequiredColumn("provider"), csv.ColumnIndex("name_fi"), csv.ColumnIndex("name_sv"), csv.ColumnIndex("name_en"));
        var units = new Dictionary<string, UnitEntry>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var unit = csv.Text(code) ?? throw csv.Location.Error("the unit code is empty");
            var owner = csv.Text(provider) ?? throw csv.Location.Error("the unit has no provider");
            if (!units.TryAdd(unit, new UnitEntry(unit, owner, new LocalizedText(csv.Text(fi) ?? unit, csv.Text(sv), csv.Text(en)))))
            {
                throw csv.Location.Error("the unit is listed twice");
            }
        }

        return new UnitRegister(units.Values);
    }

    /// <summary>Writes the register in the layout <see cref="Load"/> reads.</summary>
    public static void Write(string path, IEnumerable<UnitEntry> units)
    {
        using var csv = CsvWriter.ToFile(path, CsvWriterOptions.Default);
        csv.WriteHeader(Header);
        foreach (var unit in units)
        {
            csv.WriteRecord([unit.Code, unit.Provider, unit.Name.Fi, unit.Name.Sv ?? "", unit.Name.En ?? ""]);
        }
    }
}

/// <param name="Code">The unit's OID (<c>yksikko</c>).</param>
/// <param name="Provider">The code of the provider it belongs to (<c>tuottaja</c>).</param>
/// <param name="Name">Name in the three languages.</param>
public sealed record UnitEntry(string Code, string Provider, LocalizedText Name);
