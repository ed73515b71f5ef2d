namespace Hilmo.Statistics.Sql;

/// <summary>
/// The relations every store offers to report queries: the contract between the report SQL and
/// the store's own tables. Times are Finnish local time as submitted, except the receipt-time
/// columns (<c>received_at</c>, <c>current_from</c>, <c>current_until</c>), which are UTC.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>report_events</c>: one row per stored version: <c>version_id</c>, <c>received_at</c>,
/// <c>current_from</c> (receipt time from which it was the record's current version; null if never),
/// <c>current_until</c> (when a newer version replaced it), <c>withdrawn</c>, <c>pseudonym</c>,
/// <c>age</c> (the client's age in whole years on the visit's day, or on the record's latest phase; null when unknown), <c>sex</c> (1 male, 2 female), <c>updated_at</c>, <c>contact_at</c>, <c>assessed_at</c>,
/// <c>visit_start</c>, <c>cancelled_at</c>, and the code columns <c>provider_id</c>, <c>unit_id</c>,
/// <c>municipality_id</c>, <c>profession_id</c> (of the visit), <c>service_form_id</c>,
/// <c>contact_type_id</c>, <c>urgency_id</c> and <c>nature_id</c> (of the visit, else of the assessment),
/// and <c>event_year_end_age</c> (the client's age on 31 December of the visit's year: the visit's
/// year minus it is the birth year; null when unknown, as for versions stored before schema version 5),
/// and <c>record_id</c> (tunnus: with <c>provider_id</c> the record a version is of, which dates a record's first receipt).</item>
/// <item><c>report_codes</c> (<c>code_id</c>, <c>code</c>): the text of every code column's value.
/// Queries group by the ids and decode only the aggregated rows: grouping ten million short
/// integers is several times faster than grouping their strings.</item>
/// <item><c>report_event_reasons</c> (<c>version_id</c>, <c>external_cause_id</c>, <c>accident_type_id</c>, <c>ordinal</c>, <c>icd10_id</c>, <c>icpc2_id</c>):
/// one row per visit reason of a version (<c>ordinal</c> its place in the list from 0, most important first), with the code ids of its external cause (ulkoinenSyy,
/// ICD-10 V01–Y98), accident type (tapaturmatyyppi), ICD-10 code and ICPC-2 code, null when not given. The last two
/// columns were appended later (a PostgreSQL view can only gain columns at its end).</item>
/// <item><c>report_event_medications</c> (<c>version_id</c>, <c>atc_id</c>, <c>vaccination</c>, <c>dose_number</c>):
/// one row per medication item of a version: the ATC code id, whether it was a vaccination
/// (rokotus) and the dose number as submitted (jarjestys, text; null when not given).</item>
/// <item><c>report_event_procedures</c> (<c>version_id</c>, <c>spat_id</c>, <c>ordinal</c>): one row per
/// procedure of a version (<c>ordinal</c> its place in the list from 0), with the code id of its SPAT
/// code, null for an oral procedure given without one.</item>
/// <item><c>report_submissions</c> (<c>submission_id</c>, <c>received_at</c>) and
/// <c>report_findings</c> (<c>submission_id</c>, <c>record_index</c>, <c>code</c>, <c>provider</c>): what
/// each submission was told, for data-quality figures.</item>
/// </list>
/// </remarks>
public static class ReportRelations
{
    public const string Events = "report_events";

    /// <summary>One row per stored version of a care period (Terveys-Hilmo, Sosiaalihilmo); columns in <c>docs/statistics.md</c>.</summary>
    public const string Periods = "report_periods";
    public const string Codes = "report_codes";
    public const string EventReasons = "report_event_reasons";
    public const string EventMedications = "report_event_medications";
    public const string EventProcedures = "report_event_procedures";
    public const string Submissions = "report_submissions";
    public const string Findings = "report_findings";
}
