namespace Hilmo.Statistics.Disclosure;

/// <summary>
/// One dimension's categories as the forest their <see cref="TableCategory.Parent"/> codes make:
/// every parent is a margin equal to the sum of its children, which is all disclosure control
/// needs to know of a dimension.
/// </summary>
internal sealed class CategoryTree
{
    private static readonly int[] NoCategories = [];

    private CategoryTree(int stride, int[] parents, int[][] children, int[][] ancestors)
    {
        Stride = stride;
        Parents = parents;
        Children = children;
        Ancestors = ancestors;
    }

    /// <summary>How far apart in the table two cells are that differ by one category position here.</summary>
    public int Stride { get; }

    /// <summary>The parent's position of every category, or -1 for a top category.</summary>
    public int[] Parents { get; }

    /// <summary>The children's positions of every category; empty for a leaf.</summary>
    public int[][] Children { get; }

    /// <summary>Every category's ancestors, nearest first, up to its top category.</summary>
    public int[][] Ancestors { get; }

    public int Count => Parents.Length;

    public bool IsLeaf(int category) => Children[category].Length == 0;

    /// <summary>Reads dimension <paramref name="dimension"/> of <paramref name="table"/>.</summary>
    /// <exception cref="ArgumentException">A parent code names no category, or the parents make a loop.</exception>
    public static CategoryTree Of(StatisticsTable table, int dimension)
    {
        var categories = table.Dimensions[dimension].Categories;
        var count = categories.Count;
        var stride = count > 1 ? table.WithCategory(0, dimension, 1) : 0;
        var parents = new int[count];
        var childLists = new List<int>?[count];
        for (var c = 0; c < count; c++)
        {
            parents[c] = -1;
            if (categories[c].Parent is { } parentCode)
            {
                var parent = table.Dimensions[dimension].IndexOf(parentCode);
                if (parent < 0 || parent == c)
                {
                    throw new ArgumentException(
                        $"Category '{categories[c].Code}' of dimension '{table.Dimensions[dimension].Code}' names parent '{parentCode}', which is no other category of it.",
                        nameof(table));
                }

                parents[c] = parent;
                (childLists[parent] ??= []).Add(c);
            }
        }

        var ancestors = new int[count][];
        for (var c = 0; c < count; c++)
        {
            var chain = new List<int>();
            for (var p = parents[c]; p >= 0; p = parents[p])
            {
                if (chain.Count >= count)
                {
                    throw new ArgumentException(
                        $"The parents of dimension '{table.Dimensions[dimension].Code}' make a loop.", nameof(table));
                }

                chain.Add(p);
            }

            ancestors[c] = chain.Count == 0 ? NoCategories : [.. chain];
        }

        var children = Array.ConvertAll(childLists, list => list is null ? NoCategories : list.ToArray());
        return new CategoryTree(stride, parents, children, ancestors);
    }
}
