using Hilmo.Identity;
using Hilmo.Ingest;
using Hilmo.Notifications;

namespace Hilmo.Testing.Statistics;

/// <summary>
/// Care periods of both registers made for the period reports and the 28 February completeness:
/// several providers, home municipalities, specialties and service areas, same-day periods and
/// periods of a year and more, periods across the ends of 2024 and 2025, sent as submitters send
/// them (at arrival, again at discharge, a year-end census version), with census versions that
/// arrive late or never, discharges reported only after the deadline, corrections, versions
/// delivered out of order and withdrawals. Every version has the receipt time it is stored at.
/// </summary>
public sealed class PeriodTestData
{
    /// <summary>A stored version: the record as stored, the person's identity code, and when the register received it (UTC).</summary>
    public sealed record Version(RegisteredNotification Record, string? IdentityCode, DateTime ReceivedAt)
    {
        public CarePeriod Period => (CarePeriod)Record.Notification;
    }

    public static readonly string[] Providers = ["90152", "70011", "80123"];

    public static readonly string?[] Municipalities = ["091", "837", "853", "564", "179", null];

    public static readonly string[] Specialties = ["10", "10A", "20", "20G", "20J", "30", "40", "70", "70F", "75", "98"];

    public static readonly string[] Urgencies = ["3", "4", "4", "4", "6", "E"];

    public static readonly string[] ServiceAreas = ["31", "32", "38", "41", "42", "84", "88", "5", "82", "85", "81"];

    private readonly ProviderPseudonymiser pseudonymiser = new(MasterKey.CreateEphemeral());
    private readonly List<Version> versions = [];

    public IReadOnlyList<Version> Versions => versions;

    /// <summary>The data set; <paramref name="periodsPerRegister"/> periods of each register.</summary>
    public static PeriodTestData Make(int periodsPerRegister = 500, int seed = 2025)
    {
        var data = new PeriodTestData();
        var random = new Random(seed);

        // A population whose members have several periods, at one provider or at two.
        var people = Enumerable.Range(0, periodsPerRegister / 3).Select(i =>
        {
            var born = new DateOnly(1925, 1, 1).AddDays(random.Next(0, 365 * 98));
            return (Code: StatisticsStore.IdentityCode(born, 100 + i), Municipality: Municipalities[random.Next(Municipalities.Length)]);
        }).ToList();

        for (var i = 0; i < periodsPerRegister * 2; i++)
        {
            var social = i % 2 == 1;
            var person = people[random.Next(people.Count)];
            var provider = Providers[random.Next(Providers.Length)];
            var arrival = new DateOnly(2023, 10, 1).AddDays(random.Next(0, 820));

            // Stays from the same day to over a year; social care is longer, and often still open.
            int? stay = random.Next(10) switch
            {
                0 => 0,
                1 => 1,
                2 or 3 => random.Next(2, 8),
                4 or 5 => random.Next(8, 31),
                6 => random.Next(31, 91),
                7 => random.Next(91, 366),
                8 => random.Next(366, 700),
                _ => social && random.Next(2) == 0 ? null : random.Next(2, 15),
            };
            var discharge = stay is { } s ? arrival.AddDays(s) : (DateOnly?)null;
            if (discharge > new DateOnly(2026, 2, 20))
            {
                discharge = null;
            }

            CarePeriod period = social
                ? new SocialCarePeriod
                {
                    ServiceArea = ServiceAreas[random.Next(ServiceAreas.Length)], Reasons = ["01"], ArrivedFrom = "1",
                }
                : new HealthCarePeriod
                {
                    Specialty = Specialties[random.Next(Specialties.Length)], ContactType = "R80", Urgency = Urgencies[random.Next(Urgencies.Length)],
                    ArrivedFrom = "1",
                    Procedures = random.Next(3) switch
                    {
                        0 => [],
                        1 => [new PeriodProcedure { Code = "NFB41", Start = arrival.ToDateTime(new TimeOnly(9, 10)), End = arrival.ToDateTime(new TimeOnly(10, 45)) }],
                        _ => [new PeriodProcedure { Code = "JKA21" }, new PeriodProcedure { Code = "SPAT1010" }],
                    },
                };
            period = period with
            {
                RecordId = $"1.2.246.10.{provider}.{(social ? 30 : 20)}.{arrival.Year}.{i}",
                Provider = provider,
                Unit = $"1.2.246.10.{provider}.10.{random.Next(1, 4)}",
                Client = new Client { HomeMunicipality = person.Municipality },
                ArrivalDate = arrival,
            };
            data.Send(period, person.Code, random, discharge);
        }

        return data;
    }

    /// <summary>The versions of one period as its provider sends them.</summary>
    private void Send(CarePeriod open, string identityCode, Random random, DateOnly? discharge)
    {
        var arrival = open.ArrivalDate!.Value;

        // The discharge version; a same-day period is reported once, after it ended.
        CarePeriod? ended = discharge is { } d
            ? open with { DischargeDate = d, DischargedTo = "1", Diagnoses = [new Diagnosis { Icd10 = "M16.1" }], UpdatedAt = d.ToDateTime(new TimeOnly(15, 30)) }
            : null;
        var outOfOrder = random.Next(12) == 0;
        if (discharge != arrival)
        {
            // Most arrive in the week's batch; a few after the discharge version, to history.
            var received = outOfOrder && ended is not null ? WeeklyBatch(discharge!.Value.AddDays(3)) : WeeklyBatch(arrival);
            Add(open with { UpdatedAt = arrival.ToDateTime(new TimeOnly(10, 0)) }, identityCode, received);
        }

        // The year-end census of each 31 December the period is open at: mostly in January, some
        // after the deadline, some never; a discharge in the new year is reported before or after it.
        for (var year = 2023; year <= 2025; year++)
        {
            var yearEnd = new DateOnly(year, 12, 31);
            if (arrival > yearEnd || discharge <= yearEnd)
            {
                continue;
            }

            // Updated on 1 January, before any discharge in the new year, which must stay current over it.
            // Now and then the census gives the arrival a day late and the discharge version puts it
            // right: the census still belongs to the period, by its key.
            var misdated = random.Next(8) == 0 && arrival.AddDays(1) <= yearEnd;
            var census = open with { CensusDate = yearEnd, UpdatedAt = new DateTime(year + 1, 1, 1, 9, 0, 0), ArrivalDate = misdated ? arrival.AddDays(1) : arrival };
            switch (random.Next(10))
            {
                case 0:
                    break; // never sent
                case 1:
                    Add(census, identityCode, Afternoon(new DateOnly(year + 1, 3, 6))); // after the deadline
                    break;
                case 2:
                    Add(census, identityCode, Afternoon(new DateOnly(year + 1, 2, 28)).AddHours(7.9)); // 21:54 UTC, 23:54 in Finland: in time
                    break;
                default:
                    Add(census, identityCode, Afternoon(new DateOnly(year + 1, 1, 10 + random.Next(15))));
                    break;
            }
        }

        if (ended is not null)
        {
            // Discharges late in the year are at times reported only after the deadline.
            var late = ended.DischargeDate!.Value.Month == 12 && random.Next(4) == 0;
            var received = late ? WeeklyBatch(new DateOnly(ended.DischargeDate.Value.Year + 1, 3, 3)) : WeeklyBatch(ended.DischargeDate.Value);
            Add(ended, identityCode, received);

            // A correction of the discharge date a week later.
            if (random.Next(15) == 0 && ended.DischargeDate.Value > arrival)
            {
                var corrected = ended with { DischargeDate = ended.DischargeDate.Value.AddDays(-1), UpdatedAt = ended.UpdatedAt!.Value.AddDays(7) };
                Add(corrected, identityCode, WeeklyBatch(DateOnly.FromDateTime(corrected.UpdatedAt!.Value)).AddHours(1));
            }
        }

        // Some records are withdrawn: sent in error.
        if (random.Next(25) == 0)
        {
            var at = new DateTime(2026, 3, 20, 12, 0, 0).AddMinutes(versions.Count);
            CarePeriod withdrawal = open is HealthCarePeriod
                ? new HealthCarePeriod { RecordId = open.RecordId, Provider = open.Provider, UpdatedAt = at, Withdrawn = true }
                : new SocialCarePeriod { RecordId = open.RecordId, Provider = open.Provider, UpdatedAt = at, Withdrawn = true };
            versions.Add(new Version(new RegisteredNotification(withdrawal, null, new ContentHash().Compute(withdrawal, null)), null, new DateTime(2026, 3, 21, 6, 0, 0)));
        }
    }

    private void Add(CarePeriod period, string identityCode, DateTime receivedAt)
    {
        var result = pseudonymiser.Pseudonymise(period.Provider!, period.RecordId!, new IdentityCodeText(identityCode), AgeDays.Of(period));
        var client = result.Client ?? throw new InvalidOperationException($"Test identity code refused: {result.Error?.Code}");
        versions.Add(new Version(new RegisteredNotification(period, client, new ContentHash().Compute(period, client)), identityCode, receivedAt));
    }

    /// <summary>
    /// The weekly batch after <paramref name="day"/>: 02:00 UTC on the next Monday. Weekly, not
    /// nightly, so that the data set needs a few hundred commits on the store rather than a thousand.
    /// </summary>
    private static DateTime WeeklyBatch(DateOnly day)
    {
        var next = day.AddDays(1);
        return next.AddDays(((int)DayOfWeek.Monday - (int)next.DayOfWeek + 7) % 7).ToDateTime(new TimeOnly(2, 0));
    }

    /// <summary>A census batch on <paramref name="day"/>, 14:00 UTC, apart from the weekly batches.</summary>
    private static DateTime Afternoon(DateOnly day) => day.ToDateTime(new TimeOnly(14, 0));

    /// <summary>The versions, in submissions of one receipt time each, in the order they arrive.</summary>
    public IEnumerable<(DateTime ReceivedAt, RegisteredNotification[] Records)> Submissions() =>
        versions.GroupBy(v => v.ReceivedAt).OrderBy(g => g.Key).Select(g => (g.Key, g.Select(v => v.Record).ToArray()));

    /// <summary>
    /// Each record's current version at <paramref name="at"/> (UTC): of those received by then, the
    /// one with the latest update time, as the version rules decide; withdrawn records included.
    /// </summary>
    public IReadOnlyList<Version> CurrentAt(DateTime at) =>
        [.. versions.Where(v => v.ReceivedAt <= at).GroupBy(v => v.Record.Key).Select(g => g.MaxBy(v => v.Record.UpdatedAt)!)];
}
