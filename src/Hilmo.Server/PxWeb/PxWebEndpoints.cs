using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Hilmo.Server.Endpoints;
using Hilmo.Server.Reports;
using Hilmo.Statistics;
using Hilmo.Statistics.Dimensions;
using Hilmo.Statistics.Outputs;

namespace Hilmo.Server.PxWeb;

/// <summary>
/// <c>/api/v2/</c>: the published statistics through the PxWeb API 2.0 (Statistics Sweden's and
/// Statistics Norway's table API, which PxWeb clients, the R package pxweb and the statistical
/// agencies' tools speak), so that such a client reads the register by changing its base address.
/// </summary>
/// <remarks>
/// Everything here is the public's: every figure is a cell of a table the anonymous caller gets
/// from <c>/api/v1/statistics</c>, computed through the same <see cref="ReportRunner"/> and
/// disclosure control, whatever key the caller sends. A selection picks cells of the protected
/// tables and never asks for a smaller table, which could be differenced against the larger.
/// </remarks>
internal static partial class PxWebEndpoints
{
    public const string Prefix = "/api/v2";

    /// <summary>The formats PxWeb's <c>outputFormat</c> names that the register writes; the first is the default.</summary>
    private static readonly string[] OutputFormats = ["json-stat2", "csv", "px", "xlsx"];

    private const int DefaultPageSize = 20, LargestPageSize = 1000;

    public static void Map(IEndpointRouteBuilder routes)
    {
        var services = routes.ServiceProvider;
        var register = services.GetRequiredService<RegisterServices>();
        var api = new PxWebApi(
            new PxTableCatalogue([new ReportTables(services.GetRequiredService<ReportRunner>(), register.Statistics)]),
            Math.Clamp(services.GetRequiredService<IConfiguration>().GetValue("PxWeb:MaxDataCells", StatisticsService.MaxCells), 1, StatisticsService.MaxCells),
            services.GetRequiredService<ServerOptions>().RequestsPerMinute,
            register.Time);

        var v2 = routes.MapGroup(Prefix).WithTags("PxWeb API 2.0").AllowAnonymous();
        v2.MapGet("/config", (HttpContext http) => Config(http, api))
            .RequireCors(StatisticsCors.Policy)
            .WithName("PxWebConfig")
            .WithSummary("PxWeb: the API's languages, formats, cell limit, rate limit, licence and CORS")
            .Produces<PxConfigResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        v2.MapGet("/tables", (HttpContext http, CancellationToken cancellationToken) => TablesAsync(http, api, cancellationToken))
            .RequireCors(StatisticsCors.Policy)
            .WithName("PxWebListTables")
            .WithSummary("PxWeb: the tables, searched (query, pastDays) and paged (pageNumber, pageSize); lang")
            .Produces<PxTablesResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        v2.MapGet("/tables/{id}", (string id, HttpContext http, CancellationToken cancellationToken) => TableAsync(id, http, api, cancellationToken))
            .RequireCors(StatisticsCors.Policy)
            .WithName("PxWebGetTable")
            .WithSummary("PxWeb: one table: label, description, periods, last update, variables")
            .Produces<PxTableResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        v2.MapGet("/tables/{id}/metadata", (string id, HttpContext http, CancellationToken cancellationToken) => MetadataAsync(id, http, api, cancellationToken))
            .RequireCors(StatisticsCors.Policy)
            .WithName("PxWebGetMetadata")
            .WithSummary("PxWeb: a table's variables and values as JSON-stat 2.0 with an empty value array, with PxWeb's extensions (elimination, code lists, px); lang, codelist[VARIABLE], defaultSelection")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        v2.MapGet("/tables/{id}/defaultselection", (string id, HttpContext http, CancellationToken cancellationToken) => DefaultSelectionAsync(id, http, api, cancellationToken))
            .RequireCors(StatisticsCors.Policy)
            .WithName("PxWebGetDefaultSelection")
            .WithSummary("PxWeb: the selection a data call without one answers (every value, the latest year)")
            .Produces<PxSelectionResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        // A PxWeb page elsewhere POSTs its selection as JSON, which needs a preflight; still no credentials.
        Action<Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicyBuilder> postFromAnywhere = policy => policy.AllowAnyOrigin()
            .WithMethods(HttpMethods.Get, HttpMethods.Head, HttpMethods.Post)
            .WithHeaders("Accept", "Accept-Language", "Content-Type", "If-None-Match", "If-Modified-Since")
            .WithExposedHeaders("ETag", "Last-Modified", "Content-Language", "Content-Disposition", "Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromHours(1));
        Documented(v2.MapMethods("/tables/{id}/data", [HttpMethods.Get, HttpMethods.Head], (string id, HttpContext http, CancellationToken cancellationToken) => DataAsync(id, http, api, cancellationToken))
            .RequireCors(postFromAnywhere)
            .WithName("PxWebGetData")
            .WithSummary("PxWeb: a table's figures: valueCodes[VARIABLE]=codes or expressions (*, top(n), bottom(n), range(a,b), from(a), to(a)), codelist[VARIABLE], lang, outputFormat (json-stat2, csv, px, xlsx), outputFormatParams, heading, stub (the table's own layout only)"));
        Documented(v2.MapPost("/tables/{id}/data", (string id, HttpContext http, CancellationToken cancellationToken) => DataAsync(id, http, api, cancellationToken))
            .RequireCors(postFromAnywhere)
            .WithName("PxWebPostData")
            .WithSummary("PxWeb: a table's figures for a selection in the body ({\"selection\": [{\"variableCode\", \"valueCodes\", \"codelist\"}], \"placement\"}); lang, outputFormat, outputFormatParams")
            .Accepts<PxSelectionRequest>("application/json"));
    }

    /// <summary>What both data calls answer.</summary>
    private static void Documented(RouteHandlerBuilder data) => data
        .WithDescription("Withheld figures are marked as in /api/v1/statistics ('..' in the files, status in JSON-stat). A selection over maxDataCells (see /api/v2/config) is 403.")
        .ProducesTable()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static IResult Config(HttpContext http, PxWebApi api)
    {
        if (Refused(http.Request, [], out _) is { } refused)
        {
            return refused;
        }

        var version = typeof(PxWebEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        return TypedResults.Ok(new PxConfigResponse(
            ApiVersion: "2.0.0",
            AppVersion: version.Split('+')[0],
            Languages: [new("fi", "suomi"), new("sv", "svenska"), new("en", "English")],
            DefaultLanguage: "fi",
            MaxDataCells: api.MaxDataCells,
            // The register's rate limit: per access key, or per address without one.
            MaxCallsPerTimeWindow: api.CallsPerMinute,
            TimeWindow: 60,
            License: "CC BY 4.0",
            SourceReferences: [new("fi", "Lähde: THL, Hilmo"), new("sv", "Källa: THL, Hilmo"), new("en", "Source: THL, Hilmo")],
            DefaultDataFormat: OutputFormats[0],
            DataFormats: OutputFormats,
            Features: [new("CORS", [new("enabled", "true"), new("origins", "*")])]));
    }

    private static async Task<IResult> TablesAsync(HttpContext http, PxWebApi api, CancellationToken cancellationToken)
    {
        if (Refused(http.Request, ["lang", "query", "pastDays", "includeDiscontinued", "pageNumber", "pageSize"], out var language) is { } refused)
        {
            return refused;
        }

        var query = http.Request.Query;
        if (!Whole(query["pageNumber"], 1, out var pageNumber) || pageNumber < 1)
        {
            return BadRequest("pageNumber must be a whole number of at least 1.");
        }

        if (!Whole(query["pageSize"], DefaultPageSize, out var pageSize) || pageSize is < 1 or > LargestPageSize)
        {
            return BadRequest($"pageSize must be a whole number from 1 to {LargestPageSize}.");
        }

        if (!Whole(query["pastDays"], 0, out var pastDays) || pastDays < 0 || (query.ContainsKey("pastDays") && pastDays == 0))
        {
            return BadRequest("pastDays must be a whole number of at least 1.");
        }

        if (query["includeDiscontinued"].ToString() is { Length: > 0 } discontinued && !bool.TryParse(discontinued, out _))
        {
            return BadRequest("includeDiscontinued must be true or false.");
        }

        // Every word of the query must appear in the table's id, label, description or a variable's name.
        var words = query["query"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var since = api.Time.GetUtcNow().AddDays(-pastDays);
        var found = new List<PxTableResponse>();
        foreach (var table in api.Catalogue.All)
        {
            if (await SpanOfAsync(table, cancellationToken).ConfigureAwait(false) is not { } span
                || (pastDays > 0 && span.Updated < since))
            {
                continue;
            }

            var described = Describe(api, table, span, language, BaseOf(http.Request), withLanguage: false);
            var text = string.Join(' ', [described.Id, described.Label, described.Description, .. described.VariableNames]);
            if (words.All(word => text.Contains(word, StringComparison.OrdinalIgnoreCase)))
            {
                found.Add(described);
            }
        }

        var totalPages = Math.Max(1, (found.Count + pageSize - 1) / pageSize);
        string PageHref(int number) => $"{BaseOf(http.Request)}/tables?" + string.Join('&',
            new[] { ("lang", language), ("query", query["query"].ToString()), ("pastDays", pastDays > 0 ? pastDays.ToString(CultureInfo.InvariantCulture) : ""),
                ("pageNumber", number.ToString(CultureInfo.InvariantCulture)), ("pageSize", pageSize.ToString(CultureInfo.InvariantCulture)) }
            .Where(p => p.Item2.Length > 0).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"));
        var links = new List<PxLink> { new("self", language, PageHref(pageNumber)), new("first", language, PageHref(1)), new("last", language, PageHref(totalPages)) };
        if (pageNumber > 1)
        {
            links.Add(new("previous", language, PageHref(Math.Min(pageNumber - 1, totalPages))));
        }

        if (pageNumber < totalPages)
        {
            links.Add(new("next", language, PageHref(pageNumber + 1)));
        }

        var page = found.Skip((pageNumber - 1) * pageSize).Take(pageSize).ToList();
        http.Response.Headers.ContentLanguage = language;
        return TypedResults.Ok(new PxTablesResponse(language, page, new PxPage(pageNumber, pageSize, found.Count, totalPages, links), links));
    }

    private static async Task<IResult> TableAsync(string id, HttpContext http, PxWebApi api, CancellationToken cancellationToken)
    {
        if (Refused(http.Request, ["lang"], out var language) is { } refused)
        {
            return refused;
        }

        if (api.Catalogue.Find(id) is not { } table || await SpanOfAsync(table, cancellationToken).ConfigureAwait(false) is not { } span)
        {
            return NotFound(id);
        }

        http.Response.Headers.ContentLanguage = language;
        return TypedResults.Ok(Describe(api, table, span, language, BaseOf(http.Request), withLanguage: true));
    }

    private static async Task<IResult> MetadataAsync(string id, HttpContext http, PxWebApi api, CancellationToken cancellationToken)
    {
        if (Refused(http.Request, ["lang", "codelist[]", "defaultSelection", "savedQuery"], out var language) is { } refused)
        {
            return refused;
        }

        var defaultSelection = false;
        if (http.Request.Query["defaultSelection"].ToString() is { Length: > 0 } asked && !bool.TryParse(asked, out defaultSelection))
        {
            return BadRequest("defaultSelection must be true or false.");
        }

        // PxWeb answers a saved query it does not have 404; the register saves none.
        if (http.Request.Query["savedQuery"].ToString() is { Length: > 0 } savedQuery)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found",
                detail: $"There is no saved query {Validation.Finding.Quote(savedQuery)}; this API saves none.");
        }

        if (api.Catalogue.Find(id) is not { } table || await CubeOrNullAsync(table, cancellationToken).ConfigureAwait(false) is not { } cube)
        {
            return NotFound(id);
        }

        // Every value of every variable, in the code list asked for where one is; with
        // defaultSelection=true the values a data call without a selection answers, as in PxWeb.
        var codelists = Bracketed(http.Request, "codelist");
        var everything = cube.Dimensions.Select(d => new PxVariableSelection(d.Code, ["*"], codelists.GetValueOrDefault(d.Code)))
            .Append(new PxVariableSelection(PxVariables.Measure, ["*"], codelists.GetValueOrDefault(PxVariables.Measure))).ToList();
        if (codelists.Keys.FirstOrDefault(variable => !everything.Any(s => string.Equals(s.VariableCode, variable, StringComparison.OrdinalIgnoreCase))) is { } unknown)
        {
            return BadRequest($"The table has no variable {Validation.Finding.Quote(unknown)}; its variables are {string.Join(", ", everything.Select(s => s.VariableCode))}.");
        }

        if (PxVariables.Pick(cube, defaultSelection ? null : everything, out var problem) is not { } pick)
        {
            return BadRequest(problem!);
        }

        var shown = PxVariables.Cut(cube, pick);
        var json = JsonNode.Parse((await ReportRunner.FormatAsync(shown, StatisticsFormat.JsonStat, language, cancellationToken).ConfigureAwait(false)).Bytes)!.AsObject();
        // The metadata is the table without its figures, as PxWeb 2 answers it: an empty value
        // array (which the JSON-stat schema requires to be there) and no status.
        json["value"] = new JsonArray();
        json.Remove("status");
        var span = await table.SpanAsync(cancellationToken).ConfigureAwait(false);
        foreach (var dimension in shown.Dimensions)
        {
            if (json["dimension"]?[dimension.Code] is JsonObject node)
            {
                node["extension"] = DimensionExtension(cube.Dimensions.First(d => d.Code == dimension.Code), language);
            }
        }

        if (json["dimension"]?[PxVariables.Measure] is JsonObject measure)
        {
            measure["extension"] = new JsonObject { ["elimination"] = false, ["show"] = "value", ["codelists"] = new JsonArray() };
        }

        var extension = json["extension"] as JsonObject ?? [];
        extension["px"] = new JsonObject
        {
            ["tableid"] = table.Id,
            ["matrix"] = table.Id,
            ["language"] = language,
            ["contents"] = table.Label.In(language),
            ["official-statistics"] = true,
            ["aggregallowed"] = false,
            ["subject-code"] = table.Subject.Code,
            ["subject-area"] = table.Subject.Label.In(language),
            // The layout the PX file and the CSV and XLSX rows have (see PlacementProblem).
            ["heading"] = new JsonArray(PxVariables.Measure),
            ["stub"] = new JsonArray([.. shown.Dimensions.Select(d => (JsonNode)d.Code!)]),
        };
        extension["firstPeriod"] = span.FirstPeriod;
        extension["lastPeriod"] = span.LastPeriod;
        extension["discontinued"] = false;
        json["extension"] = extension;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(json);
        return TableAnswers.Send(http, new TableAnswer(bytes, cube.Metadata.Updated), StatisticsFormat.JsonStat, language, $"{table.Id}-metadata.json", published: true);
    }

    /// <summary>Every published year of <paramref name="table"/> as one table; null while no release publishes any (answered 404, as PxWeb answers a table it does not have).</summary>
    private static async Task<StatisticsTable?> CubeOrNullAsync(IPxTable table, CancellationToken cancellationToken)
    {
        try
        {
            return await table.CubeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NotPublishedException)
        {
            return null;
        }
    }

    private static JsonObject DimensionExtension(TableDimension dimension, string language)
    {
        var eliminable = PxVariables.IsEliminable(dimension);
        var extension = new JsonObject
        {
            ["elimination"] = eliminable,
            ["show"] = "value",
            ["codelists"] = new JsonArray([.. PxVariables.Codelists(dimension).Select(id => (JsonNode)new JsonObject
            {
                ["id"] = id,
                ["label"] = dimension.Label.In(language) + language switch { "sv" => ", övre nivå", "en" => ", upper level", _ => ", ylempi taso" },
                ["type"] = "Valueset",
                ["links"] = new JsonArray(),
            })]),
        };
        if (eliminable)
        {
            extension["eliminationValueCode"] = ReportDimension.TotalCode;
        }

        return extension;
    }

    private static async Task<IResult> DefaultSelectionAsync(string id, HttpContext http, PxWebApi api, CancellationToken cancellationToken)
    {
        if (Refused(http.Request, ["lang"], out var language) is { } refused)
        {
            return refused;
        }

        if (api.Catalogue.Find(id) is not { } table || await CubeOrNullAsync(table, cancellationToken).ConfigureAwait(false) is not { } cube)
        {
            return NotFound(id);
        }

        var pick = PxVariables.Pick(cube, null, out _)!;
        var selection = cube.Dimensions.Select((d, i) => new PxVariableSelection(d.Code,
                d.Role == DimensionRole.Time ? [.. pick.Categories[i].Select(c => d.Categories[c].Code)] : ["*"]))
            .Append(new PxVariableSelection(PxVariables.Measure, ["*"])).ToList();
        var href = $"{BaseOf(http.Request)}/tables/{Uri.EscapeDataString(table.Id)}";
        http.Response.Headers.ContentLanguage = language;
        return TypedResults.Ok(new PxSelectionResponse(language, selection,
            [new("self", language, $"{href}/defaultselection?lang={language}"), new("data", language, $"{href}/data?lang={language}")]));
    }

    private static async Task<IResult> DataAsync(string id, HttpContext http, PxWebApi api, CancellationToken cancellationToken)
    {
        var post = HttpMethods.IsPost(http.Request.Method);
        if (Refused(http.Request, post ? ["lang", "outputFormat", "outputFormatParams"] : ["lang", "outputFormat", "outputFormatParams", "valueCodes[]", "codelist[]", "heading", "stub"], out var language) is { } refused)
        {
            return refused;
        }

        var formatName = http.Request.Query["outputFormat"].ToString() is { Length: > 0 } asked ? asked.Trim() : OutputFormats[0];
        if (!OutputFormats.Contains(formatName, StringComparer.OrdinalIgnoreCase) || !StatisticsFormats.TryParse(formatName, out var format))
        {
            return BadRequest($"outputFormat must be one of {string.Join(", ", OutputFormats)}.");
        }

        if (FormatParameterProblem(formatName, PxVariables.SplitValues(http.Request.Query["outputFormatParams"])) is { } formatProblem)
        {
            return BadRequest(formatProblem);
        }

        if (api.Catalogue.Find(id) is not { } table)
        {
            return NotFound(id);
        }

        IReadOnlyList<PxVariableSelection>? selection;
        PxPlacement? placement;
        if (post)
        {
            PxSelectionRequest? body;
            try
            {
                body = http.Request.ContentLength == 0 ? null : await http.Request.ReadFromJsonAsync<PxSelectionRequest>(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException or BadHttpRequestException)
            {
                return BadRequest("The body must be a selection in JSON: {\"selection\": [{\"variableCode\": \"...\", \"valueCodes\": [\"...\"], \"codelist\": \"...\"}]}.");
            }

            placement = body?.Placement;
            selection = body?.Selection is { Count: > 0 } chosen ? chosen : null;
            if (selection?.Any(s => s is null || string.IsNullOrWhiteSpace(s.VariableCode)) == true)
            {
                return BadRequest("Every variable of a selection needs its variableCode.");
            }
        }
        else
        {
            selection = SelectionOfQuery(http.Request);
            placement = new PxPlacement(PxVariables.SplitValues(http.Request.Query["heading"]), PxVariables.SplitValues(http.Request.Query["stub"]));
        }

        if (await CubeOrNullAsync(table, cancellationToken).ConfigureAwait(false) is not { } cube)
        {
            return NotFound(id);
        }

        if (PlacementProblem(cube, placement) is { } placementProblem)
        {
            return BadRequest(placementProblem);
        }

        if (PxVariables.Pick(cube, selection, out var problem) is not { } pick)
        {
            return BadRequest(problem!);
        }

        if (pick.CellCount > api.MaxDataCells)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: string.Create(CultureInfo.InvariantCulture, $"The query resulted in {pick.CellCount:N0} cells, more than the {api.MaxDataCells:N0} one call may fetch (maxDataCells in {Prefix}/config); select fewer values."));
        }

        var answer = await ReportRunner.FormatAsync(PxVariables.Cut(cube, pick), format, language, cancellationToken).ConfigureAwait(false);
        return TableAnswers.Send(http, answer, format, language, $"{table.Id}{StatisticsFormats.FileExtensionOf(format)}", published: true);
    }

    /// <summary>
    /// Why PxWeb's <c>outputFormatParams</c> cannot be honoured, or null. The register writes one
    /// layout of each format: CSV and XLSX with a code and a text column per variable
    /// (UseCodesAndTexts), comma-separated, without a title row; PX and JSON-stat take no
    /// parameter, as in PxWeb. A parameter asking for another layout is refused, not ignored.
    /// </summary>
    private static string? FormatParameterProblem(string formatName, IReadOnlyList<string> parameters)
    {
        string[] known = ["UseCodes", "UseTexts", "UseCodesAndTexts", "IncludeTitle", "SeparatorTab", "SeparatorSpace", "SeparatorSemicolon"];
        if (parameters.FirstOrDefault(p => !known.Contains(p, StringComparer.OrdinalIgnoreCase)) is { } unknown)
        {
            return $"outputFormatParams takes {string.Join(", ", known)}; {Validation.Finding.Quote(unknown)} is none of them.";
        }

        var tabular = formatName.Equals("csv", StringComparison.OrdinalIgnoreCase) || formatName.Equals("xlsx", StringComparison.OrdinalIgnoreCase);
        if (parameters.FirstOrDefault(p => !tabular || !p.Equals("UseCodesAndTexts", StringComparison.OrdinalIgnoreCase)) is { } other)
        {
            return tabular
                ? $"This API writes {formatName} with codes and texts, comma-separated, without a title (UseCodesAndTexts); {Validation.Finding.Quote(other)} is not available."
                : $"outputFormat {formatName} takes no outputFormatParams; {Validation.Finding.Quote(other)} is one.";
        }

        return null;
    }

    /// <summary>
    /// Why a heading/stub placement cannot be honoured, or null. The register writes one layout:
    /// every variable in the stub in the table's order (one row per cell in CSV and XLSX) and
    /// the measure in the heading, the layout PxWeb's own advice gives for a pivot-friendly
    /// table. A placement that agrees with it (naming some or all variables in their places) is
    /// accepted; another one is refused rather than silently ignored.
    /// </summary>
    private static string? PlacementProblem(StatisticsTable cube, PxPlacement? placement)
    {
        var heading = placement?.Heading ?? [];
        var stub = placement?.Stub ?? [];
        var variables = cube.Dimensions.Select(d => d.Code).Append(PxVariables.Measure).ToList();
        if (heading.Concat(stub).FirstOrDefault(v => !variables.Contains(v, StringComparer.OrdinalIgnoreCase)) is { } unknown)
        {
            return $"The table has no variable {Validation.Finding.Quote(unknown)}; its variables are {string.Join(", ", variables)}.";
        }

        var stubIndexes = stub.Select(v => variables.FindIndex(c => c.Equals(v, StringComparison.OrdinalIgnoreCase))).ToList();
        var agrees = heading.All(v => v.Equals(PxVariables.Measure, StringComparison.OrdinalIgnoreCase))
            && stubIndexes.All(i => i < variables.Count - 1)
            && stubIndexes.Zip(stubIndexes.Skip(1)).All(pair => pair.First < pair.Second);
        return agrees ? null
            : $"This API writes one layout: stub {string.Join(",", variables.SkipLast(1))}, heading {PxVariables.Measure}; leave out heading and stub or name variables in those places.";
    }

    /// <summary>The selection of <c>valueCodes[VARIABLE]=</c> and <c>codelist[VARIABLE]=</c>; null when the query names none.</summary>
    private static List<PxVariableSelection>? SelectionOfQuery(HttpRequest request)
    {
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in request.Query.Keys)
        {
            if (Bracket().Match(key) is { Success: true } match && match.Groups["name"].Value.Equals("valueCodes", StringComparison.OrdinalIgnoreCase))
            {
                values[match.Groups["variable"].Value] = PxVariables.SplitValues(request.Query[key]);
            }
        }

        var codelists = Bracketed(request, "codelist");
        var variables = values.Keys.Concat(codelists.Keys).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return variables.Count == 0 ? null
            // A code list without values asks for all of its values.
            : [.. variables.Select(v => new PxVariableSelection(v, values.TryGetValue(v, out var asked) ? asked : ["*"], codelists.GetValueOrDefault(v)))];
    }

    /// <summary>The values of <c>name[VARIABLE]=</c> parameters by variable.</summary>
    private static Dictionary<string, string> Bracketed(HttpRequest request, string name)
    {
        var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in request.Query.Keys)
        {
            if (Bracket().Match(key) is { Success: true } match && match.Groups["name"].Value.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                found[match.Groups["variable"].Value] = request.Query[key].ToString().Trim();
            }
        }

        return found;
    }

    /// <summary>
    /// 400 for a query parameter the call does not take (<c>name[]</c> in <paramref name="known"/>
    /// stands for <c>name[VARIABLE]</c>) or a language other than fi, sv, en; else the language.
    /// </summary>
    private static IResult? Refused(HttpRequest request, string[] known, out string language)
    {
        foreach (var key in request.Query.Keys)
        {
            var bracket = Bracket().Match(key);
            var accepted = bracket.Success
                ? known.Contains(bracket.Groups["name"].Value + "[]", StringComparer.OrdinalIgnoreCase)
                : known.Contains(key, StringComparer.OrdinalIgnoreCase);
            if (!accepted)
            {
                language = "fi";
                return BadRequest(known.Length == 0
                    ? $"This call takes no parameter; {Validation.Finding.Quote(key)} is one."
                    : $"This call takes {string.Join(", ", known.Select(k => k.Replace("[]", "[VARIABLE]", StringComparison.Ordinal)))}; {Validation.Finding.Quote(key)} is none of them.");
            }
        }

        if (!TableAnswers.TryLanguage(request, request.Query["lang"].ToString() is { Length: > 0 } lang ? lang : null, out language))
        {
            return BadRequest("lang must be fi, sv or en.");
        }

        return null;
    }

    private static PxTableResponse Describe(PxWebApi api, IPxTable table, PxTableSpan span, string language, string baseAddress, bool withLanguage)
    {
        var href = $"{baseAddress}/tables/{Uri.EscapeDataString(table.Id)}";
        var position = api.Catalogue.All.ToList().IndexOf(table) + 1;
        return new PxTableResponse(
            Type: "Table",
            Id: table.Id,
            Label: table.Label.In(language),
            Description: table.Description.In(language),
            SortCode: position.ToString("D4", CultureInfo.InvariantCulture),
            Updated: span.Updated,
            FirstPeriod: span.FirstPeriod,
            LastPeriod: span.LastPeriod,
            Category: "public",
            VariableNames: [.. table.VariableNames.Select(name => name.In(language))],
            Discontinued: false,
            Source: "THL",
            SubjectCode: table.Subject.Code,
            TimeUnit: span.TimeUnit,
            Paths: [[new PxPathElement(table.Subject.Code, table.Subject.Label.In(language))]],
            Links: [new("self", language, $"{href}?lang={language}"), new("metadata", language, $"{href}/metadata?lang={language}"), new("data", language, $"{href}/data?lang={language}")],
            Language: withLanguage ? language : null);
    }

    /// <summary>The table's periods and update, or null when no release publishes it yet: to the public it does not exist.</summary>
    private static async Task<PxTableSpan?> SpanOfAsync(IPxTable table, CancellationToken cancellationToken)
    {
        try
        {
            return await table.SpanAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NotPublishedException)
        {
            return null;
        }
    }

    private static bool Whole(Microsoft.Extensions.Primitives.StringValues value, int absent, out int number)
    {
        if (value.Count == 0 || value.ToString().Length == 0)
        {
            number = absent;
            return true;
        }

        return int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    private static string BaseOf(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{Prefix}";

    private static IResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad Request", detail: detail);

    private static IResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: $"There is no published table {Validation.Finding.Quote(id)}; {Prefix}/tables lists them.");

    [GeneratedRegex(@"^(?<name>[A-Za-z]+)\[(?<variable>[^\[\]]+)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex Bracket();

    /// <summary>What the endpoints share: the tables, the cell limit, the rate limit they state, the clock.</summary>
    private sealed record PxWebApi(PxTableCatalogue Catalogue, int MaxDataCells, int CallsPerMinute, TimeProvider Time);
}
