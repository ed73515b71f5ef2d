namespace Hilmo.Statistics.Disclosure;

/// <summary>
/// A set of withheld cells that can move together without changing any published figure or any
/// of the table's sums: the cells of one sign go up while those of the other go down by the same
/// amount. Each of them can therefore take every value in an interval at least as wide as
/// <see cref="Widths"/> for an attacker who knows everything published, which is what the linear
/// programming audit would find at the least. The classic case is the four corners of a
/// rectangle in a two-way table.
/// </summary>
/// <param name="Cells">The cells the direction moves, the searched-for cell first.</param>
/// <param name="Signs">+1 or -1 for each cell: cells of equal sign move the same way.</param>
/// <param name="Widths">For each additive count, how far the cells can move in all (both ways added up).</param>
/// <param name="FallRoom">
/// For each sign (index 0 for +1, 1 for -1), how far the first additive count of the cells of that
/// sign can fall, which is how far the cells of the other sign can rise.
/// </param>
/// <param name="PositiveTops">For each dimension, the highest category of the positive side of the move along it.</param>
/// <param name="NegativeTops">
/// For each dimension, the sibling of <paramref name="PositiveTops"/> the move trades with, or -1
/// where the move runs up to the top category instead (it then changes the margins with it).
/// </param>
internal sealed record ProtectingDirection(
    int[] Cells,
    sbyte[] Signs,
    double[] Widths,
    double[] FallRoom,
    int[] PositiveTops,
    int[] NegativeTops);
