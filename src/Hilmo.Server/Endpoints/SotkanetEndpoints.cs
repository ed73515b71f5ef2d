using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hilmo.Server.Reports;
using Hilmo.Statistics;
using Hilmo.Statistics.Indicators;

namespace Hilmo.Server.Endpoints;

/// <summary>
/// The indicators through THL's Sotkanet REST API 1.1 (<c>/rest/1.1/</c>), with its paths,
/// parameters, field names and shapes, so that a Sotkanet client (the R package sotkanet, a
/// dashboard) only changes its base address. Only published figures: every value comes from the
/// release that publishes its year, with the indicator counts protected as tables of the
/// report's publication; a withheld value is left out, as Sotkanet leaves out what it does not
/// publish. The answers follow the statistics tables' HTTP conventions (<see cref="TableAnswers"/>).
/// </summary>
internal static class SotkanetEndpoints
{
    /// <summary>The organisation every indicator is of (Sotkanet numbers THL 2).</summary>
    private static readonly SotkanetOrganization Thl = new(2, new SotkanetText("Terveyden ja hyvinvoinnin laitos (THL)", "Institutet för hälsa och välfärd (THL)", "Finnish Institute for Health and Welfare (THL)"));

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private static readonly string[] DataParameters = ["indicator", "years", "genders"];

    public const string Prefix = "/rest/1.1";

    public static void Map(IEndpointRouteBuilder routes)
    {
        var sotkanet = routes.MapGroup(Prefix).WithTags("Sotkanet").AllowAnonymous().RequireCors(StatisticsCors.Policy);
        sotkanet.MapMethods("/indicators", [HttpMethods.Get, HttpMethods.Head], (HttpContext http, RegisterServices register) =>
                NoParameters(http) ?? Send(http, JsonSerializer.SerializeToUtf8Bytes(IndicatorCatalogue.All.Select(Summary).ToList(), Json), register.Time.GetUtcNow(), "application/json"))
            .WithName("SotkanetIndicators")
            .Produces<List<SotkanetIndicatorSummary>>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .WithSummary("Sotkanet: every indicator's id, title (fi, sv, en) and organisation");
        sotkanet.MapMethods("/indicators/{id}", [HttpMethods.Get, HttpMethods.Head], IndicatorAsync)
            .WithName("SotkanetIndicator")
            .Produces<SotkanetIndicatorMetadata>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .WithSummary("Sotkanet: one indicator's metadata: description, interpretation, unit, decimals, classifications, sources, numerator and denominator, years")
            .ProducesProblem(StatusCodes.Status404NotFound);
        sotkanet.MapMethods("/regions", [HttpMethods.Get, HttpMethods.Head], (HttpContext http, RegisterServices register) =>
                NoParameters(http) ?? Send(http, JsonSerializer.SerializeToUtf8Bytes(Regions(register.Statistics.Context).ToList(), Json), register.Time.GetUtcNow(), "application/json"))
            .WithName("SotkanetRegions")
            .Produces<List<SotkanetRegion>>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .WithSummary("Sotkanet: the regions (MAA, HYVINVOINTIALUE, KUNTA) with their ids, codes, titles and the region each is a member of");
        sotkanet.MapMethods("/json", [HttpMethods.Get, HttpMethods.Head], (HttpContext http, RegisterServices register, ReportRunner reports) => DataAsync(http, register, reports, csv: false))
            .WithName("SotkanetJson")
            .Produces<List<SotkanetValue>>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .WithSummary("Sotkanet: an indicator's published values as JSON: indicator=ID, years=Y (repeated), genders=male|female|total (repeated)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        sotkanet.MapMethods("/csv", [HttpMethods.Get, HttpMethods.Head], (HttpContext http, RegisterServices register, ReportRunner reports) => DataAsync(http, register, reports, csv: true))
            .WithName("SotkanetCsv")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .Produces(StatusCodes.Status304NotModified)
            .WithSummary("Sotkanet: the same values as semicolon-separated CSV")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> IndicatorAsync(string id, HttpContext http, RegisterServices register, ReportRunner reports)
    {
        if (NoParameters(http) is { } refused)
        {
            return refused;
        }

        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || IndicatorCatalogue.Find(number) is not { } indicator)
        {
            return Problems.NotFound($"indicator {Validation.Finding.Quote(id)}");
        }

        var indicators = new IndicatorService(register.Statistics);
        var years = await reports.ComputeAsync(token => indicators.PublishedYearsAsync(indicator, token), http.RequestAborted).ConfigureAwait(false);
        var body = JsonSerializer.SerializeToUtf8Bytes(Metadata(indicator, years), Json);
        return Send(http, body, register.Time.GetUtcNow(), "application/json");
    }

    /// <summary>
    /// The values of <c>json</c> and <c>csv</c>: every published year asked (a year no release
    /// publishes yet has none), every sex asked (total by default, as in Sotkanet), every region.
    /// </summary>
    private static async Task<IResult> DataAsync(HttpContext http, RegisterServices register, ReportRunner reports, bool csv)
    {
        var query = http.Request.Query;
        if (TableAnswers.UnknownParameter(http.Request, DataParameters) is { } unknown)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown parameter",
                detail: $"This call takes {string.Join(", ", DataParameters)}; {Validation.Finding.Quote(unknown)} is none of them.");
        }

        if (query["indicator"].Count != 1 || !int.TryParse(query["indicator"][0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || IndicatorCatalogue.Find(id) is not { } indicator)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown indicator",
                detail: "indicator= must be the id of one indicator of /rest/1.1/indicators.");
        }

        var years = new SortedSet<int>();
        foreach (var text in query["years"])
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < StatisticsService.SupportedDates.From.Year || year > StatisticsService.SupportedDates.To.Year)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown year",
                    detail: $"years= must be a year from {StatisticsService.SupportedDates.From.Year} to {StatisticsService.SupportedDates.To.Year}; repeat it for several.");
            }

            years.Add(year);
        }

        if (years.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No year",
                detail: "Name at least one year: years=2025 (repeat years= for several).");
        }

        var genders = new SortedSet<IndicatorGender>();
        foreach (var text in query["genders"].Count == 0 ? new Microsoft.Extensions.Primitives.StringValues("total") : query["genders"])
        {
            // Sotkanet's documentation writes genders=male|female|total; both that and the repeated parameter are read.
            foreach (var part in (text ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!TryGender(part, out var gender))
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown gender",
                        detail: "genders= must be male, female or total.");
                }

                genders.Add(gender);
            }
        }

        var context = register.Statistics.Context;
        var regionIds = Regions(context).ToDictionary(r => (r.Category, r.Code), r => r.Id);
        var points = new List<SotkanetValue>();
        var updated = DateTimeOffset.MinValue;
        var indicators = new IndicatorService(register.Statistics);
        foreach (var year in years)
        {
            IReadOnlyList<IndicatorValue> values;
            try
            {
                (values, var dated) = await reports.ComputeAsync(token => indicators.ComputeDatedAsync(indicator, year, ReportAudience.Public, token), http.RequestAborted).ConfigureAwait(false);
                updated = dated > updated ? dated : updated;
            }
            catch (NotPublishedException)
            {
                // Sotkanet answers a year it has no data for with no values, not with an error.
                continue;
            }

            points.AddRange(values
                .Where(v => v.AgeGroup == Hilmo.Statistics.Dimensions.ReportDimension.TotalCode && genders.Contains(v.Gender) && v is { Withheld: false, Value: not null }
                    && regionIds.ContainsKey((Kind(v.RegionKind), v.Region)))
                .Select(v => new SotkanetValue(indicator.Id, regionIds[(Kind(v.RegionKind), v.Region)], v.Year, GenderName(v.Gender), v.Value!.Value, v.AbsoluteValue)));
        }

        var modified = updated == DateTimeOffset.MinValue ? register.Time.GetUtcNow() : updated;
        return csv
            ? Send(http, Csv(points), modified, "text/csv; charset=utf-8", $"sotkanet-{indicator.Id}.csv")
            : Send(http, JsonSerializer.SerializeToUtf8Bytes(points, Json), modified, "application/json");
    }

    /// <summary>
    /// Sotkanet's CSV: semicolons, a header line, the absolute value empty where there is none,
    /// decimals with a point.
    /// </summary>
    private static byte[] Csv(IEnumerable<SotkanetValue> points)
    {
        var text = new StringBuilder("indicator;region;year;gender;primary value;absolute value\n");
        foreach (var point in points)
        {
            text.Append(CultureInfo.InvariantCulture, $"{point.Indicator};{point.Region};{point.Year};{point.Gender};{point.Value};{point.AbsValue}\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The regions, each with a number of its own as Sotkanet numbers its regions: the country 1, the counties from 100, the municipalities 1000 and their code.</summary>
    private static IEnumerable<SotkanetRegion> Regions(StatisticsContext context)
    {
        const int country = 1;
        yield return new SotkanetRegion(country, Text(new LocalizedText("Koko maa", "Hela landet", "Whole country")), "SSS", "MAA", null, null);
        var countyIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < context.Regions.Counties.Count; i++)
        {
            var (code, name) = context.Regions.Counties[i];
            countyIds[code] = 100 + i + 1;
            yield return new SotkanetRegion(100 + i + 1, Text(name), code, "HYVINVOINTIALUE", $"http://urn.fi/URN:NBN:fi:au:hyvinvointialue:{code}", [country]);
        }

        foreach (var (code, municipality) in context.Regions.Municipalities.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (!int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                continue;
            }

            int[] memberOf = municipality.County is { } county && countyIds.TryGetValue(county, out var countyId) ? [countyId] : [country];
            yield return new SotkanetRegion(1000 + number, Text(municipality.Name), code, "KUNTA", $"http://urn.fi/URN:NBN:fi:au:kunta:{code}", memberOf);
        }
    }

    private static string Kind(IndicatorRegionKind kind) => kind switch
    {
        IndicatorRegionKind.Country => "MAA",
        IndicatorRegionKind.County => "HYVINVOINTIALUE",
        _ => "KUNTA",
    };

    private static SotkanetIndicatorSummary Summary(IndicatorDefinition indicator) => new(indicator.Id, Text(indicator.Title), Thl);

    private static SotkanetIndicatorMetadata Metadata(IndicatorDefinition indicator, IReadOnlyList<int> years) => new(
        indicator.Id,
        indicator.Code,
        Text(indicator.Title),
        Text(indicator.Description),
        Text(indicator.Interpretation),
        Thl,
        years.Count > 0 ? new SotkanetRange(years.Min(), years.Max()) : null,
        new SotkanetValueType(indicator.Denominator switch { PopulationDenominator => "per1000", CountDenominator { Scale: 100 } => "percent", _ => "ratio" }, Text(indicator.Unit)),
        indicator.Decimals,
        // Sotkanet names the region levels in the classification as words ("Kunta"), not as the
        // categories of /regions ("KUNTA"): a client checks a level asked for against them.
        new SotkanetClassifications(
            new SotkanetClassification(new SotkanetText("Alue", "Område", "Region"), ["Maa", "Hyvinvointialue", "Kunta"]),
            new SotkanetClassification(new SotkanetText("Sukupuoli", "Kön", "Sex"), ["male", "female", "total"])),
        // A source is the organisation that keeps the data (clients read sources[0].organization.title).
        [new SotkanetSource(Thl, Text(indicator.Source))],
        new SotkanetCounts(Describe(indicator.Numerator), indicator.Denominator switch
        {
            CountDenominator share => Describe(share.Count),
            PopulationDenominator population => string.Create(CultureInfo.InvariantCulture, $"population 31 December, ages {population.MinAge}-{population.MaxAge}, per {population.Scale}"),
            _ => "",
        }),
        [.. indicator.Classifications]);

    private static string Describe(IndicatorCount count) => count.Key;

    private static SotkanetText Text(LocalizedText text) => new(text.Fi, text.Sv ?? text.Fi, text.En ?? text.Fi);

    private static bool TryGender(string text, out IndicatorGender gender)
    {
        (var known, gender) = text.ToLowerInvariant() switch
        {
            "male" => (true, IndicatorGender.Male),
            "female" => (true, IndicatorGender.Female),
            "total" => (true, IndicatorGender.Total),
            _ => (false, IndicatorGender.Total),
        };
        return known;
    }

    private static string GenderName(IndicatorGender gender) => gender switch
    {
        IndicatorGender.Male => "male",
        IndicatorGender.Female => "female",
        _ => "total",
    };

    /// <summary>The catalogue calls take no parameter; any is a mistake the caller should hear of.</summary>
    private static IResult? NoParameters(HttpContext http) => TableAnswers.UnknownParameter(http.Request, []) is { } unknown
        ? TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown parameter", detail: $"This call takes no parameter; {Validation.Finding.Quote(unknown)} is none.")
        : null;

    private static IResult Send(HttpContext http, byte[] body, DateTimeOffset updated, string contentType, string? fileName = null) =>
        TableAnswers.Send(http, new TableAnswer(body, updated), contentType, "fi, sv, en", fileName, published: true);

    private sealed record SotkanetText(string Fi, string Sv, string En);

    private sealed record SotkanetOrganization(int Id, SotkanetText Title);

    private sealed record SotkanetIndicatorSummary(int Id, SotkanetText Title, SotkanetOrganization Organization);

    private sealed record SotkanetRange(int Start, int End);

    private sealed record SotkanetValueType(string Code, SotkanetText Title);

    private sealed record SotkanetClassification(SotkanetText Title, IReadOnlyList<string> Values);

    private sealed record SotkanetClassifications(SotkanetClassification Region, SotkanetClassification Sex);

    private sealed record SotkanetSource(SotkanetOrganization Organization, SotkanetText Title);

    private sealed record SotkanetCounts(string Numerator, string Denominator);

    private sealed record SotkanetIndicatorMetadata(
        int Id, string Code, SotkanetText Title, SotkanetText Description, SotkanetText Interpretation, SotkanetOrganization Organization,
        SotkanetRange? Range, SotkanetValueType PrimaryValueType, int Decimals, SotkanetClassifications Classifications,
        IReadOnlyList<SotkanetSource> Sources, SotkanetCounts Counts, IReadOnlyList<string> Dimensions);

    private sealed record SotkanetRegion(int Id, SotkanetText Title, string Code, string Category, string? Uri, IReadOnlyList<int>? MemberOf);

    private sealed record SotkanetValue(int Indicator, int Region, int Year, string Gender, double Value, double? AbsValue);
}
