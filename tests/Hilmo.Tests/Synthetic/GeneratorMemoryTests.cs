using Hilmo.Synthetic;

namespace Hilmo.Tests.Synthetic;

/// <summary>Measures the whole process's heap, so it runs alone: no other test may allocate meanwhile.</summary>
[Collection(nameof(GeneratorMemoryCollection))]
public sealed class GeneratorMemoryTests
{
    [Fact]
    public void Half_a_million_records_leave_the_managed_heap_bounded()
    {
        var generator = SyntheticData.Generator(new GeneratorOptions { Seed = 9 });
        var retained = new List<long>();
        var count = 0L;
        var baseline = Retained();
        foreach (var record in generator.Generate(500_000))
        {
            Assert.NotNull(record);
            if (++count % 100_000 == 0)
            {
                retained.Add(Retained() - baseline);
            }
        }

        // Holding the records would take over a hundred megabytes per 100,000; the population,
        // the records awaiting their visit and the window of recent records take about twenty,
        // and barely grow once the frequent clients exist.
        Assert.Equal(5, retained.Count);
        Assert.True(retained.Max() < 64_000_000, $"Retained after each 100,000: {string.Join(", ", retained)} bytes");
        Assert.True(retained[^1] - retained[1] < 24_000_000, $"Retained after each 100,000: {string.Join(", ", retained)} bytes");

        static long Retained()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return GC.GetTotalMemory(forceFullCollection: true);
        }
    }
}

/// <summary>Tests that run with no other test beside them.</summary>
[CollectionDefinition(nameof(GeneratorMemoryCollection), DisableParallelization = true)]
public sealed class GeneratorMemoryCollection;
