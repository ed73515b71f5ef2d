using Hilmo.Statistics;

namespace Hilmo.Server.PxWeb;

/// <summary>
/// A table the PxWeb API serves: a fixed set of variables over every period published so far.
/// Reports are one kind (<see cref="ReportTables"/>); indicators or any other published figures
/// become tables by giving the API another <see cref="IPxTableSource"/>.
/// </summary>
internal interface IPxTable
{
    /// <summary>The table's id in URLs (<c>/api/v2/tables/{id}</c>); stable, since clients keep it.</summary>
    string Id { get; }

    LocalizedText Label { get; }

    LocalizedText Description { get; }

    /// <summary>The subject the table belongs to (its report, an indicator group), the one step of its PxWeb path.</summary>
    PxSubject Subject { get; }

    /// <summary>The variables' names, in table order, the contents variable last: what a table listing shows before any figure is read.</summary>
    IReadOnlyList<LocalizedText> VariableNames { get; }

    /// <summary>
    /// The whole table: every published period, every category, every measure, each figure and
    /// withheld mark exactly as the public API publishes it. A selection only ever picks cells of
    /// this cube, so no answer of the PxWeb API can differ from one of the public API.
    /// </summary>
    /// <exception cref="NotPublishedException">No release publishes any period of the table yet.</exception>
    Task<StatisticsTable> CubeAsync(CancellationToken cancellationToken);

    /// <summary>The periods the table covers, its last update and time unit, without assembling the cube where that is cheaper.</summary>
    /// <exception cref="NotPublishedException">No release publishes any period of the table yet.</exception>
    Task<PxTableSpan> SpanAsync(CancellationToken cancellationToken);
}

/// <summary>Where a kind of table comes from: the API lists the tables of every source, in order.</summary>
internal interface IPxTableSource
{
    IReadOnlyList<IPxTable> Tables { get; }
}

/// <summary>A subject area: the group of tables one report (or indicator set) publishes.</summary>
internal sealed record PxSubject(string Code, LocalizedText Label);

/// <summary>The first and last period of a table, its last update and its time unit (PxWeb's <c>Annual</c>, <c>Monthly</c> …).</summary>
internal sealed record PxTableSpan(string FirstPeriod, string LastPeriod, DateTimeOffset Updated, string TimeUnit);
