using Google.OrTools.LinearSolver;
using Hilmo.Statistics;
using Hilmo.Statistics.Disclosure;

namespace Hilmo.Testing.Statistics.Disclosure;

/// <summary>
/// What an attacker can work out of a published table: for a withheld cell and an additive
/// count, the least and the greatest value it can have given every published figure, every sum
/// the categories' parents make, and that no count is negative. Solved exactly by linear
/// programming (GLOP), independently of how disclosure control chose its pattern.
/// </summary>
/// <remarks>
/// Not applicable figures are known to the reader as such and count as zero in the sums.
/// Relations between different measures (a count within a limit is at most all visits) are not
/// published equations and are not used, as in the production rules.
/// </remarks>
public sealed class LinearProgrammingAudit : IDisposable
{
    /// <summary>
    /// A bound far above any count, standing for none: GLOP reports an unbounded maximum as
    /// infeasible, so the unknowns get this ceiling and reaching it reads as unbounded.
    /// </summary>
    private const double Unbounded = 1e6;

    private readonly StatisticsTable table;
    private readonly Dictionary<int, (Solver Solver, Dictionary<int, Variable> Unknowns)> models = [];

    public LinearProgrammingAudit(StatisticsTable table) => this.table = table;

    /// <summary>The interval the attacker can narrow the cell's <paramref name="measure"/> down to.</summary>
    public Bounds Interval(int cell, int measure)
    {
        var (solver, unknowns) = Model(measure);
        if (!unknowns.TryGetValue(cell, out var unknown))
        {
            var known = table.Value(cell, measure) ?? 0;
            return new Bounds(known, known);
        }

        var objective = solver.Objective();
        objective.Clear();
        objective.SetCoefficient(unknown, 1);
        objective.SetMinimization();
        var lower = Solve(solver, unknown);
        objective.SetMaximization();
        var upper = Solve(solver, unknown);
        return new Bounds(lower, upper);
    }

    /// <summary>
    /// Every withheld additive figure whose interval is narrower than the rules' protection
    /// width, or, where a published margin over it is smaller than that, than the margin.
    /// </summary>
    public IReadOnlyList<string> Failures(DisclosureRules rules)
    {
        var failures = new List<string>();
        for (var m = 0; m < table.Measures.Count; m++)
        {
            if (table.Measures[m].Kind != MeasureKind.AdditiveCount)
            {
                continue;
            }

            foreach (var cell in Model(m).Unknowns.Keys)
            {
                var bounds = Interval(cell, m);
                var required = Math.Min(rules.ProtectionWidth, SmallestPublishedMargin(cell, m));
                if (bounds.Width < required - 1e-6)
                {
                    failures.Add($"cell {cell} ({Describe(cell)}) {table.Measures[m].Code}: [{bounds.Lower}, {bounds.Upper}] narrower than {required}");
                }
            }
        }

        return failures;
    }

    /// <summary>The smallest published figure of a margin the cell adds up into; infinite when none is published.</summary>
    public double SmallestPublishedMargin(int cell, int measure)
    {
        var smallest = double.PositiveInfinity;
        foreach (var margin in MarginsOver(cell))
        {
            if (table.Status(margin, measure) == CellStatus.Published)
            {
                smallest = Math.Min(smallest, table.Value(margin, measure)!.Value);
            }
        }

        return smallest;
    }

    public void Dispose()
    {
        foreach (var (solver, _) in models.Values)
        {
            solver.Dispose();
        }
    }

    private static double Solve(Solver solver, Variable unknown) => solver.Solve() switch
    {
        Solver.ResultStatus.OPTIMAL => unknown.SolutionValue() >= Unbounded / 2 ? double.PositiveInfinity : unknown.SolutionValue(),
        var status => throw new InvalidOperationException($"The audit's linear program ended {status}: the table's sums do not hold."),
    };

    private (Solver Solver, Dictionary<int, Variable> Unknowns) Model(int measure)
    {
        if (models.TryGetValue(measure, out var model))
        {
            return model;
        }

        var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("GLOP is not available.");
        var unknowns = new Dictionary<int, Variable>();
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            if (table.Status(cell, measure) is CellStatus.PrimarySuppressed or CellStatus.SecondarySuppressed)
            {
                unknowns[cell] = solver.MakeNumVar(0, Unbounded, $"x{cell}");
            }
        }

        for (var d = 0; d < table.Dimensions.Count; d++)
        {
            var children = ChildrenOf(table.Dimensions[d]);
            for (var margin = 0; margin < table.CellCount; margin++)
            {
                var parts = children[table.CategoryOf(margin, d)];
                if (parts.Length > 0)
                {
                    AddSum(solver, unknowns, measure, margin, [.. parts.Select(c => table.WithCategory(margin, d, c))]);
                }
            }
        }

        models[measure] = (solver, unknowns);
        return (solver, unknowns);
    }

    /// <summary>Adds <c>margin = sum of parts</c>, the published figures moved to the right-hand side.</summary>
    private void AddSum(Solver solver, Dictionary<int, Variable> unknowns, int measure, int margin, int[] parts)
    {
        var coefficients = new List<(Variable Unknown, double Coefficient)>();
        var constant = 0.0;
        foreach (var (cell, coefficient) in parts.Select(p => (p, -1.0)).Prepend((margin, 1.0)))
        {
            if (unknowns.TryGetValue(cell, out var unknown))
            {
                coefficients.Add((unknown, coefficient));
            }
            else
            {
                constant += coefficient * (table.Value(cell, measure) ?? 0);
            }
        }

        if (coefficients.Count > 0)
        {
            var sum = solver.MakeConstraint(-constant, -constant);
            foreach (var (unknown, coefficient) in coefficients)
            {
                sum.SetCoefficient(unknown, coefficient);
            }
        }
    }

    private IEnumerable<int> MarginsOver(int cell)
    {
        IEnumerable<int> cells = [cell];
        for (var d = 0; d < table.Dimensions.Count; d++)
        {
            var dimension = d;
            cells = cells.SelectMany(c => AncestorsAndSelf(table.Dimensions[dimension], table.CategoryOf(c, dimension)).Select(a => table.WithCategory(c, dimension, a)));
        }

        return cells.Where(c => c != cell);
    }

    private static IEnumerable<int> AncestorsAndSelf(TableDimension dimension, int category)
    {
        for (var c = category; c >= 0; c = dimension.Categories[c].Parent is { } parent ? dimension.IndexOf(parent) : -1)
        {
            yield return c;
        }
    }

    private static int[][] ChildrenOf(TableDimension dimension) =>
        [.. dimension.Categories.Select(parent => Enumerable.Range(0, dimension.Categories.Count)
            .Where(c => dimension.Categories[c].Parent == parent.Code)
            .ToArray())];

    private string Describe(int cell) => string.Join(", ",
        table.Dimensions.Select((d, i) => d.Categories[table.CategoryOf(cell, i)].Code));

    /// <summary>A closed interval; <see cref="Upper"/> is infinite when nothing bounds the cell from above.</summary>
    public readonly record struct Bounds(double Lower, double Upper)
    {
        public double Width => Upper - Lower;
    }
}
