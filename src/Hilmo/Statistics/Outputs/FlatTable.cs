namespace Hilmo.Statistics.Outputs;

/// <summary>
/// The table as one row per cell, the layout CSV and XLSX share: a code column and a label
/// column per dimension (<c>Maakunta (koodi)</c>, <c>Maakunta</c>), then a column per measure
/// headed with its label and unit, every heading in the file's language.
/// </summary>
/// <remarks>
/// Headings are for the people who open the file in a spreadsheet; a program that wants stable
/// names reads JSON-stat or PX, where each dimension has its code.
/// </remarks>
internal sealed class FlatTable(TableInLanguage view)
{
    public TableInLanguage View { get; } = view;

    public int DimensionColumnCount => 2 * View.Dimensions.Count;

    public int ColumnCount => DimensionColumnCount + View.Measures.Count;

    public IReadOnlyList<string> ColumnNames()
    {
        var names = new List<string>(ColumnCount);
        var code = View.Text(OutputTexts.Code);
        for (var d = 0; d < View.Dimensions.Count; d++)
        {
            var label = View.DimensionLabel(d);
            names.Add($"{label} ({code})");
            names.Add(label);
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
