using Hilmo.Codes;
using Hilmo.Notifications;
using Hilmo.Statistics.Sql;

namespace Hilmo.Statistics.Dimensions;

/// <summary>Every dimension a report can be broken down by, under the code a request names it with (<c>by=county,month</c>).</summary>
public static class DimensionCatalogue
{
    // Declared first: the dimensions below are built from them when the class initialises.
    private static readonly LocalizedText Unknown = new("Tuntematon", "Okänd", "Unknown");

    private static readonly (string Code, LocalizedText Label, string[] Prefixes)[] ProfessionGroups =
    [
        ("physician", new("Lääkäri", "Läkare", "Physician"), ["2221"]),
        ("dentist", new("Hammaslääkäri", "Tandläkare", "Dentist"), ["2222"]),
        ("nurse", new("Sairaanhoitaja, terveydenhoitaja tai kätilö", "Sjukskötare, hälsovårdare eller barnmorska", "Nurse, public health nurse or midwife"), ["323"]),
        ("other", new("Muu ammattilainen", "Annan yrkesutbildad person", "Other professional"), []),
    ];

    private static readonly (string Code, LocalizedText Label, string[] Codes)[] ContactGroups =
    [
        ("in_person", new("Käynti", "Besök", "In person"), ["R10", "R20", "R30", "R40", "R41"]),
        ("remote", new("Etäasiointi", "Distanskontakt", "Remote"), ["R50", "R51", "R52", "R55", "R56"]),
        ("consultation", new("Konsultaatio tai asian hoito ilman asiakasta", "Konsultation eller ärende utan klient", "Consultation or matter handled without the client"), ["R60", "R70", "R71", "R72"]),
        ("other", new("Muu", "Annan", "Other"), []),
    ];

    private static readonly (string Code, int? To)[] AgeGroups =
        [("0-6", 6), ("7-12", 12), ("13-17", 17), ("18-22", 22), ("23-44", 44), ("45-64", 64), ("65-74", 74), ("75-", null)];

    /// <summary>The age groups with their first and last age (null: open), so that a rate's population is taken of the same ages.</summary>
    internal static IReadOnlyList<(string Code, int From, int? To)> AgeGroupBounds { get; } =
        [.. AgeGroups.Select((g, i) => (g.Code, i == 0 ? 0 : AgeGroups[i - 1].To!.Value + 1, g.To))];

    public static TimeDimension Day { get; } = new("day", new("Päivä", "Dag", "Day"), TimeGrain.Day);

    public static TimeDimension Week { get; } = new("week", new("Viikko", "Vecka", "Week"), TimeGrain.Week);

    public static TimeDimension Month { get; } = new("month", new("Kuukausi", "Månad", "Month"), TimeGrain.Month);

    public static TimeDimension Quarter { get; } = new("quarter", new("Neljännes", "Kvartal", "Quarter"), TimeGrain.Quarter);

    public static TimeDimension Year { get; } = new("year", new("Vuosi", "År", "Year"), TimeGrain.Year);

    /// <summary>Every time dimension, from the finest.</summary>
    public static IReadOnlyList<ReportDimension> Times { get; } = [Day, Week, Month, Quarter, Year];

    /// <summary>The client's home municipality's wellbeing services county.</summary>
    public static ReportDimension County { get; } = new ClassDimension("county", new("Hyvinvointialue (asuinpaikka)", "Välfärdsområde (boningsort)", "Wellbeing services county (residence)"),
        context => [.. context.Regions.Counties, (ReportDimension.UnknownCode, new LocalizedText("Tuntematon", "Okänd", "Unknown"))],
        (context, _, alias) => ([MunicipalityCountyJoin(context, alias)], $"coalesce({alias}.county, '{ReportDimension.UnknownCode}')"),
        DimensionRole.Region);

    /// <summary>The client's home municipality, within its county.</summary>
    public static ReportDimension Municipality { get; } = new NestedCodeDimension("municipality", new("Kotikunta", "Hemkommun", "Municipality of residence"),
        NestedCodeDimension.CodeIdColumn("municipality_id"),
        (context, _, alias) => ([MunicipalityCountyJoin(context, alias)], new LevelSql($"coalesce({alias}.county, '{ReportDimension.UnknownCode}')")),
        (context, code) => context.Regions.Municipalities.TryGetValue(code, out var m) ? m.Name : new LocalizedText(code),
        (context, code) => context.Regions.CountyName(code),
        DimensionRole.Region)
    {
        Fields = [StoredFields.Of<Client>(nameof(Client.HomeMunicipality))],
    };

    public static ReportDimension Provider { get; } = new CodeDimension("provider", new("Palveluntuottaja", "Tjänsteproducent", "Service provider"),
        "provider_id", (context, code) => context.Providers.NameOf(code), isProvider: true)
    {
        Fields = [StoredFields.Of<Notification>(nameof(Notification.Provider))],
    };

    /// <summary>The wellbeing services county the provider belongs to, from the provider register.</summary>
    public static ReportDimension ProviderCounty { get; } = new ClassDimension("provider_county", new("Hyvinvointialue (tuottaja)", "Välfärdsområde (producent)", "Wellbeing services county (provider)"),
        context => [.. context.Regions.Counties, (ReportDimension.UnknownCode, new LocalizedText("Tuntematon", "Okänd", "Unknown"))],
        ProviderCountySql, DimensionRole.Region);

    /// <summary>
    /// The service unit, within its provider: a unit the unit register gives to the provider of the
    /// fact, else the provider's unregistered units (<see cref="UnitRegister"/>), so that a code
    /// only a record names is never published and a unit is never under two providers.
    /// </summary>
    public static ReportDimension Unit { get; } = new NestedCodeDimension("unit", new("Palveluyksikkö", "Serviceenhet", "Service unit"),
        RegisteredUnitSql,
        (_, _, _) => ([], new LevelSql("f.provider_id", IsCodeId: true)),
        (context, code) => context.Units.NameOf(code),
        (context, code) => context.Providers.NameOf(code))
    {
        Fields = [StoredFields.Of<Notification>(nameof(Notification.Unit)), StoredFields.Of<Notification>(nameof(Notification.Provider))],
    };

    /// <summary>The professional's group, from the TK2001 profession code of the visit.</summary>
    public static ReportDimension Profession { get; } = new ClassDimension("profession", new("Ammattiryhmä", "Yrkesgrupp", "Profession group"),
        _ => ProfessionGroups.Select(g => (g.Code, g.Label)).Append((ReportDimension.UnknownCode, Unknown)).ToList(),
        (_, _, alias) => ([CodeLookupJoin(alias, "ammatti", "profession_id",
            "CASE " + string.Concat(ProfessionGroups.Where(g => g.Prefixes.Length > 0).Select(g =>
                "WHEN " + string.Join(" OR ", g.Prefixes.Select(p => $"c.code LIKE '{p}%'")) + $" THEN '{g.Code}' ")) + "ELSE 'other' END")],
            $"coalesce({alias}.category, '{ReportDimension.UnknownCode}')"));

    public static ReportDimension ServiceForm { get; } = new CodeDimension("service_form", new("Palvelumuoto", "Serviceform", "Service form"),
        "service_form_id", (context, code) => context.CodeName(KnownClassifications.ServiceForm.Name, code));

    /// <summary>In-person, remote, consultation between professionals, or other, from the contact type (yhteystapa).</summary>
    public static ReportDimension ContactType { get; } = new ClassDimension("contact_type", new("Yhteystapa", "Kontaktsätt", "Contact type"),
        _ => ContactGroups.Select(g => (g.Code, g.Label)).Append((ReportDimension.UnknownCode, Unknown)).ToList(),
        (_, _, alias) => ([CodeLookupJoin(alias, "yhteystapa", "contact_type_id",
            "CASE " + string.Concat(ContactGroups.Where(g => g.Codes.Length > 0).Select(g =>
                "WHEN c.code IN (" + string.Join(", ", g.Codes.Select(SqlText.Literal)) + $") THEN '{g.Code}' ")) + "ELSE 'other' END")],
            $"coalesce({alias}.category, '{ReportDimension.UnknownCode}')"));

    public static ReportDimension Urgency { get; } = new CodeDimension("urgency", new("Kiireellisyys", "Brådskandegrad", "Urgency"),
        "urgency_id", (context, code) => context.CodeName(KnownClassifications.Urgency.Name, code));

    public static ReportDimension Nature { get; } = new CodeDimension("nature", new("Käynnin luonne", "Besökets karaktär", "Nature of the visit"),
        "nature_id", (context, code) => context.CodeName(KnownClassifications.Nature.Name, code));

    /// <summary>The client's age in whole years on the fact's day (<c>f.age</c>, worked out at ingest from the birth date), in groups; the 23 boundary of the care guarantee is a group edge.</summary>
    public static ReportDimension AgeGroup { get; } = new ClassDimension("age_group", new("Ikäryhmä", "Åldersgrupp", "Age group"),
        _ => AgeGroups.Select(g => (g.Code, new LocalizedText(g.Code))).Append((ReportDimension.UnknownCode, Unknown)).ToList(),
        (_, _, _) => ([], $"CASE WHEN {Age} IS NULL THEN 'X' " + string.Concat(AgeGroups.Select(g =>
            g.To is { } to ? $"WHEN {Age} <= {SqlText.Literal(to)} THEN '{g.Code}' " : $"ELSE '{g.Code}' ")) + "END"));

    public static ReportDimension Sex { get; } = new ClassDimension("sex", new("Sukupuoli", "Kön", "Sex"),
        _ => [("1", new LocalizedText("Mies", "Man", "Male")), ("2", new LocalizedText("Nainen", "Kvinna", "Female")), (ReportDimension.UnknownCode, Unknown)],
        (_, _, _) => ([], $"CASE f.sex WHEN 1 THEN '1' WHEN 2 THEN '2' ELSE '{ReportDimension.UnknownCode}' END"));

    /// <summary>Oral care (service form T60, or a dentist's or dental hygienist's visit) or other primary care: the care guarantee has separate limits.</summary>
    public static ReportDimension Care { get; } = new ClassDimension("care", new("Hoitomuoto", "Vårdform", "Care"),
        _ => [("primary", new LocalizedText("Muu perusterveydenhuolto", "Övrig primärvård", "Other primary care")), ("oral", new LocalizedText("Suun terveydenhuolto", "Munhälsovård", "Oral care"))],
        (_, _, _) => ([], "CASE WHEN f.oral THEN 'oral' ELSE 'primary' END"));

    /// <summary>The age column of the facts: every report's facts give the client's exact age on the fact's day.</summary>
    internal const string Age = "f.age";

    /// <summary>Joins the municipality-id column to its county, as <c>{alias}.county</c>.</summary>
    private static string MunicipalityCountyJoin(StatisticsContext context, string alias) =>
        $"LEFT JOIN (SELECT c.code_id, m.county FROM {ReportRelations.Codes} c JOIN "
        + SqlText.Lookup("m", "municipality", "county", context.Regions.Municipalities
            .Where(m => m.Value.County is not null).Select(m => (m.Key, m.Value.County!)))
        + $" ON m.municipality = c.code WHERE c.code_system = 'kunta') AS {alias} ON {alias}.code_id = f.municipality_id";

    private static (IReadOnlyList<string> Joins, string Expression) ProviderCountySql(StatisticsContext context, FactShape facts, string alias)
    {
        var counties = context.Providers.ByCode.Values.Where(p => p.County is not null).Select(p => (p.Code, p.County!));
        var join = facts.ProviderIsText
            ? $"LEFT JOIN {SqlText.Lookup(alias, "provider", "county", counties)} ON {alias}.provider = f.provider"
            : $"LEFT JOIN (SELECT c.code_id, m.county FROM {ReportRelations.Codes} c JOIN {SqlText.Lookup("m", "provider", "county", counties)}"
              + $" ON m.provider = c.code WHERE c.code_system = 'tuottaja') AS {alias} ON {alias}.code_id = f.provider_id";
        return ([join], $"coalesce({alias}.county, '{ReportDimension.UnknownCode}')");
    }

    /// <summary>The fact's unit id when the unit register gives that unit to the fact's provider; else an id no code has (the unknown member).</summary>
    private static (IReadOnlyList<string> Joins, LevelSql Level) RegisteredUnitSql(StatisticsContext context, FactShape facts, string alias)
    {
        var registered = context.Units.ByCode.Values.Select(u => (u.Code, u.Provider));
        var join = $"LEFT JOIN (SELECT cu.code_id AS unit_id, cp.code_id AS provider_id FROM {ReportRelations.Codes} cu"
            + $" JOIN {SqlText.Lookup("m", "unit", "provider", registered)} ON m.unit = cu.code"
            + $" JOIN {ReportRelations.Codes} cp ON cp.code_system = 'tuottaja' AND cp.code = m.provider"
            + $" WHERE cu.code_system = 'yksikko') AS {alias} ON {alias}.unit_id = f.unit_id AND {alias}.provider_id = f.provider_id";
        return ([join], new LevelSql($"CASE WHEN {alias}.unit_id IS NULL THEN {ReportDimension.UnknownCodeId} ELSE f.unit_id END", IsCodeId: true));
    }

    /// <summary>Joins a code-id column to a category computed from the code's text, as <c>{alias}.category</c>.</summary>
    private static string CodeLookupJoin(string alias, string codeSystem, string column, string category) =>
        $"LEFT JOIN (SELECT c.code_id, {category} AS category FROM {ReportRelations.Codes} c WHERE c.code_system = '{codeSystem}') AS {alias} ON {alias}.code_id = f.{column}";
}
