namespace Hilmo.Tests;

/// <summary>
/// Tests that measure the bytes a reader allocates, which is counted for the whole process: they
/// run alone, after the others, so that no other test's allocations count against them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuresAllocations
{
    public const string Name = "Measures allocations";
}
