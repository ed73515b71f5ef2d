using Hilmo.Statistics;

namespace Hilmo.Synthetic;

/// <summary>
/// The providers of the synthetic data as the register's provider file lists them, so that reports
/// over generated data name providers and place them in counties as they would real ones.
/// </summary>
public static class SyntheticProviderRegister
{
    /// <summary>
    /// A county's own provider is named as the county and belongs to it; a private company keeps
    /// its made-up name and belongs to the county most of its units are in.
    /// </summary>
    /// <param name="providers">The generator's providers.</param>
    /// <param name="regions">Municipalities, counties and their names.</param>
    public static IReadOnlyList<ProviderEntry> Entries(IEnumerable<SyntheticProvider> providers, RegionCatalogue regions) =>
        [.. providers.Select(p => p.IsPrivate
            ? new ProviderEntry(p.Code, new LocalizedText(p.Name), MainCounty(p, regions))
            : new ProviderEntry(p.Code, p.CountyCode is { } county ? regions.CountyName(county) : new LocalizedText(p.Name), p.CountyCode))];

    private static string? MainCounty(SyntheticProvider provider, RegionCatalogue regions) => provider.Units
        .Select(u => regions.Municipalities.TryGetValue(u.Municipality, out var m) ? m.County : null)
        .OfType<string>()
        .GroupBy(c => c, StringComparer.Ordinal)
        .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => g.Key)
        .FirstOrDefault();
}
