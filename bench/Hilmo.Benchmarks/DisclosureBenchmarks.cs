using BenchmarkDotNet.Attributes;
using Hilmo.Statistics;
using Hilmo.Statistics.Disclosure;
using Hilmo.Testing.Statistics;

namespace Hilmo.Benchmarks;

/// <summary>
/// Disclosure control of one table of about 110 000 cells: 291 municipalities in 20 counties and
/// the whole country × 12 months and the year × 8 age groups and all × 2 sexes and both, with
/// visits and visits within the limit, persons and a median; a few thousand small counts.
/// </summary>
[MemoryDiagnoser]
public class DisclosureBenchmarks
{
    private StatisticsTable table = null!;

    /// <summary>Disclosure control marks the table in place, so every run gets it fresh.</summary>
    [IterationSetup]
    public void CreateTable() => table = SyntheticTables.Random(
        seed: 1,
        [
            SyntheticTables.Grouped("region", [.. Enumerable.Range(0, 20).Select(county => 10 + county % 11)]),
            SyntheticTables.Flat("month", 12),
            SyntheticTables.Flat("age", 8),
            SyntheticTables.Flat("sex", 2),
        ],
        meanVisits: 60,
        zeroShare: 0.05);

    [Benchmark]
    public DisclosureSummary Apply() => DisclosureControl.Apply(table, DisclosureRules.Default);
}
