using System.Collections.Immutable;
using Hilmo.Notifications;
using Npgsql;
using NpgsqlTypes;

namespace Hilmo.Storage.Postgres;

/// <summary>
/// The temporary tables a unit is copied into before its commit decides which versions to keep,
/// and the binary COPY that fills them. Rows are keyed by the record's position in the unit; the
/// version id is given only when a version is kept (<see cref="UnitMerge"/>). Temporary tables are
/// not written to the write-ahead log and are emptied by every commit.
/// </summary>
internal static class UnitStaging
{
    /// <summary>The columns of <c>event_versions</c> a record gives, in table order after the bookkeeping columns.</summary>
    public const string VersionColumns = """
        provider, record_id, updated_at, withdrawn, content_hash, pseudonym, key_version, birth_year, sex, temporary_identity,
        home_municipality, postal_code, unit, contact_at, assessed_at, assessment_profession, assessment_urgency,
        assessment_nature, assessment_first_visit, assessment_result, booked_at, booked_for, visit_start, visit_end,
        visit_profession, visit_professional, visit_service_form, visit_contact_type, visit_visitor_group, visit_urgency,
        visit_nature, visit_first_visit, cancelled_at, cancellation_reason, register
        """;

    /// <summary>How many of <see cref="Groups"/> a service event can have; the rest are the care periods'.</summary>
    public const int EventGroups = 5;

    /// <summary>Each repeating group's staging table and its columns after <c>position</c>.</summary>
    public static readonly (string Table, string Staged, string Columns)[] Groups =
    [
        ("event_reasons", "staged_reasons", "ordinal, icd10, external_cause, accident_type, icpc2"),
        ("event_procedures", "staged_procedures", "ordinal, spat, oral_procedure, tooth"),
        ("event_medications", "staged_medications", "ordinal, atc, atc_description, package_number, trade_name, prescribed_at, vaccination, batch_number, dose_number, route, injection_site"),
        ("event_health_factors", "staged_health_factors", "decayed_permanent_teeth, missing_permanent_teeth, filled_permanent_teeth, decayed_primary_teeth, missing_primary_teeth, filled_primary_teeth, gum_status, weight_grams, height_millimetres, smoking"),
        ("event_follow_ups", "staged_follow_ups", "ordinal, spat"),
        ("period_versions", "staged_period_versions", StoredPeriods.Columns),
        ("period_diagnoses", "staged_period_diagnoses", "ordinal, " + StoredPeriods.DiagnosisColumns),
        ("period_procedures", "staged_period_procedures", "ordinal, " + StoredPeriods.ProcedureColumns),
        ("period_reasons", "staged_period_reasons", "ordinal, " + StoredPeriods.ReasonColumns),
    ];

    public const string Create = """
        CREATE TEMP TABLE IF NOT EXISTS staged_versions (
            position integer NOT NULL,
            record_index bigint NOT NULL,
            provider integer NOT NULL,
            record_id text NOT NULL,
            updated_at timestamp NOT NULL,
            withdrawn boolean NOT NULL,
            content_hash bigint NOT NULL,
            pseudonym bytea,
            key_version smallint,
            birth_year smallint,
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
            register smallint NOT NULL) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS staged_reasons (
            position integer NOT NULL, ordinal smallint NOT NULL, icd10 integer, external_cause integer, accident_type integer, icpc2 integer) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS staged_procedures (
            position integer NOT NULL, ordinal smallint NOT NULL, spat integer, oral_procedure integer, tooth integer) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS staged_medications (
            position integer NOT NULL, ordinal smallint NOT NULL, atc integer, atc_description text, package_number text, trade_name text,
            prescribed_at timestamp, vaccination boolean, batch_number text, dose_number text, route integer, injection_site integer) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS staged_health_factors (
            position integer NOT NULL, decayed_permanent_teeth smallint, missing_permanent_teeth smallint, filled_permanent_teeth smallint,
            decayed_primary_teeth smallint, missing_primary_teeth smallint, filled_primary_teeth smallint, gum_status text,
            weight_grams integer, height_millimetres integer, smoking integer) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS staged_follow_ups (
            position integer NOT NULL, ordinal smallint NOT NULL, spat integer NOT NULL) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS staged_period_versions (
            position integer NOT NULL, arrival_date date, discharge_date date, census_date date, arrived_from integer, discharged_to integer,
            referral_arrived_on date, referral_handled_on date, queued_on date, specialty integer, contact_type integer, urgency integer,
            intensive_care_start timestamp, intensive_care_end timestamp, psychiatric_admission integer, gas_on_arrival smallint,
            gas_on_discharge smallint, coercive_measures boolean, service_area integer, payer integer, daily_price text,
            monthly_client_fee text) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS staged_period_diagnoses (
            position integer NOT NULL, ordinal smallint NOT NULL, icd10 integer, external_cause integer, accident_type integer) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS staged_period_procedures (
            position integer NOT NULL, ordinal smallint NOT NULL, code integer, started_at timestamp, ended_at timestamp) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS staged_period_reasons (
            position integer NOT NULL, ordinal smallint NOT NULL, reason integer) ON COMMIT DELETE ROWS;
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

    /// <summary>Starts the COPY of a unit's versions into <c>staged_versions</c>; rows follow as records arrive (<see cref="WriteVersions"/>).</summary>
    public static Task<NpgsqlBinaryImporter> BeginVersionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        connection.BeginBinaryImportAsync($"COPY staged_versions (position, record_index, {VersionColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken);

    /// <summary>Writes records as rows of <c>staged_versions</c>, the first at <paramref name="firstPosition"/> in the unit.</summary>
    public static void WriteVersions(NpgsqlBinaryImporter copy, CodeIds codes, IReadOnlyList<IndexedRecord> records, int firstPosition)
    {
        var pseudonym = new byte[Pseudonym.Length];
        for (var i = 0; i < records.Count; i++)
        {
            var position = firstPosition + i;
            var (index, record) = records[i];
            var n = record.Notification;
            var client = record.Client;
            copy.StartRow();
            copy.Write(position, NpgsqlDbType.Integer);
            copy.Write(index, NpgsqlDbType.Bigint);
            copy.Write(codes.IdOf(CodeDomain.Provider, n.Provider)!.Value, NpgsqlDbType.Integer);
            copy.Write(n.RecordId!, NpgsqlDbType.Text);
            copy.Write(Local(record.UpdatedAt), NpgsqlDbType.Timestamp);
            copy.Write(n.Withdrawn, NpgsqlDbType.Boolean);
            copy.Write(unchecked((long)record.ContentHash), NpgsqlDbType.Bigint);
            if (client is null)
            {
                for (var field = 0; field < 5; field++)
                {
                    copy.WriteNull();
                }
            }
            else
            {
                client.Pseudonym.WriteTo(pseudonym);
                copy.Write(pseudonym, NpgsqlDbType.Bytea);
                copy.Write((short)client.KeyVersion, NpgsqlDbType.Smallint);
                copy.Write((short)client.BirthYear, NpgsqlDbType.Smallint);
                copy.Write((short)client.Sex, NpgsqlDbType.Smallint);
                copy.Write(client.Temporary, NpgsqlDbType.Boolean);
            }

            Id(copy, codes.IdOf(CodeDomain.Municipality, n.Client?.HomeMunicipality));
            Id(copy, codes.IdOf(CodeDomain.PostalCode, n.Client?.PostalCode));
            Id(copy, codes.IdOf(CodeDomain.Unit, n.Unit));
            if (n is not ServiceEvent e)
            {
                // A care period: the service event's 21 columns empty, its own content in the period tables.
                for (var field = 0; field < 21; field++)
                {
                    copy.WriteNull();
                }

                copy.Write((short)n.Register, NpgsqlDbType.Smallint);
                continue;
            }

            Time(copy, e.Contact?.Time);

            var assessment = e.Assessment;
            Time(copy, assessment?.Time);
            Id(copy, codes.IdOf(CodeDomain.Profession, assessment?.Profession));
            Id(copy, codes.IdOf(CodeDomain.Urgency, assessment?.Urgency));
            Id(copy, codes.IdOf(CodeDomain.Nature, assessment?.Nature));
            Id(copy, codes.IdOf(CodeDomain.FirstVisit, assessment?.FirstVisit));
            Id(copy, codes.IdOf(CodeDomain.AssessmentResult, assessment?.Result));
            Time(copy, e.Appointment?.BookedAt);
            Time(copy, e.Appointment?.ScheduledFor);

            var visit = e.Visit;
            Time(copy, visit?.Start);
            Time(copy, visit?.End);
            Id(copy, codes.IdOf(CodeDomain.Profession, visit?.Profession));
            Id(copy, codes.IdOf(CodeDomain.Professional, visit?.Professional));
            Id(copy, codes.IdOf(CodeDomain.ServiceForm, visit?.ServiceForm));
            Id(copy, codes.IdOf(CodeDomain.ContactType, visit?.ContactType));
            Id(copy, codes.IdOf(CodeDomain.VisitorGroup, visit?.VisitorGroup));
            Id(copy, codes.IdOf(CodeDomain.Urgency, visit?.Urgency));
            Id(copy, codes.IdOf(CodeDomain.Nature, visit?.Nature));
            Id(copy, codes.IdOf(CodeDomain.FirstVisit, visit?.FirstVisit));
            Time(copy, e.Cancellation?.Time);
            Id(copy, codes.IdOf(CodeDomain.CancellationReason, e.Cancellation?.Reason));
            copy.Write((short)Register.AvoHilmo, NpgsqlDbType.Smallint);
        }
    }

    /// <summary>The repeating groups, once the versions' COPY is complete: a COPY only for a group the unit has, since most units have no medications or health factors.</summary>
    public static async Task CopyGroupsAsync(NpgsqlConnection connection, CodeIds codes, IReadOnlyList<IndexedRecord> unit, CancellationToken cancellationToken)
    {
        if (unit.Any(r => r.Record.Notification is ServiceEvent { Reasons.Length: > 0 }))
        {
            await using var copy = await BeginAsync(connection, 0, cancellationToken).ConfigureAwait(false);
            for (var position = 0; position < unit.Count; position++)
            {
                var reasons = unit[position].Record.Notification is ServiceEvent e ? e.Reasons : [];
                for (var i = 0; i < reasons.Length; i++)
                {
                    copy.StartRow();
                    copy.Write(position, NpgsqlDbType.Integer);
                    copy.Write((short)i, NpgsqlDbType.Smallint);
                    Id(copy, codes.IdOf(CodeDomain.Icd10, reasons[i].Icd10));
                    Id(copy, codes.IdOf(CodeDomain.Icd10, reasons[i].ExternalCause));
                    Id(copy, codes.IdOf(CodeDomain.Icd10, reasons[i].AccidentType));
                    Id(copy, codes.IdOf(CodeDomain.Icpc2, reasons[i].Icpc2));
                }
            }

            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        if (unit.Any(r => r.Record.Notification is ServiceEvent { Procedures.Length: > 0 }))
        {
            await using var copy = await BeginAsync(connection, 1, cancellationToken).ConfigureAwait(false);
            for (var position = 0; position < unit.Count; position++)
            {
                var procedures = unit[position].Record.Notification is ServiceEvent e ? e.Procedures : [];
                for (var i = 0; i < procedures.Length; i++)
                {
                    copy.StartRow();
                    copy.Write(position, NpgsqlDbType.Integer);
                    copy.Write((short)i, NpgsqlDbType.Smallint);
                    Id(copy, codes.IdOf(CodeDomain.Spat, procedures[i].Spat));
                    Id(copy, codes.IdOf(CodeDomain.OralProcedure, procedures[i].OralProcedure));
                    Id(copy, codes.IdOf(CodeDomain.Tooth, procedures[i].Tooth));
                }
            }

            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        if (unit.Any(r => MedicationsOf(r.Record.Notification).Length > 0))
        {
            await using var copy = await BeginAsync(connection, 2, cancellationToken).ConfigureAwait(false);
            for (var position = 0; position < unit.Count; position++)
            {
                var medications = MedicationsOf(unit[position].Record.Notification);
                for (var i = 0; i < medications.Length; i++)
                {
                    var m = medications[i];
                    copy.StartRow();
                    copy.Write(position, NpgsqlDbType.Integer);
                    copy.Write((short)i, NpgsqlDbType.Smallint);
                    Id(copy, codes.IdOf(CodeDomain.Atc, m.Atc));
                    Text(copy, m.AtcDescription);
                    Text(copy, m.PackageNumber);
                    Text(copy, m.TradeName);
                    Time(copy, m.PrescribedAt);
                    if (m.Vaccination is { } vaccination)
                    {
                        copy.Write(vaccination, NpgsqlDbType.Boolean);
                    }
                    else
                    {
                        copy.WriteNull();
                    }

                    Text(copy, m.BatchNumber);
                    Text(copy, m.DoseNumber);
                    Id(copy, codes.IdOf(CodeDomain.VaccinationRoute, m.Route));
                    Id(copy, codes.IdOf(CodeDomain.InjectionSite, m.InjectionSite));
                }
            }

            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        if (unit.Any(r => r.Record.Notification is ServiceEvent { HealthFactors: not null }))
        {
            await using var copy = await BeginAsync(connection, 3, cancellationToken).ConfigureAwait(false);
            for (var position = 0; position < unit.Count; position++)
            {
                if (unit[position].Record.Notification is not ServiceEvent { HealthFactors: { } f })
                {
                    continue;
                }

                copy.StartRow();
                copy.Write(position, NpgsqlDbType.Integer);
                foreach (var teeth in new[] {f.DecayedPermanentTeeth, f.MissingPermanentTeeth, f.FilledPermanentTeeth, f.DecayedPrimaryTeeth, f.MissingPrimaryTeeth, f.FilledPrimaryTeeth })
                {
                    if (teeth is { } count)
                    {
                        copy.Write((short)count, NpgsqlDbType.Smallint);
                    }
                    else
                    {
                        copy.WriteNull();
                    }
                }

                Text(copy, f.GumStatus);
                Id(copy, f.WeightGrams);
                Id(copy, f.HeightMillimetres);
                Id(copy, codes.IdOf(CodeDomain.Smoking, f.Smoking));
            }

            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        if (unit.Any(r => r.Record.Notification is ServiceEvent { FollowUpCare.Length: > 0 }))
        {
            await using var copy = await BeginAsync(connection, 4, cancellationToken).ConfigureAwait(false);
            for (var position = 0; position < unit.Count; position++)
            {
                var followUps = unit[position].Record.Notification is ServiceEvent e ? e.FollowUpCare : [];
                for (var i = 0; i < followUps.Length; i++)
                {
                    copy.StartRow();
                    copy.Write(position, NpgsqlDbType.Integer);
                    copy.Write((short)i, NpgsqlDbType.Smallint);
                    copy.Write(codes.IdOf(CodeDomain.Spat, followUps[i])!.Value, NpgsqlDbType.Integer);
                }
            }

            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        if (unit.Any(r => r.Record.Notification is CarePeriod))
        {
            await CopyPeriodsAsync(connection, codes, unit, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The care periods' own content (<see cref="StoredPeriods"/>): only a unit that has periods copies it.</summary>
    private static async Task CopyPeriodsAsync(NpgsqlConnection connection, CodeIds codes, IReadOnlyList<IndexedRecord> unit, CancellationToken cancellationToken)
    {
        await using (var copy = await BeginAsync(connection, 5, cancellationToken).ConfigureAwait(false))
        {
            for (var position = 0; position < unit.Count; position++)
            {
                if (unit[position].Record.Notification is not CarePeriod p)
                {
                    continue;
                }

                var health = p as HealthCarePeriod;
                var social = p as SocialCarePeriod;
                copy.StartRow();
                copy.Write(position, NpgsqlDbType.Integer);
                Date(copy, p.ArrivalDate);
                Date(copy, p.DischargeDate);
                Date(copy, p.CensusDate);
                Id(copy, codes.IdOf(CodeDomain.CarePlace, p.ArrivedFrom));
                Id(copy, codes.IdOf(CodeDomain.CarePlace, p.DischargedTo));
                Date(copy, health?.Referral?.ArrivedOn);
                Date(copy, health?.Referral?.HandledOn);
                Date(copy, health?.QueuedOn);
                Id(copy, codes.IdOf(CodeDomain.Specialty, health?.Specialty));
                Id(copy, codes.IdOf(CodeDomain.ContactType, health?.ContactType));
                Id(copy, codes.IdOf(CodeDomain.HilmoUrgency, health?.Urgency));
                Time(copy, health?.IntensiveCare?.Start);
                Time(copy, health?.IntensiveCare?.End);
                Id(copy, codes.IdOf(CodeDomain.PsychiatricAdmission, health?.Psychiatry?.AdmissionType));
                Small(copy, health?.Psychiatry?.GasOnArrival);
                Small(copy, health?.Psychiatry?.GasOnDischarge);
                if (health?.Psychiatry?.CoerciveMeasures is { } coercive)
                {
                    copy.Write(coercive, NpgsqlDbType.Boolean);
                }
                else
                {
                    copy.WriteNull();
                }

                Id(copy, codes.IdOf(CodeDomain.ServiceArea, social?.ServiceArea));
                Id(copy, codes.IdOf(CodeDomain.Payer, social?.Payer));
                Text(copy, StoredPeriods.Amount(social?.Costs?.DailyPrice));
                Text(copy, StoredPeriods.Amount(social?.Costs?.MonthlyClientFee));
            }

            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        if (unit.Any(r => r.Record.Notification is CarePeriod { Diagnoses.Length: > 0 }))
        {
            await using var copy = await BeginAsync(connection, 6, cancellationToken).ConfigureAwait(false);
            for (var position = 0; position < unit.Count; position++)
            {
                var diagnoses = unit[position].Record.Notification is CarePeriod p ? p.Diagnoses : [];
                for (var i = 0; i < diagnoses.Length; i++)
                {
                    copy.StartRow();
                    copy.Write(position, NpgsqlDbType.Integer);
                    copy.Write((short)i, NpgsqlDbType.Smallint);
                    Id(copy, codes.IdOf(CodeDomain.Icd10, diagnoses[i].Icd10));
                    Id(copy, codes.IdOf(CodeDomain.Icd10, diagnoses[i].ExternalCause));
                    Id(copy, codes.IdOf(CodeDomain.Icd10, diagnoses[i].AccidentType));
                }
            }

            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        if (unit.Any(r => r.Record.Notification is HealthCarePeriod { Procedures.Length: > 0 }))
        {
            await using var copy = await BeginAsync(connection, 7, cancellationToken).ConfigureAwait(false);
            for (var position = 0; position < unit.Count; position++)
            {
                var procedures = unit[position].Record.Notification is HealthCarePeriod p ? p.Procedures : [];
                for (var i = 0; i < procedures.Length; i++)
                {
                    copy.StartRow();
                    copy.Write(position, NpgsqlDbType.Integer);
                    copy.Write((short)i, NpgsqlDbType.Smallint);
                    Id(copy, codes.IdOf(CodeDomain.PeriodProcedure, procedures[i].Code));
                    Time(copy, procedures[i].Start);
                    Time(copy, procedures[i].End);
                }
            }

            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        if (unit.Any(r => r.Record.Notification is SocialCarePeriod { Reasons.Length: > 0 }))
        {
            await using var copy = await BeginAsync(connection, 8, cancellationToken).ConfigureAwait(false);
            for (var position = 0; position < unit.Count; position++)
            {
                var reasons = unit[position].Record.Notification is SocialCarePeriod p ? p.Reasons : [];
                for (var i = 0; i < reasons.Length; i++)
                {
                    copy.StartRow();
                    copy.Write(position, NpgsqlDbType.Integer);
                    copy.Write((short)i, NpgsqlDbType.Smallint);
                    Id(copy, codes.IdOf(CodeDomain.CareReason, reasons[i]));
                }
            }

            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A visit's medications, or a Terveys-Hilmo period's: both are kept in <c>event_medications</c>.</summary>
    private static ImmutableArray<Medication> MedicationsOf(Notification record) => record switch
    {
        ServiceEvent e => e.Medications,
        HealthCarePeriod p => p.Medications,
        _ => [],
    };

    private static Task<NpgsqlBinaryImporter> BeginAsync(NpgsqlConnection connection, int group, CancellationToken cancellationToken) =>
        connection.BeginBinaryImportAsync($"COPY {Groups[group].Staged} (position, {Groups[group].Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);

    /// <summary>Times are kept as submitted (Finnish local time) or, for receipt times, as UTC; either way without a zone.</summary>
    public static DateTime Local(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Unspecified);

    // Values are written synchronously: an awaited call per value costs more than the value, and
    // the importer only blocks when its buffer is full and goes to the server.
    private static void Id(NpgsqlBinaryImporter copy, int? value)
    {
        if (value is { } id)
        {
            copy.Write(id, NpgsqlDbType.Integer);
        }
        else
        {
            copy.WriteNull();
        }
    }

    private static void Date(NpgsqlBinaryImporter copy, DateOnly? value)
    {
        if (value is { } date)
        {
            copy.Write(date, NpgsqlDbType.Date);
        }
        else
        {
            copy.WriteNull();
        }
    }

    private static void Small(NpgsqlBinaryImporter copy, int? value)
    {
        if (value is { } number)
        {
            copy.Write((short)number, NpgsqlDbType.Smallint);
        }
        else
        {
            copy.WriteNull();
        }
    }

    private static void Time(NpgsqlBinaryImporter copy, DateTime? value)
    {
        if (value is { } time)
        {
            copy.Write(Local(time), NpgsqlDbType.Timestamp);
        }
        else
        {
            copy.WriteNull();
        }
    }

    private static void Text(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is not null)
        {
            copy.Write(value, NpgsqlDbType.Text);
        }
        else
        {
            copy.WriteNull();
        }
    }
}
