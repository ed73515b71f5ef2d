using System.Globalization;

namespace Hilmo.Statistics.Outputs;

/// <summary>
/// A table dimension as a PX variable: the categories the file holds, the time list of a time
/// dimension, the code tree of a nested dimension and the total that stands in for the whole.
/// </summary>
/// <param name="Dimension">The dimension's position in the table.</param>
/// <param name="Categories">Positions of the categories the file holds, in display order.</param>
/// <param name="TimeList"><c>TLIST(..)</c> and the periods, for <c>TIMEVAL</c>; null when the dimension is not time or its periods fit no PX time scale.</param>
/// <param name="Hierarchy">The parent–child pairs for <c>HIERARCHIES</c>; null unless the dimension nests three levels or more.</param>
/// <param name="Total">The position of the one category every other adds up into, for <c>ELIMINATION</c>; null without one.</param>
/// <param name="IsFlat">No held category is part of another, so the categories partition the whole.</param>
internal sealed record PxVariable(int Dimension, IReadOnlyList<int> Categories, IReadOnlyList<PxToken>? TimeList, PxHierarchy? Hierarchy, int? Total, bool IsFlat)
{
    /// <summary>Whether the file holds each of the dimension's categories, by position.</summary>
    public bool[] Holds(int categoryCount)
    {
        var holds = new bool[categoryCount];
        foreach (var category in Categories)
        {
            holds[category] = true;
        }

        return holds;
    }

    public static PxVariable Of(TableDimension dimension, int position)
    {
        var categories = Enumerable.Range(0, dimension.Categories.Count).ToList();
        IReadOnlyList<PxToken>? timeList = null;
        if (dimension.Role == DimensionRole.Time && TimeScaleOf(dimension, out var periods) is { } scale)
        {
            categories = periods;
            timeList = [PxToken.Bare($"TLIST({scale})"), .. periods.Select(p => PxToken.Quoted(PxPeriod(dimension.Categories[p].Code)))];
        }

        var codes = categories.Select(c => dimension.Categories[c].Code).ToHashSet(StringComparer.Ordinal);
        string? HeldParent(int category) => dimension.Categories[category].Parent is { } parent && codes.Contains(parent) ? parent : null;
        var tops = categories.Where(c => HeldParent(c) is null).ToList();
        var total = tops.Count == 1 && categories.Count > 1 ? tops[0] : (int?)null;
        var isFlat = tops.Count == categories.Count;
        return new PxVariable(position, categories, timeList, PxHierarchy.Of(dimension, categories, HeldParent), total, isFlat);
    }

    /// <summary>
    /// The PX time scale every period of the dimension is in, with the periods' positions; the
    /// one total over the span, if there is one, is left out. Null when a code fits no scale.
    /// </summary>
    private static string? TimeScaleOf(TableDimension dimension, out List<int> periods)
    {
        periods = [];
        string? scale = null;
        int? spanTotal = null;
        for (var i = 0; i < dimension.Categories.Count; i++)
        {
            var category = dimension.Categories[i];
            var categoryScale = ScaleOf(category.Code);
            if (categoryScale is null)
            {
                if (category.Parent is not null || spanTotal is not null)
                {
                    return null;
                }

                spanTotal = i;
                continue;
            }

            if (scale is not null && scale != categoryScale)
            {
                return null;
            }

            scale = categoryScale;
            periods.Add(i);
        }

        // The left-out category must be the periods' own total, not some other class.
        var totalCode = spanTotal is { } t ? dimension.Categories[t].Code : null;
        if (scale is null || (totalCode is not null && periods.Any(p => dimension.Categories[p].Parent != totalCode)))
        {
            return null;
        }

        return scale;
    }

    /// <summary>The PX time scale of a period code as the register writes them (<c>2025</c>, <c>2025-Q1</c>, <c>2025-03</c>, <c>2025-W09</c>); null for any other code, days among them.</summary>
    private static string? ScaleOf(string code)
    {
        if (code.Length < 4 || !IsDigits(code.AsSpan(0, 4)))
        {
            return null;
        }

        var rest = code.AsSpan(4);
        return rest switch
        {
            [] => "A1",
            ['-', 'Q', var q] when q is >= '1' and <= '4' => "Q1",
            ['-', 'W', _, _] when IsNumberIn(rest[2..], 1, 53) => "W1",
            ['-', _, _] when IsNumberIn(rest[1..], 1, 12) => "M1",
            _ => null,
        };
    }

    /// <summary>The period as PX writes it: the register's code without its dash, a month with <c>M</c>.</summary>
    private static string PxPeriod(string code) => code.Length switch
    {
        4 => code,
        7 when code[5] != 'Q' => code[..4] + "M" + code[5..],
        _ => code.Remove(4, 1),
    };

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsNumberIn(ReadOnlySpan<char> text, int lowest, int highest) =>
        IsDigits(text) && int.Parse(text, CultureInfo.InvariantCulture) is var n && n >= lowest && n <= highest;
}

/// <summary>
/// A dimension's code tree as PX writes it in <c>HIERARCHIES</c>: the roots, then a
/// <c>"parent":"child"</c> pair per other category, in display order. Values are named by their
/// codes, which are the same in every language and cannot hold the colon that separates a pair.
/// </summary>
/// <param name="Pairs">The tokens of the keyword's value.</param>
/// <param name="Levels">How deep the tree is, for <c>HIERARCHYLEVELS</c>.</param>
internal sealed record PxHierarchy(IReadOnlyList<PxToken> Pairs, int Levels)
{
    /// <summary>
    /// Only a nested dimension (a total, groups, and members in them) is a hierarchy to a PX
    /// reader: a total over flat categories is what <c>ELIMINATION</c> already says.
    /// </summary>
    private const int FewestLevels = 3;

    public static PxHierarchy? Of(TableDimension dimension, IReadOnlyList<int> categories, Func<int, string?> parentOf)
    {
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        var pairs = new List<PxToken>();
        var levels = 0;
        foreach (var category in categories)
        {
            var code = dimension.Categories[category].Code;
            var parent = parentOf(category);
            depth[code] = parent is null ? 1 : DepthOf(parent) + 1;
            levels = Math.Max(levels, depth[code]);
            pairs.Add(parent is null
                ? PxToken.Quoted(code)
                : PxToken.Bare('"' + PxToken.Clean(parent) + "\":\"" + PxToken.Clean(code) + '"'));
        }

        return levels >= FewestLevels ? new PxHierarchy([.. pairs.OrderBy(p => p.IsQuoted ? 0 : 1)], levels) : null;

        // Parents come before their children in display order; one that does not is counted from its own parent.
        int DepthOf(string parent)
        {
            if (depth.TryGetValue(parent, out var known))
            {
                return known;
            }

            var position = dimension.IndexOf(parent);
            return position >= 0 && parentOf(position) is { } grandparent ? DepthOf(grandparent) + 1 : 1;
        }
    }
}
