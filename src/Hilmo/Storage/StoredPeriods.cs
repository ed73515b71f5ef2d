using System.Collections.Immutable;
using System.Data.Common;
using System.Globalization;
using Hilmo.Notifications;

namespace Hilmo.Storage;

/// <summary>
/// How a care period's own content is kept beside the version core (<c>event_versions</c>, which
/// every register shares) and read back: one row of <c>period_versions</c> per period version,
/// and rows of <c>period_diagnoses</c>, <c>period_procedures</c> and <c>period_reasons</c> for its
/// repeating groups (medications go to <c>event_medications</c>, whose shape they share). Both
/// engines name the columns alike and read them through this one mapping, so they cannot come to
/// differ in what a period is when it comes back.
/// </summary>
/// <remarks>
/// Amounts of money are kept as the text of the number as it arrived (<see cref="Amount"/>): a
/// decimal column would give 182.50 back as 182.5 or 182.5000, another record than was sent.
/// An optional group (referral, intensive care, psychiatry, costs) is kept as its columns; one
/// that arrived with no value at all comes back absent, as there is nothing in it to keep.
/// </remarks>
public static class StoredPeriods
{
    /// <summary>The columns of <c>period_versions</c> after <c>version_id</c>, in the order <see cref="Period"/> reads them.</summary>
    public const string Columns = """
        arrival_date, discharge_date, census_date, arrived_from, discharged_to,
        referral_arrived_on, referral_handled_on, queued_on, specialty, contact_type, urgency,
        intensive_care_start, intensive_care_end, psychiatric_admission, gas_on_arrival, gas_on_discharge, coercive_measures,
        service_area, payer, daily_price, monthly_client_fee
        """;

    /// <summary>The columns of <c>period_diagnoses</c> after <c>version_id</c> and <c>ordinal</c>.</summary>
    public const string DiagnosisColumns = "icd10, external_cause, accident_type";

    /// <summary>The columns of <c>period_procedures</c> after <c>version_id</c> and <c>ordinal</c>.</summary>
    public const string ProcedureColumns = "code, started_at, ended_at";

    /// <summary>The columns of <c>period_reasons</c> after <c>version_id</c> and <c>ordinal</c>.</summary>
    public const string ReasonColumns = "reason";

    /// <summary>
    /// The period of <paramref name="register"/> on the reader's row, its <see cref="Columns"/>
    /// from <paramref name="first"/> on, without the core (key, client) and repeating groups,
    /// which the caller adds.
    /// </summary>
    /// <param name="register">Terveys-Hilmo or Sosiaalihilmo.</param>
    /// <param name="r">A row holding <see cref="Columns"/>.</param>
    /// <param name="first">Ordinal of the first of <see cref="Columns"/>.</param>
    /// <param name="code">The value of a code id.</param>
    public static CarePeriod Period(Register register, DbDataReader r, int first, Func<int, string?> code)
    {
        string? Code(int i) => r.IsDBNull(first + i) ? null : code(r.GetInt32(first + i));
        DateOnly? Date(int i) => r.IsDBNull(first + i) ? null : r.GetFieldValue<DateOnly>(first + i);
        DateTime? Time(int i) => r.IsDBNull(first + i) ? null : r.GetDateTime(first + i);
        int? Small(int i) => r.IsDBNull(first + i) ? null : r.GetInt16(first + i);
        decimal? Amount(int i) => r.IsDBNull(first + i) ? null : decimal.Parse(r.GetString(first + i), NumberStyles.Number, CultureInfo.InvariantCulture);

        CarePeriod period = register switch
        {
            Register.TerveysHilmo => new HealthCarePeriod
            {
                Referral = Date(5) is null && Date(6) is null ? null : new Referral { ArrivedOn = Date(5), HandledOn = Date(6) },
                QueuedOn = Date(7),
                Specialty = Code(8),
                ContactType = Code(9),
                Urgency = Code(10),
                IntensiveCare = Time(11) is null && Time(12) is null ? null : new IntensiveCare { Start = Time(11), End = Time(12) },
                Psychiatry = Code(13) is null && Small(14) is null && Small(15) is null && r.IsDBNull(first + 16) ? null : new PsychiatricCare
                {
                    AdmissionType = Code(13),
                    GasOnArrival = Small(14),
                    GasOnDischarge = Small(15),
                    CoerciveMeasures = r.IsDBNull(first + 16) ? null : r.GetBoolean(first + 16),
                },
            },
            Register.Sosiaalihilmo => new SocialCarePeriod
            {
                ServiceArea = Code(17),
                Payer = Code(18),
                Costs = Amount(19) is null && Amount(20) is null ? null : new CareCosts { DailyPrice = Amount(19), MonthlyClientFee = Amount(20) },
            },
            _ => throw new ArgumentOutOfRangeException(nameof(register), register, "Only care periods have period content."),
        };

        return period with
        {
            ArrivalDate = Date(0),
            DischargeDate = Date(1),
            CensusDate = Date(2),
            ArrivedFrom = Code(3),
            DischargedTo = Code(4),
        };
    }

    /// <summary>An amount as it is stored: the number's invariant text, its scale included.</summary>
    /// <param name="value">The amount.</param>
    public static string? Amount(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>A diagnosis from a row holding <see cref="DiagnosisColumns"/> from <paramref name="first"/> on.</summary>
    /// <param name="r">The row.</param>
    /// <param name="first">Ordinal of <c>icd10</c>.</param>
    /// <param name="code">The value of a code id.</param>
    public static Diagnosis Diagnosis(DbDataReader r, int first, Func<int, string?> code) => new()
    {
        Icd10 = r.IsDBNull(first) ? null : code(r.GetInt32(first)),
        ExternalCause = r.IsDBNull(first + 1) ? null : code(r.GetInt32(first + 1)),
        AccidentType = r.IsDBNull(first + 2) ? null : code(r.GetInt32(first + 2)),
    };

    /// <summary>A procedure from a row holding <see cref="ProcedureColumns"/> from <paramref name="first"/> on.</summary>
    /// <param name="r">The row.</param>
    /// <param name="first">Ordinal of <c>code</c>.</param>
    /// <param name="code">The value of a code id.</param>
    public static PeriodProcedure Procedure(DbDataReader r, int first, Func<int, string?> code) => new()
    {
        Code = r.IsDBNull(first) ? null : code(r.GetInt32(first)),
        Start = r.IsDBNull(first + 1) ? null : r.GetDateTime(first + 1),
        End = r.IsDBNull(first + 2) ? null : r.GetDateTime(first + 2),
    };

    /// <summary>The code values a period needs ids for, by domain, in no particular order (repeats allowed).</summary>
    /// <param name="period">The period.</param>
    public static IEnumerable<(CodeDomain Domain, string? Value)> CodeValues(CarePeriod period)
    {
        yield return (CodeDomain.CarePlace, period.ArrivedFrom);
        yield return (CodeDomain.CarePlace, period.DischargedTo);
        foreach (var diagnosis in period.Diagnoses)
        {
            yield return (CodeDomain.Icd10, diagnosis.Icd10);
            yield return (CodeDomain.Icd10, diagnosis.ExternalCause);
            yield return (CodeDomain.Icd10, diagnosis.AccidentType);
        }

        switch (period)
        {
            case HealthCarePeriod health:
                yield return (CodeDomain.Specialty, health.Specialty);
                yield return (CodeDomain.ContactType, health.ContactType);
                yield return (CodeDomain.HilmoUrgency, health.Urgency);
                yield return (CodeDomain.PsychiatricAdmission, health.Psychiatry?.AdmissionType);
                foreach (var procedure in health.Procedures)
                {
                    yield return (CodeDomain.PeriodProcedure, procedure.Code);
                }

                foreach (var medication in health.Medications)
                {
                    yield return (CodeDomain.Atc, medication.Atc);
                    yield return (CodeDomain.VaccinationRoute, medication.Route);
                    yield return (CodeDomain.InjectionSite, medication.InjectionSite);
                }

                break;
            case SocialCarePeriod social:
                yield return (CodeDomain.ServiceArea, social.ServiceArea);
                yield return (CodeDomain.Payer, social.Payer);
                foreach (var reason in social.Reasons)
                {
                    yield return (CodeDomain.CareReason, reason);
                }

                break;
        }
    }
}

/// <summary>What the period tables hold for a read's versions, as both backends read them.</summary>
public sealed record StoredPeriodContent(
    Dictionary<long, CarePeriod> Rows,
    Dictionary<long, ImmutableArray<Diagnosis>> Diagnoses,
    Dictionary<long, ImmutableArray<PeriodProcedure>> Procedures,
    Dictionary<long, ImmutableArray<string>> Reasons)
{
    /// <summary>The period with its core from <paramref name="core"/> and its content from the period tables.</summary>
    public CarePeriod Complete(long versionId, CarePeriod core, Dictionary<long, ImmutableArray<Medication>> medications)
    {
        var period = (Rows.TryGetValue(versionId, out var content) ? content : core) with
        {
            RecordId = core.RecordId, UpdatedAt = core.UpdatedAt, Withdrawn = core.Withdrawn,
            Provider = core.Provider, Unit = core.Unit, Client = core.Client,
            Diagnoses = Diagnoses.GetValueOrDefault(versionId, []),
        };
        return period switch
        {
            HealthCarePeriod health => health with
            {
                Procedures = Procedures.GetValueOrDefault(versionId, []),
                Medications = medications.GetValueOrDefault(versionId, []),
            },
            SocialCarePeriod social => social with { Reasons = Reasons.GetValueOrDefault(versionId, []) },
            _ => period,
        };
    }
}

