namespace Hilmo.Validation;

/// <summary>How much a finding matters.</summary>
public enum Severity
{
    /// <summary>The record (or, at submission level, the whole submission) is rejected.</summary>
    Error,

    /// <summary>The record is kept; the submitter should correct its system.</summary>
    Warning,
}
