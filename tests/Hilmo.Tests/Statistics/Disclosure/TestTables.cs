using Hilmo.Statistics;
using Hilmo.Testing.Statistics;

namespace Hilmo.Tests.Statistics.Disclosure;

/// <summary>Small tables written out by hand, for the cases a reader should be able to check on paper.</summary>
internal static class TestTables
{
    /// <summary>
    /// A rows × columns table of visits with row, column and grand totals; the total is category
    /// 0 of each dimension, so inner cell (i, j) is <c>CellOf([i, j])</c> counting from 1.
    /// </summary>
    public static StatisticsTable TwoWay(double[,] inner, params TableMeasure[] measures)
    {
        var table = SyntheticTables.Empty(
            [SyntheticTables.Flat("row", inner.GetLength(0)), SyntheticTables.Flat("column", inner.GetLength(1))],
            measures.Length > 0 ? measures : [SyntheticTables.Measure(SyntheticTables.Visits, MeasureKind.AdditiveCount)]);
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            table.SetValue(cell, 0, 0);
        }

        for (var i = 0; i < inner.GetLength(0); i++)
        {
            for (var j = 0; j < inner.GetLength(1); j++)
            {
                table.SetValue(table.CellOf([i + 1, j + 1]), 0, inner[i, j]);
            }
        }

        SyntheticTables.AddUpMargins(table, 0);
        return table;
    }
}
