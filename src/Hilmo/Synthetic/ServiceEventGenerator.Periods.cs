using System.Collections.Immutable;
using System.Globalization;
using Hilmo.Notifications;
using Hilmo.Validation;

namespace Hilmo.Synthetic;

public sealed partial class ServiceEventGenerator
{
    // Per 100 AvoHILMO events, about one Terveys-Hilmo period and 0.3 Sosiaalihilmo periods begin
    // (a million ward periods and 300,000 social-care periods against some 30 million events).
    private const double HealthPeriodsPerEvent = 0.01;
    private const double SocialPeriodsPerEvent = 0.003;

    // Clients in social care at the start of the year, per period begun in it: the stays are long.
    private const double SocialStockPerStart = 2.2;

    // Share of Terveys-Hilmo periods at a provider other than the client's home county: a
    // university hospital of another county, or a private hospital.
    private const double HealthElsewhereShare = 0.12;

    // Share of Sosiaalihilmo periods in private service housing.
    private const double SocialPrivateShare = 0.35;

    // Share of periods withdrawn after they were sent.
    private const double PeriodWithdrawalShare = 0.004;

    // Share of period versions sent twice.
    private const double PeriodResendShare = 0.005;

    /// <summary>What a version of a period is, in its life.</summary>
    private enum PeriodVersionKind : byte
    {
        /// <summary>Sent when the period begins, without <c>lahtopaiva</c>.</summary>
        Arrival,

        /// <summary>Sent when the period ends, with <c>lahtopaiva</c>.</summary>
        Discharge,

        /// <summary>The year-end census of a period open at the end of 31 December.</summary>
        Census,

        /// <summary>The last version sent again with <c>poisto</c>.</summary>
        Withdrawal,

        /// <summary>A single invalid version of a period of its own.</summary>
        Defect,
    }

    /// <summary>The mistakes made in period records, each with the finding it must get.</summary>
    private enum PeriodDefect : byte
    {
        None,
        DischargeBeforeArrival,
        UnknownSpecialty,
        NoArrivalDate,

        /// <summary>A health-care service area (1, ward care) sent to Sosiaalihilmo.</summary>
        HealthCareServiceArea,

        /// <summary>A census version whose day is not 31 December.</summary>
        CensusNotYearEnd,
    }

    /// <summary>
    /// One care period of the run, planned whole before the first record is written: who, where,
    /// when, and the seed its content is drawn from, so that each version can be made when it is
    /// due without keeping any record in memory.
    /// </summary>
    private sealed class PlannedPeriod
    {
        public required Register Register { get; init; }

        public required ProviderModel Provider { get; init; }

        public required SyntheticPerson Person { get; init; }

        public required string RecordId { get; init; }

        public required string Unit { get; init; }

        public required DateOnly Arrival { get; init; }

        /// <summary>The discharge day, null while the period is open at the end of the generated period.</summary>
        public DateOnly? Discharge { get; init; }

        public required DateTime ArrivedAt { get; init; }

        public required int Seed { get; init; }

        public SpecialtySpec? Specialty { get; init; }

        public bool DaySurgery { get; init; }

        public bool Urgent { get; init; }

        public ServiceAreaSpec? ServiceArea { get; init; }

        public PeriodDefect Defect { get; init; }
    }

    /// <summary>One version of a planned period, due at <see cref="EmitAt"/>.</summary>
    private readonly record struct PeriodVersion(DateTime EmitAt, DateTime UpdatedAt, PlannedPeriod Period, PeriodVersionKind Kind, bool Resend);

    private sealed partial class Run
    {
        private PeriodVersion[] periodVersions = [];
        private int periodNext;
        private PeriodCatalogue? periodCatalogue;

        private bool HasPeriods => options.Registers.Contains(Register.TerveysHilmo) || options.Registers.Contains(Register.Sosiaalihilmo);

        /// <summary>
        /// True when the record at <paramref name="index"/> is the next period version: when it is due
        /// by <paramref name="clock"/>, when the records left are all needed for the versions left,
        /// or always when AvoHILMO is not generated.
        /// </summary>
        private bool PeriodDue(long index, DateTime clock)
        {
            if (periodNext >= periodVersions.Length)
            {
                return false;
            }

            return !options.Registers.Contains(Register.AvoHilmo)
                || periodVersions[periodNext].EmitAt <= clock
                || periodVersions.Length - periodNext >= count - index;
        }

        private GeneratedRecord NextPeriodVersion()
        {
            var version = periodVersions[periodNext++];
            var period = version.Period;
            var complete = PeriodContent(period);
            CarePeriod notification = version.Kind switch
            {
                PeriodVersionKind.Arrival => Open(complete),
                PeriodVersionKind.Census => Open(complete) with { CensusDate = new DateOnly(generator.Year, 12, 31) },
                // A withdrawal resends the first version, the only one sent, flagged.
                PeriodVersionKind.Withdrawal => (ArrivalSent(period) ? Open(complete)
                    : period.Discharge is null ? Open(complete) with { CensusDate = new DateOnly(generator.Year, 12, 31) }
                    : complete) with { Withdrawn = true },
                _ => complete,
            };
            var submitted = new SubmittedNotification(notification with { UpdatedAt = version.UpdatedAt }, new IdentityCodeText(period.Person.IdentityCode));
            if (version.Resend)
            {
                return GeneratedRecord.Record(GeneratedRecordKind.Resend, submitted);
            }

            return version.Kind switch
            {
                PeriodVersionKind.Arrival => GeneratedRecord.Record(GeneratedRecordKind.Original, submitted),
                PeriodVersionKind.Discharge when period.Arrival < generator.FirstDay || !ArrivalSent(period) => GeneratedRecord.Record(GeneratedRecordKind.Original, submitted),
                PeriodVersionKind.Discharge => GeneratedRecord.Record(GeneratedRecordKind.Update, submitted),
                PeriodVersionKind.Census => GeneratedRecord.Record(GeneratedRecordKind.Census, submitted),
                PeriodVersionKind.Withdrawal => GeneratedRecord.Record(GeneratedRecordKind.Withdrawal, submitted),
                _ => GeneratedRecord.Record(GeneratedRecordKind.Invalid,
                    period.Defect == PeriodDefect.CensusNotYearEnd
                        ? submitted with { Notification = Open((CarePeriod)submitted.Notification) with { CensusDate = new DateOnly(generator.Year, 12, 30) } }
                        : submitted,
                    expectedCode: DefectCode(period.Defect)),
            };
        }

        // Day surgery is sent once it is over; every other period in this year is sent when it begins.
        private bool ArrivalSent(PlannedPeriod period) => !period.DaySurgery && period.Arrival >= generator.FirstDay;

        private static string DefectCode(PeriodDefect defect) => defect switch
        {
            PeriodDefect.DischargeBeforeArrival => FindingCatalogue.TimeOrder.Code,
            PeriodDefect.NoArrivalDate => FindingCatalogue.Required.Code,
            PeriodDefect.HealthCareServiceArea => FindingCatalogue.NotSocialCareServiceArea.Code,
            PeriodDefect.CensusNotYearEnd => FindingCatalogue.CensusNotYearEnd.Code,
            _ => FindingCatalogue.UnknownCode.Code,
        };

        /// <summary>The period as it stands while open: no discharge, no discharge destination, nothing done at the end.</summary>
        private static CarePeriod Open(CarePeriod complete) => complete switch
        {
            HealthCarePeriod h => h with
            {
                DischargeDate = null,
                DischargedTo = null,
                Diagnoses = h.Diagnoses.IsDefaultOrEmpty ? [] : [h.Diagnoses[0]],
                Procedures = [],
                IntensiveCare = null,
                Psychiatry = h.Psychiatry is null ? null : h.Psychiatry with { GasOnDischarge = null, CoerciveMeasures = null },
            },
            _ => complete with { DischargeDate = null, DischargedTo = null },
        };

        /// <summary>Plans every period of the run and orders their versions by when they are sent.</summary>
        private void PlanPeriods()
        {
            if (!HasPeriods)
            {
                return;
            }

            periodCatalogue = new PeriodCatalogue(new CodeWindow(care.Window.Codes, generator.FirstDay, generator.LastDay));
            var health = options.Registers.Contains(Register.TerveysHilmo);
            var social = options.Registers.Contains(Register.Sosiaalihilmo);
            var avo = options.Registers.Contains(Register.AvoHilmo);

            // Versions per period, as planned below: a ward period is sent twice, a day surgery
            // once, a social-care period when it begins and when it ends or is counted at year end,
            // and the clients already in care once more in the year.
            var healthRecordsPerEvent = health ? HealthPeriodsPerEvent * ((2 * (1 - PeriodCatalogue.DaySurgeryShare)) + PeriodCatalogue.DaySurgeryShare) : 0;
            var socialRecordsPerEvent = social ? SocialPeriodsPerEvent * (2 + SocialStockPerStart) : 0;
            var periodRecordsPerEvent = (healthRecordsPerEvent + socialRecordsPerEvent) * (1 + options.InvalidShare + PeriodResendShare + PeriodWithdrawalShare);

            // The AvoHILMO records of the run are events and their later versions; the budget of
            // period records follows from the number of events.
            var eventsPerRecord = 1 - options.UpdateShare - options.CancellationShare - options.ResendShare - options.WithdrawalShare;
            double events;
            long budget;
            if (avo)
            {
                var periodShare = periodRecordsPerEvent * eventsPerRecord;
                budget = (long)Math.Round(count * periodShare / (1 + periodShare));
                events = (count - budget) * eventsPerRecord;
            }
            else
            {
                budget = count;
                events = count / periodRecordsPerEvent;
            }

            var periods = new List<PlannedPeriod>();
            var late = new Dictionary<(Register, string), CensusHabit>();
            if (health)
            {
                PlanHealth(periods, Draws(events * HealthPeriodsPerEvent), late);
            }

            if (social)
            {
                PlanSocial(periods, Draws(events * SocialPeriodsPerEvent), Draws(events * SocialPeriodsPerEvent * SocialStockPerStart), late);
            }

            var versions = new List<PeriodVersion>();
            foreach (var period in periods)
            {
                AddVersions(versions, period, late.GetValueOrDefault((period.Register, period.Provider.Code)));
            }

            // Defects: single versions of periods of their own, spread over the year.
            var defects = (long)Math.Round(versions.Count * options.InvalidShare);
            for (var i = 0; i < defects; i++)
            {
                var period = DefectivePeriod(health, social);
                var sent = period.Defect == PeriodDefect.CensusNotYearEnd
                    ? new DateTime(generator.Year + 1, 1, 5 + random.Next(25), 9 + random.Next(8), random.Next(60), 0, DateTimeKind.Unspecified)
                    : Min(period.Discharge!.Value.AddDays(3).ToDateTime(new TimeOnly(9 + random.Next(8), random.Next(60))), generator.latestUpdate);
                versions.Add(new PeriodVersion(sent, sent, period, PeriodVersionKind.Defect, false));
            }

            versions = [.. versions.OrderBy(v => v.EmitAt).ThenBy(v => v.Resend)];

            // The budget is exact: drop whole periods (all their versions) while there are too many,
            // and when periods are all there is, fill what is left with resends.
            if (versions.Count > budget)
            {
                var dropped = new HashSet<PlannedPeriod>(ReferenceEqualityComparer.Instance);
                var byPeriod = versions.GroupBy(v => v.Period).ToDictionary(g => g.Key, g => g.Count());
                var order = byPeriod.Keys.ToArray();
                var left = (long)versions.Count;
                while (left > budget)
                {
                    var victim = order[random.Next(order.Length)];
                    if (dropped.Add(victim))
                    {
                        left -= byPeriod[victim];
                    }
                }

                versions.RemoveAll(v => dropped.Contains(v.Period));
            }

            if (!avo && versions.Count > 0)
            {
                // Only what was accepted is resent: a resend of a refused record would be no duplicate.
                var originals = versions.Where(v => v.Kind != PeriodVersionKind.Defect).ToArray();
                while (versions.Count < budget)
                {
                    var copy = originals[random.Next(originals.Length)];
                    var at = Min(copy.EmitAt.AddHours(1 + random.Next(72)), generator.latestUpdate);
                    versions.Add(copy with { EmitAt = at < copy.EmitAt ? copy.EmitAt : at, Resend = true });
                }

                versions = [.. versions.OrderBy(v => v.EmitAt).ThenBy(v => v.Resend)];
            }

            periodVersions = [.. versions];
        }

        /// <summary>A whole number of draws with the expected value <paramref name="expected"/>.</summary>
        private long Draws(double expected)
        {
            var whole = Math.Floor(expected);
            return (long)whole + (random.NextDouble() < expected - whole ? 1 : 0);
        }

        /// <summary>
        /// Which providers send their census late (after 28 February) or not at all: one of each per
        /// register among the five largest counties, so that the deadline check has something to find.
        /// </summary>
        private void ChooseCensusHabits(Register register, Dictionary<(Register, string), CensusHabit> habits)
        {
            var largest = generator.providers.Where(p => !p.IsPrivate).OrderByDescending(p => p.OfficeWeight).Take(5).ToArray();
            var lateOne = largest[random.Next(largest.Length)];
            var missing = largest[(Array.IndexOf(largest, lateOne) + 1 + random.Next(largest.Length - 1)) % largest.Length];
            habits[(register, lateOne.Code)] = CensusHabit.Late;
            habits[(register, missing.Code)] = CensusHabit.Missing;
        }

        private void PlanHealth(List<PlannedPeriod> periods, long starts, Dictionary<(Register, string), CensusHabit> habits)
        {
            ChooseCensusHabits(Register.TerveysHilmo, habits);
            var catalogue = periodCatalogue!;
            var counties = new Weighted<ProviderModel>(generator.providers.Where(p => !p.IsPrivate).Select(p => (p, p.OfficeWeight)));
            var privateHospitals = Weighted<ProviderModel>.Of(generator.providers.Where(p => p.IsPrivate && p.OffHoursWeight > 0).Select(p => (p, p.OfficeWeight)));

            // Periods that began in the last weeks of the year before and ended in this one are sent
            // too (their discharge); those that ended before the year are not part of it.
            var firstArrival = generator.FirstDay.AddDays(-60);
            var days = generator.LastDay.DayNumber - firstArrival.DayNumber + 1;
            var planned = starts + (long)(starts * 60.0 / 365);
            for (var i = 0L; i < planned; i++)
            {
                var daySurgery = random.NextDouble() < PeriodCatalogue.DaySurgeryShare;
                var spec = (daySurgery ? catalogue.DaySurgery : catalogue.Specialties).Next(random);
                var urgent = !daySurgery && random.NextDouble() < spec.UrgentShare;
                var arrival = firstArrival.AddDays(random.Next(days));

                // Planned care begins on working days, and less of it in July.
                if (!urgent && (arrival.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || (arrival.Month == 7 && random.NextDouble() < 0.5)))
                {
                    arrival = EventCalendar.WorkingDayFrom(arrival.AddDays(random.Next(1, 20)));
                }

                int stay = daySurgery ? 0 : Math.Max(1, (int)Math.Round(LogNormal(spec.MedianDays, spec.Spread)));
                var discharge = arrival.AddDays(stay);
                if (discharge < generator.FirstDay || arrival > generator.LastDay)
                {
                    continue;
                }

                var home = counties.Next(random);
                var provider = home;
                if (random.NextDouble() < HealthElsewhereShare)
                {
                    provider = privateHospitals is not null && !urgent && random.NextDouble() < 0.4 ? privateHospitals.Next(random) : counties.Next(random);
                }

                var person = PeriodPerson(home, spec.AgeQuartiles, 95, spec.Code == "30" ? 0 : 0.5);
                if (person.BirthDate >= arrival)
                {
                    arrival = person.BirthDate.AddDays(1 + random.Next(30));
                    discharge = arrival.AddDays(stay);
                }

                var hour = urgent ? random.Next(24) : 7 + random.Next(5);
                periods.Add(new PlannedPeriod
                {
                    Register = Register.TerveysHilmo,
                    Provider = provider,
                    Person = person,
                    RecordId = NewPeriodId(provider, Register.TerveysHilmo, arrival.Year),
                    Unit = string.Create(CultureInfo.InvariantCulture, $"1.2.246.10.{provider.Code}.20.{1 + (StableHash(spec.Code) % 40)}"),
                    Arrival = arrival,
                    Discharge = discharge <= generator.LastDay ? discharge : null,
                    ArrivedAt = arrival.ToDateTime(new TimeOnly(hour, random.Next(60))),
                    Seed = random.Next(),
                    Specialty = spec,
                    DaySurgery = daySurgery,
                    Urgent = urgent,
                });
            }
        }

        private void PlanSocial(List<PlannedPeriod> periods, long starts, long stock, Dictionary<(Register, string), CensusHabit> habits)
        {
            ChooseCensusHabits(Register.Sosiaalihilmo, habits);
            var catalogue = periodCatalogue!;
            var counties = new Weighted<ProviderModel>(generator.providers.Where(p => !p.IsPrivate).Select(p => (p, p.OfficeWeight)));
            var privateHousing = Weighted<ProviderModel>.Of(generator.providers.Where(p => p.IsPrivate && p.OffHoursWeight > 0).Select(p => (p, p.OfficeWeight)));
            var days = generator.LastDay.DayNumber - generator.FirstDay.DayNumber + 1;
            for (var i = 0L; i < starts + stock; i++)
            {
                var area = catalogue.ServiceAreas.Next(random);
                var home = counties.Next(random);
                var provider = privateHousing is not null && random.NextDouble() < SocialPrivateShare ? privateHousing.Next(random) : home;
                var person = PeriodPerson(home, area.AgeQuartiles, 100, 0.4);
                var stay = Math.Max(1, (int)Math.Round(LogNormal(area.MedianDays, area.Spread)));
                DateOnly arrival;
                DateOnly discharge;
                if (i < starts)
                {
                    arrival = generator.FirstDay.AddDays(random.Next(days));
                    discharge = arrival.AddDays(stay);
                }
                else
                {
                    // A client already in care on 1 January: began months or years before, and
                    // stays on as long again, as the stock of long stays does.
                    arrival = generator.FirstDay.AddDays(-1 - (int)Math.Min(stay, 365 * 15));
                    discharge = generator.FirstDay.AddDays((int)Math.Round(LogNormal(area.MedianDays, area.Spread)));
                }

                var adult = person.BirthDate.AddYears(16);
                if (arrival < adult)
                {
                    arrival = adult.AddDays(random.Next(365));
                    if (arrival > generator.LastDay)
                    {
                        continue;
                    }

                    discharge = arrival.AddDays(stay);
                }

                periods.Add(new PlannedPeriod
                {
                    Register = Register.Sosiaalihilmo,
                    Provider = provider,
                    Person = person,
                    RecordId = NewPeriodId(provider, Register.Sosiaalihilmo, arrival.Year),
                    Unit = string.Create(CultureInfo.InvariantCulture, $"1.2.246.10.{provider.Code}.30.{1 + ((StableHash(area.Code) + person.Affinity) % 30)}"),
                    Arrival = arrival,
                    Discharge = discharge <= generator.LastDay ? discharge : null,
                    ArrivedAt = arrival.ToDateTime(new TimeOnly(9 + random.Next(7), random.Next(60))),
                    Seed = random.Next(),
                    ServiceArea = area,
                });
            }
        }

        /// <summary>A health-care service area valid all through the year, or null when none is.</summary>
        private string? HealthCareArea() =>
            new[] { "7", "83" }.FirstOrDefault(a => care.Window.IsUsable(Codes.KnownClassifications.ServiceArea, a, generator.FirstDay, generator.LastDay));

        /// <summary>A period of its own for one mistake, in the register the run makes.</summary>
        private PlannedPeriod DefectivePeriod(bool health, bool social)
        {
            var catalogue = periodCatalogue!;
            var register = health && (!social || random.NextDouble() < 0.6) ? Register.TerveysHilmo : Register.Sosiaalihilmo;
            var provider = generator.providers[random.Next(generator.providers.Count)];
            // Discharged within the year, so that the codes of the year decide.
            var arrival = generator.FirstDay.AddDays(random.Next(Math.Max(1, generator.LastDay.DayNumber - generator.FirstDay.DayNumber - 12)));
            var person = PeriodPerson(provider, [40, 60, 72, 82], 95, 0.5);
            if (person.BirthDate >= arrival)
            {
                arrival = person.BirthDate.AddDays(1);
            }

            // A census counted on the wrong day is sent in January, so only where January has come.
            var censusPossible = generator.LastDay is { Month: 12, Day: 31 } && new DateTime(generator.Year + 1, 2, 1) <= generator.latestUpdate;
            var defect = random.Next(4) switch
            {
                0 => PeriodDefect.DischargeBeforeArrival,
                1 => PeriodDefect.NoArrivalDate,
                2 when censusPossible => PeriodDefect.CensusNotYearEnd,
                _ when register == Register.TerveysHilmo => PeriodDefect.UnknownSpecialty,

                // The health-care service areas (7 home care, 83 day hospital) ended in 2021; after
                // that a wrong area is simply invalid, not a health-care one.
                _ when HealthCareArea() is not null => PeriodDefect.HealthCareServiceArea,
                _ => PeriodDefect.NoArrivalDate,
            };
            return new PlannedPeriod
            {
                Register = register,
                Provider = provider,
                Person = person,
                RecordId = NewPeriodId(provider, register, arrival.Year),
                Unit = string.Create(CultureInfo.InvariantCulture, $"1.2.246.10.{provider.Code}.{(register == Register.TerveysHilmo ? 20 : 30)}.1"),
                Arrival = arrival,
                Discharge = arrival.AddDays(1 + random.Next(10)),
                ArrivedAt = arrival.ToDateTime(new TimeOnly(8 + random.Next(8), random.Next(60))),
                Seed = random.Next(),
                Specialty = register == Register.TerveysHilmo ? catalogue.Specialties.Next(random) : null,
                ServiceArea = register == Register.Sosiaalihilmo ? catalogue.ServiceAreas.Next(random) : null,
                Defect = defect,
            };
        }

        /// <summary>
        /// The versions of one period sent in the generated year and the census months after it: when
        /// it begins (ward and social care), when it ends, its census, and now and then a resend or a
        /// withdrawal that ends its life early.
        /// </summary>
        private void AddVersions(List<PeriodVersion> versions, PlannedPeriod period, CensusHabit habit)
        {
            var own = new List<PeriodVersion>(4);
            if (ArrivalSent(period))
            {
                var sent = PeriodReportTime(period.ArrivedAt);
                own.Add(new PeriodVersion(sent, sent, period, PeriodVersionKind.Arrival, false));
            }

            if (period.Discharge is { } discharge)
            {
                var left = period.DaySurgery
                    ? period.ArrivedAt.AddHours(4 + random.Next(6))
                    : discharge.ToDateTime(new TimeOnly(10 + random.Next(6), random.Next(60)));
                var sent = PeriodReportTime(left);
                if (own.Count > 0 && sent <= own[^1].UpdatedAt)
                {
                    sent = own[^1].UpdatedAt.AddMinutes(5);
                }

                own.Add(new PeriodVersion(sent, sent, period, PeriodVersionKind.Discharge, false));
            }
            else if (habit != CensusHabit.Missing && generator.LastDay.Month == 12 && generator.LastDay.Day == 31)
            {
                // Counted at the end of 31 December, sent in January or February; a late provider in March.
                var first = new DateTime(generator.Year + 1, habit == CensusHabit.Late ? 3 : 1, habit == CensusHabit.Late ? 2 : 5, 8, 0, 0, DateTimeKind.Unspecified);
                var sent = first.AddDays(random.Next(habit == CensusHabit.Late ? 28 : 52)).AddMinutes(random.Next(600));
                if (sent <= generator.latestUpdate)
                {
                    own.Add(new PeriodVersion(sent, sent, period, PeriodVersionKind.Census, false));
                }
            }

            own.RemoveAll(v => v.UpdatedAt > generator.latestUpdate);
            if (own.Count == 0)
            {
                return;
            }

            if (random.NextDouble() < PeriodWithdrawalShare)
            {
                // Withdrawn a few days after its first version; nothing more is sent of it.
                var withdrawn = Min(own[0].UpdatedAt.AddDays(1 + random.Next(10)), generator.latestUpdate);
                own.RemoveRange(1, own.Count - 1);
                if (withdrawn > own[0].UpdatedAt)
                {
                    own.Add(new PeriodVersion(withdrawn, withdrawn, period, PeriodVersionKind.Withdrawal, false));
                }
            }

            if (random.NextDouble() < PeriodResendShare * own.Count)
            {
                var copy = own[random.Next(own.Count)];
                own.Add(copy with { EmitAt = copy.EmitAt.AddHours(1 + random.Next(48)), Resend = true });
            }

            versions.AddRange(own);
        }

        /// <summary>When a period version reaches the register: most within hours, a fifth the next night.</summary>
        private DateTime PeriodReportTime(DateTime happened) => random.NextDouble() switch
        {
            < 0.55 => happened.AddMinutes(5 + random.Next(120)),
            < 0.8 => happened.AddMinutes(120 + random.Next(480)),
            _ => happened.Date.AddDays(1).AddMinutes(60 + random.Next(180)),
        };

        /// <summary>
        /// A client of <paramref name="home"/>'s pool, the same pool its AvoHILMO events draw from, so
        /// that the people of the registers are one population; of an age drawn from the quartiles.
        /// </summary>
        private SyntheticPerson PeriodPerson(ProviderModel home, int[] quartiles, int top, double maleShare)
        {
            var q = random.Next(4);
            var low = quartiles[q];
            var high = q == 3 ? top : quartiles[q + 1];
            var age = low + (random.NextDouble() * (high - low));
            var band = 0;
            while (band < FinnishFigures.AgeBands.Count - 1 && age > FinnishFigures.AgeBands[band].Last + 1)
            {
                band++;
            }

            var sex = random.NextDouble() < maleShare ? Sex.Male : Sex.Female;
            ref var slot = ref pools[home.Index].Slot(band, sex, random);
            return slot ??= NewPerson(home, band, sex);
        }

        private string NewPeriodId(ProviderModel provider, Register register, int year)
        {
            var serial = ++serials[provider.Index];
            return string.Create(CultureInfo.InvariantCulture, $"1.2.246.10.{provider.Code}.{(register == Register.TerveysHilmo ? 20 : 30)}.{year}.{serial}");
        }

        private double LogNormal(double median, double spread)
        {
            // Box–Muller: one standard normal from two uniforms.
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return median * Math.Exp(spread * normal);
        }

        private static int StableHash(string text)
        {
            var hash = 17;
            foreach (var c in text)
            {
                hash = (hash * 31) + c;
            }

            return hash & int.MaxValue;
        }

        /// <summary>
        /// The complete period, as sent when it has ended (or, for an open period, before its
        /// discharge is stripped): drawn from the period's own seed, so every version agrees.
        /// </summary>
        private CarePeriod PeriodContent(PlannedPeriod p)
        {
            var r = new Random(p.Seed);
            var diagnosisSource = (p.Specialty?.Diagnoses ?? p.ServiceArea?.Diagnoses)!;
            var primary = new Diagnosis { Icd10 = diagnosisSource.Next(r) };
            var diagnoses = r.NextDouble() < 0.4
                ? ImmutableArray.Create(primary, new Diagnosis { Icd10 = diagnosisSource.Next(r) })
                : [primary];
            if (diagnoses.Length == 2 && diagnoses[1].Icd10 == primary.Icd10)
            {
                diagnoses = [primary];
            }

            var arrivedFrom = p.Register == Register.TerveysHilmo
                ? (p.Urgent ? Pick(r, ("1", 70), ("2", 10), ("4", 8), ("6", 6), ("7", 6)) : Pick(r, ("1", 90), ("2", 5), ("4", 3), ("7", 2)))
                : Pick(r, ("1", 30), ("2", 30), ("3", 10), ("6", 15), ("7", 15));
            string? dischargedTo = null;
            if (p.Discharge is not null)
            {
                dischargedTo = p.Register == Register.TerveysHilmo
                    ? Pick(r, ("1", 80), ("2", 6), ("4", 4), ("6", 6), ("7", 2), ("9", 2))
                    : p.ServiceArea!.Elderly ? Pick(r, ("9", 55), ("7", 15), ("4", 15), ("1", 15)) : Pick(r, ("1", 50), ("3", 25), ("4", 15), ("8", 10));
            }

            var client = p.Person.Client;
            CarePeriod period;
            if (p.Register == Register.TerveysHilmo)
            {
                period = HealthContent(p, r, diagnoses);
            }
            else
            {
                var area = p.ServiceArea!;
                var reasons = Weighted<string>.Of(area.Reasons)!;
                var first = reasons.Next(r);
                var second = reasons.Next(r);
                period = new SocialCarePeriod
                {
                    ServiceArea = p.Defect == PeriodDefect.HealthCareServiceArea ? HealthCareArea() : area.Code,
                    Reasons = r.NextDouble() < 0.5 && second != first ? [first, second] : [first],
                    Diagnoses = diagnoses,
                    Payer = Pick(r, ("1", 75), ("3", 15), ("2", 8), ("9", 2)),
                    Costs = new CareCosts
                    {
                        DailyPrice = Math.Round((decimal)(area.Elderly ? 140 + (r.NextDouble() * 90) : 180 + (r.NextDouble() * 220)), 2),
                        MonthlyClientFee = Math.Round((decimal)(300 + (r.NextDouble() * 1500)), 0),
                    },
                };
            }

            var arrival = p.Defect switch
            {
                PeriodDefect.NoArrivalDate => (DateOnly?)null,
                PeriodDefect.DischargeBeforeArrival => p.Discharge!.Value.AddDays(2),
                _ => p.Arrival,
            };
            return period with
            {
                RecordId = p.RecordId,
                Provider = p.Provider.Code,
                Unit = p.Unit,
                Client = client,
                ArrivalDate = arrival,
                DischargeDate = p.Discharge,
                ArrivedFrom = arrivedFrom,
                DischargedTo = dischargedTo,
            };
        }

        private static HealthCarePeriod HealthContent(PlannedPeriod p, Random r, ImmutableArray<Diagnosis> diagnoses)
        {
            var spec = p.Specialty!;
            var end = p.Discharge?.ToDateTime(new TimeOnly(10, 0));
            var procedures = ImmutableArray<PeriodProcedure>.Empty;
            // A defective record carries its one mistake only: no procedure or intensive care to fall outside its dates.
            if (p.Defect == PeriodDefect.None && spec.Procedures.Length > 0 && (p.DaySurgery || r.NextDouble() < 0.6))
            {
                var start = p.DaySurgery ? p.ArrivedAt.AddMinutes(30 + r.Next(90)) : p.ArrivedAt.AddHours(p.Urgent ? 2 + r.Next(10) : 3 + r.Next(24));
                if (end is { } e && start > e.AddHours(-1))
                {
                    start = p.ArrivedAt.AddMinutes(30);
                }

                procedures = [new PeriodProcedure { Code = Pick(r, spec.Procedures), Start = start, End = start.AddMinutes(30 + r.Next(120)) }];
            }

            IntensiveCare? intensive = null;
            if (p.Defect == PeriodDefect.None && p.Urgent && !spec.Psychiatric && p.Discharge is { } d && d.DayNumber - p.Arrival.DayNumber >= 3 && r.NextDouble() < 0.05)
            {
                var from = p.ArrivedAt.AddHours(1 + r.Next(6));
                intensive = new IntensiveCare { Start = from, End = from.AddHours(12 + r.Next(48)) };
            }

            PsychiatricCare? psychiatry = null;
            if (spec.Psychiatric && p.Defect == PeriodDefect.None)
            {
                var gas = 20 + r.Next(30);
                psychiatry = new PsychiatricCare
                {
                    AdmissionType = p.Urgent ? Pick(r, ("1", 60), ("2", 30), ("3", 10)) : "1",
                    GasOnArrival = gas,
                    GasOnDischarge = p.Discharge is null ? null : Math.Min(100, gas + 5 + r.Next(30)),
                    CoerciveMeasures = p.Discharge is null ? null : r.NextDouble() < 0.08,
                };
            }

            DateOnly? queued = null;
            Referral? referral = null;
            if (!p.Urgent)
            {
                var wait = 7 + (int)(-40 * Math.Log(1 - r.NextDouble()));
                queued = p.Arrival.AddDays(-Math.Min(wait, 400));
                var handled = queued.Value.AddDays(-r.Next(10));
                referral = new Referral { ArrivedOn = handled.AddDays(-r.Next(14)), HandledOn = handled };
            }

            return new HealthCarePeriod
            {
                Specialty = p.Defect == PeriodDefect.UnknownSpecialty ? "99X" : spec.Code,
                // Day surgery is no ward stay: the client comes to the unit (R10); R80 on a same-day
                // period would be the validator's warning. The hospital visit R40 ended in 2018.
                ContactType = p.DaySurgery ? "R10" : "R80",
                Urgency = p.Urgent ? Pick(r, ("3", 85), ("6", 10), ("5", 5)) : "4",
                Referral = referral,
                QueuedOn = queued,
                Diagnoses = diagnoses,
                Procedures = procedures,
                IntensiveCare = intensive,
                Psychiatry = psychiatry,
            };
        }

        private static string Pick(Random r, params (string Code, double Weight)[] choices)
        {
            var total = 0.0;
            foreach (var (_, weight) in choices)
            {
                total += weight;
            }

            var u = r.NextDouble() * total;
            foreach (var (code, weight) in choices)
            {
                if ((u -= weight) < 0)
                {
                    return code;
                }
            }

            return choices[^1].Code;
        }
    }

    /// <summary>How a provider sends its year-end census.</summary>
    private enum CensusHabit : byte
    {
        /// <summary>In January or February, by the deadline.</summary>
        OnTime,

        /// <summary>In March, after the 28 February deadline.</summary>
        Late,

        /// <summary>Not at all.</summary>
        Missing,
    }
}
