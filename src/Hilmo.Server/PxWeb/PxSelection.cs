using System.Globalization;
using System.Text.RegularExpressions;
using Hilmo.Statistics;
using Hilmo.Statistics.Dimensions;
using Hilmo.Statistics.Outputs;

namespace Hilmo.Server.PxWeb;

/// <summary>One variable of a PxWeb selection: the values asked for, as codes or expressions, and a code list to read them in.</summary>
/// <param name="VariableCode">The variable (a dimension's code, or <see cref="PxVariables.Measure"/>).</param>
/// <param name="ValueCodes">Codes and expressions: <c>*</c> and other wildcards (<c>0*</c>, <c>?1</c>), <c>top(n)</c>, <c>top(n,offset)</c>, <c>bottom(n)</c>, <c>range(a,b)</c>, <c>from(a)</c>, <c>to(a)</c>.</param>
/// <param name="Codelist">A code list of the variable (<see cref="PxVariables.Codelists"/>), or null for its own values.</param>
internal sealed record PxVariableSelection(string VariableCode, IReadOnlyList<string>? ValueCodes, string? Codelist = null);

/// <summary>What a selection picks of a cube: category positions per dimension and the measures, in the cube's order.</summary>
internal sealed record PxPick(IReadOnlyList<int[]> Categories, int[] Measures)
{
    public long CellCount => Categories.Aggregate((long)Measures.Length, (product, picked) => product * picked.Length);
}

/// <summary>The variables of a cube as PxWeb sees them: its dimensions, then its measures as the contents variable.</summary>
internal static partial class PxVariables
{
    /// <summary>The contents variable: the id JSON-stat answers give the measures, so that a code read off an answer can be sent back.</summary>
    public const string Measure = JsonStatWriter.MeasureDimensionId;

    /// <summary>The contents variable's name, as the table writers label it.</summary>
    public static LocalizedText MeasureLabel { get; } = new("Tiedot", "Uppgifter", "Information");

    /// <summary>A variable can be left out of a selection, to be read at its total, when it has one.</summary>
    public static bool IsEliminable(TableDimension dimension) =>
        dimension.Role != DimensionRole.Time && dimension.IndexOf(ReportDimension.TotalCode) >= 0;

    /// <summary>
    /// The code lists of a dimension. A dimension with levels under its total (units under their
    /// providers, specialties under their main specialty) has the value set of its upper level:
    /// a subset of the same protected cells, never a new aggregate.
    /// </summary>
    public static IReadOnlyList<string> Codelists(TableDimension dimension) =>
        dimension.Categories.Any(c => c.Parent is not null && c.Parent != ReportDimension.TotalCode) ? [UpperLevel(dimension)] : [];

    public static string UpperLevel(TableDimension dimension) => $"vs_{dimension.Code}_upper";

    /// <summary>The positions of the categories a code list keeps.</summary>
    private static int[] InCodelist(TableDimension dimension, string? codelist) =>
        codelist is null
            ? [.. Enumerable.Range(0, dimension.Categories.Count)]
            : [.. Enumerable.Range(0, dimension.Categories.Count).Where(i => dimension.Categories[i].Parent is null or ReportDimension.TotalCode)];

    /// <summary>
    /// The cells <paramref name="selection"/> picks of <paramref name="cube"/>, or why it cannot
    /// (a 400 for the caller). Without any selection, PxWeb's default: every value of every
    /// variable in the latest year. A variable a selection leaves out is read at its total when it
    /// has one, over the latest year when it is time, and whole otherwise.
    /// </summary>
    public static PxPick? Pick(StatisticsTable cube, IReadOnlyList<PxVariableSelection>? selection, out string? problem)
    {
        problem = null;
        var asked = new Dictionary<string, PxVariableSelection>(StringComparer.OrdinalIgnoreCase);
        foreach (var variable in selection ?? [])
        {
            if (!cube.Dimensions.Any(d => string.Equals(d.Code, variable.VariableCode, StringComparison.OrdinalIgnoreCase))
                && !string.Equals(variable.VariableCode, Measure, StringComparison.OrdinalIgnoreCase))
            {
                problem = $"The table has no variable {Quote(variable.VariableCode)}; its variables are {string.Join(", ", cube.Dimensions.Select(d => d.Code).Append(Measure))}.";
                return null;
            }

            if (!asked.TryAdd(variable.VariableCode, variable))
            {
                problem = $"The variable {Quote(variable.VariableCode)} is selected twice.";
                return null;
            }
        }

        var categories = new List<int[]>();
        foreach (var dimension in cube.Dimensions)
        {
            int[]? picked;
            if (asked.TryGetValue(dimension.Code, out var variable))
            {
                if (variable.Codelist is { } list && !Codelists(dimension).Contains(list, StringComparer.Ordinal))
                {
                    problem = $"The variable {dimension.Code} has no code list {Quote(list)}" + (Codelists(dimension) is { Count: > 0 } lists ? $"; it has {string.Join(", ", lists)}." : "; it has none.");
                    return null;
                }

                var available = InCodelist(dimension, variable.Codelist);
                picked = Values(available, i => dimension.Categories[i].Code, variable, dimension.Role == DimensionRole.Time, out problem);
            }
            else
            {
                picked = dimension.Role == DimensionRole.Time ? LatestYear(dimension)
                    : selection is not null && IsEliminable(dimension) ? [dimension.IndexOf(ReportDimension.TotalCode)]
                    : [.. Enumerable.Range(0, dimension.Categories.Count)];
            }

            if (picked is null)
            {
                return null;
            }

            categories.Add(picked);
        }

        int[]? measures = asked.TryGetValue(Measure, out var contents)
            ? contents.Codelist is { } none
                ? Refuse($"The variable {Measure} has no code list {Quote(none)}; it has none.", out problem)
                : Values([.. Enumerable.Range(0, cube.Measures.Count)], m => cube.Measures[m].Code, contents, isTime: false, out problem)
            : [.. Enumerable.Range(0, cube.Measures.Count)];
        return measures is null ? null : new PxPick(categories, measures);
    }

    private static int[]? Refuse(string message, out string? problem)
    {
        problem = message;
        return null;
    }

    /// <summary>The periods of the last year the cube has: a time code starts with its year.</summary>
    private static int[] LatestYear(TableDimension time)
    {
        var last = time.Categories[^1].Code[..Math.Min(4, time.Categories[^1].Code.Length)];
        return [.. Enumerable.Range(0, time.Categories.Count).Where(i => time.Categories[i].Code.StartsWith(last, StringComparison.Ordinal))];
    }

    /// <summary>The positions the codes and expressions of <paramref name="variable"/> pick among <paramref name="available"/>, in the table's order.</summary>
    private static int[]? Values(int[] available, Func<int, string> codeOf, PxVariableSelection variable, bool isTime, out string? problem)
    {
        problem = null;
        if (variable.ValueCodes is not { Count: > 0 } values)
        {
            problem = $"The selection of {variable.VariableCode} names no value.";
            return null;
        }

        var codes = available.Select(codeOf).ToList();
        var picked = new HashSet<int>();
        foreach (var raw in values)
        {
            var value = raw.Trim();
            var at = Expression(value, codes, isTime, out var expressionProblem);
            if (expressionProblem is not null)
            {
                problem = $"{expressionProblem} (variable {variable.VariableCode}).";
                return null;
            }

            if (at is null)
            {
                var exact = codes.IndexOf(value);
                if (exact < 0)
                {
                    problem = $"Value {Quote(value)} is not a valid value code for variable {variable.VariableCode}.";
                    return null;
                }

                at = [exact];
            }

            picked.UnionWith(at);
        }

        return [.. picked.Order().Select(i => available[i])];
    }

    /// <summary>
    /// The positions a selection expression picks; null when <paramref name="value"/> is a plain code.
    /// <c>top(n)</c> is the n latest periods of time and the n first values of anything else, as
    /// PxWeb reads it; <c>bottom(n)</c> the other end.
    /// </summary>
    private static IEnumerable<int>? Expression(string value, List<string> codes, bool isTime, out string? problem)
    {
        problem = null;
        if (value.Contains('*', StringComparison.Ordinal) || value.Contains('?', StringComparison.Ordinal))
        {
            var pattern = new Regex("^" + Regex.Escape(value).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
                RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return Enumerable.Range(0, codes.Count).Where(i => pattern.IsMatch(codes[i])).ToList();
        }

        var match = Function().Match(value);
        if (!match.Success)
        {
            return null;
        }

        var name = match.Groups["name"].Value.ToLowerInvariant();
        var arguments = match.Groups["args"].Value.Split(',', StringSplitOptions.TrimEntries);
        switch (name)
        {
            case "top" or "bottom":
                var count = arguments.Length is 1 or 2 ? Count(arguments[0]) : -1;
                var offset = arguments.Length == 2 ? Count(arguments[1]) : 0;
                if (count < 1 || offset < 0)
                {
                    problem = $"{name}(n) and {name}(n,offset) take a count of at least 1 and an offset of at least 0, not {Quote(value)}";
                    return null;
                }

                // Time is in ascending order, so its top (the latest periods) is at the end.
                var fromStart = (name == "top") != isTime;
                var first = fromStart ? offset : codes.Count - offset - count;
                var (from, to) = (Math.Max(0, first), Math.Min(codes.Count, first + count));
                return Enumerable.Range(from, Math.Max(0, to - from));

            case "range" or "from" or "to":
                if (arguments.Length != (name == "range" ? 2 : 1))
                {
                    problem = $"{name} takes {(name == "range" ? "two codes" : "one code")}, not {Quote(value)}";
                    return null;
                }

                var positions = arguments.Select(code => codes.IndexOf(code)).ToArray();
                if (Array.FindIndex(positions, p => p < 0) is var missing and >= 0)
                {
                    problem = $"Value {Quote(arguments[missing])} in {Quote(value)} is not a valid value code";
                    return null;
                }

                var (start, end) = name switch
                {
                    "range" => (Math.Min(positions[0], positions[1]), Math.Max(positions[0], positions[1])),
                    "from" => (positions[0], codes.Count - 1),
                    _ => (0, positions[0]),
                };
                return Enumerable.Range(start, end - start + 1);

            default:
                return null;
        }
    }

    /// <summary>A non-negative whole number, or -1.</summary>
    private static int Count(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : -1;

    /// <summary>Splits a GET parameter's comma-separated values, keeping the commas inside an expression (<c>range(a,b)</c>).</summary>
    public static IReadOnlyList<string> SplitValues(IEnumerable<string?> parameters)
    {
        var values = new List<string>();
        foreach (var parameter in parameters)
        {
            var depth = 0;
            var start = 0;
            var text = parameter ?? "";
            for (var i = 0; i <= text.Length; i++)
            {
                if (i == text.Length || (text[i] == ',' && depth == 0))
                {
                    if (text[start..i].Trim() is { Length: > 0 } value)
                    {
                        values.Add(value);
                    }

                    start = i + 1;
                }
                else if (text[i] == '(')
                {
                    depth++;
                }
                else if (text[i] == ')')
                {
                    depth = Math.Max(0, depth - 1);
                }
            }
        }

        return values;
    }

    /// <summary>
    /// The part of <paramref name="cube"/> a pick keeps, figures and withheld marks copied as they
    /// are: a selection never computes anything. A category whose parent is not kept loses it.
    /// </summary>
    public static StatisticsTable Cut(StatisticsTable cube, PxPick pick)
    {
        var dimensions = cube.Dimensions.Select((dimension, d) =>
        {
            var kept = pick.Categories[d].Select(i => dimension.Categories[i]).ToList();
            var codes = kept.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
            return dimension with { Categories = [.. kept.Select(c => c.Parent is { } parent && !codes.Contains(parent) ? c with { Parent = null } : c)] };
        }).ToList();
        var measures = pick.Measures.Select(m => cube.Measures[m]).ToList();
        var table = new StatisticsTable(cube.Metadata, dimensions, measures);
        var at = new int[dimensions.Count];
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            for (var d = 0; d < at.Length; d++)
            {
                at[d] = pick.Categories[d][table.CategoryOf(cell, d)];
            }

            var from = cube.CellOf(at);
            for (var m = 0; m < measures.Count; m++)
            {
                var status = cube.Status(from, pick.Measures[m]);
                if (status is CellStatus.PrimarySuppressed or CellStatus.SecondarySuppressed)
                {
                    table.Suppress(cell, m, status);
                }
                else
                {
                    table.SetValue(cell, m, cube.Value(from, pick.Measures[m]));
                }
            }
        }

        return table;
    }

    private static string Quote(string text) => Validation.Finding.Quote(text);

    [GeneratedRegex(@"^(?<name>[A-Za-z]+)\((?<args>[^()]*)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex Function();
}
