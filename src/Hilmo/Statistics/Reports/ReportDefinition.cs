using Hilmo.Statistics.Dimensions;
using Hilmo.Statistics.Sql;

namespace Hilmo.Statistics.Reports;

/// <summary>
/// A named, documented report: what it counts (its facts, as SQL over the store's report
/// relations), by which dimensions it can be broken down, and which measures each cell has.
/// </summary>
public abstract class ReportDefinition
{
    public abstract string Name { get; }

    public abstract LocalizedText Title { get; }

    /// <summary>What is counted and how, for the reader.</summary>
    public abstract LocalizedText Description { get; }

    /// <summary>Definitions and limits the reader needs beside the table.</summary>
    public abstract IReadOnlyList<LocalizedText> Notes(StatisticsContext context);

    public abstract IReadOnlyList<TableMeasure> Measures { get; }

    /// <summary>The dimensions a request may name.</summary>
    public abstract IReadOnlyList<ReportDimension> Dimensions { get; }

    /// <summary>The breakdown when a request names none.</summary>
    public abstract IReadOnlyList<string> DefaultBy { get; }

    /// <summary>
    /// The tables a release publishes of the report, each named by its dimensions, time first (a
    /// nested dimension brings its group: municipality its county, unit its provider). A public
    /// request is answered from the first of them that has every dimension it names, so every
    /// published table is a view of one of these, protected once. Apart from time they share no
    /// dimension, so their only common cells are the time totals, which are published in all of
    /// them (see <see cref="Publishing.PublishedTables"/>). Empty: the report is not published.
    /// </summary>
    public virtual IReadOnlyList<IReadOnlyList<string>> Publication => [];

    /// <summary>
    /// The region an indicator count of the report is published by (with sex): the municipality,
    /// unless the report may not publish its subject by municipality (a vaccine's coverage by
    /// county only). The entitled always get every municipality.
    /// </summary>
    internal virtual ReportDimension IndicatorRegion => DimensionCatalogue.Municipality;

    /// <summary>Dimensions every table of the report has after the requested ones (the waiting-time bands).</summary>
    public virtual IReadOnlyList<ReportDimension> FixedDimensions => [];

    internal virtual FactShape Shape => FactShape.Events;

    /// <summary>The source line of the report's tables: the register it counts.</summary>
    public virtual LocalizedText Source { get; } = new("THL, Hilmo – AvoHILMO", "THL, Hilmo – AvoHILMO", "THL, Hilmo – AvoHILMO");

    /// <summary>The relations of stored versions the report counts: the latest receipt time among them dates the table.</summary>
    internal virtual IReadOnlyList<string> Relations { get; } = [ReportRelations.Events];

    internal abstract ReportAggregation Aggregation { get; }

    /// <summary>
    /// The facts as a SELECT over the report relations, one row per fact, with the columns the
    /// dimensions read (<c>event_date</c>, <c>provider_id</c> …) and those the aggregates read.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="context">Lookups.</param>
    /// <param name="parameter">Adds a parameter and gives its placeholder (<c>$3</c>).</param>
    internal abstract string FactsSql(ReportRequest request, StatisticsContext context, Func<object, string> parameter);

    /// <summary>Sets a cell's measures from the aggregates of its row (in <see cref="ReportAggregation.Aggregates"/> order).</summary>
    /// <param name="table">The table.</param>
    /// <param name="cell">The cell.</param>
    /// <param name="aggregates">The row's aggregate values.</param>
    /// <param name="categories">The cell's category code per dimension.</param>
    internal abstract void Fill(StatisticsTable table, int cell, ReadOnlySpan<object?> aggregates, IReadOnlyList<string> categories);

    /// <summary>The count of completed visits, a measure of every report.</summary>
    protected static TableMeasure Visits { get; } =
        new("visits", new("Käynnit", "Besök", "Visits"), new("käyntiä", "besök", "visits"), 0, MeasureKind.AdditiveCount);

    /// <summary>An aggregate's value as a number; null for SQL NULL.</summary>
    protected static double? Number(object? value) =>
        value is null or DBNull ? null : Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Sets a cell no fact fell into: counts are zero, everything else does not exist.</summary>
    internal virtual void FillEmpty(StatisticsTable table, int cell, IReadOnlyList<string> categories)
    {
        for (var m = 0; m < Measures.Count; m++)
        {
            table.SetValue(cell, m, Measures[m].Kind == MeasureKind.Derived ? null : 0);
        }
    }
}

/// <summary>How a report aggregates its facts.</summary>
/// <param name="Columns">The fact columns the aggregates read, carried from the facts into the keyed rows.</param>
/// <param name="Aggregates">Aggregate expressions over those columns, one per value <see cref="ReportDefinition.Fill"/> reads.</param>
/// <param name="WaitingHistogram">
/// Aggregate by waiting days first and derive medians and percentiles from the histogram: the
/// aggregates are then sums (<c>sum(x)</c>) and the row ends with the quantiles' lower and upper
/// neighbours for each of <paramref name="Quantiles"/>.
/// </param>
/// <param name="Quantiles">Probabilities of the waiting-time quantiles (0.5, 0.9).</param>
internal sealed record ReportAggregation(IReadOnlyList<string> Columns, IReadOnlyList<string> Aggregates, bool WaitingHistogram = false, IReadOnlyList<double>? Quantiles = null);
