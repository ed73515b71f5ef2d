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
    public const int Version = 2;

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
            birth_year SMALLINT,
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
            cancellation_reason INTEGER);

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
        """;

    private const string Views = """
        CREATE OR REPLACE VIEW service_event_versions AS
        SELECT v.version_id, v.submission_id, v.received_at, v.current_from, v.current_until,
               provider.code AS tuottaja, v.record_id AS tunnus, v.updated_at AS paivitetty, v.withdrawn AS poisto,
               v.pseudonym, v.birth_year, v.sex,
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
        LEFT JOIN code_values contact_type ON contact_type.code_id = v.visit_contact_type;

        CREATE OR REPLACE VIEW current_service_events AS
        SELECT * FROM service_event_versions
        WHERE current_from IS NOT NULL AND current_until IS NULL AND NOT poisto;

        CREATE OR REPLACE VIEW report_events AS
        SELECT version_id, received_at, current_from, current_until, withdrawn, pseudonym, birth_year, sex,
               updated_at, contact_at, assessed_at, visit_start, cancelled_at,
               provider AS provider_id, unit AS unit_id, home_municipality AS municipality_id,
               visit_profession AS profession_id, visit_service_form AS service_form_id,
               visit_contact_type AS contact_type_id,
               coalesce(visit_urgency, assessment_urgency) AS urgency_id,
               coalesce(visit_nature, assessment_nature) AS nature_id
        FROM event_versions;

        CREATE OR REPLACE VIEW report_codes AS SELECT code_id, code_system, code FROM code_values;
        CREATE OR REPLACE VIEW report_event_reasons AS SELECT version_id FROM event_reasons;
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
    ];

    /// <summary>The tables a unit is staged in before its commit copies the kept versions on.</summary>
    public static readonly string[] VersionTables =
        ["event_versions", "event_reasons", "event_procedures", "event_medications", "event_health_factors", "event_follow_ups"];

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
                    Execute(connection, sql);
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
