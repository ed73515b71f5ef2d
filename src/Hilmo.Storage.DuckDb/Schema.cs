using DuckDB.NET.Data;

namespace Hilmo.Storage.DuckDb;

/// <summary>
/// The store's tables. Versions are append-only: a row's content is never changed. Two
/// bookkeeping columns say when a version was the current one, in receipt time:
/// <c>current_from</c> is set when it is stored (null if it never was current) and
/// <c>current_until</c> once, when a newer version replaces it. "Current now" and "current as of
/// T" are then plain filters, not window functions over the whole history.
/// </summary>
internal static class Schema
{
    public const int Version = 6;

    /// <summary>
    /// Repeating groups, and the health factors most records lack, have tables of their own keyed
    /// by <c>version_id</c>: a row is written only for what a record has.
    /// Code-like columns hold ids into <c>code_values</c>; the views <c>service_event_versions</c>
    /// and <c>current_service_events</c> show them as codes for anyone reading the store with SQL.
    /// Times are Finnish local time as submitted, except the receipt-time columns, which are UTC.
    /// </summary>
    private const string Tables = """
        CREATE TABLE IF NOT EXISTS schema_info (version INTEGER NOT NULL);

        CREATE TABLE IF NOT EXISTS code_values (
            code_id INTEGER NOT NULL PRIMARY KEY,
            code_system VARCHAR NOT NULL,
            code VARCHAR NOT NULL);

        CREATE TABLE IF NOT EXISTS submissions (
            submission_id BIGINT NOT NULL PRIMARY KEY,
            received_at TIMESTAMP NOT NULL,
            source VARCHAR NOT NULL,
            format VARCHAR NOT NULL,
            submitter VARCHAR,
            completed_at TIMESTAMP,
            received BIGINT,
            accepted BIGINT,
            rejected BIGINT,
            duplicates BIGINT);

        CREATE TABLE IF NOT EXISTS submission_findings (
            submission_id BIGINT NOT NULL,
            ordinal BIGINT NOT NULL,
            record_index BIGINT,
            record_id VARCHAR,
            code VARCHAR NOT NULL,
            path VARCHAR,
            arguments VARCHAR NOT NULL,
            line BIGINT,
            col BIGINT,
            byte_offset BIGINT,
            provider VARCHAR);

        CREATE TABLE IF NOT EXISTS releases (
            name VARCHAR NOT NULL PRIMARY KEY,
            as_of TIMESTAMP NOT NULL,
            created_at TIMESTAMP NOT NULL,
            created_by VARCHAR);

        CREATE TABLE IF NOT EXISTS signal_runs (
            as_of TIMESTAMP NOT NULL PRIMARY KEY,
            stored_at TIMESTAMP NOT NULL,
            alerts BIGINT NOT NULL);

        CREATE TABLE IF NOT EXISTS signal_alerts (
            as_of TIMESTAMP NOT NULL,
            period DATE NOT NULL,
            resolution VARCHAR NOT NULL,
            county VARCHAR NOT NULL,
            syndrome VARCHAR NOT NULL,
            method VARCHAR NOT NULL,
            observed INTEGER NOT NULL,
            expected DOUBLE,
            threshold DOUBLE NOT NULL,
            score DOUBLE NOT NULL,
            parameters VARCHAR NOT NULL);

        CREATE TABLE IF NOT EXISTS event_versions (
            version_id BIGINT NOT NULL,
            submission_id BIGINT NOT NULL,
            received_at TIMESTAMP NOT NULL,
            current_from TIMESTAMP,
            current_until TIMESTAMP,
            provider INTEGER NOT NULL,
            record_id VARCHAR NOT NULL,
            updated_at TIMESTAMP NOT NULL,
            withdrawn BOOLEAN NOT NULL,
            content_hash UBIGINT NOT NULL,
            pseudonym BLOB,
            key_version SMALLINT,
            age SMALLINT,
            sex UTINYINT,
            temporary_identity BOOLEAN,
            home_municipality INTEGER,
            postal_code INTEGER,
            unit INTEGER,
            contact_at TIMESTAMP,
            assessed_at TIMESTAMP,
            assessment_profession INTEGER,
            assessment_urgency INTEGER,
            assessment_nature INTEGER,
            assessment_first_visit INTEGER,
            assessment_result INTEGER,
            booked_at TIMESTAMP,
            booked_for TIMESTAMP,
            visit_start TIMESTAMP,
            visit_end TIMESTAMP,
            visit_profession INTEGER,
            visit_professional INTEGER,
            visit_service_form INTEGER,
            visit_contact_type INTEGER,
            visit_visitor_group INTEGER,
            visit_urgency INTEGER,
            visit_nature INTEGER,
            visit_first_visit INTEGER,
            cancelled_at TIMESTAMP,
            cancellation_reason INTEGER,
            register UTINYINT NOT NULL DEFAULT 0,
            arrival_age SMALLINT,
            arrival_year_end_age SMALLINT,
            event_year_end_age SMALLINT);

        CREATE TABLE IF NOT EXISTS event_reasons (
            version_id BIGINT NOT NULL,
            ordinal SMALLINT NOT NULL,
            icd10 INTEGER,
            external_cause INTEGER,
            accident_type INTEGER,
            icpc2 INTEGER);

        CREATE TABLE IF NOT EXISTS event_procedures (
            version_id BIGINT NOT NULL,
            ordinal SMALLINT NOT NULL,
            spat INTEGER,
            oral_procedure INTEGER,
            tooth INTEGER);

        CREATE TABLE IF NOT EXISTS event_medications (
            version_id BIGINT NOT NULL,
            ordinal SMALLINT NOT NULL,
            atc INTEGER,
            atc_description VARCHAR,
            package_number VARCHAR,
            trade_name VARCHAR,
            prescribed_at TIMESTAMP,
            vaccination BOOLEAN,
            batch_number VARCHAR,
            dose_number VARCHAR,
            route INTEGER,
            injection_site INTEGER);

        CREATE TABLE IF NOT EXISTS event_health_factors (
            version_id BIGINT NOT NULL,
            decayed_permanent_teeth SMALLINT,
            missing_permanent_teeth SMALLINT,
            filled_permanent_teeth SMALLINT,
            decayed_primary_teeth SMALLINT,
            missing_primary_teeth SMALLINT,
            filled_primary_teeth SMALLINT,
            gum_status VARCHAR,
            weight_grams INTEGER,
            height_millimetres INTEGER,
            smoking INTEGER);

        CREATE TABLE IF NOT EXISTS event_follow_ups (
            version_id BIGINT NOT NULL,
            ordinal SMALLINT NOT NULL,
            spat INTEGER NOT NULL);
        """ + PeriodTables;

    /// <summary>
    /// A care period's version has its core (key, receipt, client, unit) in <c>event_versions</c>
    /// with <c>register</c> 1 or 2, so that every version rule applies to it unchanged, and its own
    /// content here (<see cref="StoredPeriods"/>); its medications go to <c>event_medications</c>.
    /// <c>register</c> and the period ages follow the service event's columns of <c>event_versions</c>
    /// so that a store migrated from version 2 or 3, which gains them by <c>ALTER TABLE</c>, has the
    /// columns in the same order as a new one.
    /// </summary>
    private const string PeriodTables = """

        CREATE TABLE IF NOT EXISTS period_versions (
            version_id BIGINT NOT NULL,
            arrival_date DATE,
            discharge_date DATE,
            census_date DATE,
            arrived_from INTEGER,
            discharged_to INTEGER,
            referral_arrived_on DATE,
            referral_handled_on DATE,
            queued_on DATE,
            specialty INTEGER,
            contact_type INTEGER,
            urgency INTEGER,
            intensive_care_start TIMESTAMP,
            intensive_care_end TIMESTAMP,
            psychiatric_admission INTEGER,
            gas_on_arrival SMALLINT,
            gas_on_discharge SMALLINT,
            coercive_measures BOOLEAN,
            service_area INTEGER,
            payer INTEGER,
            daily_price VARCHAR,
            monthly_client_fee VARCHAR);

        CREATE TABLE IF NOT EXISTS period_diagnoses (
            version_id BIGINT NOT NULL,
            ordinal SMALLINT NOT NULL,
            icd10 INTEGER,
            external_cause INTEGER,
            accident_type INTEGER);

        CREATE TABLE IF NOT EXISTS period_procedures (
            version_id BIGINT NOT NULL,
            ordinal SMALLINT NOT NULL,
            code INTEGER,
            started_at TIMESTAMP,
            ended_at TIMESTAMP);

        CREATE TABLE IF NOT EXISTS period_reasons (
            version_id BIGINT NOT NULL,
            ordinal SMALLINT NOT NULL,
            reason INTEGER);
        """;

    private const string Views = """
        CREATE OR REPLACE VIEW service_event_versions AS
        SELECT v.version_id, v.submission_id, v.received_at, v.current_from, v.current_until,
               provider.code AS tuottaja, v.record_id AS tunnus, v.updated_at AS paivitetty, v.withdrawn AS poisto,
               v.pseudonym, v.age, v.sex,
               municipality.code AS kotikunta, postal.code AS postinumero, unit.code AS yksikko,
               v.contact_at, v.assessed_at, v.booked_at, v.booked_for, v.visit_start, v.visit_end,
               visit_profession.code AS kaynti_ammatti, service_form.code AS palvelumuoto, contact_type.code AS yhteystapa,
               v.cancelled_at
        FROM event_versions v
        LEFT JOIN code_values provider ON provider.code_id = v.provider
        LEFT JOIN code_values municipality ON municipality.code_id = v.home_municipality
        LEFT JOIN code_values postal ON postal.code_id = v.postal_code
        LEFT JOIN code_values unit ON unit.code_id = v.unit
        LEFT JOIN code_values visit_profession ON visit_profession.code_id = v.visit_profession
        LEFT JOIN code_values service_form ON service_form.code_id = v.visit_service_form
        LEFT JOIN code_values contact_type ON contact_type.code_id = v.visit_contact_type
        WHERE v.register = 0;

        CREATE OR REPLACE VIEW current_service_events AS
        SELECT * FROM service_event_versions
        WHERE current_from IS NOT NULL AND current_until IS NULL AND NOT poisto;

        CREATE OR REPLACE VIEW report_events AS
        SELECT version_id, received_at, current_from, current_until, withdrawn, pseudonym, age, sex,
               updated_at, contact_at, assessed_at, visit_start, cancelled_at,
               provider AS provider_id, unit AS unit_id, home_municipality AS municipality_id,
               visit_profession AS profession_id, visit_service_form AS service_form_id,
               visit_contact_type AS contact_type_id,
               coalesce(visit_urgency, assessment_urgency) AS urgency_id,
               coalesce(visit_nature, assessment_nature) AS nature_id,
               event_year_end_age, record_id
        FROM event_versions
        WHERE register = 0;

        CREATE OR REPLACE VIEW report_periods AS
        SELECT v.version_id, v.received_at, v.current_from, v.current_until, v.withdrawn, v.pseudonym, v.age, v.sex,
               v.arrival_age, v.arrival_year_end_age, CAST(v.register AS SMALLINT) AS register, v.updated_at,
               p.arrival_date, p.discharge_date, p.census_date,
               v.provider AS provider_id, v.unit AS unit_id, v.home_municipality AS municipality_id,
               p.specialty AS specialty_id, p.contact_type AS contact_type_id, p.urgency AS urgency_id,
               p.service_area AS service_area_id, p.arrived_from AS arrived_from_id, p.discharged_to AS discharged_to_id,
               (SELECT d.icd10 FROM period_diagnoses d WHERE d.version_id = v.version_id AND d.ordinal = 0) AS primary_diagnosis_id,
               CAST((SELECT count(*) FROM period_procedures pr WHERE pr.version_id = v.version_id) AS SMALLINT) AS procedures,
               v.record_id
        FROM event_versions v
        JOIN period_versions p ON p.version_id = v.version_id
        WHERE v.register <> 0;

        CREATE OR REPLACE VIEW report_codes AS SELECT code_id, code_system, code FROM code_values;
        CREATE OR REPLACE VIEW report_event_reasons AS SELECT version_id, external_cause AS external_cause_id, accident_type AS accident_type_id, ordinal, icd10 AS icd10_id, icpc2 AS icpc2_id FROM event_reasons;
        CREATE OR REPLACE VIEW report_event_medications AS SELECT version_id, atc AS atc_id, vaccination, dose_number FROM event_medications;
        CREATE OR REPLACE VIEW report_event_procedures AS SELECT version_id, spat AS spat_id, ordinal FROM event_procedures;
        CREATE OR REPLACE VIEW report_submissions AS SELECT submission_id, received_at FROM submissions;
        CREATE OR REPLACE VIEW report_findings AS SELECT submission_id, record_index, code, provider FROM submission_findings;
        """;

    /// <summary>Changes that bring a store of an earlier schema version to the current one, by the version they lead to.</summary>
    private static readonly (int Version, string Sql)[] Migrations =
    [
        (2, """
            ALTER TABLE submission_findings ADD COLUMN IF NOT EXISTS provider VARCHAR;
            CREATE TABLE IF NOT EXISTS releases (name VARCHAR NOT NULL PRIMARY KEY, as_of TIMESTAMP NOT NULL, created_at TIMESTAMP NOT NULL, created_by VARCHAR);
            """),

        // Care periods: every version stored so far is an AvoHILMO service event. The period
        // tables are made with the others (CREATE TABLE IF NOT EXISTS).
        (3, "ALTER TABLE event_versions ADD COLUMN IF NOT EXISTS register UTINYINT DEFAULT 0;"),

        // The exact age on the record's days replaces the birth year (issue 17): year minus birth
        // year is a year too old until the birthday. The birth year cannot give the exact age, so
        // the versions stored before have none (their age is unknown); the column keeps its place.
        (4, """
            DROP VIEW IF EXISTS current_service_events;
            DROP VIEW IF EXISTS service_event_versions;
            DROP VIEW IF EXISTS report_events;
            DROP VIEW IF EXISTS report_periods;
            ALTER TABLE event_versions RENAME COLUMN birth_year TO age;
            UPDATE event_versions SET age = NULL WHERE age IS NOT NULL;
            ALTER TABLE event_versions ADD COLUMN IF NOT EXISTS arrival_age SMALLINT;
            ALTER TABLE event_versions ADD COLUMN IF NOT EXISTS arrival_year_end_age SMALLINT;
            """),

        // A service event's age at the end of its year, which gives the birth cohort (vaccination
        // coverage, issue 19). The identity code is gone, so the versions stored before have none:
        // their cohort is unknown and they count in no cohort.
        (5, "ALTER TABLE event_versions ADD COLUMN IF NOT EXISTS event_year_end_age SMALLINT;"),

        // Epidemic signals (issue 20): the alerts of each detection run, by the as-of time the run
        // read the register at. The tables are made with the others (CREATE TABLE IF NOT EXISTS).
        (6, ""),
    ];

    /// <summary>The tables a unit is staged in before its commit copies the kept versions on.</summary>
    public static readonly string[] VersionTables =
        [
            "event_versions", "event_reasons", "event_procedures", "event_medications", "event_health_factors", "event_follow_ups",
            "period_versions", "period_diagnoses", "period_procedures", "period_reasons",
        ];

    public static void Create(DuckDBConnection connection)
    {
        Execute(connection, Tables);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT max(version) FROM schema_info";
            var found = command.ExecuteScalar();
            if (found is null or DBNull)
            {
                Execute(connection, $"INSERT INTO schema_info VALUES ({Version})");
            }
            else
            {
                var stored = Convert.ToInt32(found, System.Globalization.CultureInfo.InvariantCulture);
                if (stored > Version)
                {
                    throw new InvalidOperationException(
                        $"The store has schema version {stored}; this program reads version {Version} and earlier. Use a newer program.");
                }

                foreach (var (version, sql) in Migrations.Where(m => m.Version > stored))
                {
                    if (sql.Length > 0)
                    {
                        Execute(connection, sql);
                    }
                    Execute(connection, $"UPDATE schema_info SET version = {version}");
                }
            }
        }

        Execute(connection, Views);
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
