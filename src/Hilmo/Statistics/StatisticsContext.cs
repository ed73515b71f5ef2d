using Hilmo.Codes;
using Hilmo.Statistics.Population;
using Hilmo.Statistics.Signals;

namespace Hilmo.Statistics;

/// <summary>What reports need besides the store: code lists for labels, regions, providers and their units, the legal limits, the supervising authority's regions, the population that rates are per, the syndromes of syndromic surveillance.</summary>
public sealed class StatisticsContext(CodeServer codes, ProviderRegister providers, LegalLimitTable legalLimits, SupervisionRegions? supervisionRegions = null, UnitRegister? units = null, PopulationTable? population = null, SyndromeCatalogue? syndromes = null)
{
    public CodeServer Codes { get; } = codes;

    public RegionCatalogue Regions { get; } = RegionCatalogue.From(codes);

    public ProviderRegister Providers { get; } = providers;

    public UnitRegister Units { get; } = units ?? UnitRegister.Empty;

    /// <summary>The population at 31 December by year, municipality, sex and age: the denominator of rates; empty when none is installed.</summary>
    public PopulationTable Population { get; } = population ?? PopulationTable.Empty;

    public LegalLimitTable LegalLimits { get; } = legalLimits;

    /// <summary>The syndromes and the reason codes defining them, by date; empty when none is installed.</summary>
    public SyndromeCatalogue Syndromes { get; } = syndromes ?? SyndromeCatalogue.Empty;

    public SupervisionRegions SupervisionRegions { get; } = supervisionRegions ?? SupervisionRegions.Empty;

    /// <summary>The name of <paramref name="code"/> in <paramref name="classification"/>, or the code itself.</summary>
    public LocalizedText CodeName(string classification, string code) =>
        Codes.TryGet(classification, out var list) && list.Find(code) is { } entry
            ? new LocalizedText($"{code} {entry.Name.Fi}", entry.Name.Sv is null ? null : $"{code} {entry.Name.Sv}", entry.Name.En is null ? null : $"{code} {entry.Name.En}")
            : new LocalizedText(code);
}
