namespace Hilmo.Statistics.Outputs;

/// <summary>
/// The table as one row per cell, the layout CSV and XLSX share: a code column and a label
/// column per dimension (<c>county_code</c>, <c>county</c>), then a column per measure headed
/// with its label and unit.
/// </summary>
internal sealed class FlatTable(TableInLanguage view)
{
    public TableInLanguage View { get; } = view;

    public int DimensionColumnCount => 2 * View.Dimensions.Count;

    public int ColumnCount => DimensionColumnCount + View.Measures.Count;

    public IReadOnlyList<string> ColumnNames()
    {
        var names = new List<string>(ColumnCount);
        foreach (var dimension in View.Dimensions)
        {
            names.Add(dimension.Code + "_code");
            names.Add(dimension.Code);
        }

        for (var m = 0; m < View.Measures.Count; m++)
        {
            var unit = View.MeasureUnit(m);
            names.Add(unit.Length == 0 ? View.MeasureLabel(m) : $"{View.MeasureLabel(m)} ({unit})");
        }

        return names;
    }

    /// <summary>The code and label of each of <paramref name="cell"/>'s categories, in column order.</summary>
    public IEnumerable<string> DimensionFields(int cell)
    {
        for (var d = 0; d < View.Dimensions.Count; d++)
        {
            var category = View.Table.CategoryOf(cell, d);
            yield return View.Dimensions[d].Categories[category].Code;
            yield return View.CategoryLabel(d, category);
        }
    }
}
