using Hilmo.Codes;

namespace Hilmo.Statistics;

/// <summary>
/// Finland's regions as statistics group them: municipalities, and the wellbeing services counties
/// (with Helsinki and Åland) they belong to, with names in Finnish, Swedish and English.
/// Built from the code server's <c>kunta</c> and <c>hyvinvointialue</c> lists.
/// </summary>
public sealed class RegionCatalogue
{
    public const string CountyClassification = "hyvinvointialue";
    private const string CountyAttribute = "hyvinvointialue_code";

    // When each municipality exists, from the municipality list's dates: a merged one ends.
    private readonly IReadOnlyDictionary<string, CodeEntry> municipalityEntries;

    private RegionCatalogue(IReadOnlyList<(string Code, LocalizedText Name)> counties, IReadOnlyDictionary<string, (LocalizedText Name, string? County)> municipalities, IReadOnlyDictionary<string, CodeEntry> municipalityEntries)
    {
        Counties = counties;
        Municipalities = municipalities;
        this.municipalityEntries = municipalityEntries;
    }

    /// <summary>The counties in code order.</summary>
    public IReadOnlyList<(string Code, LocalizedText Name)> Counties { get; }

    /// <summary>Every municipality by code, with its county.</summary>
    public IReadOnlyDictionary<string, (LocalizedText Name, string? County)> Municipalities { get; }

    public static RegionCatalogue From(CodeServer codes)
    {
        var counties = codes.TryGet(CountyClassification, out var countyList)
            ? countyList.Codes.Select(c => (c.Code, c.Name)).ToList()
            : [];
        var municipalities = new Dictionary<string, (LocalizedText, string?)>(StringComparer.Ordinal);
        var entries = new Dictionary<string, CodeEntry>(StringComparer.Ordinal);
        if (codes.TryGet(KnownClassifications.Municipality.Name, out var municipalityList))
        {
            foreach (var entry in municipalityList.Codes)
            {
                municipalities[entry.Code] = (entry.Name, entry.Attributes.GetValueOrDefault(CountyAttribute));
                entries[entry.Code] = entry;
            }
        }

        // A county a municipality names but the county list lacks still gets a category, named by its code.
        foreach (var county in municipalities.Values.Select(m => m.Item2).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (!counties.Exists(c => c.Code == county))
            {
                counties.Add((county, new LocalizedText(county)));
            }
        }

        counties.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        return new RegionCatalogue(counties, municipalities, entries);
    }

    /// <summary>
    /// The municipalities of <paramref name="county"/> on <paramref name="date"/>, in code order:
    /// those the municipality list has valid that day, so a municipality merged into another is
    /// counted up to its last day and its successor after. A county's population at 31 December is
    /// the sum over its municipalities on that day, as Statistics Finland's figures of the year
    /// already count a merged municipality's residents in its successor.
    /// </summary>
    public IReadOnlyList<string> MunicipalitiesOf(string county, DateOnly date) =>
        [.. Municipalities.Where(m => m.Value.County == county && IsMunicipalityOn(m.Key, date)).Select(m => m.Key).Order(StringComparer.Ordinal)];

    /// <summary>Whether the municipality list has <paramref name="municipality"/>, valid on <paramref name="date"/>.</summary>
    public bool IsMunicipalityOn(string municipality, DateOnly date) =>
        municipalityEntries.TryGetValue(municipality, out var entry) && entry.IsValidOn(date);

    public LocalizedText CountyName(string code) =>
        Counties.FirstOrDefault(c => c.Code == code).Name ?? new LocalizedText(code);
}
