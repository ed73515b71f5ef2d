namespace Hilmo.Server.PxWeb;

/// <summary>Every table of the PxWeb API, from each source in turn, found by id as PxWeb finds them (case aside).</summary>
internal sealed class PxTableCatalogue(IReadOnlyList<IPxTableSource> sources)
{
    public IReadOnlyList<IPxTable> All { get; } = [.. sources.SelectMany(source => source.Tables)];

    public IPxTable? Find(string id) => All.FirstOrDefault(table => string.Equals(table.Id, id, StringComparison.OrdinalIgnoreCase));
}
