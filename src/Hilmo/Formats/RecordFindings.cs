using Hilmo.Validation;

namespace Hilmo.Formats;

/// <summary>
/// Collects the findings of one record while it is read or validated. Reused record after record
/// by one thread, so a clean record costs no allocation.
/// </summary>
public sealed class RecordFindings
{
    private readonly List<Finding> findings = [];
    private long index;

    public int Count => findings.Count;

    public bool HasErrors { get; private set; }

    /// <summary>True when a finding was already made about <paramref name="path"/>, so a second one would only repeat it.</summary>
    public bool HasFindingAt(string path)
    {
        foreach (var finding in findings)
        {
            if (string.Equals(finding.Path, path, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Starts collecting for the record at <paramref name="recordIndex"/>.</summary>
    public void Begin(long recordIndex)
    {
        index = recordIndex;
        findings.Clear();
        HasErrors = false;
    }

    public void Add(FindingDefinition definition, string? path, params string[] arguments)
    {
        findings.Add(new Finding(definition, index, null, path, arguments));
        HasErrors |= definition.Severity == Severity.Error;
    }

    public void Add(FindingDefinition definition, string? path, TextPosition? position)
    {
        findings.Add(new Finding(definition, index, null, path, [], position));
        HasErrors |= definition.Severity == Severity.Error;
    }

    public void AddRange(IReadOnlyList<Finding> earlier)
    {
        foreach (var finding in earlier)
        {
            findings.Add(finding);
            HasErrors |= finding.Severity == Severity.Error;
        }
    }

    /// <summary>The findings so far, each stamped with the record's <c>tunnus</c>.</summary>
    public Finding[] ToArray(string? recordId, string? provider)
    {
        if (findings.Count == 0)
        {
            return [];
        }

        var result = new Finding[findings.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = findings[i] with { RecordId = recordId, Provider = provider };
        }

        return result;
    }
}
