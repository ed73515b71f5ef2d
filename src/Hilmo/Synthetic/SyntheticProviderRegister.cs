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

    /// <summary>
    /// The units of the synthetic providers as the register's unit file lists them, each named by
    /// what it does and where it is, so reports over generated data show units as real ones.
    /// </summary>
    /// <param name="providers">The generator's providers.</param>
    /// <param name="regions">Municipalities and their names.</param>
    public static IReadOnlyList<UnitEntry> Units(IEnumerable<SyntheticProvider> providers, RegionCatalogue regions) =>
        [.. providers.SelectMany(p => p.Units.Select((unit, n) => new UnitEntry(unit.Oid, p.Code, UnitName(unit, n + 1, regions))))];

    private static LocalizedText UnitName(SyntheticUnit unit, int number, RegionCatalogue regions)
    {
        var (fi, sv, en) = unit.Kind switch
        {
            SyntheticUnitKind.HealthStation => ("Terveysasema", "Hälsostation", "Health station"),
            SyntheticUnitKind.Clinic => ("Neuvola", "Rådgivning", "Clinic"),
            SyntheticUnitKind.OralCare => ("Hammashoitola", "Tandklinik", "Dental clinic"),
            SyntheticUnitKind.HomeCare => ("Kotihoito", "Hemvård", "Home care"),
            SyntheticUnitKind.Rehabilitation => ("Kuntoutus", "Rehabilitering", "Rehabilitation"),
            SyntheticUnitKind.MentalHealth => ("Mielenterveyspalvelut", "Mentalvård", "Mental health services"),
            SyntheticUnitKind.OccupationalHealth => ("Työterveyshuolto", "Företagshälsovård", "Occupational health"),
            _ => throw new ArgumentOutOfRangeException(nameof(unit), unit.Kind, "a unit kind without a name"),
        };
        var place = regions.Municipalities.TryGetValue(unit.Municipality, out var municipality) ? municipality.Name : new LocalizedText(unit.Municipality);
        return new LocalizedText($"{fi} {number}, {place.Fi}", $"{sv} {number}, {place.Sv ?? place.Fi}", $"{en} {number}, {place.En ?? place.Fi}");
    }

    private static string? MainCounty(SyntheticProvider provider, RegionCatalogue regions) => provider.Units
        .Select(u => regions.Municipalities.TryGetValue(u.Municipality, out var m) ? m.County : null)
        .OfType<string>()
        .GroupBy(c => c, StringComparer.Ordinal)
        .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => g.Key)
        .FirstOrDefault();
}
