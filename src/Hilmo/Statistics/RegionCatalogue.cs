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

    private RegionCatalogue(IReadOnlyList<(string Code, LocalizedText Name)> counties, IReadOnlyDictionary<string, (LocalizedText Name, string? County)> municipalities)
    {
        Counties = counties;
        Municipalities = municipalities;
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
        if (codes.TryGet(KnownClassifications.Municipality.Name, out var municipalityList))
        {
            foreach (var entry in municipalityList.Codes)
            {
                municipalities[entry.Code] = (entry.Name, entry.Attributes.GetValueOrDefault(CountyAttribute));
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
        return new RegionCatalogue(counties, municipalities);
    }

    public LocalizedText CountyName(string code) =>
        Counties.FirstOrDefault(c => c.Code == code).Name ?? new LocalizedText(code);
}
