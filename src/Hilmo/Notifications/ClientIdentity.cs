namespace Hilmo.Notifications;

/// <summary>
/// Who the client is, as far as the register may know: a provider-specific pseudonym and the
/// facts derived from the identity code before it was discarded. The birth date is not one of
/// them: only the client's ages on the record's own days are kept.
/// </summary>
/// <param name="Pseudonym">HMAC of the identity code under the provider's key.</param>
/// <param name="KeyVersion">Version of the provider key that made the pseudonym.</param>
/// <param name="Ages">Exact ages in whole years on the days the register counts the record by.</param>
/// <param name="Sex">Sex, from the parity of the individual number.</param>
/// <param name="Temporary">
/// The code was a temporary one (individual number 900–999). Such codes are reused, so their
/// pseudonym links nothing beyond the one record.
/// </param>
public sealed record ClientIdentity(
    [property: Sensitivity("pseudonym", SensitivityClass.Protected)] Pseudonym Pseudonym,
    [property: Sensitivity("key_version", SensitivityClass.Free)] int KeyVersion,
    [property: Sensitivity("ages", SensitivityClass.Protected)] ClientAges Ages,
    [property: Sensitivity("sex", SensitivityClass.Protected)] Sex Sex,
    [property: Sensitivity("temporary", SensitivityClass.Free)] bool Temporary);

/// <summary>
/// The client's age in whole years, worked out at ingest from the birth date of the identity code
/// (a birthday not yet reached on a day does not count: 22 years and 364 days is 22), on the days
/// statistics count a record by. Born on 29 February, a client turns a year older on 1 March in a
/// common year.
/// </summary>
/// <param name="AtEvent">
/// On the record's reference date (<see cref="Notification.ReferenceDate"/>): the visit, or a care
/// period's discharge, census or arrival day. Null when the record has no date.
/// </param>
/// <param name="AtArrival">On a care period's arrival day; null for a service event, or when the client was born after it.</param>
/// <param name="AtArrivalYearEnd">
/// On 31 December of a care period's arrival year: on any later 31 December the client is older by
/// the years between, exactly, as everyone's birthday has passed by then. Null as <paramref name="AtArrival"/>.
/// </param>
/// <param name="AtEventYearEnd">
/// On 31 December of a service event's year: the event's year minus it is the client's birth year,
/// which gives the birth cohort (vaccination coverage) without the birth date being kept. Null for
/// a care period (its cohort is the arrival year's, <paramref name="AtArrivalYearEnd"/>), for a record
/// without a date, and for the versions stored before the register began to keep this age.
/// </param>
public readonly record struct ClientAges(int? AtEvent, int? AtArrival = null, int? AtArrivalYearEnd = null, int? AtEventYearEnd = null);

/// <summary>The days of a record on which the register keeps its client's age (<see cref="ClientAges"/>).</summary>
/// <param name="Event">The record's reference date.</param>
/// <param name="Arrival">A care period's arrival day; null for a service event.</param>
public readonly record struct AgeDays(DateOnly? Event, DateOnly? Arrival = null)
{
    /// <summary>The days of <paramref name="record"/>: its reference date and, for a care period, its arrival day.</summary>
    public static AgeDays Of(Notification record) => new(record.ReferenceDate, (record as CarePeriod)?.ArrivalDate);
}

/// <summary>Sex as the AR/YDIN classification codes it (1.2.246.537.5.1.1997).</summary>
public enum Sex : byte
{
    Male = 1,
    Female = 2,
}
