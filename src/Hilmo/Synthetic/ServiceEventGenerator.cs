using System.Collections.Immutable;
using System.Globalization;
using Hilmo.Codes;
using Hilmo.Ingest;
using Hilmo.Notifications;
using Hilmo.Statistics.Population;
using Hilmo.Validation;

namespace Hilmo.Synthetic;

/// <summary>
/// Makes synthetic AvoHILMO submissions with the shape of national data: providers weighted by
/// the population they serve, clients from a Finnish age pyramid who come back again and again,
/// care that follows the week, the day and the seasons, waits with a long tail, records that are
/// updated, resent and withdrawn, and a share of mistakes of every kind the register knows, each
/// labelled with the finding it must get.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Generate"/> streams: it holds a bounded population, a bounded set of records
/// awaiting their later version and a small window of recent records, never the output. The same
/// seed and options give the same records byte for byte (as long as the year is complete: for the
/// current year the period ends the day before the generator's clock).
/// </para>
/// <para>
/// The generator knows nothing of the structure of an identity code: the codes come from
/// <see cref="ISyntheticIdentityCodes"/>, implemented behind the identity boundary.
/// </para>
/// </remarks>
public sealed partial class ServiceEventGenerator
{
    // Records kept for resends, withdrawals and conflicting versions: a window of the recent past.
    private const int RecentRecords = 2048;

    // Records reported at booking and awaiting their visit; beyond this, bookings are reported
    // with their visit in one record instead, so memory stays bounded at any volume.
    private const int MaxPendingRecords = 20_000;

    private const int MaxLateVersions = 4096;

    private static readonly TimeZoneInfo helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    private readonly ISyntheticIdentityCodes identityCodes;
    private readonly CareCatalogue care;
    private readonly IReadOnlyList<ProviderModel> providers;
    private readonly Weighted<ProviderModel> officeProviders;
    private readonly Weighted<ProviderModel> offHoursProviders;
    private readonly Dictionary<SyntheticUnit, int> unitNumbers;
    private readonly Dictionary<string, string> municipalityNames;
    private readonly IReadOnlyList<SyntheticMunicipality> municipalities;
    private readonly DateTime periodStart;
    private readonly DateTime periodEnd;
    private readonly DateTime latestUpdate;
    private readonly DefectCatalogue defects;
    private readonly SyndromeSeasons syndromes;
    private readonly Dictionary<string, int> countyIndex;

    public ServiceEventGenerator(CodeServer codes, ISyntheticIdentityCodes identityCodes, GeneratorOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(identityCodes);
        Options = options ?? GeneratorOptions.Default;
        Options.Validate();
        this.identityCodes = identityCodes;

        var now = TimeZoneInfo.ConvertTime((time ?? TimeProvider.System).GetUtcNow(), helsinki).DateTime;
        var today = DateOnly.FromDateTime(now);
        Year = Options.Year ?? today.Year - 1;
        periodStart = new DateTime(Year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

        // Whole days only, so that the output depends on the day it is made, not the minute.
        var endOfYear = periodStart.AddYears(1);
        var yesterday = today.AddDays(-1).ToDateTime(TimeOnly.MinValue);
        periodEnd = endOfYear < yesterday ? endOfYear : yesterday;
        latestUpdate = today.ToDateTime(TimeOnly.MinValue).AddMinutes(-1);
        if (periodEnd < periodStart.AddDays(7))
        {
            throw new ArgumentOutOfRangeException(nameof(options), Year,
                $"The year {Year} has less than a week behind it on {today:yyyy-MM-dd}; synthetic events never lie in the future.");
        }

        var window = new CodeWindow(codes, DateOnly.FromDateTime(periodStart), DateOnly.FromDateTime(periodEnd.AddMinutes(-1)));
        care = new CareCatalogue(window);
        municipalities = NationalShape.Municipalities(window);
        municipalityNames = municipalities.ToDictionary(m => m.Code, m => m.Name, StringComparer.Ordinal);
        providers = NationalShape.Providers(municipalities, care);
        officeProviders = new Weighted<ProviderModel>(providers.Select(p => (p, p.OfficeWeight)));
        offHoursProviders = new Weighted<ProviderModel>(providers.Select(p => (p, p.OffHoursWeight)));
        unitNumbers = providers.SelectMany(p => p.Provider.Units).Select((unit, i) => (unit, i)).ToDictionary(u => u.unit, u => u.i);
        Providers = [.. providers.Select(p => p.Provider)];
        defects = new DefectCatalogue(window, care, Options);
        var counties = municipalities.Select(m => m.County).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        countyIndex = counties.Select((code, i) => (code, i)).ToDictionary(c => c.code, c => c.i, StringComparer.Ordinal);
        syndromes = new SyndromeSeasons(window, counties, Options.Outbreaks);
    }

    public GeneratorOptions Options { get; }

    /// <summary>The year the events happen in.</summary>
    public int Year { get; }

    /// <summary>First day of the generated period.</summary>
    public DateOnly FirstDay => DateOnly.FromDateTime(periodStart);

    /// <summary>Last day of the generated period: 31 December, or the day before yesterday in the current year.</summary>
    public DateOnly LastDay => DateOnly.FromDateTime(periodEnd.AddMinutes(-1));

    /// <summary>The providers and units the records come from.</summary>
    public IReadOnlyList<SyntheticProvider> Providers { get; }

    /// <summary>
    /// The synthetic country's residents at 31 December of <see cref="Year"/> by municipality, sex
    /// and one-year age, whom the clients are drawn from: the denominator of rates over the
    /// generated records. The same whatever the seed and the number of records.
    /// </summary>
    public IReadOnlyList<PopulationCount> Population() => SyntheticPopulation.At(Year, municipalities);

    /// <summary>
    /// Makes <paramref name="count"/> records, lazily, in the order a register would receive them:
    /// forward through the year, each later version after the one it replaces.
    /// </summary>
    public IEnumerable<GeneratedRecord> Generate(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new Run(this, count).Records();
    }

    /// <summary>The state of one call of <see cref="Generate"/>: one random sequence, one population.</summary>
    private sealed partial class Run
    {
        private readonly ServiceEventGenerator generator;
        private readonly long count;
        private readonly Random random;
        private readonly EventCalendar calendar;
        private readonly CareCatalogue care;
        private readonly GeneratorOptions options;
        private readonly PersonPool[] pools;
        private readonly long[] serials;

        // The syndromes' draws have their own sequence, so the seasons and outbreaks change the
        // reasons of visits and nothing else of a run: the same seed gives the same people, times
        // and providers with or without an outbreak.
        private readonly Random syndromeRandom;
        private readonly HashSet<string> issuedCodes = new(StringComparer.Ordinal);
        private readonly PriorityQueue<TrackedRecord, DateTime> pending = new();
        private readonly TrackedRecord?[] recent = new TrackedRecord?[RecentRecords];
        private readonly Queue<(long Due, SubmittedNotification Version)> lateVersions = new();
        private readonly Dictionary<string, int> professionNumbers = new(StringComparer.Ordinal);
        private readonly long lateLag;
        private readonly double bookingFirstRate;
        private readonly double lateVersionRate;
        private readonly double drawScale;
        private int recentCount;
        private int recentNext;
        private long bookingsFirst;
        private long lateScheduled;

        public Run(ServiceEventGenerator generator, long count)
        {
            this.generator = generator;
            this.count = count;
            options = generator.Options;
            care = generator.care;
            random = new Random(options.Seed);
            syndromeRandom = new Random(unchecked((options.Seed * 7919) + 104_729));
            calendar = new EventCalendar(generator.periodStart, generator.periodEnd);
            serials = new long[generator.providers.Count];
            var people = options.People ?? (int)Math.Clamp(count / 8, 2_000, 250_000);
            pools = [.. generator.providers.Select(p => new PersonPool(Capacity(p, people)))];
            bookingFirstRate = options.UpdateShare + options.CancellationShare;

            // One warning kind in five is a late earlier version; it is scheduled, not drawn.
            lateVersionRate = options.WarningShare / 5;

            // Later versions take their places when due; the other kinds are drawn in the places
            // left, so their chances are scaled up to be shares of all records.
            drawScale = 1 / (1 - bookingFirstRate - lateVersionRate);

            // A late version must meet its later one already stored, so it comes more than one
            // store unit of the ingest pipeline after it, even in a file with many rejected lines.
            lateLag = 2L * IngestOptions.Default.StoreUnitRecords;
        }

        public IEnumerable<GeneratedRecord> Records()
        {
            PlanPeriods();
            for (var index = 0L; index < count; index++)
            {
                var clock = calendar.TimeAt((index + 0.5) / count, random);
                yield return PeriodDue(index, clock) ? NextPeriodVersion() : Next(index, clock);
            }
        }

        private GeneratedRecord Next(long index, DateTime clock)
        {
            if (lateVersions.TryPeek(out var late) && late.Due <= index)
            {
                lateVersions.Dequeue();
                return GeneratedRecord.Record(GeneratedRecordKind.LateEarlierVersion, late.Version, expectedWarning: FindingCatalogue.OlderThanCurrent.Code);
            }

            while (pending.TryPeek(out var waiting, out var due))
            {
                if (waiting.Plan is null || waiting.Withdrawn)
                {
                    pending.Dequeue();
                    continue;
                }

                if (due <= clock)
                {
                    pending.Dequeue();
                    return Planned(waiting);
                }

                break;
            }

            var u = random.NextDouble() / drawScale;
            if ((u -= options.InvalidShare) < 0)
            {
                return Invalid(index, clock);
            }

            if ((u -= options.WarningShare - lateVersionRate) < 0)
            {
                return WithWarning(index, clock);
            }

            if ((u -= options.ResendShare) < 0 && Recent(_ => true) is { } resent)
            {
                return GeneratedRecord.Record(GeneratedRecordKind.Resend, resent.Latest);
            }

            if ((u -= options.WithdrawalShare) < 0 && Withdrawal(clock) is { } withdrawal)
            {
                return withdrawal;
            }

            return Original(index, clock);
        }

        private GeneratedRecord Original(long index, DateTime clock)
        {
            var draft = Draft(index, clock, DraftNeeds.Any);
            var tracked = new TrackedRecord(draft.Submitted);
            Remember(tracked);
            if (draft.Plan is { } plan)
            {
                tracked.Plan = plan;
                pending.Enqueue(tracked, plan.Due);
            }
            else if (draft.Flow == Flow.FullPath && ((ServiceEvent)draft.Submitted.Notification).Appointment is { BookedAt: { } booked }
                && lateScheduled < (index + 1) * lateVersionRate && lateVersions.Count < MaxLateVersions)
            {
                lateScheduled++;
                lateVersions.Enqueue((index + lateLag, EarlierVersion(draft.Submitted, booked)));
            }

            return GeneratedRecord.Record(GeneratedRecordKind.Original, draft.Submitted);
        }

        /// <summary>The version a system sent at booking, before the visit: it arrives late, after the complete one.</summary>
        private SubmittedNotification EarlierVersion(SubmittedNotification complete, DateTime booked)
        {
            var e = (ServiceEvent)complete.Notification;
            var sent = booked.AddMinutes(1 + random.Next(Math.Max(1, Math.Min(30, (int)(e.Visit!.Start!.Value - booked).TotalMinutes))));
            return complete with
            {
                Notification = e with
                {
                    UpdatedAt = sent < e.UpdatedAt!.Value ? sent : e.UpdatedAt.Value.AddMinutes(-1),
                    Visit = null,
                    Reasons = [],
                    Procedures = [],
                    Medications = [],
                    HealthFactors = null,
                    FollowUpCare = [],
                },
            };
        }

        /// <summary>The later version of a record reported at booking: its visit, or its cancellation.</summary>
        private GeneratedRecord Planned(TrackedRecord tracked)
        {
            var plan = tracked.Plan!;
            tracked.Plan = null;
            var previous = (ServiceEvent)tracked.Latest.Notification;
            ServiceEvent next;
            if (plan.Cancels)
            {
                next = previous with
                {
                    UpdatedAt = Later(previous.UpdatedAt!.Value, plan.Due),
                    Cancellation = new Cancellation { Time = plan.CancelledAt, Reason = CancellationReason() },
                };
            }
            else
            {
                var visit = VisitContent(plan.Profile, plan.Person, plan.Unit, plan.Profession, plan.Start, plan.Urgency, plan.Nature, plan.FirstVisit);
                next = previous with
                {
                    UpdatedAt = Later(previous.UpdatedAt!.Value, Max(plan.Due, visit.Visit.End!.Value.AddMinutes(1))),
                    Visit = visit.Visit,
                    Reasons = visit.Reasons,
                    Procedures = visit.Procedures,
                    Medications = visit.Medications,
                    HealthFactors = visit.HealthFactors,
                    FollowUpCare = visit.FollowUp,
                };
            }

            tracked.Latest = tracked.Latest with { Notification = next };
            return GeneratedRecord.Record(plan.Cancels ? GeneratedRecordKind.Cancellation : GeneratedRecordKind.Update, tracked.Latest);
        }

        private GeneratedRecord? Withdrawal(DateTime clock)
        {
            if (Recent(r => !r.Withdrawn) is not { } tracked)
            {
                return null;
            }

            var previous = (ServiceEvent)tracked.Latest.Notification;
            var at = Max(clock, previous.UpdatedAt!.Value).AddMinutes(5 + random.Next(240));
            if (at > generator.latestUpdate)
            {
                return null;
            }

            // The system resends the record as it was, flagged: only the key and the flag matter.
            tracked.Withdrawn = true;
            tracked.Plan = null;
            tracked.Latest = tracked.Latest with { Notification = previous with { Withdrawn = true, UpdatedAt = at } };
            return GeneratedRecord.Record(GeneratedRecordKind.Withdrawal, tracked.Latest);
        }

        /// <summary>A recent record that satisfies <paramref name="wanted"/>, or null when a few tries find none.</summary>
        private TrackedRecord? Recent(Func<TrackedRecord, bool> wanted)
        {
            for (var attempt = 0; attempt < 8 && recentCount > 0; attempt++)
            {
                var candidate = recent[random.Next(recentCount)]!;
                if (wanted(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }

        private void Remember(TrackedRecord tracked)
        {
            recent[recentNext] = tracked;
            recentNext = (recentNext + 1) % recent.Length;
            recentCount = Math.Min(recentCount + 1, recent.Length);
        }

        /// <summary>One new event of the provider chosen for <paramref name="clock"/>, as its first record.</summary>
        private Draft Draft(long index, DateTime clock, DraftNeeds needs)
        {
            var office = EventCalendar.IsOfficeHours(clock);
            var provider = (office ? generator.officeProviders : generator.offHoursProviders).Next(random);
            var profile = ((office ? null : provider.OffHoursMix) ?? provider.OfficeMix).Next(random);
            var person = Person(provider, profile);
            var unit = provider.UnitFor(profile.Spec.Unit, person);
            var urgent = office ? random.NextDouble() < profile.Spec.UrgentShare : random.NextDouble() < 0.8;
            var flow = Flow.VisitOnly;
            if (needs != DraftNeeds.VisitWithoutBooking && random.NextDouble() < profile.Spec.AssessmentShare)
            {
                var r = needs == DraftNeeds.Visit ? 0 : random.NextDouble();
                flow = r switch
                {
                    < 0.64 => Flow.FullPath,
                    < 0.86 => Flow.AssessmentOnly,
                    < 0.92 => Flow.ContactOnly,
                    _ => Flow.CancelledDirect,
                };
                if (flow == Flow.FullPath && needs == DraftNeeds.Any && office && !urgent && pending.Count < MaxPendingRecords
                    && bookingsFirst < (index + 1) * bookingFirstRate)
                {
                    bookingsFirst++;
                    flow = Flow.BookingFirst;
                }
            }

            var context = new EventContext(provider, profile, person, unit, profile.Professions.Next(random), urgent ? "K" : "E",
                random.NextDouble() < profile.Spec.HealthCareShare ? "TH" : "SH", random.NextDouble() < profile.Spec.FirstVisitShare ? "K" : "E");
            return flow switch
            {
                Flow.FullPath => FullPath(context, clock),
                Flow.AssessmentOnly => AssessmentOnly(context, clock),
                Flow.ContactOnly => ContactOnly(context, clock),
                Flow.CancelledDirect => CancelledDirect(context, clock),
                Flow.BookingFirst => BookingFirst(context, clock),
                _ => VisitOnly(context, clock, withBooking: needs != DraftNeeds.VisitWithoutBooking && !urgent && office && random.NextDouble() < 0.4),
            };
        }

        private SyntheticPerson Person(ProviderModel provider, CareProfile profile)
        {
            var band = profile.AgeBands.Next(random);
            var maleShare = profile.Spec.MaleShare ?? FinnishFigures.MaleShare[band];
            var sex = random.NextDouble() < maleShare ? Sex.Male : Sex.Female;
            ref var slot = ref pools[provider.Index].Slot(band, sex, random);
            return slot ??= NewPerson(provider, band, sex);
        }

        private SyntheticPerson NewPerson(ProviderModel provider, int band, Sex sex)
        {
            var (first, last) = FinnishFigures.AgeBands[band];
            var age = band == FinnishFigures.AgeBands.Count - 1
                ? Math.Min(last, first + Exponential(5))
                : first + (random.NextDouble() * (last - first + 1));

            // Born before the period starts, so no event of theirs precedes their birth.
            var birthDate = DateOnly.FromDateTime(generator.periodStart).AddDays(-1 - (int)(age * 365.25));
            var home = provider.Homes.Next(random);
            var client = new Client { HomeMunicipality = home.Code, PostalCode = home.PostalCodes[random.Next(home.PostalCodes.Length)] };
            string code;
            do
            {
                code = generator.identityCodes.Permanent(birthDate, sex, random);
            }
            while (!issuedCodes.Add(code));

            return new SyntheticPerson(birthDate, sex, code, client, random.Next(int.MaxValue), generator.countyIndex[home.County]);
        }

        private static int[,] Capacity(ProviderModel provider, int people)
        {
            var total = Math.Max(200, people * provider.OfficeWeight);
            var capacity = new int[FinnishFigures.AgeBands.Count, 2];
            for (var band = 0; band < capacity.GetLength(0); band++)
            {
                var inBand = total * provider.ClientAges[band];
                capacity[band, 0] = Math.Max(4, (int)(inBand * FinnishFigures.MaleShare[band]));
                capacity[band, 1] = Math.Max(4, (int)(inBand * (1 - FinnishFigures.MaleShare[band])));
            }

            return capacity;
        }

        private string NewRecordId(ProviderModel provider)
        {
            var serial = ++serials[provider.Index];
            return string.Create(CultureInfo.InvariantCulture, $"1.2.246.10.{provider.Code}.10.{generator.Year}.{serial}");
        }

        private SubmittedNotification Submitted(EventContext c, ServiceEvent e) =>
            new(e with { RecordId = NewRecordId(c.Provider), Provider = c.Provider.Code, Unit = c.Unit.Oid, Client = c.Person.Client },
                new IdentityCodeText(c.Person.IdentityCode));

        /// <summary>Contact, assessment, booking and visit in one record: reported after the visit.</summary>
        private Draft FullPath(EventContext c, DateTime visitStart)
        {
            var urgent = c.Urgency == "K";
            var wait = urgent ? (random.NextDouble() < 0.85 ? 0 : 1) : Wait(c.Profile, c.Profession);
            var visitDay = DateOnly.FromDateTime(visitStart);
            DateTime assessed;
            if (wait == 0)
            {
                var sinceMidnight = (int)(visitStart - visitDay.ToDateTime(TimeOnly.MinValue)).TotalMinutes;
                assessed = visitStart.AddMinutes(-Math.Min(5 + random.Next(175), Math.Max(1, sinceMidnight - 1)));
            }
            else
            {
                var day = visitDay.AddDays(-wait);
                assessed = OfficeTime(urgent ? day : EventCalendar.WorkingDayUntil(day));
            }

            var contacted = assessed.AddMinutes(-ContactDelayMinutes());
            if (contacted < Earliest)
            {
                return VisitOnly(c, visitStart, withBooking: false);
            }

            var booked = assessed.AddMinutes(1 + random.Next(10));
            if (booked > visitStart)
            {
                booked = assessed + ((visitStart - assessed) / 2);
            }

            var visit = VisitContent(c.Profile, c.Person, c.Unit, c.Profession, visitStart, c.Urgency, c.Nature, c.FirstVisit);
            var e = new ServiceEvent
            {
                UpdatedAt = ReportTime(visit.Visit.End!.Value),
                Contact = new Contact { Time = contacted },
                Assessment = Assessment(c, assessed, "Y20"),
                Appointment = new Appointment { BookedAt = booked, ScheduledFor = Max(booked, FloorFiveMinutes(visitStart.AddMinutes(-random.Next(10)))) },
                Visit = visit.Visit,
                Reasons = visit.Reasons,
                Procedures = visit.Procedures,
                Medications = visit.Medications,
                HealthFactors = visit.HealthFactors,
                FollowUpCare = visit.FollowUp,
            };
            return new Draft(c, Submitted(c, e), Flow.FullPath, null);
        }

        /// <summary>A visit without an assessment: a scheduled check-up, home care, a walk-in.</summary>
        private Draft VisitOnly(EventContext c, DateTime visitStart, bool withBooking)
        {
            Appointment? appointment = null;
            if (withBooking)
            {
                var booked = OfficeTime(EventCalendar.WorkingDayUntil(DateOnly.FromDateTime(visitStart).AddDays(-1 - random.Next(45))));
                if (booked >= Earliest)
                {
                    appointment = new Appointment { BookedAt = booked, ScheduledFor = Max(booked, FloorFiveMinutes(visitStart.AddMinutes(-random.Next(10)))) };
                }
            }

            var visit = VisitContent(c.Profile, c.Person, c.Unit, c.Profession, visitStart, c.Urgency, c.Nature, c.FirstVisit);
            var e = new ServiceEvent
            {
                UpdatedAt = ReportTime(visit.Visit.End!.Value),
                Appointment = appointment,
                Visit = visit.Visit,
                Reasons = visit.Reasons,
                Procedures = visit.Procedures,
                Medications = visit.Medications,
                HealthFactors = visit.HealthFactors,
                FollowUpCare = visit.FollowUp,
            };
            return new Draft(c, Submitted(c, e), Flow.VisitOnly, null);
        }

        /// <summary>A need assessed and met without a visit: advice by phone, self-care.</summary>
        private Draft AssessmentOnly(EventContext c, DateTime assessed)
        {
            var contacted = Max(Earliest, assessed.AddMinutes(-ContactDelayMinutes()));
            var reasons = random.NextDouble() < 0.4 && c.Profile.Icpc2 is { } icpc2
                ? ImmutableArray.Create(new VisitReason { Icpc2 = icpc2.Next(random) })
                : [];
            var e = new ServiceEvent
            {
                UpdatedAt = ReportTime(assessed),
                Contact = new Contact { Time = contacted },
                Assessment = Assessment(c, assessed, "Y10"),
                Reasons = reasons,
            };
            return new Draft(c, Submitted(c, e), Flow.AssessmentOnly, null);
        }

        /// <summary>A contact recorded on its own, before anyone assessed it.</summary>
        private Draft ContactOnly(EventContext c, DateTime contacted)
        {
            var e = new ServiceEvent { UpdatedAt = ReportTime(contacted), Contact = new Contact { Time = contacted } };
            return new Draft(c, Submitted(c, e), Flow.ContactOnly, null);
        }

        /// <summary>A booked visit that was cancelled, reported once, after the cancellation.</summary>
        private Draft CancelledDirect(EventContext c, DateTime cancelled)
        {
            var booked = Min(cancelled.AddMinutes(-1), OfficeTime(EventCalendar.WorkingDayUntil(DateOnly.FromDateTime(cancelled).AddDays(-random.Next(21)))));
            var assessed = booked.AddMinutes(-1 - random.Next(10));
            var contacted = assessed.AddMinutes(-ContactDelayMinutes());
            if (contacted < Earliest)
            {
                return ContactOnly(c, cancelled);
            }

            var scheduled = OfficeTime(EventCalendar.WorkingDayFrom(DateOnly.FromDateTime(cancelled).AddDays(1 + random.Next(14))));
            var e = new ServiceEvent
            {
                UpdatedAt = ReportTime(cancelled),
                Contact = new Contact { Time = contacted },
                Assessment = Assessment(c, assessed, "Y20"),
                Appointment = new Appointment { BookedAt = booked, ScheduledFor = scheduled },
                Cancellation = new Cancellation { Time = cancelled, Reason = CancellationReason() },
            };
            return new Draft(c, Submitted(c, e), Flow.CancelledDirect, null);
        }

        /// <summary>
        /// Contact, assessment and booking reported when the booking is made; the visit, or its
        /// cancellation, follows as a later version of the same record.
        /// </summary>
        private Draft BookingFirst(EventContext c, DateTime booked)
        {
            var assessed = booked.AddMinutes(-1 - random.Next(10));
            var contacted = Max(Earliest, assessed.AddMinutes(-ContactDelayMinutes()));
            var wait = Wait(c.Profile, c.Profession);
            DateTime scheduled;
            if (wait == 0 && booked.Hour < 15)
            {
                scheduled = FloorFiveMinutes(booked.AddMinutes(30 + random.Next(150)));
            }
            else
            {
                scheduled = OfficeTime(EventCalendar.WorkingDayFrom(DateOnly.FromDateTime(booked).AddDays(Math.Max(1, wait))));
            }

            var e = new ServiceEvent
            {
                UpdatedAt = ReportTime(booked),
                Contact = new Contact { Time = contacted },
                Assessment = Assessment(c, assessed, "Y20"),
                Appointment = new Appointment { BookedAt = booked, ScheduledFor = scheduled },
            };
            var cancels = random.NextDouble() * bookingFirstRate < options.CancellationShare;
            VisitPlan plan;
            if (cancels)
            {
                var span = Math.Max(1, (int)(scheduled - booked).TotalMinutes - 60);
                var cancelled = booked.AddMinutes(1 + random.Next(span));
                plan = new VisitPlan(c.Profile, c.Person, c.Unit, c.Profession, scheduled, c.Urgency, c.Nature, c.FirstVisit,
                    true, cancelled, ReportTime(cancelled));
            }
            else
            {
                var start = Max(booked.AddMinutes(1), scheduled.AddMinutes(random.Next(-5, 16)));
                var end = start.AddMinutes(VisitMinutes(c.Profile, "R10"));
                plan = new VisitPlan(c.Profile, c.Person, c.Unit, c.Profession, start, c.Urgency, c.Nature, c.FirstVisit,
                    false, null, ReportTime(end));
            }

            return new Draft(c, Submitted(c, e), Flow.BookingFirst, plan);
        }

        private CareNeedAssessment Assessment(EventContext c, DateTime time, string result) => new()
        {
            Time = time,
            Profession = c.Profile.Assessors.Next(random),
            Urgency = c.Urgency,
            Nature = c.Nature,
            FirstVisit = c.FirstVisit,

            // The result list is not public; systems that send it use Y-codes like the seed's Y20.
            Result = random.NextDouble() < 0.6 ? result : null,
        };

        private string CancellationReason() => random.Next(4) switch
        {
            0 => "Y31",
            1 => "Y32",
            2 => "Y33",
            _ => "Y34",
        };

        /// <summary>
        /// When the record reaches the register after <paramref name="lastPhase"/>: most systems send
        /// within the hour, some within the working day, a tenth in a nightly batch.
        /// </summary>
        private DateTime ReportTime(DateTime lastPhase)
        {
            var r = random.NextDouble();
            var sent = r switch
            {
                < 0.65 => lastPhase.AddMinutes(1 + random.Next(60)),
                < 0.9 => lastPhase.AddMinutes(60 + random.Next(420)),
                _ => lastPhase.Date.AddDays(1).AddMinutes(60 + random.Next(120)),
            };
            return Min(sent, generator.latestUpdate);
        }

        /// <summary>A later version's update time: when it was due, and always after the version before it.</summary>
        private DateTime Later(DateTime previous, DateTime due) => Min(Max(due, previous.AddMinutes(5)), generator.latestUpdate);

        private int ContactDelayMinutes()
        {
            var r = random.NextDouble();
            return r switch
            {
                < 0.75 => random.Next(21),
                < 0.9 => 20 + random.Next(220),
                _ => (1440 * (1 + random.Next(3))) + random.Next(120),
            };
        }

        /// <summary>
        /// Days from assessment to visit. Most non-urgent visits happen within a week, physicians'
        /// take longer than nurses', and oral care has the longest tail: a few clients wait past the
        /// 90 days the law long allowed, as the supervisors' reports show.
        /// </summary>
        private int Wait(CareProfile profile, string profession)
        {
            var bands = profile.Spec.OralCare ? oralWaits : profession.StartsWith("2221", StringComparison.Ordinal) ? physicianWaits : generalWaits;
            var (first, last) = bands.Next(random);
            return last < 0 ? first + Math.Min(300, Exponential(45)) : first + random.Next(last - first + 1);
        }

        private int Exponential(double mean) => (int)(-mean * Math.Log(1 - random.NextDouble()));

        /// <summary>A time on <paramref name="day"/> when clinics see booked clients, to the five minutes.</summary>
        private DateTime OfficeTime(DateOnly day) =>
            day.ToDateTime(new TimeOnly(7, 30)).AddMinutes(5 * random.Next(100));

        private static DateTime FloorFiveMinutes(DateTime time) => time.AddMinutes(-(time.Minute % 5));

        private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

        private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

        // The register's first moment: phases dated back from an event may not cross it.
        private static DateTime Earliest { get; } = new(2011, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

        private static readonly Weighted<(int First, int Last)> generalWaits =
            new([((0, 0), 25), ((1, 7), 55), ((8, 14), 10), ((15, 28), 5), ((29, 90), 3.5), ((91, -1), 1.5)]);

        private static readonly Weighted<(int First, int Last)> physicianWaits =
            new([((0, 0), 15), ((1, 7), 42), ((8, 14), 14), ((15, 28), 13), ((29, 90), 12), ((91, -1), 4)]);

        private static readonly Weighted<(int First, int Last)> oralWaits =
            new([((0, 0), 10), ((1, 7), 20), ((8, 14), 12), ((15, 28), 15), ((29, 90), 28), ((91, -1), 15)]);
    }

    private enum Flow
    {
        VisitOnly,
        FullPath,
        AssessmentOnly,
        ContactOnly,
        CancelledDirect,
        BookingFirst,
    }

    private enum DraftNeeds
    {
        /// <summary>Any flow, a first report at booking included.</summary>
        Any,

        /// <summary>A complete record with a visit, for a mistake to be made in.</summary>
        Visit,

        /// <summary>A visit with no other phase, so that the visit's own dates are the record's.</summary>
        VisitWithoutBooking,
    }

    /// <summary>Who, where and what of one event, decided before its phases are laid out.</summary>
    private sealed record EventContext(
        ProviderModel Provider,
        CareProfile Profile,
        SyntheticPerson Person,
        SyntheticUnit Unit,
        string Profession,
        string Urgency,
        string Nature,
        string FirstVisit);

    private sealed record Draft(EventContext Context, SubmittedNotification Submitted, Flow Flow, VisitPlan? Plan);

    /// <summary>What happens to a record reported at booking: its visit, or its cancellation, due at <see cref="Due"/>.</summary>
    private sealed record VisitPlan(
        CareProfile Profile,
        SyntheticPerson Person,
        SyntheticUnit Unit,
        string Profession,
        DateTime Start,
        string Urgency,
        string Nature,
        string FirstVisit,
        bool Cancels,
        DateTime? CancelledAt,
        DateTime Due);

    /// <summary>A record sent earlier whose versions the run may still add to.</summary>
    private sealed class TrackedRecord(SubmittedNotification latest)
    {
        public SubmittedNotification Latest { get; set; } = latest;

        public bool Withdrawn { get; set; }

        public VisitPlan? Plan { get; set; }
    }
}
