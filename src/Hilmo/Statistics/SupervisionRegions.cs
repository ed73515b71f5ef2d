using Hilmo.Codes;

namespace Hilmo.Statistics;

/// <summary>
/// The supervising authority's regions: which region supervises the providers of each
/// municipality. Shipped as <c>data/statistics/supervision-regions.csv</c>
/// (<c>municipality,region,name_fi,name_sv,name_en</c>), the areas of the former regional state
/// administrative agencies that the national licensing and supervisory agency took over in
/// 2026; a file of the same name in the data folder replaces it, as the authority reorganises.
/// </summary>
public sealed class SupervisionRegions
{
    public const string FileName = "supervision-regions.csv";

    private readonly Dictionary<string, string> regionOf;

    public SupervisionRegions(IEnumerable<(string Municipality, string Region)> municipalities, IEnumerable<(string Code, LocalizedText Name)> regions)
    {
        regionOf = municipalities.ToDictionary(m => m.Municipality, m => m.Region, StringComparer.Ordinal);
        Regions = [.. regions.DistinctBy(r => r.Code).OrderBy(r => r.Code, StringComparer.Ordinal)];
    }

    public static SupervisionRegions Empty { get; } = new([], []);

    /// <summary>The regions, by code.</summary>
    public IReadOnlyList<(string Code, LocalizedText Name)> Regions { get; }

    public LocalizedText NameOf(string region) =>
        Regions.FirstOrDefault(r => r.Code == region) is { Name: { } name } ? name : new LocalizedText(region);

    /// <summary>The region of a municipality; null when the table does not name it.</summary>
    public string? OfMunicipality(string municipality) => regionOf.GetValueOrDefault(municipality);

    /// <summary>
    /// The municipalities <paramref name="region"/> supervises on <paramref name="date"/>, in code
    /// order: those of the table that the municipality list has valid that day, so a region's
    /// population is the sum over them as over a county's (<see cref="RegionCatalogue.MunicipalitiesOf"/>).
    /// </summary>
    public IReadOnlyList<string> MunicipalitiesOf(string region, RegionCatalogue regions, DateOnly date) =>
        [.. regionOf.Where(m => m.Value == region && regions.IsMunicipalityOn(m.Key, date)).Select(m => m.Key).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The region of a provider: the one its county's municipalities belong to (most of them,
    /// should a county straddle two), since the provider register names a provider's county.
    /// Null when the provider's county is unknown.
    /// </summary>
    public string? OfProvider(string provider, StatisticsContext context)
    {
        if (!context.Providers.ByCode.TryGetValue(provider, out var entry) || entry.County is not { } county)
        {
            return null;
        }

        return context.Regions.Municipalities
            .Where(m => m.Value.County == county)
            .Select(m => OfMunicipality(m.Key))
            .OfType<string>()
            .GroupBy(r => r, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .FirstOrDefault();
    }

    /// <exception cref="CodeListException">The file cannot be used; the message names the line and the problem.</exception>
    public static SupervisionRegions Load(string path)
    {
        using var csv = CodeListCsv.Open(path);
        var (municipality, region, fi, sv, en) = (csv.RequiredColumn("municipality"), csv.RequiredColumn("region"), csv.RequiredColumn("name_fi"), csv.ColumnIndex("name_sv"), csv.ColumnIndex("name_en"));
        var municipalities = new List<(string, string)>();
        var names = new List<(string, LocalizedText)>();
        while (csv.Read())
        {
            var code = csv.Text(region) ?? throw csv.Location.Error("the region is empty");
            municipalities.Add((csv.Text(municipality) ?? throw csv.Location.Error("the municipality is empty"), code));
            names.Add((code, new LocalizedText(csv.Text(fi) ?? throw csv.Location.Error("the region has no Finnish name (name_fi)"), csv.Text(sv), csv.Text(en))));
        }

        return new SupervisionRegions(municipalities, names);
    }
}
