using Hilmo.Statistics.Dimensions;
using Hilmo.Statistics.Sql;

namespace Hilmo.Statistics.Reports;

/// <summary>The facts the care-period reports share: current, not withdrawn versions of one register's periods.</summary>
internal static class PeriodFacts
{
    /// <summary>Terveys-Hilmo in <c>report_periods.register</c>.</summary>
    public const int TerveysHilmo = 1;

    /// <summary>Sosiaalihilmo in <c>report_periods.register</c>.</summary>
    public const int Sosiaalihilmo = 2;

    /// <summary>The care days of an ended period: discharge − arrival, but one for a period that begins and ends on the same day, as THL counts.</summary>
    public const string CareDays = "CASE WHEN p.discharge_date > p.arrival_date THEN p.discharge_date - p.arrival_date ELSE 1 END";

    /// <summary>The client's age on the discharge day: a version's reference day, on which <c>age</c> is taken, is its discharge day once it has one.</summary>
    public const string AgeAtDischarge = "p.age";

    /// <summary>The client's age on the arrival day.</summary>
    public const string AgeAtArrival = "p.arrival_age";

    /// <summary>
    /// The client's age on the year end <c>y.year_end</c> (on or after the arrival): the age on the
    /// arrival year's 31 December and the years since, exact as every birthday of a year is past on its 31 December.
    /// </summary>
    public const string AgeAtYearEnd =
        "p.arrival_year_end_age + (CAST(EXTRACT(YEAR FROM y.year_end) AS INTEGER) - CAST(EXTRACT(YEAR FROM p.arrival_date) AS INTEGER))";

    /// <summary>The length of stay in days (discharge − arrival), null while the period is open.</summary>
    public const string StayDays = "p.discharge_date - p.arrival_date";

    /// <summary>
    /// The columns every dimension reads, named as dimensions expect them (<c>event_date</c> is
    /// <paramref name="date"/>), then <c>stay_days</c> and <paramref name="extra"/>, from
    /// <c>report_periods p</c> and any <paramref name="join"/>, for the current versions of
    /// <paramref name="register"/>'s periods that are not withdrawn and meet <paramref name="condition"/>.
    /// </summary>
    /// <param name="request">The request: as-of time, provider.</param>
    /// <param name="parameter">Adds a parameter and gives its placeholder.</param>
    /// <param name="register">1 Terveys-Hilmo, 2 Sosiaalihilmo.</param>
    /// <param name="date">The fact's date, which the time dimensions read.</param>
    /// <param name="age">The client's age on that date (<see cref="AgeAtDischarge"/>, <see cref="AgeAtArrival"/>, <see cref="AgeAtYearEnd"/>), which the age dimension reads.</param>
    /// <param name="extra">Further columns for the aggregates.</param>
    /// <param name="condition">Further conditions joined with AND.</param>
    /// <param name="join">A join clause after <c>report_periods p</c>, or empty.</param>
    public static string Select(ReportRequest request, Func<object, string> parameter, int register, string date, string age, string extra, string condition, string join = "") =>
        $"SELECT {date} AS event_date, p.provider_id, p.unit_id, p.municipality_id, {age} AS age, p.sex, p.pseudonym, "
        + $"p.specialty_id, p.service_area_id, p.urgency_id, {StayDays} AS stay_days, {extra}"
        + $" FROM {ReportRelations.Periods} p{(join.Length > 0 ? " " + join : "")}"
        + " WHERE " + Current(request.AsOf, parameter)
        + $" AND NOT p.withdrawn AND p.register = {SqlText.Literal(register)} AND {condition}"
        + (request.Provider is null ? ""
            : $" AND p.provider_id IN (SELECT code_id FROM {ReportRelations.Codes} WHERE code_system = 'tuottaja' AND code = {parameter(request.Provider)})");

    /// <summary>A date column between the request's first and last day, both included.</summary>
    public static string Within(string column, ReportPeriod period) =>
        $"{column} >= {SqlText.Literal(period.From)} AND {column} <= {SqlText.Literal(period.To)}";

    /// <summary>Every 31 December within the request's period, as a one-column derived table <c>y(year_end)</c>; one row of null when there is none, so the statement stays valid and counts nothing.</summary>
    public static string YearEnds(ReportPeriod period)
    {
        var ends = YearEndDates(period).Select(d => "(" + SqlText.Literal(d) + ")").ToList();
        return "(VALUES " + (ends.Count > 0 ? string.Join(", ", ends) : "(CAST(NULL AS DATE))") + ") AS y(year_end)";
    }

    /// <summary>The 31 Decembers within <paramref name="period"/>.</summary>
    public static IEnumerable<DateOnly> YearEndDates(ReportPeriod period) =>
        Enumerable.Range(period.From.Year, period.To.Year - period.From.Year + 1).Select(y => new DateOnly(y, 12, 31)).Where(d => d >= period.From && d <= period.To);

    /// <summary>Versions that were current at the as-of time, or are now.</summary>
    public static string Current(DateTimeOffset? asOf, Func<object, string> parameter, string alias = "p")
    {
        if (asOf is not { } t)
        {
            return $"{alias}.current_from IS NOT NULL AND {alias}.current_until IS NULL";
        }

        var at = parameter(t.UtcDateTime);
        return $"{alias}.current_from <= {at} AND ({alias}.current_until IS NULL OR {alias}.current_until > {at})";
    }

    /// <summary>The dimensions every period report has.</summary>
    public static IReadOnlyList<ReportDimension> Common { get; } =
    [
        .. DimensionCatalogue.Times,
        DimensionCatalogue.County, DimensionCatalogue.Municipality, DimensionCatalogue.Provider, DimensionCatalogue.ProviderCounty,
        DimensionCatalogue.Unit, DimensionCatalogue.AgeGroup, DimensionCatalogue.Sex,
    ];
}
