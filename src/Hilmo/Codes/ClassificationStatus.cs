namespace Hilmo.Codes;

/// <summary>How far the register can trust its list of a classification.</summary>
public enum ClassificationStatus
{
    /// <summary>A list from a published source: a code not in it is an error.</summary>
    Published,

    /// <summary>A working list whose members no public source confirmed: a code not in it is a warning.</summary>
    Provisional,

    /// <summary>No list at all: only the shape of a code is checked, and each use is reported as unverified.</summary>
    Unlisted,
}
