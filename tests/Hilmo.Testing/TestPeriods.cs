using Hilmo.Notifications;

namespace Hilmo.Testing;

/// <summary>
/// Realistic care periods for tests: the examples of <c>docs/registers/terveyshilmo.md</c> and
/// <c>sosiaalihilmo.md</c> as records. Change what a test needs with <c>with</c>; register them
/// for a store with <see cref="TestRecords.Registered(Hilmo.Notifications.Notification, string)"/>.
/// </summary>
public static class TestPeriods
{
    /// <summary>The Terveys-Hilmo example's client.</summary>
    public const string WardIdentityCode = "131052-308T";

    /// <summary>The Sosiaalihilmo example's client.</summary>
    public const string CensusIdentityCode = "010130-1235";

    /// <summary>The Terveys-Hilmo example: a hip replacement's ward period that has ended.</summary>
    public static HealthCarePeriod Ward(string recordId = "1.2.246.10.2345678.20.2025.815", string provider = "90152", DateTime? updatedAt = null) => new()
    {
        RecordId = recordId,
        UpdatedAt = updatedAt ?? new DateTime(2025, 3, 12, 14, 5, 0),
        Provider = provider,
        Unit = "1.2.246.10.2345678.10.40",
        Client = new Client { HomeMunicipality = "091" },
        ArrivalDate = new DateOnly(2025, 3, 5),
        DischargeDate = new DateOnly(2025, 3, 12),
        Referral = new Referral { ArrivedOn = new DateOnly(2025, 2, 10), HandledOn = new DateOnly(2025, 2, 12) },
        QueuedOn = new DateOnly(2025, 2, 12),
        Specialty = "20",
        ContactType = "R80",
        Urgency = "4",
        ArrivedFrom = "1",
        DischargedTo = "2",
        Diagnoses = [new Diagnosis { Icd10 = "M16.1" }],
        Procedures = [new PeriodProcedure { Code = "NFB41", Start = new DateTime(2025, 3, 6, 9, 10, 0), End = new DateTime(2025, 3, 6, 10, 45, 0) }],
    };

    /// <summary>The Sosiaalihilmo example: the 2025 census of a period in 24-hour service housing that began in 2023.</summary>
    public static SocialCarePeriod Census(string recordId = "1.2.246.10.7654321.30.2023.77", string provider = "70011", DateTime? updatedAt = null) => new()
    {
        RecordId = recordId,
        UpdatedAt = updatedAt ?? new DateTime(2026, 1, 8, 9, 0, 0),
        Provider = provider,
        Unit = "1.2.246.10.7654321.10.3",
        Client = new Client { HomeMunicipality = "837" },
        ServiceArea = "32",
        ArrivalDate = new DateOnly(2023, 5, 2),
        CensusDate = new DateOnly(2025, 12, 31),
        ArrivedFrom = "2",
        Reasons = ["01", "06"],
        Diagnoses = [new Diagnosis { Icd10 = "G30.1" }],
        Payer = "1",
        Costs = new CareCosts { DailyPrice = 182.50m, MonthlyClientFee = 1450.00m },
    };
}
