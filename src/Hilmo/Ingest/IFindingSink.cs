using Hilmo.Validation;

namespace Hilmo.Ingest;

/// <summary>
/// Receives the findings of a submission as they are made, so a submission of any size never
/// holds all its findings in memory: reader and validation findings in record order as records
/// are processed, version findings (VER-…) when the store commits the unit they belong to.
/// </summary>
public interface IFindingSink
{
    ValueTask WriteAsync(IReadOnlyList<Finding> findings, CancellationToken cancellationToken);
}

/// <summary>Keeps findings in memory, up to a limit, for answers that carry them (HTTP, tests).</summary>
public sealed class FindingList(int limit = int.MaxValue) : IFindingSink
{
    private readonly List<Finding> findings = [];

    public IReadOnlyList<Finding> Findings => findings;

    /// <summary>True when more findings were made than kept.</summary>
    public bool Truncated { get; private set; }

    public ValueTask WriteAsync(IReadOnlyList<Finding> batch, CancellationToken cancellationToken)
    {
        foreach (var finding in batch)
        {
            if (findings.Count < limit)
            {
                findings.Add(finding);
            }
            else
            {
                Truncated = true;
            }
        }

        return ValueTask.CompletedTask;
    }
}
