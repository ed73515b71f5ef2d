namespace Hilmo.Statistics.Disclosure;

/// <summary>
/// Finds group disclosures along the dimensions that describe persons: a margin whose whole
/// count falls into one of its categories tells that every person in it has that age or sex,
/// however large the count. That category is withheld, and later protected by a withheld
/// sibling that could hold part of the count (see <see cref="SecondarySuppression"/>).
/// </summary>
internal static class GroupDisclosure
{
    /// <summary>Withholds every group disclosure as a primary suppression.</summary>
    /// <returns>For each cell, a bit for each dimension along which it is a group disclosure; null when the rules name no dimension of the table.</returns>
    public static int[]? Withhold(StatisticsTable table, SuppressionPattern pattern)
    {
        int[]? groupDimensions = null;
        for (var d = 0; d < table.Dimensions.Count; d++)
        {
            if (!pattern.Rules.PersonDimensions.Contains(table.Dimensions[d].Code, StringComparer.Ordinal))
            {
                continue;
            }

            if (d >= 31)
            {
                throw new NotSupportedException("Group disclosure is checked along the first 31 dimensions of a table only.");
            }

            groupDimensions ??= new int[pattern.CellCount];
            var tree = pattern.Trees[d];
            for (var margin = 0; margin < pattern.CellCount; margin++)
            {
                var category = pattern.CategoryOf(margin, d);
                var children = tree.Children[category];
                if (children.Length < 2 || !(pattern.PrimaryCount(margin) > 0))
                {
                    continue;
                }

                var only = -1;
                var nonZero = 0;
                foreach (var child in children)
                {
                    var cell = margin + (child - category) * tree.Stride;
                    if (pattern.PrimaryCount(cell) != 0)
                    {
                        nonZero++;
                        only = cell;
                    }
                }

                if (nonZero == 1)
                {
                    pattern.Suppress(only, CellStatus.PrimarySuppressed);
                    groupDimensions[only] |= 1 << d;
                }
            }
        }

        return groupDimensions;
    }
}
