namespace Hilmo.Identity;

/// <summary>
/// The outcome of <see cref="IdentityCode.Parse(ReadOnlySpan{char})"/>: either a code or the
/// reason there is none. Bad input is expected at the boundary, so it is a value, not an exception.
/// </summary>
public readonly struct IdentityCodeParseResult
{
    private readonly IdentityCode value;

    private IdentityCodeParseResult(IdentityCode value, IdentityCodeError error)
    {
        this.value = value;
        Error = error;
    }

    /// <summary><see cref="IdentityCodeError.None"/> when the text was a valid code.</summary>
    public IdentityCodeError Error { get; }

    public bool Success => Error == IdentityCodeError.None;

    /// <summary>The parsed code; reading it from a failed result is a bug and throws.</summary>
    public IdentityCode Value => Success
        ? value
        : throw new InvalidOperationException($"The text is not a valid identity code ({Error}); check Success before reading Value.");

    public bool TryGetValue(out IdentityCode code)
    {
        code = value;
        return Success;
    }

    /// <summary>Never the code itself.</summary>
    public override string ToString() => Success ? "[valid henkilötunnus]" : $"[invalid henkilötunnus: {Error}]";

    internal static IdentityCodeParseResult Valid(IdentityCode code) => new(code, IdentityCodeError.None);

    internal static IdentityCodeParseResult Invalid(IdentityCodeError error) => new(default, error);
}
