namespace Hilmo.Notifications;

/// <summary>
/// A personal identity code (henkilötunnus) exactly as a submitter sent it, unchecked.
/// </summary>
/// <remarks>
/// The core carries this value from the wire to the pseudonymiser and never interprets it. It
/// prints as a mask, so a record logged or formatted by mistake cannot leak the code; only the
/// identity boundary (<c>Hilmo.Identity</c>) and the wire writers call <see cref="Reveal"/>.
/// </remarks>
public readonly struct IdentityCodeText : IEquatable<IdentityCodeText>
{
    private readonly string? value;

    public IdentityCodeText(string value) => this.value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The submitted characters. Call only to validate, pseudonymise or write the wire format.</summary>
    public string Reveal() => value ?? string.Empty;

    public bool Equals(IdentityCodeText other) => string.Equals(value, other.value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is IdentityCodeText other && Equals(other);

    public override int GetHashCode() => value is null ? 0 : StringComparer.Ordinal.GetHashCode(value);

    public static bool operator ==(IdentityCodeText left, IdentityCodeText right) => left.Equals(right);

    public static bool operator !=(IdentityCodeText left, IdentityCodeText right) => !left.Equals(right);

    /// <summary>Never the code itself.</summary>
    public override string ToString() => "[henkilötunnus]";
}
