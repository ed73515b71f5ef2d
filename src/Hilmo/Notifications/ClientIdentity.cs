namespace Hilmo.Notifications;

/// <summary>
/// Who the client is, as far as the register may know: a provider-specific pseudonym and the two
/// facts derived from the identity code before it was discarded.
/// </summary>
/// <param name="Pseudonym">HMAC of the identity code under the provider's key.</param>
/// <param name="KeyVersion">Version of the provider key that made the pseudonym.</param>
/// <param name="BirthYear">Year of birth, from the date and century sign of the code.</param>
/// <param name="Sex">Sex, from the parity of the individual number.</param>
/// <param name="Temporary">
/// The code was a temporary one (individual number 900–999). Such codes are reused, so their
/// pseudonym links nothing beyond the one record.
/// </param>
public sealed record ClientIdentity(Pseudonym Pseudonym, int KeyVersion, int BirthYear, Sex Sex, bool Temporary);

/// <summary>Sex as the AR/YDIN classification codes it (1.2.246.537.5.1.1997).</summary>
public enum Sex : byte
{
    Male = 1,
    Female = 2,
}
