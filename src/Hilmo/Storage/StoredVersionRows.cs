using System.Data.Common;
using Hilmo.Notifications;

namespace Hilmo.Storage;

/// <summary>
/// The record of one row of the version core (<c>event_versions</c>, in the column order both
/// engines select: record id 3, update time 4, withdrawn 5, provider 12, municipality 13, postal
/// code 14, unit 15, the service event's columns 16–36), read the same way by every backend so
/// they cannot come to differ in what comes back. The engines read the client, hash and register
/// themselves, as their drivers give those in types of their own, the client's ages through
/// <see cref="Ages"/> (age 9, the period ages 38 and 39, the event's year-end age 40).
/// </summary>
public static class StoredVersionRows
{
    /// <summary>The client's ages from the row's <c>age</c>, <c>arrival_age</c>, <c>arrival_year_end_age</c> and <c>event_year_end_age</c> at these ordinals; a null column is an unknown age.</summary>
    /// <param name="r">The reader, on the row.</param>
    /// <param name="atEvent">Ordinal of <c>age</c>.</param>
    /// <param name="atArrival">Ordinal of <c>arrival_age</c>.</param>
    /// <param name="atArrivalYearEnd">Ordinal of <c>arrival_year_end_age</c>.</param>
    /// <param name="atEventYearEnd">Ordinal of <c>event_year_end_age</c>.</param>
    public static ClientAges Ages(DbDataReader r, int atEvent, int atArrival, int atArrivalYearEnd, int atEventYearEnd)
    {
        int? Small(int ordinal) => r.IsDBNull(ordinal) ? null : r.GetInt16(ordinal);
        return new ClientAges(Small(atEvent), Small(atArrival), Small(atArrivalYearEnd), Small(atEventYearEnd));
    }

    /// <summary>
    /// The notification of the row: a service event whole, a care period as its core (the
    /// period's own content is in its tables, <see cref="StoredPeriodContent"/>).
    /// </summary>
    /// <param name="r">The reader, on the row.</param>
    /// <param name="register">The row's register.</param>
    /// <param name="codeOf">The code or identifier a code id stands for.</param>
    public static Notification Notification(DbDataReader r, Register register, Func<int, string?> codeOf)
    {
        string? Code(int ordinal) => r.IsDBNull(ordinal) ? null : codeOf(r.GetInt32(ordinal));
        DateTime? Time(int ordinal) => r.IsDBNull(ordinal) ? null : r.GetDateTime(ordinal);

        var municipality = Code(13);
        var postalCode = Code(14);
        var client = municipality is null && postalCode is null ? null : new Client { HomeMunicipality = municipality, PostalCode = postalCode };
        if (register != Register.AvoHilmo)
        {
            CarePeriod period = register == Register.TerveysHilmo ? new HealthCarePeriod() : new SocialCarePeriod();
            return period with
            {
                RecordId = r.GetString(3), UpdatedAt = r.GetDateTime(4), Withdrawn = r.GetBoolean(5),
                Provider = Code(12), Unit = Code(15), Client = client,
            };
        }

        return new ServiceEvent
        {
            RecordId = r.GetString(3),
            UpdatedAt = r.GetDateTime(4),
            Withdrawn = r.GetBoolean(5),
            Provider = Code(12),
            Unit = Code(15),
            Client = client,
            Contact = r.IsDBNull(16) ? null : new Contact { Time = r.GetDateTime(16) },
            Assessment = r.IsDBNull(17) ? null : new CareNeedAssessment
            {
                Time = r.GetDateTime(17), Profession = Code(18), Urgency = Code(19),
                Nature = Code(20), FirstVisit = Code(21), Result = Code(22),
            },
            Appointment = r.IsDBNull(23) ? null : new Appointment { BookedAt = r.GetDateTime(23), ScheduledFor = Time(24) },
            Visit = r.IsDBNull(25) ? null : new Visit
            {
                Start = r.GetDateTime(25), End = Time(26), Profession = Code(27), Professional = Code(28),
                ServiceForm = Code(29), ContactType = Code(30), VisitorGroup = Code(31),
                Urgency = Code(32), Nature = Code(33), FirstVisit = Code(34),
            },
            Cancellation = r.IsDBNull(35) ? null : new Cancellation { Time = r.GetDateTime(35), Reason = Code(36) },
        };
    }
}
