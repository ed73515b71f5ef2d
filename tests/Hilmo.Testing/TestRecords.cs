using System.Text.Json;
using Hilmo.Formats;
using Hilmo.Identity;
using Hilmo.Ingest;
using Hilmo.Notifications;
using Hilmo.Storage;
using Hilmo.Subjects;

namespace Hilmo.Testing;

/// <summary>Realistic records for tests, built the way the ingest pipeline builds them.</summary>
public static class TestRecords
{
    private static readonly MasterKey Key = MasterKey.CreateEphemeral();

    private static readonly ProviderPseudonymiser Pseudonymiser = new(Key);

    /// <summary>Derives a person's keys for a data-subject request under the key <see cref="Registered"/> pseudonymises with.</summary>
    public static ISubjectKeys SubjectKeysOf(string identityCode) =>
        new SubjectKeySource(Key).TryDerive(new IdentityCodeText(identityCode), out var keys, out var error)
            ? keys
            : throw new InvalidOperationException(error);

    /// <summary>A complete visit of the specification's example shape; change what a test needs with <c>with</c>.</summary>
    public static ServiceEvent Visit(string recordId = "1.2.246.10.2345678.10.2026.4711", string provider = "90152", DateTime? updatedAt = null) => new()
    {
        RecordId = recordId,
        UpdatedAt = updatedAt ?? new DateTime(2026, 3, 9, 16, 40, 0),
        Provider = provider,
        Unit = "1.2.246.10.2345678.10.12",
        Client = new Client { HomeMunicipality = "091", PostalCode = "00820" },
        Contact = new Contact { Time = new DateTime(2026, 3, 2, 8, 5, 0) },
        Assessment = new CareNeedAssessment
        {
            Time = new DateTime(2026, 3, 2, 8, 15, 0), Profession = "32311", Urgency = "E", Nature = "SH", FirstVisit = "K",
        },
        Appointment = new Appointment { BookedAt = new DateTime(2026, 3, 2, 8, 16, 0), ScheduledFor = new DateTime(2026, 3, 9, 10, 0, 0) },
        Visit = new Visit
        {
            Start = new DateTime(2026, 3, 9, 10, 2, 0), End = new DateTime(2026, 3, 9, 10, 25, 0), Profession = "22211",
            Professional = "123456789", ServiceForm = "T11", ContactType = "R10", VisitorGroup = "1", Urgency = "E", Nature = "SH", FirstVisit = "K",
        },
        Reasons = [new VisitReason { Icpc2 = "R74" }, new VisitReason { Icd10 = "S90.0", ExternalCause = "W01", AccidentType = "W01" }],
        Procedures = [new Procedure { Spat = "SPAT1010" }, new Procedure { OralProcedure = "SAA02", Tooth = "36" }],
        Medications =
        [
            new Medication
            {
                Atc = "J07BB02", TradeName = "Influvac", PrescribedAt = new DateTime(2026, 3, 9, 10, 10, 0), Vaccination = true,
                BatchNumber = "AB12", DoseNumber = "1", Route = "IM", InjectionSite = "OO",
            },
        ],
        HealthFactors = new HealthFactors { WeightGrams = 72_000, HeightMillimetres = 1_780, GumStatus = "002301", DecayedPermanentTeeth = 1 },
        FollowUpCare = ["SPAT1334"],
    };

    /// <summary>The record (of any register) ready for the store: pseudonymised as the pipeline would, with its content hash.</summary>
    public static RegisteredNotification Registered(Notification e, string identityCode = "131052-308T")
    {
        var result = Pseudonymiser.Pseudonymise(e.Provider!, e.RecordId!, new IdentityCodeText(identityCode), AgeDays.Of(e));
        var client = result.Client ?? throw new InvalidOperationException($"Test identity code refused: {result.Error?.Code}");
        return new RegisteredNotification(e, client, new ContentHash().Compute(e, client));
    }

    /// <summary>A withdrawal of a record, as submitters send it: the key, a later update time, no identity code.</summary>
    public static RegisteredNotification Withdrawal(string recordId, string provider, DateTime updatedAt)
    {
        var e = new ServiceEvent { RecordId = recordId, Provider = provider, UpdatedAt = updatedAt, Withdrawn = true };
        return new RegisteredNotification(e, null, new ContentHash().Compute(e, null));
    }

    /// <summary>
    /// A Terveys-Hilmo ward period at a central hospital's internal-medicine ward, discharged home:
    /// a fall at home with a broken hip, operated on, a night in intensive care.
    /// Without <paramref name="dischargeDate"/> the period is still open, as first sent.
    /// </summary>
    public static HealthCarePeriod WardPeriod(
        string recordId = "1.2.246.10.2345678.20.2026.881", string provider = "90152", DateTime? updatedAt = null, DateOnly? dischargeDate = null) => new()
    {
        RecordId = recordId,
        UpdatedAt = updatedAt ?? new DateTime(2026, 2, 3, 14, 5, 0),
        Provider = provider,
        Unit = "1.2.246.10.2345678.10.40",
        Client = new Client { HomeMunicipality = "091", PostalCode = "00820" },
        ArrivalDate = new DateOnly(2026, 2, 3),
        DischargeDate = dischargeDate,
        ArrivedFrom = "1",
        DischargedTo = dischargeDate is null ? null : "1",
        Diagnoses = [new Diagnosis { Icd10 = "S72.00", ExternalCause = "W01", AccidentType = "W01" }, new Diagnosis { Icd10 = "I10" }],
        Referral = new Referral { ArrivedOn = new DateOnly(2026, 2, 3), HandledOn = new DateOnly(2026, 2, 3) },
        QueuedOn = null,
        Specialty = "10",
        ContactType = "R80",
        Urgency = "6",
        Procedures =
        [
            new PeriodProcedure { Code = "NFJ62", Start = new DateTime(2026, 2, 4, 9, 30, 0), End = new DateTime(2026, 2, 4, 11, 5, 0) },
            new PeriodProcedure { Code = "WX110" },
        ],
        Medications = [new Medication { Atc = "B01AB05", TradeName = "Klexane", PrescribedAt = new DateTime(2026, 2, 4, 18, 0, 0), Route = "SC" }],
        IntensiveCare = new IntensiveCare { Start = new DateTime(2026, 2, 4, 11, 20, 0), End = new DateTime(2026, 2, 5, 8, 0, 0) },
        Psychiatry = null,
    };

    /// <summary>
    /// A Sosiaalihilmo period of long-term 24-hour service housing for an older client, the
    /// municipality paying, still open (sent as it began); change what a test needs with <c>with</c>.
    /// </summary>
    public static SocialCarePeriod HousingPeriod(
        string recordId = "1.2.246.10.7654321.30.2025.77", string provider = "90152", DateTime? updatedAt = null) => new()
    {
        RecordId = recordId,
        UpdatedAt = updatedAt ?? new DateTime(2025, 9, 1, 10, 0, 0),
        Provider = provider,
        Unit = "1.2.246.10.7654321.10.3",
        Client = new Client { HomeMunicipality = "049", PostalCode = "02100" },
        ArrivalDate = new DateOnly(2025, 9, 1),
        ArrivedFrom = "4",
        Diagnoses = [new Diagnosis { Icd10 = "F00.1" }],
        ServiceArea = "85",
        Reasons = ["11", "23"],
        Payer = "1",
        Costs = new CareCosts { DailyPrice = 182.50m, MonthlyClientFee = 1_240.35m },
    };

    /// <summary>A psychiatric ward period, with the items only psychiatry reports.</summary>
    public static HealthCarePeriod PsychiatricPeriod() => WardPeriod("1.2.246.10.2345678.20.2026.990", dischargeDate: new DateOnly(2026, 3, 20)) with
    {
        UpdatedAt = new DateTime(2026, 3, 20, 15, 0, 0),
        Specialty = "70",
        Urgency = "5",
        Diagnoses = [new Diagnosis { Icd10 = "F32.2" }],
        Procedures = [],
        Medications = [],
        IntensiveCare = null,
        Referral = new Referral { ArrivedOn = new DateOnly(2026, 2, 27), HandledOn = new DateOnly(2026, 3, 2) },
        QueuedOn = new DateOnly(2026, 3, 2),
        Psychiatry = new PsychiatricCare { AdmissionType = "1", GasOnArrival = 35, GasOnDischarge = 55, CoerciveMeasures = false },
    };

    /// <summary>A withdrawal of a care period: the key, a later update time, no identity code.</summary>
    public static RegisteredNotification Withdrawal(CarePeriod period, DateTime updatedAt)
    {
        CarePeriod withdrawn = period is HealthCarePeriod ? new HealthCarePeriod() : new SocialCarePeriod();
        withdrawn = withdrawn with { RecordId = period.RecordId, Provider = period.Provider, UpdatedAt = updatedAt, Withdrawn = true };
        return new RegisteredNotification(withdrawn, null, new ContentHash().Compute(withdrawn, null));
    }

    public static IReadOnlyList<IndexedRecord> Indexed(params RegisteredNotification[] records) =>
        [.. records.Select((r, i) => new IndexedRecord(i, r))];

    /// <summary>The record's canonical wire JSON (any register), to compare records field by field.</summary>
    public static string Canonical(Notification e)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, NotificationJsonWriter.WriterOptions))
        {
            NotificationJsonWriter.Write(writer, e);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
