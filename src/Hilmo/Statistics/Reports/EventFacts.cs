using Hilmo.Statistics.Sql;

namespace Hilmo.Statistics.Reports;

/// <summary>The facts the visit reports share: current, not withdrawn, completed visits of the period.</summary>
internal static class EventFacts
{
    /// <summary>True for an urgent visit (urgency K).</summary>
    public const string Urgent = "coalesce(e.urgency_id IN (SELECT code_id FROM " + ReportRelations.Codes + " WHERE code_system = 'kiireellisyys' AND code = 'K'), false)";

    /// <summary>True for a contact without the client: a consultation or a record entry (R60, R70, R71, R72, R80).</summary>
    public const string WithoutClient = "coalesce(e.contact_type_id IN (SELECT code_id FROM " + ReportRelations.Codes
        + " WHERE code_system = 'yhteystapa' AND code IN ('R60', 'R70', 'R71', 'R72', 'R80')), false)";

    /// <summary>True for oral care: the service form T60, or a dentist or dental hygienist at the visit.</summary>
    private const string Oral = "(coalesce(e.service_form_id IN (SELECT code_id FROM " + ReportRelations.Codes + " WHERE code_system = 'palvelumuoto' AND code = 'T60'), false)"
        + " OR coalesce(e.profession_id IN (SELECT code_id FROM " + ReportRelations.Codes + " WHERE code_system = 'ammatti' AND (code LIKE '2222%' OR code LIKE '3225%')), false))";

    /// <summary>
    /// One row per current visit of the period with the columns every dimension reads, named as
    /// dimensions expect them, and <paramref name="extra"/> columns of <c>e</c> for the report.
    /// Code conditions test membership in the few matching code ids, which both engines evaluate
    /// as a small hash set, rather than joining the codes or comparing code texts on every row.
    /// </summary>
    /// <param name="request">The request: period, as-of time, provider.</param>
    /// <param name="parameter">Adds a parameter and gives its placeholder.</param>
    /// <param name="extra">Further columns, e.g. <c>e.assessed_at</c>.</param>
    /// <param name="condition">Further conditions joined with AND, e.g. <c>NOT <see cref="Urgent"/></c>.</param>
    public static string Select(ReportRequest request, Func<object, string> parameter, string extra = "", string condition = "") =>
        "SELECT CAST(e.visit_start AS DATE) AS event_date, e.provider_id, e.unit_id, e.municipality_id, e.age, e.sex, "
        + "e.profession_id, e.service_form_id, e.contact_type_id, e.urgency_id, e.nature_id, "
        + Oral + " AS oral"
        + (extra.Length > 0 ? ", " + extra : "")
        + $" FROM {ReportRelations.Events} e"
        + " WHERE " + Where(request, parameter) + (condition.Length > 0 ? " AND " + condition : "");

    /// <summary>
    /// The versions current at the request's as-of time (now when none), not withdrawn, with a
    /// visit in the period that was not cancelled. The period is on the visit's start, in the
    /// Finnish local time the submitter reported: a visit from 23:50 to 00:20 belongs to the day it began.
    /// </summary>
    private static string Where(ReportRequest request, Func<object, string> parameter) =>
        Current(request.AsOf, parameter)
        + " AND NOT e.withdrawn AND e.visit_start IS NOT NULL AND e.cancelled_at IS NULL"
        + $" AND e.visit_start >= {parameter(request.Period.From.ToDateTime(TimeOnly.MinValue))}"
        + $" AND e.visit_start < {parameter(request.Period.To.AddDays(1).ToDateTime(TimeOnly.MinValue))}"
        + Provider(request.Provider, "e.provider_id", parameter);

    /// <summary>Versions that were current at <paramref name="asOf"/>, or are now.</summary>
    private static string Current(DateTimeOffset? asOf, Func<object, string> parameter)
    {
        if (asOf is not { } t)
        {
            return "e.current_from IS NOT NULL AND e.current_until IS NULL";
        }

        var at = parameter(t.UtcDateTime);
        return $"e.current_from <= {at} AND (e.current_until IS NULL OR e.current_until > {at})";
    }

    /// <summary>Confines the facts to one provider's, when the request is for a provider's own data.</summary>
    private static string Provider(string? provider, string column, Func<object, string> parameter) => provider is null ? ""
        : $" AND {column} IN (SELECT code_id FROM {ReportRelations.Codes} WHERE code_system = 'tuottaja' AND code = {parameter(provider)})";
}
