namespace Hilmo.Statistics;

/// <summary>What a caller asks of a report.</summary>
/// <param name="Report">The report's name (<c>visits</c>, <c>access-to-care</c>, <c>care-periods</c>, <c>data-quality</c> ...).</param>
/// <param name="Period">The dates covered, both included.</param>
/// <param name="By">Dimension codes to break the figures down by, in table order.</param>
/// <param name="AsOf">Compute the register as it stood at this receipt time; null for everything received.</param>
/// <param name="Release">A release whose frozen as-of time to use (overrides <paramref name="AsOf"/>).</param>
/// <param name="Provider">Only this provider's data (a provider reading its own figures); null for all.</param>
/// <param name="Audience">Who the table is for, which decides whether disclosure control applies.</param>
public sealed record ReportRequest(
    string Report,
    ReportPeriod Period,
    IReadOnlyList<string> By,
    DateTimeOffset? AsOf = null,
    string? Release = null,
    string? Provider = null,
    ReportAudience Audience = ReportAudience.Public)
{
    /// <summary>
    /// When the register answered the request (set by <see cref="StatisticsService"/>): a year
    /// whose 31 December has not yet passed, at this moment or the as-of time, has no year-end census to check.
    /// </summary>
    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>
    /// Only the facts in these categories are counted (each filter's categories are of the finest
    /// level of its dimension); the register's own use, for the counts of the indicators, which
    /// would otherwise need a table crossed by every dimension they filter on. Never from a public
    /// request: a published table is one of the publication's, whole.
    /// </summary>
    public IReadOnlyList<ReportFilter> Filters { get; init; } = [];
}

/// <summary>Keeps the facts whose category of <paramref name="Dimension"/> is one of <paramref name="Categories"/>.</summary>
public sealed record ReportFilter(string Dimension, IReadOnlyList<string> Categories);

/// <summary>Who a table is for.</summary>
public enum ReportAudience
{
    /// <summary>
    /// Anyone: the public and the media. Figures come only from releases, one calendar year at a
    /// time, as views of the release's protected tables (<see cref="Publishing.PublishedTables"/>).
    /// </summary>
    Public,

    /// <summary>
    /// The supervising authority (Valvira, the regional agencies, the national licensing and
    /// supervisory agency): aggregates of every provider and unit as they are, any period or
    /// as-of time, never records. Such a table must not leave the authority.
    /// </summary>
    Authority,

    /// <summary>
    /// A provider reading its own data, or the register keeper: people entitled to the records the
    /// figures count, so small counts are shown as they are. Such a table must not leave them.
    /// </summary>
    Entitled,
}

/// <summary>A request the register cannot answer as asked; the message says what to change.</summary>
public class ReportRequestException(string message) : Exception(message);

/// <summary>A public request for figures no release publishes (yet): nothing to change but to wait.</summary>
public sealed class NotPublishedException(string message) : ReportRequestException(message);
