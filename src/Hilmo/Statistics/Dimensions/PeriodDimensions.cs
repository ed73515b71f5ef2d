using Hilmo.Codes;
using Hilmo.Statistics.Sql;

namespace Hilmo.Statistics.Dimensions;

/// <summary>The dimensions of the care-period reports (Terveys-Hilmo and Sosiaalihilmo) that visits do not have.</summary>
public static class PeriodDimensions
{
    // Declared before the dimensions built from them when the class initialises.
    /// <summary>The length-of-stay bands in days (discharge − arrival), upper bounds included; the last is open.</summary>
    public static IReadOnlyList<(string Code, int? UpTo)> StayBands { get; } =
        [("0", 0), ("1", 1), ("2-3", 3), ("4-7", 7), ("8-14", 14), ("15-30", 30), ("31-90", 90), ("91-365", 365), ("366-", null)];

    /// <summary>Code of the class of periods not yet ended.</summary>
    public const string OpenCode = "open";

    /// <summary>
    /// Social-care service areas (<c>hilmo_palveluala</c>) in the groups THL's social-care statistics
    /// use; an area in none of them is <c>other</c>.
    /// </summary>
    private static readonly (string Code, LocalizedText Label, string[] Areas)[] ServiceAreaGroups =
    [
        ("older", new("Iäkkäiden palvelut", "Tjänster för äldre", "Services for older people"), ["31", "32", "33", "34", "38"]),
        ("disability", new("Vammaispalvelut", "Tjänster för personer med funktionsnedsättning", "Disability services"), ["41", "42", "43", "44", "84", "88"]),
        ("substance_abuse", new("Päihdehuolto", "Missbrukarvård", "Substance abuse services"), ["5"]),
        ("mental_health", new("Mielenterveyskuntoutujien asuminen", "Boende för rehabiliteringsklienter inom mentalvården", "Housing for mental health rehabilitees"), ["82", "85"]),
        ("other", new("Muu palveluala", "Annat serviceområde", "Other service area"), []),
    ];

    /// <summary>The specialty (<c>hilmo_erikoisala</c>) within its two-digit main specialty.</summary>
    public static ReportDimension Specialty { get; } = new SpecialtyDimension();

    /// <summary>The social-care service area (<c>hilmo_palveluala</c>) within its group.</summary>
    public static ReportDimension ServiceArea { get; } = new NestedCodeDimension("service_area", new("Palveluala", "Serviceområde", "Service area"),
        NestedCodeDimension.CodeIdColumn("service_area_id"),
        (_, _, alias) => ([$"LEFT JOIN (SELECT c.code_id, CASE "
            + string.Concat(ServiceAreaGroups.Where(g => g.Areas.Length > 0).Select(g => "WHEN c.code IN (" + string.Join(", ", g.Areas.Select(SqlText.Literal)) + $") THEN '{g.Code}' "))
            + $"ELSE 'other' END AS category FROM {ReportRelations.Codes} c WHERE c.code_system = 'hilmo_palveluala') AS {alias} ON {alias}.code_id = f.service_area_id"],
            new LevelSql($"coalesce({alias}.category, '{ReportDimension.UnknownCode}')")),
        (context, code) => context.CodeName(KnownClassifications.ServiceArea.Name, code),
        (_, code) => ServiceAreaGroups.FirstOrDefault(g => g.Code == code).Label ?? new LocalizedText(code));

    /// <summary>The length of stay of ended periods, in bands of days (discharge − arrival).</summary>
    public static ReportDimension LengthOfStay { get; } = StayDimension(withOpen: false);

    /// <summary>The same, with a class for periods not yet ended (the Sosiaalihilmo periods begun in the period).</summary>
    public static ReportDimension LengthOfStayOrOpen { get; } = StayDimension(withOpen: true);

    /// <summary>The facts' column of the length of stay in days (discharge − arrival), null while the period is open.</summary>
    internal const string StayColumn = "f.stay_days";

    private static ReportDimension StayDimension(bool withOpen) => new ClassDimension("length_of_stay",
        new("Hoitoaika (lähtöpäivä − tulopäivä)", "Vårdtid (utskrivningsdag − inskrivningsdag)", "Length of stay (discharge − arrival)"),
        _ => [.. StayBands.Select(b => (b.Code, StayLabel(b.Code, b.UpTo))),
            .. withOpen ? [(OpenCode, new LocalizedText("Päättymätön", "Pågående", "Not ended"))] : Array.Empty<(string, LocalizedText)>()],
        (_, _, _) => ([], $"CASE WHEN {StayColumn} IS NULL THEN '{OpenCode}' "
            + string.Concat(StayBands.Where(b => b.UpTo is not null).Select(b => $"WHEN {StayColumn} <= {SqlText.Literal(b.UpTo!.Value)} THEN '{b.Code}' "))
            + $"ELSE '{StayBands[^1].Code}' END"));

    private static LocalizedText StayLabel(string code, int? upTo) => code switch
    {
        _ when upTo is null => new("yli 365 vrk", "över 365 dygn", "over 365 days"),
        _ => new($"{code.Replace('-', '–')} vrk", $"{code.Replace('-', '–')} dygn", $"{code.Replace('-', '–')} days"),
    };

    /// <summary>
    /// The specialty code, then its main specialty (the first two characters: 20G → 20), then the
    /// total. A period may name the main specialty itself (20): as a member it is <c>20.0</c>, so that
    /// the member and its group keep apart codes; an unknown specialty is <c>X.XX</c> under <c>XX</c>.
    /// </summary>
    private sealed class SpecialtyDimension() : ReportDimension("specialty", new("Erikoisala", "Specialitet", "Specialty"))
    {
        private const string UnknownGroupCode = "XX";
        private const string MainSuffix = ".0";

        internal override DimensionSql Sql(StatisticsContext context, FactShape facts, string alias) =>
            new([$"LEFT JOIN (SELECT c.code_id, substr(c.code, 1, 2) AS main FROM {ReportRelations.Codes} c WHERE c.code_system = 'hilmo_erikoisala') AS {alias} ON {alias}.code_id = f.specialty_id"],
                [new LevelSql("f.specialty_id", IsCodeId: true), new LevelSql($"coalesce({alias}.main, '{UnknownCode}')")]);

        public override string CodeOf(object value, int level, object? next)
        {
            var text = base.CodeOf(value, level, next);
            if (level == 1)
            {
                return text == UnknownCode ? UnknownGroupCode : text;
            }

            var group = next is null or DBNull ? UnknownGroupCode : CodeOf(next, 1, null);
            return text == UnknownCode ? UnknownCode + "." + group : text == group ? text + MainSuffix : text;
        }

        public override IReadOnlyList<TableCategory> Categories(IReadOnlyList<IReadOnlyCollection<(string Code, string? Parent)>> observed, ReportPeriod period, StatisticsContext context)
        {
            LocalizedText Name(string code) => context.CodeName(KnownClassifications.Specialty.Name, code);
            var categories = new List<TableCategory> { Total(AllLabel) };
            foreach (var group in observed[1].Select(o => o.Code).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                categories.Add(new TableCategory(group, group == UnknownGroupCode ? UnknownLabel : Name(group), TotalCode));
                foreach (var member in observed[0].Where(o => o.Parent == group).Select(o => o.Code).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
                {
                    var main = Name(group);
                    var label = member.StartsWith(UnknownCode + ".", StringComparison.Ordinal) ? UnknownLabel
                        : member.EndsWith(MainSuffix, StringComparison.Ordinal)
                            ? new LocalizedText($"{main.Fi} (ei suppeampaa erikoisalaa)", $"{main.In("sv")} (ingen snävare specialitet)", $"{main.In("en")} (no narrower specialty)")
                            : Name(member);
                    categories.Add(new TableCategory(member, label, group));
                }
            }

            return categories;
        }
    }
}
