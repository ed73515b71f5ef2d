namespace Hilmo.Codes;

/// <summary>The answer to "is this code valid in this classification on this date?".</summary>
public enum CodeCheck
{
    Valid,

    /// <summary>The list has no such code.</summary>
    Unknown,

    /// <summary>The code exists but starts later than the date.</summary>
    NotYetValid,

    /// <summary>The code exists but ended before the date.</summary>
    Expired,

    /// <summary>The code is a heading (chapter, block), not a value to record.</summary>
    Heading,

    /// <summary>The code does not have the form the classification prescribes.</summary>
    BadShape,

    /// <summary>The classification has no list; the code has the right form but cannot be verified.</summary>
    Unverified,
}
