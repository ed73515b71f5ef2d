using System.Globalization;
using System.Text;
using Hilmo.Statistics.Dimensions;
using Hilmo.Statistics.Sql;

namespace Hilmo.Statistics.Reports;

/// <summary>
/// Access to care (hoitoonpääsy) as THL defines it: for completed non-urgent visits preceded by
/// a care-need assessment, the days from the assessment to the visit, in bands, with the median,
/// the 90th percentile, the share within the legal limit in force on the visit's date, and the
/// share of assessments made on the day of contact.
/// </summary>
public sealed class AccessToCareReport : ReportDefinition
{
    /// <summary>The waiting-time bands, upper bounds in days included; the last is open.</summary>
    public static IReadOnlyList<(string Code, int? UpTo)> Bands { get; } =
        [("0", 0), ("1-7", 7), ("8-14", 14), ("15-28", 28), ("29-90", 90), ("91-", null)];

    /// <summary>The band dimension every access-to-care table ends with.</summary>
    public static ReportDimension WaitingTime { get; } = new ClassDimension("waiting_time",
        new("Odotusaika hoidon tarpeen arvioinnista käyntiin", "Väntetid från bedömning av vårdbehovet till besöket", "Waiting time from care-need assessment to visit"),
        _ => [.. Bands.Select(b => (b.Code, BandLabel(b.Code, b.UpTo)))],
        (_, _, _) => ([], "CASE " + string.Concat(Bands.Where(b => b.UpTo is not null)
            .Select(b => $"WHEN f.wait_days <= {SqlText.Literal(b.UpTo!.Value)} THEN '{b.Code}' ")) + $"ELSE '{Bands[^1].Code}' END"));

    public override string Name => "access-to-care";

    public override LocalizedText Title { get; } = new("Hoitoonpääsy perusterveydenhuollon avohoidossa", "Tillgång till vård inom öppenvården i primärvården", "Access to primary outpatient care");

    public override LocalizedText Description { get; } = new(
        "Toteutuneet kiireettömät käynnit, joita edelsi hoidon tarpeen arviointi: odotusaika arvioinnista käyntiin kalenteripäivinä (Suomen aika) luokittain, mediaani, 90. persentiili, lakisääteisessä ajassa toteutuneiden osuus käyntipäivänä voimassa olleen rajan mukaan sekä yhteydenottopäivänä tehtyjen arviointien osuus. Mukana vastaanottokäynnit ja etäasiointi; konsultaatiot ja asiakirjamerkinnät eivät ole.",
        "Genomförda icke-brådskande besök som föregicks av en bedömning av vårdbehovet: väntetiden från bedömningen till besöket i kalenderdagar (finsk tid) i klasser, median, 90:e percentil, andelen inom den lagstadgade tiden enligt gränsen på besöksdagen samt andelen bedömningar samma dag som kontakten. Besök och distanskontakter ingår; konsultationer och journalanteckningar ingår inte.",
        "Completed non-urgent visits preceded by a care-need assessment: days from the assessment to the visit (calendar days, Finnish time) in bands, the median, the 90th percentile, the share within the legal limit in force on the visit's date, and the share of assessments made on the day of contact. Visits in person and remote contacts count; consultations and record entries without the client do not.");

    public override IReadOnlyList<LocalizedText> Notes(StatisticsContext context)
    {
        var notes = new List<LocalizedText>
        {
            new("Kiireettömiä ovat käynnit, joiden kiireellisyys ei ole K (kiireellinen).", "Icke-brådskande är besök vars brådskandegrad inte är K (brådskande).", "Non-urgent visits are those whose urgency is not K (urgent)."),
            new("Ikä on asiakkaan ikä täysinä vuosina käyntipäivänä, syntymäajasta laskettuna: 22 vuotta ja 364 päivää on alle 23. Jos ikää ei tiedetä, sovelletaan tiukempaa (alle 23-vuotiaiden) rajaa.",
                "Åldern är klientens ålder i hela år på besöksdagen, räknad från födelsedatumet: 22 år och 364 dagar är under 23. Om åldern är okänd tillämpas den striktare gränsen (under 23 år).",
                "Age is the client's age in whole years on the day of the visit, from the date of birth: 22 years and 364 days is under 23. When the age is unknown, the stricter limit (under 23) applies."),
            new("Mediaani ja 90. persentiili interpoloidaan lineaarisesti (percentile_cont).", "Median och 90:e percentilen interpoleras linjärt (percentile_cont).", "The median and the 90th percentile are interpolated linearly (percentile_cont)."),
        };
        foreach (var limit in context.LegalLimits.Limits)
        {
            var period = string.Create(CultureInfo.InvariantCulture, $"{limit.InForceFrom:yyyy-MM-dd}–{limit.InForceTo:yyyy-MM-dd}");
            var ages = (limit.AgeFrom, limit.AgeTo) switch
            {
                (null, null) => "",
                ({ } from, null) => $", {from}+",
                (null, { } to) => $", <{to + 1}",
                ({ } from, { } to) => $", {from}–{to}",
            };
            notes.Add(new LocalizedText(
                $"Hoitotakuu {period} ({(limit.Care == CareKind.Oral ? "suun terveydenhuolto" : "perusterveydenhuolto")}{ages}): {limit.Limit}. {limit.Source}",
                $"Vårdgaranti {period} ({(limit.Care == CareKind.Oral ? "munhälsovård" : "primärvård")}{ages}): {limit.Limit}. {limit.Source}",
                $"Care guarantee {period} ({(limit.Care == CareKind.Oral ? "oral care" : "primary care")}{ages}): {limit.Limit}. {limit.Source}"));
        }

        return notes;
    }

    public override IReadOnlyList<TableMeasure> Measures { get; } =
    [
        Visits,
        new("visits_within_limit", new("Käynnit lakisääteisessä ajassa", "Besök inom lagstadgad tid", "Visits within the legal limit"), new("käyntiä", "besök", "visits"), 0, MeasureKind.AdditiveCount),
        new("within_limit_percent", new("Lakisääteisessä ajassa, %", "Inom lagstadgad tid, %", "Within the legal limit, %"), new("%", "%", "%"), 1, MeasureKind.Derived),
        new("median_days", new("Odotusajan mediaani", "Väntetidens median", "Median waiting time"), new("vrk", "dygn", "days"), 1, MeasureKind.Derived),
        new("p90_days", new("Odotusajan 90. persentiili", "Väntetidens 90:e percentil", "90th percentile of waiting time"), new("vrk", "dygn", "days"), 1, MeasureKind.Derived),
        new("assessed_same_day_percent", new("Arvio yhteydenottopäivänä, %", "Bedömning samma dag som kontakten, %", "Assessed on the day of contact, %"), new("%", "%", "%"), 1, MeasureKind.Derived),
    ];

    public override IReadOnlyList<ReportDimension> Dimensions { get; } =
    [
        .. DimensionCatalogue.Times,
        DimensionCatalogue.County, DimensionCatalogue.Municipality, DimensionCatalogue.Provider, DimensionCatalogue.ProviderCounty,
        DimensionCatalogue.Unit, DimensionCatalogue.Profession, DimensionCatalogue.ServiceForm, DimensionCatalogue.ContactType,
        DimensionCatalogue.AgeGroup, DimensionCatalogue.Sex, DimensionCatalogue.Care,
    ];

    public override IReadOnlyList<string> DefaultBy { get; } = ["county", "month"];

    public override IReadOnlyList<IReadOnlyList<string>> Publication { get; } =
    [
        ["month", "county"],
        ["month", "care", "age_group"],
        ["month", "unit"],
        ["month", "profession", "contact_type"],
        ["month", "service_form"],
        ["month", "sex"],
    ];

    public override IReadOnlyList<ReportDimension> FixedDimensions { get; } = [WaitingTime];

    internal override ReportAggregation Aggregation { get; } = new(["within_limit", "same_day", "contact_known"], [], WaitingHistogram: true, Quantiles: [0.5, 0.9]);

    internal override string FactsSql(ReportRequest request, StatisticsContext context, Func<object, string> parameter) =>
        "SELECT v.*, v.event_date - v.assessed_date AS wait_days, "
        + $"{WithinLimit(context.LegalLimits)} AS within_limit, "
        + "CASE WHEN v.contact_date = v.assessed_date THEN 1 ELSE 0 END AS same_day, "
        + "CASE WHEN v.contact_date IS NULL THEN 0 ELSE 1 END AS contact_known FROM ("
        + EventFacts.Select(request, parameter, "CAST(e.assessed_at AS DATE) AS assessed_date, CAST(e.contact_at AS DATE) AS contact_date",
            $"e.assessed_at IS NOT NULL AND NOT {EventFacts.Urgent} AND NOT {EventFacts.WithoutClient}")
        + ") v";

    /// <summary>1 when the visit came within the limit in force on its date for its care and the client's age, 0 when not, null when no limit applied.</summary>
    private static string WithinLimit(LegalLimitTable limits)
    {
        const string visit = "v.event_date";
        const string assessed = "v.assessed_date";
        const string age = "v.age";
        var text = new StringBuilder("CASE");
        foreach (var limit in limits.Limits)
        {
            text.Append($" WHEN {visit} >= {SqlText.Literal(limit.InForceFrom)}");
            if (limit.InForceTo is { } to)
            {
                text.Append($" AND {visit} <= {SqlText.Literal(to)}");
            }

            text.Append(limit.Care == CareKind.Oral ? " AND v.oral" : " AND NOT v.oral");
            if (limit.AgeFrom is { } from)
            {
                text.Append($" AND {age} >= {SqlText.Literal(from)}");
            }

            if (limit.AgeTo is { } upTo)
            {
                text.Append($" AND ({age} IS NULL OR {age} <= {SqlText.Literal(upTo)})");
            }

            var lastDay = limit.Limit.Months > 0
                ? $"CAST({assessed} + INTERVAL '{SqlText.Literal(limit.Limit.Months)} months' AS DATE)"
                : $"{assessed} + {SqlText.Literal(limit.Limit.Days)}";
            text.Append($" THEN CASE WHEN {visit} <= {lastDay} THEN 1 ELSE 0 END");
        }

        return text.Append(" END").ToString();
    }

    internal override void Fill(StatisticsTable table, int cell, ReadOnlySpan<object?> aggregates, IReadOnlyList<string> categories)
    {
        var visits = Number(aggregates[0]) ?? 0;
        var within = Number(aggregates[1]) ?? 0;
        table.SetValue(cell, 0, visits);
        table.SetValue(cell, 1, within);
        table.SetValue(cell, 2, visits > 0 ? 100.0 * within / visits : null);
        var isBandTotal = categories[^1] == ReportDimension.TotalCode;
        table.SetValue(cell, 3, isBandTotal ? Quantile(0.5, visits, aggregates[4], aggregates[5]) : null);
        table.SetValue(cell, 4, isBandTotal ? Quantile(0.9, visits, aggregates[6], aggregates[7]) : null);
        var contactKnown = Number(aggregates[3]) ?? 0;
        table.SetValue(cell, 5, isBandTotal && contactKnown > 0 ? 100.0 * (Number(aggregates[2]) ?? 0) / contactKnown : null);
    }

    /// <summary>The quantile between its two neighbouring ranks, interpolated as <c>percentile_cont</c> does.</summary>
    private static double? Quantile(double p, double count, object? lower, object? upper)
    {
        if (count <= 0 || Number(lower) is not { } low)
        {
            return null;
        }

        var rank = p * (count - 1);
        var fraction = rank - Math.Floor(rank);
        return Number(upper) is { } high && fraction > 0 ? low + fraction * (high - low) : low;
    }

    private static LocalizedText BandLabel(string code, int? upTo) => code switch
    {
        "0" => new("0 vrk", "0 dygn", "0 days"),
        _ when upTo is null => new("yli 90 vrk", "över 90 dygn", "over 90 days"),
        _ => new($"{code.Replace('-', '–')} vrk", $"{code.Replace('-', '–')} dygn", $"{code.Replace('-', '–')} days"),
    };
}
