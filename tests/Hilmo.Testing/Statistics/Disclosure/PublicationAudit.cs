using Google.OrTools.LinearSolver;
using Hilmo.Statistics;
using Hilmo.Statistics.Disclosure;

namespace Hilmo.Testing.Statistics.Disclosure;

/// <summary>
/// What an attacker can work out of every table of a publication together: the same figure in
/// two tables is one unknown, and every table's sums bind it. Each cell is named by what it
/// counts (its non-total categories, with a dimension that is a level of another named as that
/// one), so a county's total in a table by county and in one by county and sex is the same
/// unknown. Solved exactly by linear programming (GLOP), as <see cref="LinearProgrammingAudit"/>
/// does for one table, and independently of how the register chose what to withhold.
/// </summary>
public sealed class PublicationAudit : IDisposable
{
    private const double Unbounded = 1e7;

    private readonly Dictionary<string, (CellStatus Status, double? Value, string Table)> cells = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> smallestMargin = new(StringComparer.Ordinal);
    private readonly HashSet<string> sums = new(StringComparer.Ordinal);
    private readonly List<(string Margin, string[] Parts)> equations = [];
    private readonly List<string> inconsistencies = [];
    private readonly string measure;
    private readonly List<Solver> solvers = [];
    private readonly Dictionary<string, (Solver Solver, Variable Unknown)> unknowns = new(StringComparer.Ordinal);

    /// <param name="tables">The published tables, as the public gets them.</param>
    /// <param name="measure">The additive count to audit (<c>visits</c>).</param>
    /// <param name="sameAs">Names a dimension that is a level of another by that one (<c>provider</c> is the upper level of <c>unit</c>).</param>
    public PublicationAudit(IEnumerable<StatisticsTable> tables, string measure, Func<string, string> sameAs)
    {
        this.measure = measure;
        foreach (var table in tables)
        {
            Add(table, sameAs);
        }

        // Unknowns that no sum links are independent: each group of linked ones is its own
        // linear program, which keeps every one small however many tables there are.
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        string Find(string key)
        {
            while (groups[key] != key)
            {
                key = groups[key] = groups[groups[key]];
            }

            return key;
        }

        foreach (var (key, cell) in cells)
        {
            if (Withheld(cell.Status))
            {
                groups[key] = key;
            }
        }

        foreach (var (margin, parts) in equations)
        {
            var linked = parts.Prepend(margin).Where(groups.ContainsKey).Select(Find).Distinct(StringComparer.Ordinal).ToList();
            foreach (var other in linked.Skip(1))
            {
                groups[other] = linked[0];
            }
        }

        var solverOf = new Dictionary<string, Solver>(StringComparer.Ordinal);
        foreach (var key in groups.Keys.ToList())
        {
            var root = Find(key);
            if (!solverOf.TryGetValue(root, out var solver))
            {
                solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("GLOP is not available.");
                solvers.Add(solver);
                solverOf[root] = solver;
            }

            unknowns[key] = (solver, solver.MakeNumVar(0, Unbounded, key));
        }

        foreach (var (margin, parts) in equations)
        {
            AddSum(margin, parts);
        }
    }

    /// <summary>Cells two tables show differently: a figure published in one and withheld in another, or two different figures.</summary>
    public IReadOnlyList<string> Inconsistencies => inconsistencies;

    /// <summary>How many different cells the tables show, and how many of them are withheld.</summary>
    public (int Cells, int Withheld) Size => (cells.Count, unknowns.Count);

    /// <summary>
    /// Every withheld cell whose interval, given all the tables, is narrower than the protection
    /// width, or than the smallest published margin over it where that is smaller. With
    /// <paramref name="most"/>, that many cells spread evenly over all of them (in the order of
    /// what they count), each still bounded by every table: two linear programs per cell over a
    /// publication's thousands of linked unknowns take minutes.
    /// </summary>
    public IReadOnlyList<string> Failures(DisclosureRules rules, int most = int.MaxValue)
    {
        var failures = new List<string>();
        var ordered = unknowns.OrderBy(u => u.Key, StringComparer.Ordinal).ToList();
        var step = Math.Max(1, (ordered.Count + most - 1) / most);
        foreach (var (key, (solver, unknown)) in ordered.Where((_, i) => i % step == 0))
        {
            var objective = solver.Objective();
            objective.Clear();
            objective.SetCoefficient(unknown, 1);
            objective.SetMinimization();
            var lower = Solve(solver, unknown);
            objective.SetMaximization();
            var upper = Solve(solver, unknown);
            var required = Math.Min(rules.ProtectionWidth, smallestMargin.GetValueOrDefault(key, double.PositiveInfinity));
            if (upper - lower < required - 1e-6)
            {
                failures.Add($"{key} ({cells[key].Table}): [{lower}, {upper}] narrower than {required}");
            }
        }

        return failures;
    }

    public void Dispose()
    {
        foreach (var solver in solvers)
        {
            solver.Dispose();
        }
    }

    private void Add(StatisticsTable table, Func<string, string> sameAs)
    {
        var m = table.Measures.Select(x => x.Code).ToList().IndexOf(measure);
        if (m < 0)
        {
            return;
        }

        var name = $"{table.Metadata.Report} by {string.Join(",", table.Dimensions.Select(d => d.Code))}";
        var keys = new string[table.CellCount];
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            keys[cell] = KeyOf(table, cell, sameAs);
            var status = table.Status(cell, m);
            var value = status == CellStatus.Published ? table.Value(cell, m) : null;
            if (cells.TryGetValue(keys[cell], out var seen))
            {
                if (Withheld(seen.Status) != Withheld(status) || seen.Value != value)
                {
                    inconsistencies.Add($"{keys[cell]}: {Show(seen.Status, seen.Value)} in {seen.Table}, {Show(status, value)} in {name}");
                }
            }
            else
            {
                cells[keys[cell]] = (status, value, name);
            }
        }

        for (var d = 0; d < table.Dimensions.Count; d++)
        {
            var dimension = table.Dimensions[d];
            var children = dimension.Categories.Select(parent => Enumerable.Range(0, dimension.Categories.Count)
                .Where(c => dimension.Categories[c].Parent == parent.Code).ToArray()).ToArray();
            for (var margin = 0; margin < table.CellCount; margin++)
            {
                var parts = children[table.CategoryOf(margin, d)];
                if (parts.Length == 0)
                {
                    continue;
                }

                var partKeys = parts.Select(c => keys[table.WithCategory(margin, d, c)]).ToArray();
                if (sums.Add(keys[margin] + "=" + string.Join("+", partKeys.Order(StringComparer.Ordinal))))
                {
                    equations.Add((keys[margin], partKeys));
                }
            }
        }

        // The published margins over each withheld cell bound how wide its interval can be.
        using var single = new LinearProgrammingAudit(table);
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            if (Withheld(table.Status(cell, m)))
            {
                var margin = single.SmallestPublishedMargin(cell, m);
                smallestMargin[keys[cell]] = Math.Min(smallestMargin.GetValueOrDefault(keys[cell], double.PositiveInfinity), margin);
            }
        }
    }

    /// <summary>What a cell counts: its categories other than totals, by dimension.</summary>
    private static string KeyOf(StatisticsTable table, int cell, Func<string, string> sameAs) => string.Join("|",
        table.Dimensions.Select((d, i) => (Dimension: sameAs(d.Code), d.Categories[table.CategoryOf(cell, i)].Code))
            .Where(x => x.Code != Hilmo.Statistics.Dimensions.ReportDimension.TotalCode)
            .Select(x => $"{x.Dimension}={x.Code}")
            .Order(StringComparer.Ordinal));

    private void AddSum(string margin, string[] parts)
    {
        var coefficients = new List<(Variable Unknown, double Coefficient)>();
        Solver? solver = null;
        var constant = 0.0;
        foreach (var (key, coefficient) in parts.Select(p => (p, -1.0)).Prepend((margin, 1.0)))
        {
            if (unknowns.TryGetValue(key, out var unknown))
            {
                solver = unknown.Solver;
                coefficients.Add((unknown.Unknown, coefficient));
            }
            else
            {
                constant += coefficient * (cells[key].Value ?? 0);
            }
        }

        if (solver is not null)
        {
            var sum = solver.MakeConstraint(-constant, -constant);
            foreach (var (unknown, coefficient) in coefficients)
            {
                sum.SetCoefficient(unknown, sum.GetCoefficient(unknown) + coefficient);
            }
        }
    }

    private static double Solve(Solver solver, Variable unknown) => solver.Solve() switch
    {
        Solver.ResultStatus.OPTIMAL => unknown.SolutionValue() >= Unbounded / 2 ? double.PositiveInfinity : unknown.SolutionValue(),
        var status => throw new InvalidOperationException($"The audit's linear program ended {status}: the tables' sums do not hold together."),
    };

    private static bool Withheld(CellStatus status) => status is CellStatus.PrimarySuppressed or CellStatus.SecondarySuppressed;

    private static string Show(CellStatus status, double? value) => Withheld(status) ? ".." : value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ".";
}
