using System.Collections.Immutable;
using DuckDB.NET.Data;
using Hilmo.Notifications;

namespace Hilmo.Storage.DuckDb;

/// <summary>
/// Bulk-writes versions through DuckDB's appender, one appender per table, in the column order of
/// <see cref="Schema"/>: into the version tables, or, for versions that may repeat a stored one,
/// into the unit's staging tables. Values go straight into DuckDB's column vectors: no SQL text,
/// no parameter objects, no per-row statements. Every version is written as becoming current; the
/// unit's commit marks the few that are not.
/// </summary>
internal sealed class VersionAppenders(DuckDBConnection connection, CodeDictionary codes, bool staged) : IDisposable
{
    private readonly DuckDBAppender versions = Create(connection, "event_versions", staged);
    private readonly DuckDBAppender reasons = Create(connection, "event_reasons", staged);
    private readonly DuckDBAppender procedures = Create(connection, "event_procedures", staged);
    private readonly DuckDBAppender medications = Create(connection, "event_medications", staged);
    private readonly DuckDBAppender healthFactors = Create(connection, "event_health_factors", staged);
    private readonly DuckDBAppender followUps = Create(connection, "event_follow_ups", staged);

    // Made at a unit's first care period: most units have none.
    private PeriodAppenders? periods;

    private static DuckDBAppender Create(DuckDBConnection connection, string table, bool staged) =>
        staged ? connection.CreateAppender("temp", "main", Staging.Of(table)) : connection.CreateAppender(table);

    public void Append(long versionId, long submissionId, DateTime receivedAt, int providerId, RegisteredNotification record)
    {
        if (record.Notification is not ServiceEvent e)
        {
            AppendPeriod(versionId, submissionId, receivedAt, providerId, record);
            return;
        }

        var row = CoreRow(versionId, submissionId, receivedAt, providerId, record)
            .AppendValue(e.Contact?.Time);

        var assessment = e.Assessment;
        row.AppendValue(assessment?.Time)
            .AppendValue(codes.IdOf(CodeDomain.Profession, assessment?.Profession))
            .AppendValue(codes.IdOf(CodeDomain.Urgency, assessment?.Urgency))
            .AppendValue(codes.IdOf(CodeDomain.Nature, assessment?.Nature))
            .AppendValue(codes.IdOf(CodeDomain.FirstVisit, assessment?.FirstVisit))
            .AppendValue(codes.IdOf(CodeDomain.AssessmentResult, assessment?.Result))
            .AppendValue(e.Appointment?.BookedAt)
            .AppendValue(e.Appointment?.ScheduledFor);

        var visit = e.Visit;
        row.AppendValue(visit?.Start)
            .AppendValue(visit?.End)
            .AppendValue(codes.IdOf(CodeDomain.Profession, visit?.Profession))
            .AppendValue(codes.IdOf(CodeDomain.Professional, visit?.Professional))
            .AppendValue(codes.IdOf(CodeDomain.ServiceForm, visit?.ServiceForm))
            .AppendValue(codes.IdOf(CodeDomain.ContactType, visit?.ContactType))
            .AppendValue(codes.IdOf(CodeDomain.VisitorGroup, visit?.VisitorGroup))
            .AppendValue(codes.IdOf(CodeDomain.Urgency, visit?.Urgency))
            .AppendValue(codes.IdOf(CodeDomain.Nature, visit?.Nature))
            .AppendValue(codes.IdOf(CodeDomain.FirstVisit, visit?.FirstVisit));

        row.AppendValue(e.Cancellation?.Time)
            .AppendValue(codes.IdOf(CodeDomain.CancellationReason, e.Cancellation?.Reason))
            .AppendValue((byte)Register.AvoHilmo)
            .AppendNullValue()
            .AppendNullValue()
            .AppendValue((short?)record.Client?.Ages.AtEventYearEnd)
            .EndRow();

        if (e.HealthFactors is { } factors)
        {
            healthFactors.CreateRow()
                .AppendValue(versionId)
                .AppendValue((short?)factors.DecayedPermanentTeeth)
                .AppendValue((short?)factors.MissingPermanentTeeth)
                .AppendValue((short?)factors.FilledPermanentTeeth)
                .AppendValue((short?)factors.DecayedPrimaryTeeth)
                .AppendValue((short?)factors.MissingPrimaryTeeth)
                .AppendValue((short?)factors.FilledPrimaryTeeth)
                .AppendValue(factors.GumStatus)
                .AppendValue(factors.WeightGrams)
                .AppendValue(factors.HeightMillimetres)
                .AppendValue(codes.IdOf(CodeDomain.Smoking, factors.Smoking))
                .EndRow();
        }

        for (var i = 0; i < e.Reasons.Length; i++)
        {
            var reason = e.Reasons[i];
            reasons.CreateRow()
                .AppendValue(versionId)
                .AppendValue((short)i)
                .AppendValue(codes.IdOf(CodeDomain.Icd10, reason.Icd10))
                .AppendValue(codes.IdOf(CodeDomain.Icd10, reason.ExternalCause))
                .AppendValue(codes.IdOf(CodeDomain.Icd10, reason.AccidentType))
                .AppendValue(codes.IdOf(CodeDomain.Icpc2, reason.Icpc2))
                .EndRow();
        }

        for (var i = 0; i < e.Procedures.Length; i++)
        {
            var procedure = e.Procedures[i];
            procedures.CreateRow()
                .AppendValue(versionId)
                .AppendValue((short)i)
                .AppendValue(codes.IdOf(CodeDomain.Spat, procedure.Spat))
                .AppendValue(codes.IdOf(CodeDomain.OralProcedure, procedure.OralProcedure))
                .AppendValue(codes.IdOf(CodeDomain.Tooth, procedure.Tooth))
                .EndRow();
        }

        AppendMedications(versionId, e.Medications);

        for (var i = 0; i < e.FollowUpCare.Length; i++)
        {
            followUps.CreateRow()
                .AppendValue(versionId)
                .AppendValue((short)i)
                .AppendValue(codes.IdOf(CodeDomain.Spat, e.FollowUpCare[i]))
                .EndRow();
        }
    }

    /// <summary>
    /// Starts a version's row in <c>event_versions</c> with the columns every register shares,
    /// from <c>version_id</c> to <c>unit</c>.
    /// </summary>
    private IDuckDBAppenderRow CoreRow(long versionId, long submissionId, DateTime receivedAt, int providerId, RegisteredNotification record)
    {
        var n = record.Notification;
        var client = record.Client;
        var row = versions.CreateRow()
            .AppendValue(versionId)
            .AppendValue(submissionId)
            .AppendValue(receivedAt)
            .AppendValue(receivedAt)
            .AppendNullValue()
            .AppendValue(providerId)
            .AppendValue(n.RecordId)
            .AppendValue(n.UpdatedAt)
            .AppendValue(n.Withdrawn)
            .AppendValue(record.ContentHash);
        if (client is null)
        {
            row.AppendNullValue().AppendNullValue().AppendNullValue().AppendNullValue().AppendNullValue();
        }
        else
        {
            Span<byte> pseudonym = stackalloc byte[Pseudonym.Length];
            client.Pseudonym.WriteTo(pseudonym);
            row.AppendValue(pseudonym)
                .AppendValue((short)client.KeyVersion)
                .AppendValue((short?)client.Ages.AtEvent)
                .AppendValue((byte)client.Sex)
                .AppendValue(client.Temporary);
        }

        return row.AppendValue(codes.IdOf(CodeDomain.Municipality, n.Client?.HomeMunicipality))
            .AppendValue(codes.IdOf(CodeDomain.PostalCode, n.Client?.PostalCode))
            .AppendValue(codes.IdOf(CodeDomain.Unit, n.Unit));
    }

    /// <summary>
    /// A care period: its core in <c>event_versions</c> like any version (the event columns
    /// empty), its own content in the period tables (<see cref="StoredPeriods"/>).
    /// </summary>
    private void AppendPeriod(long versionId, long submissionId, DateTime receivedAt, int providerId, RegisteredNotification record)
    {
        var p = (CarePeriod)record.Notification;
        var row = CoreRow(versionId, submissionId, receivedAt, providerId, record);

        // The service event's 21 columns, from contact_at to cancellation_reason.
        for (var i = 0; i < 21; i++)
        {
            row.AppendNullValue();
        }

        row.AppendValue((byte)p.Register)
            .AppendValue((short?)record.Client?.Ages.AtArrival)
            .AppendValue((short?)record.Client?.Ages.AtArrivalYearEnd)
            .AppendNullValue()
            .EndRow();

        periods ??= new PeriodAppenders(connection, staged);
        var health = p as HealthCarePeriod;
        var social = p as SocialCarePeriod;
        periods.Versions.CreateRow()
            .AppendValue(versionId)
            .AppendValue(p.ArrivalDate)
            .AppendValue(p.DischargeDate)
            .AppendValue(p.CensusDate)
            .AppendValue(codes.IdOf(CodeDomain.CarePlace, p.ArrivedFrom))
            .AppendValue(codes.IdOf(CodeDomain.CarePlace, p.DischargedTo))
            .AppendValue(health?.Referral?.ArrivedOn)
            .AppendValue(health?.Referral?.HandledOn)
            .AppendValue(health?.QueuedOn)
            .AppendValue(codes.IdOf(CodeDomain.Specialty, health?.Specialty))
            .AppendValue(codes.IdOf(CodeDomain.ContactType, health?.ContactType))
            .AppendValue(codes.IdOf(CodeDomain.HilmoUrgency, health?.Urgency))
            .AppendValue(health?.IntensiveCare?.Start)
            .AppendValue(health?.IntensiveCare?.End)
            .AppendValue(codes.IdOf(CodeDomain.PsychiatricAdmission, health?.Psychiatry?.AdmissionType))
            .AppendValue((short?)health?.Psychiatry?.GasOnArrival)
            .AppendValue((short?)health?.Psychiatry?.GasOnDischarge)
            .AppendValue(health?.Psychiatry?.CoerciveMeasures)
            .AppendValue(codes.IdOf(CodeDomain.ServiceArea, social?.ServiceArea))
            .AppendValue(codes.IdOf(CodeDomain.Payer, social?.Payer))
            .AppendValue(StoredPeriods.Amount(social?.Costs?.DailyPrice))
            .AppendValue(StoredPeriods.Amount(social?.Costs?.MonthlyClientFee))
            .EndRow();

        for (var i = 0; i < p.Diagnoses.Length; i++)
        {
            var diagnosis = p.Diagnoses[i];
            periods.Diagnoses.CreateRow()
                .AppendValue(versionId)
                .AppendValue((short)i)
                .AppendValue(codes.IdOf(CodeDomain.Icd10, diagnosis.Icd10))
                .AppendValue(codes.IdOf(CodeDomain.Icd10, diagnosis.ExternalCause))
                .AppendValue(codes.IdOf(CodeDomain.Icd10, diagnosis.AccidentType))
                .EndRow();
        }

        if (health is not null)
        {
            for (var i = 0; i < health.Procedures.Length; i++)
            {
                var procedure = health.Procedures[i];
                periods.Procedures.CreateRow()
                    .AppendValue(versionId)
                    .AppendValue((short)i)
                    .AppendValue(codes.IdOf(CodeDomain.PeriodProcedure, procedure.Code))
                    .AppendValue(procedure.Start)
                    .AppendValue(procedure.End)
                    .EndRow();
            }

            AppendMedications(versionId, health.Medications);
        }

        if (social is not null)
        {
            for (var i = 0; i < social.Reasons.Length; i++)
            {
                periods.Reasons.CreateRow()
                    .AppendValue(versionId)
                    .AppendValue((short)i)
                    .AppendValue(codes.IdOf(CodeDomain.CareReason, social.Reasons[i]))
                    .EndRow();
            }
        }
    }

    private void AppendMedications(long versionId, ImmutableArray<Medication> list)
    {
        for (var i = 0; i < list.Length; i++)
        {
            var medication = list[i];
            medications.CreateRow()
                .AppendValue(versionId)
                .AppendValue((short)i)
                .AppendValue(codes.IdOf(CodeDomain.Atc, medication.Atc))
                .AppendValue(medication.AtcDescription)
                .AppendValue(medication.PackageNumber)
                .AppendValue(medication.TradeName)
                .AppendValue(medication.PrescribedAt)
                .AppendValue(medication.Vaccination)
                .AppendValue(medication.BatchNumber)
                .AppendValue(medication.DoseNumber)
                .AppendValue(codes.IdOf(CodeDomain.VaccinationRoute, medication.Route))
                .AppendValue(codes.IdOf(CodeDomain.InjectionSite, medication.InjectionSite))
                .EndRow();
        }
    }

    /// <summary>Flushes every appender into the current transaction.</summary>
    public void Dispose()
    {
        versions.Dispose();
        reasons.Dispose();
        procedures.Dispose();
        medications.Dispose();
        healthFactors.Dispose();
        followUps.Dispose();
        periods?.Dispose();
    }

    /// <summary>The period tables' appenders.</summary>
    private sealed class PeriodAppenders(DuckDBConnection connection, bool staged) : IDisposable
    {
        public DuckDBAppender Versions { get; } = Create(connection, "period_versions", staged);

        public DuckDBAppender Diagnoses { get; } = Create(connection, "period_diagnoses", staged);

        public DuckDBAppender Procedures { get; } = Create(connection, "period_procedures", staged);

        public DuckDBAppender Reasons { get; } = Create(connection, "period_reasons", staged);

        public void Dispose()
        {
            Versions.Dispose();
            Diagnoses.Dispose();
            Procedures.Dispose();
            Reasons.Dispose();
        }
    }
}
