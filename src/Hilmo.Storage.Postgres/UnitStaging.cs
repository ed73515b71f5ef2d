using System.Collections.Immutable;
using Hilmo.Notifications;
using Npgsql;

namespace Hilmo.Storage.Postgres;

/// <summary>
/// A unit's rows, encoded in PostgreSQL's binary COPY format as its records arrive and kept in
/// memory until its commit (<see cref="VersionRows"/>, <see cref="GroupRows"/>), and the temporary
/// tables of the commit: the versions to judge, keyed by their position in the unit, and their
/// outcomes (<see cref="UnitMerge"/>). Temporary tables are not written to the write-ahead log and
/// are emptied by every commit.
/// </summary>
internal static class UnitStaging
{
    /// <summary>The columns of <c>event_versions</c> a record gives, in table order after the bookkeeping columns.</summary>
    public const string VersionColumns = """
        provider, record_id, updated_at, withdrawn, content_hash, pseudonym, key_version, age, sex, temporary_identity,
        home_municipality, postal_code, unit, contact_at, assessed_at, assessment_profession, assessment_urgency,
        assessment_nature, assessment_first_visit, assessment_result, booked_at, booked_for, visit_start, visit_end,
        visit_profession, visit_professional, visit_service_form, visit_contact_type, visit_visitor_group, visit_urgency,
        visit_nature, visit_first_visit, cancelled_at, cancellation_reason, register, arrival_age, arrival_year_end_age,
        event_year_end_age
        """;

    /// <summary>
    /// Each repeating group's table and its columns after <c>version_id, received_at</c>. Groups are
    /// not staged: they are kept in memory and copied straight into these tables at the commit,
    /// once the version ids and the receipt time are known (<see cref="GroupRows"/>).
    /// </summary>
    public static readonly (string Table, string Columns)[] Groups =
    [
        ("event_reasons", "ordinal, icd10, external_cause, accident_type, icpc2"),
        ("event_procedures", "ordinal, spat, oral_procedure, tooth"),
        ("event_medications", "ordinal, atc, atc_description, package_number, trade_name, prescribed_at, vaccination, batch_number, dose_number, route, injection_site"),
        ("event_health_factors", "decayed_permanent_teeth, missing_permanent_teeth, filled_permanent_teeth, decayed_primary_teeth, missing_primary_teeth, filled_primary_teeth, gum_status, weight_grams, height_millimetres, smoking"),
        ("event_follow_ups", "ordinal, spat"),
        ("period_versions", StoredPeriods.Columns),
        ("period_diagnoses", "ordinal, " + StoredPeriods.DiagnosisColumns),
        ("period_procedures", "ordinal, " + StoredPeriods.ProcedureColumns),
        ("period_reasons", "ordinal, " + StoredPeriods.ReasonColumns),
    ];

    public const string Create = """
        CREATE TEMP TABLE IF NOT EXISTS staged_versions (
            position bigint NOT NULL,
            submission_id bigint,
            received_at timestamp,
            current_from timestamp,
            current_until timestamp,
            provider integer NOT NULL,
            record_id text NOT NULL,
            updated_at timestamp NOT NULL,
            withdrawn boolean NOT NULL,
            content_hash bigint NOT NULL,
            pseudonym bytea,
            key_version smallint,
            age smallint,
            sex smallint,
            temporary_identity boolean,
            home_municipality integer,
            postal_code integer,
            unit integer,
            contact_at timestamp,
            assessed_at timestamp,
            assessment_profession integer,
            assessment_urgency integer,
            assessment_nature integer,
            assessment_first_visit integer,
            assessment_result integer,
            booked_at timestamp,
            booked_for timestamp,
            visit_start timestamp,
            visit_end timestamp,
            visit_profession integer,
            visit_professional integer,
            visit_service_form integer,
            visit_contact_type integer,
            visit_visitor_group integer,
            visit_urgency integer,
            visit_nature integer,
            visit_first_visit integer,
            cancelled_at timestamp,
            cancellation_reason integer,
            register smallint NOT NULL,
            arrival_age smallint,
            arrival_year_end_age smallint,
            event_year_end_age smallint) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS unit_outcomes (
            position integer NOT NULL,
            outcome text NOT NULL,
            replaced_version bigint,
            replaced_received_at timestamp,
            unknown_withdrawal boolean NOT NULL) ON COMMIT DELETE ROWS;
        """;

    /// <summary>The values the records need an id for that <paramref name="codes"/> does not know yet: after the first units, nearly always none.</summary>
    public static HashSet<(CodeDomain, string)> UnknownCodeValues(IEnumerable<RegisteredNotification> records, CodeIds codes)
    {
        var values = new HashSet<(CodeDomain, string)>();
        void Add(CodeDomain domain, string? value)
        {
            if (value is not null && !codes.Knows(domain, value))
            {
                values.Add((domain, value));
            }
        }

        foreach (var record in records)
        {
            Add(CodeDomain.Provider, record.Notification.Provider);
            if (record.Notification is CarePeriod period)
            {
                Add(CodeDomain.Municipality, period.Client?.HomeMunicipality);
                Add(CodeDomain.PostalCode, period.Client?.PostalCode);
                Add(CodeDomain.Unit, period.Unit);
                foreach (var (domain, value) in StoredPeriods.CodeValues(period))
                {
                    Add(domain, value);
                }

                continue;
            }

            var e = (ServiceEvent)record.Notification;
            Add(CodeDomain.Municipality, e.Client?.HomeMunicipality);
            Add(CodeDomain.PostalCode, e.Client?.PostalCode);
            Add(CodeDomain.Unit, e.Unit);
            Add(CodeDomain.Profession, e.Assessment?.Profession);
            Add(CodeDomain.Urgency, e.Assessment?.Urgency);
            Add(CodeDomain.Nature, e.Assessment?.Nature);
            Add(CodeDomain.FirstVisit, e.Assessment?.FirstVisit);
            Add(CodeDomain.AssessmentResult, e.Assessment?.Result);
            Add(CodeDomain.Profession, e.Visit?.Profession);
            Add(CodeDomain.Professional, e.Visit?.Professional);
            Add(CodeDomain.ServiceForm, e.Visit?.ServiceForm);
            Add(CodeDomain.ContactType, e.Visit?.ContactType);
            Add(CodeDomain.VisitorGroup, e.Visit?.VisitorGroup);
            Add(CodeDomain.Urgency, e.Visit?.Urgency);
            Add(CodeDomain.Nature, e.Visit?.Nature);
            Add(CodeDomain.FirstVisit, e.Visit?.FirstVisit);
            Add(CodeDomain.CancellationReason, e.Cancellation?.Reason);
            Add(CodeDomain.Smoking, e.HealthFactors?.Smoking);
            foreach (var reason in e.Reasons)
            {
                Add(CodeDomain.Icd10, reason.Icd10);
                Add(CodeDomain.Icd10, reason.ExternalCause);
                Add(CodeDomain.Icd10, reason.AccidentType);
                Add(CodeDomain.Icpc2, reason.Icpc2);
            }

            foreach (var procedure in e.Procedures)
            {
                Add(CodeDomain.Spat, procedure.Spat);
                Add(CodeDomain.OralProcedure, procedure.OralProcedure);
                Add(CodeDomain.Tooth, procedure.Tooth);
            }

            foreach (var medication in e.Medications)
            {
                Add(CodeDomain.Atc, medication.Atc);
                Add(CodeDomain.VaccinationRoute, medication.Route);
                Add(CodeDomain.InjectionSite, medication.InjectionSite);
            }

            foreach (var spat in e.FollowUpCare)
            {
                Add(CodeDomain.Spat, spat);
            }
        }

        return values;
    }

    /// <summary>
    /// The rows of a unit's versions, encoded as records arrive, in the layout of
    /// <c>event_versions</c>: a row begins with the version id, the submission, the receipt time and
    /// the times the version is current from and until. The id and times are unknown until the
    /// commit: encoded as the record's position and zeros, and overwritten then. At the commit the
    /// versions that must be judged (<see cref="UnitMerge.Judge"/>) are copied into
    /// <c>staged_versions</c>, whose first column is the position; every other version is new and
    /// alone in the unit, current from its receipt, and is copied straight into
    /// <c>event_versions</c>: written once, where staging every version and moving it on wrote it twice.
    /// </summary>
    public sealed class VersionRows(long submissionId) : IDisposable
    {
        private static readonly short FieldCount = Fields("version_id, submission_id, received_at, current_from, current_until, " + VersionColumns);

        /// <summary>Where in a row the fields overwritten at the commit begin: after the field count and each 64-bit field with its length.</summary>
        private const int VersionIdField = 2;
        private const int ReceivedAtField = VersionIdField + (2 * 12);
        private const int CurrentFromField = ReceivedAtField + 12;

        /// <summary>One row per record, the row number being the record's position in the unit.</summary>
        private readonly CopyRows rows = new();

        /// <summary>Encodes records, the first at <paramref name="firstPosition"/> in the unit.</summary>
        public void Write(CodeIds codes, IReadOnlyList<IndexedRecord> records, int firstPosition)
        {
            Span<byte> pseudonym = stackalloc byte[Pseudonym.Length];
            for (var i = 0; i < records.Count; i++)
            {
                var record = records[i].Record;
                var n = record.Notification;
                var client = record.Client;
                rows.StartRow(FieldCount);
                rows.Int64(firstPosition + i);
                rows.Int64(submissionId);
                rows.Int64(0);
                rows.Int64(0);
                rows.Null();
                rows.Int32(codes.IdOf(CodeDomain.Provider, n.Provider)!.Value);
                rows.Text(n.RecordId!);
                rows.Timestamp(record.UpdatedAt);
                rows.Bool(n.Withdrawn);
                rows.Int64(unchecked((long)record.ContentHash));
                if (client is null)
                {
                    Nulls(rows, 5);
                }
                else
                {
                    client.Pseudonym.WriteTo(pseudonym);
                    rows.Bytes(pseudonym);
                    rows.Int16((short)client.KeyVersion);
                    rows.Int16(client.Ages.AtEvent);
                    rows.Int16((short)client.Sex);
                    rows.Bool(client.Temporary);
                }

                rows.Int32(codes.IdOf(CodeDomain.Municipality, n.Client?.HomeMunicipality));
                rows.Int32(codes.IdOf(CodeDomain.PostalCode, n.Client?.PostalCode));
                rows.Int32(codes.IdOf(CodeDomain.Unit, n.Unit));
                if (n is not ServiceEvent e)
                {
                    // A care period: the service event's 21 columns empty, its own content in the period tables.
                    Nulls(rows, 21);
                    rows.Int16((short)n.Register);
                    rows.Int16(client?.Ages.AtArrival);
                    rows.Int16(client?.Ages.AtArrivalYearEnd);
                    rows.Null();
                    continue;
                }

                rows.Timestamp(e.Contact?.Time);

                var assessment = e.Assessment;
                rows.Timestamp(assessment?.Time);
                rows.Int32(codes.IdOf(CodeDomain.Profession, assessment?.Profession));
                rows.Int32(codes.IdOf(CodeDomain.Urgency, assessment?.Urgency));
                rows.Int32(codes.IdOf(CodeDomain.Nature, assessment?.Nature));
                rows.Int32(codes.IdOf(CodeDomain.FirstVisit, assessment?.FirstVisit));
                rows.Int32(codes.IdOf(CodeDomain.AssessmentResult, assessment?.Result));
                rows.Timestamp(e.Appointment?.BookedAt);
                rows.Timestamp(e.Appointment?.ScheduledFor);

                var visit = e.Visit;
                rows.Timestamp(visit?.Start);
                rows.Timestamp(visit?.End);
                rows.Int32(codes.IdOf(CodeDomain.Profession, visit?.Profession));
                rows.Int32(codes.IdOf(CodeDomain.Professional, visit?.Professional));
                rows.Int32(codes.IdOf(CodeDomain.ServiceForm, visit?.ServiceForm));
                rows.Int32(codes.IdOf(CodeDomain.ContactType, visit?.ContactType));
                rows.Int32(codes.IdOf(CodeDomain.VisitorGroup, visit?.VisitorGroup));
                rows.Int32(codes.IdOf(CodeDomain.Urgency, visit?.Urgency));
                rows.Int32(codes.IdOf(CodeDomain.Nature, visit?.Nature));
                rows.Int32(codes.IdOf(CodeDomain.FirstVisit, visit?.FirstVisit));
                rows.Timestamp(e.Cancellation?.Time);
                rows.Int32(codes.IdOf(CodeDomain.CancellationReason, e.Cancellation?.Reason));
                rows.Int16((short)Register.AvoHilmo);
                Nulls(rows, 2);
                rows.Int16(client?.Ages.AtEventYearEnd);
            }
        }

        /// <summary>Copies the versions at the <paramref name="judged"/> positions into <c>staged_versions</c>.</summary>
        public async Task CopyStagedAsync(NpgsqlConnection connection, IReadOnlySet<int> judged, CancellationToken cancellationToken)
        {
            if (judged.Count == 0)
            {
                return;
            }

            await CopyRows.CopyAsync(connection, $"COPY staged_versions (position, submission_id, received_at, current_from, current_until, {VersionColumns}) FROM STDIN (FORMAT BINARY)",
                copy => rows.SendRowsAsync(copy, judged.Contains, _ => { }, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Copies every version not <paramref name="judged"/> into <c>event_versions</c>, current from
        /// the receipt time, with the id <paramref name="firstVersion"/> plus its position.
        /// </summary>
        public async Task CopyNewAsync(NpgsqlConnection connection, long firstVersion, DateTime receivedAt, IReadOnlySet<int> judged, CancellationToken cancellationToken)
        {
            if (judged.Count == rows.Rows)
            {
                return;
            }

            var received = CopyRows.Microseconds(receivedAt);
            await CopyRows.CopyAsync(connection, $"COPY event_versions (version_id, submission_id, received_at, current_from, current_until, {VersionColumns}) FROM STDIN (FORMAT BINARY)",
                copy => rows.SendRowsAsync(copy, position => !judged.Contains(position), position =>
                {
                    rows.Overwrite(position, VersionIdField, firstVersion + position);
                    rows.Overwrite(position, ReceivedAtField, received);
                    rows.Overwrite(position, CurrentFromField, received);
                }, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        public void Dispose() => rows.Dispose();
    }

    /// <summary>
    /// The rows of the repeating groups of a unit, one <see cref="CopyRows"/> per group of
    /// <see cref="Groups"/>, encoded as records arrive and copied at the commit straight into the
    /// group tables, those of a rejected version left out. A row begins with its version id and
    /// receipt time, unknown until the commit: encoded as the record's position and zero, and
    /// overwritten then.
    /// </summary>
    public sealed class GroupRows : IDisposable
    {
        private static readonly short[] FieldCounts = [.. Groups.Select(g => Fields("version_id, received_at, " + g.Columns))];

        /// <summary>Where in a row its version id's field and its receipt time's field begin: after the field count, and after a 64-bit field with its length.</summary>
        private const int VersionIdField = 2;
        private const int ReceivedAtField = VersionIdField + 12;

        private readonly CopyRows[] rows = [.. Groups.Select(_ => new CopyRows())];

        /// <summary>The record position of each row, per group.</summary>
        private readonly List<int>[] positions = [.. Groups.Select(_ => new List<int>())];

        /// <summary>Encodes the groups of records, the first at <paramref name="firstPosition"/> in the unit.</summary>
        public void Write(CodeIds codes, IReadOnlyList<IndexedRecord> records, int firstPosition)
        {
            for (var i = 0; i < records.Count; i++)
            {
                var position = firstPosition + i;
                switch (records[i].Record.Notification)
                {
                    case ServiceEvent e:
                        WriteEvent(codes, position, e);
                        break;
                    case CarePeriod p:
                        WritePeriod(codes, position, p);
                        break;
                }
            }
        }

        /// <summary>
        /// Copies the groups of the kept versions into their tables, a version's id being
        /// <paramref name="firstVersion"/> plus its position; the groups of a version at a
        /// <paramref name="rejected"/> position (a duplicate or a conflict) are left out.
        /// </summary>
        public async Task CopyKeptAsync(NpgsqlConnection connection, long firstVersion, DateTime receivedAt, IReadOnlySet<int> rejected, CancellationToken cancellationToken)
        {
            var received = CopyRows.Microseconds(receivedAt);
            for (var group = 0; group < rows.Length; group++)
            {
                var (encoded, rowPositions) = (rows[group], positions[group]);
                if (encoded.Rows == 0)
                {
                    continue;
                }

                await CopyRows.CopyAsync(connection, $"COPY {Groups[group].Table} (version_id, received_at, {Groups[group].Columns}) FROM STDIN (FORMAT BINARY)",
                    copy => encoded.SendRowsAsync(copy, row => !rejected.Contains(rowPositions[row]), row =>
                    {
                        encoded.Overwrite(row, VersionIdField, firstVersion + rowPositions[row]);
                        encoded.Overwrite(row, ReceivedAtField, received);
                    }, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
        }

        public void Dispose()
        {
            foreach (var group in rows)
            {
                group.Dispose();
            }
        }

        private void WriteEvent(CodeIds codes, int position, ServiceEvent e)
        {
            for (var i = 0; i < e.Reasons.Length; i++)
            {
                var reason = e.Reasons[i];
                var row = Start(0, position, i);
                row.Int32(codes.IdOf(CodeDomain.Icd10, reason.Icd10));
                row.Int32(codes.IdOf(CodeDomain.Icd10, reason.ExternalCause));
                row.Int32(codes.IdOf(CodeDomain.Icd10, reason.AccidentType));
                row.Int32(codes.IdOf(CodeDomain.Icpc2, reason.Icpc2));
            }

            for (var i = 0; i < e.Procedures.Length; i++)
            {
                var procedure = e.Procedures[i];
                var row = Start(1, position, i);
                row.Int32(codes.IdOf(CodeDomain.Spat, procedure.Spat));
                row.Int32(codes.IdOf(CodeDomain.OralProcedure, procedure.OralProcedure));
                row.Int32(codes.IdOf(CodeDomain.Tooth, procedure.Tooth));
            }

            WriteMedications(codes, position, e.Medications);
            if (e.HealthFactors is { } f)
            {
                var row = Start(3, position);
                row.Int16(f.DecayedPermanentTeeth);
                row.Int16(f.MissingPermanentTeeth);
                row.Int16(f.FilledPermanentTeeth);
                row.Int16(f.DecayedPrimaryTeeth);
                row.Int16(f.MissingPrimaryTeeth);
                row.Int16(f.FilledPrimaryTeeth);
                row.Text(f.GumStatus);
                row.Int32(f.WeightGrams);
                row.Int32(f.HeightMillimetres);
                row.Int32(codes.IdOf(CodeDomain.Smoking, f.Smoking));
            }

            for (var i = 0; i < e.FollowUpCare.Length; i++)
            {
                Start(4, position, i).Int32(codes.IdOf(CodeDomain.Spat, e.FollowUpCare[i])!.Value);
            }
        }

        /// <summary>A visit's medications, or a Terveys-Hilmo period's: both are kept in <c>event_medications</c>.</summary>
        private void WriteMedications(CodeIds codes, int position, ImmutableArray<Medication> medications)
        {
            for (var i = 0; i < medications.Length; i++)
            {
                var m = medications[i];
                var row = Start(2, position, i);
                row.Int32(codes.IdOf(CodeDomain.Atc, m.Atc));
                row.Text(m.AtcDescription);
                row.Text(m.PackageNumber);
                row.Text(m.TradeName);
                row.Timestamp(m.PrescribedAt);
                row.Bool(m.Vaccination);
                row.Text(m.BatchNumber);
                row.Text(m.DoseNumber);
                row.Int32(codes.IdOf(CodeDomain.VaccinationRoute, m.Route));
                row.Int32(codes.IdOf(CodeDomain.InjectionSite, m.InjectionSite));
            }
        }

        /// <summary>The care periods' own content (<see cref="StoredPeriods"/>).</summary>
        private void WritePeriod(CodeIds codes, int position, CarePeriod p)
        {
            var health = p as HealthCarePeriod;
            var social = p as SocialCarePeriod;
            var row = Start(5, position);
            row.Date(p.ArrivalDate);
            row.Date(p.DischargeDate);
            row.Date(p.CensusDate);
            row.Int32(codes.IdOf(CodeDomain.CarePlace, p.ArrivedFrom));
            row.Int32(codes.IdOf(CodeDomain.CarePlace, p.DischargedTo));
            row.Date(health?.Referral?.ArrivedOn);
            row.Date(health?.Referral?.HandledOn);
            row.Date(health?.QueuedOn);
            row.Int32(codes.IdOf(CodeDomain.Specialty, health?.Specialty));
            row.Int32(codes.IdOf(CodeDomain.ContactType, health?.ContactType));
            row.Int32(codes.IdOf(CodeDomain.HilmoUrgency, health?.Urgency));
            row.Timestamp(health?.IntensiveCare?.Start);
            row.Timestamp(health?.IntensiveCare?.End);
            row.Int32(codes.IdOf(CodeDomain.PsychiatricAdmission, health?.Psychiatry?.AdmissionType));
            row.Int16(health?.Psychiatry?.GasOnArrival);
            row.Int16(health?.Psychiatry?.GasOnDischarge);
            row.Bool(health?.Psychiatry?.CoerciveMeasures);
            row.Int32(codes.IdOf(CodeDomain.ServiceArea, social?.ServiceArea));
            row.Int32(codes.IdOf(CodeDomain.Payer, social?.Payer));
            row.Text(StoredPeriods.Amount(social?.Costs?.DailyPrice));
            row.Text(StoredPeriods.Amount(social?.Costs?.MonthlyClientFee));

            for (var i = 0; i < p.Diagnoses.Length; i++)
            {
                var diagnosis = p.Diagnoses[i];
                var diagnosisRow = Start(6, position, i);
                diagnosisRow.Int32(codes.IdOf(CodeDomain.Icd10, diagnosis.Icd10));
                diagnosisRow.Int32(codes.IdOf(CodeDomain.Icd10, diagnosis.ExternalCause));
                diagnosisRow.Int32(codes.IdOf(CodeDomain.Icd10, diagnosis.AccidentType));
            }

            if (health is not null)
            {
                for (var i = 0; i < health.Procedures.Length; i++)
                {
                    var procedure = health.Procedures[i];
                    var procedureRow = Start(7, position, i);
                    procedureRow.Int32(codes.IdOf(CodeDomain.PeriodProcedure, procedure.Code));
                    procedureRow.Timestamp(procedure.Start);
                    procedureRow.Timestamp(procedure.End);
                }

                WriteMedications(codes, position, health.Medications);
            }

            if (social is not null)
            {
                for (var i = 0; i < social.Reasons.Length; i++)
                {
                    Start(8, position, i).Int32(codes.IdOf(CodeDomain.CareReason, social.Reasons[i]));
                }
            }
        }

        /// <summary>Starts a row of a group, with the placeholders of its version id and receipt time.</summary>
        private CopyRows Start(int group, int position)
        {
            var row = rows[group];
            positions[group].Add(position);
            row.StartRow(FieldCounts[group]);
            row.Int64(position);
            row.Int64(0);
            return row;
        }

        /// <summary>Starts a row of a group whose rows are ordered by the item's ordinal.</summary>
        private CopyRows Start(int group, int position, int ordinal)
        {
            var row = Start(group, position);
            row.Int16((short)ordinal);
            return row;
        }
    }

    /// <summary>The number of columns in a comma-separated column list.</summary>
    private static short Fields(string columns) => (short)(columns.Count(c => c == ',') + 1);

    private static void Nulls(CopyRows rows, int count)
    {
        for (var field = 0; field < count; field++)
        {
            rows.Null();
        }
    }
}
