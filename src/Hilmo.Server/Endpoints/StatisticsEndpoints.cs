using System.Globalization;
using Hilmo.Access;
using Hilmo.Audit;
using Hilmo.Server.Access;
using Hilmo.Server.Reports;
using Hilmo.Statistics;
using Hilmo.Statistics.Dimensions;
using Hilmo.Statistics.Outputs;
using Hilmo.Statistics.Reports;

namespace Hilmo.Server.Endpoints;

/// <summary>
/// <c>GET /api/v1/statistics</c>: the reports, their metadata, the limits, and the tables, in the
/// formats THL's and Statistics Finland's users read (JSON-stat, CSV, PX, XLSX). Anyone may read
/// the releases' published tables; a provider reads its own figures unsuppressed with
/// <c>provider=</c> its own code, the supervising authority every provider's and unit's
/// aggregates, and the register keepers any figures unsuppressed. Those reads are logged.
/// </summary>
internal static class StatisticsEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var statistics = routes.MapGroup("/api/v1/statistics").WithTags("Statistics").AllowAnonymous().RequireCors(StatisticsCors.Policy);
        statistics.MapGet("/", (RegisterServices register) => TypedResults.Ok(ReportCatalogue.All.Select(r => Describe(r, register.Statistics.Context)).ToList()))
            .WithName("ListReports")
            .WithSummary("The reports, with their titles, descriptions, measures and dimensions in Finnish, Swedish and English");
        statistics.MapGet("/config", (RegisterServices register, ServerOptions options) => TypedResults.Ok(new StatisticsConfig(
                register.Statistics.Rules.Threshold, register.Statistics.Rules.ProtectionWidth, StatisticsService.MaxDimensions,
                StatisticsService.MaxCells, PublicPeriods: "one calendar year, from releases", [.. StatisticsFormats.CanonicalNames], ["fi", "sv", "en"],
                new RateLimitDescription(options.RequestsPerMinute, "access key, or address without one"),
                new CorsDescription(AllowedOrigins: "*", StatisticsCors.Methods, Credentials: false))))
            .WithName("GetStatisticsConfig")
            .WithSummary("The limits every table keeps: disclosure threshold, protection width, dimensions, size, periods, formats");
        statistics.MapGet("/{name}/metadata", GetMetadataAsync)
            .WithName("GetReportMetadata")
            .WithSummary("One report's title, description, notes, measures, dimensions with their fixed categories, and the years published")
            .Produces<ReportDescription>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        statistics.MapMethods("/{name}", [HttpMethods.Get, HttpMethods.Head], GetTableAsync)
            .WithName("GetReport")
            .WithSummary("A report's table: from and to (dates, whole years for the public), by (dimensions, comma-separated), format (json-stat, csv, csv-fi, px, xlsx), lang, asOf or release, provider")
            .WithDescription("Answers carry ETag, Last-Modified, Cache-Control and Content-Language; If-None-Match and If-Modified-Since get 304 when the copy is current. Without format=, Accept chooses (text/csv, the xlsx type), else JSON-stat; without lang=, Accept-Language, else Finnish.")
            .ProducesTable()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> GetTableAsync(string name, HttpContext http, RegisterServices register, ReportRunner reports, ILogger<RefusalAudit> logger,
        DateOnly? from = null, DateOnly? to = null, string? by = null, string? format = null, string? lang = null,
        DateTimeOffset? asOf = null, string? release = null, string? provider = null)
    {
        if (ReportCatalogue.Find(name) is null)
        {
            return Problems.NotFound($"report {Validation.Finding.Quote(name)}");
        }

        if (TableAnswers.UnknownParameter(http.Request, TableAnswers.Parameters) is { } unknown)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown parameter",
                detail: $"This call takes {string.Join(", ", TableAnswers.Parameters)}; {Validation.Finding.Quote(unknown)} is none of them.");
        }

        if (!TableAnswers.TryFormat(http.Request, format, out var chosen))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown format",
                detail: $"format must be one of {string.Join(", ", StatisticsFormats.CanonicalNames)}.");
        }

        if (!TableAnswers.TryLanguage(http.Request, lang, out var language))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown language",
                detail: "lang must be fi, sv or en.");
        }

        var caller = Caller.Of(http);
        if (provider is not null && !caller.MaySeeProvider(provider))
        {
            await RefusalAudit.AppendAsync(http, register, logger, "denied: 403 another provider's own figures (provider=)").ConfigureAwait(false);
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: "A provider's own figures are for the provider itself and the register keepers; leave out provider= for published figures.");
        }

        // The register keepers and a provider reading its own data are entitled to the records the
        // figures count; the supervising authority to every provider's and unit's aggregates;
        // everyone else reads the releases' published, disclosure-controlled tables.
        var audience = caller.Role == Role.Register || (provider is not null && caller.MaySeeProvider(provider)) ? ReportAudience.Entitled
            : caller.Role == Role.Supervisor ? ReportAudience.Authority
            : ReportAudience.Public;
        var lastYear = register.Time.GetUtcNow().Year - 1;
        var request = new ReportRequest(name,
            new ReportPeriod(from ?? new DateOnly(lastYear, 1, 1), to ?? new DateOnly(lastYear, 12, 31)),
            [.. (by ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            asOf, release, provider, audience);

        TableAnswer answer;
        try
        {
            answer = audience == ReportAudience.Public
                ? await reports.PublicAnswerAsync(request, chosen, language, http.RequestAborted).ConfigureAwait(false)
                : await reports.ComputeAsync(async cancellationToken =>
                {
                    var table = await register.Statistics.RunAsync(request, cancellationToken).ConfigureAwait(false);
                    var reason = audience == ReportAudience.Authority ? AuditReasons.Supervision : AuditReasons.OwnStatistics;
                    await register.Audit.AppendAsync(new AuditEvent(caller.Actor, "statistics.read", $"report/{name}", reason, caller.From,
                        string.Create(CultureInfo.InvariantCulture, $"ok unsuppressed {request.Period} provider:{provider ?? "all"} by:{string.Join(',', table.Dimensions.Select(d => d.Code))}")),
                        cancellationToken).ConfigureAwait(false);
                    return await ReportRunner.FormatAsync(table, chosen, language, cancellationToken).ConfigureAwait(false);
                }, http.RequestAborted).ConfigureAwait(false);
        }
        catch (NotPublishedException exception)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not published", detail: exception.Message);
        }
        catch (ReportRequestException exception)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The report cannot be made as asked", detail: exception.Message);
        }

        var fileName = $"{name}-{request.Period.From:yyyyMMdd}-{request.Period.To:yyyyMMdd}{StatisticsFormats.FileExtensionOf(chosen)}";
        return TableAnswers.Send(http, answer, chosen, language, fileName, published: audience == ReportAudience.Public);
    }

    private static async Task<IResult> GetMetadataAsync(string name, RegisterServices register, ReportRunner reports, HttpContext http)
    {
        if (ReportCatalogue.Find(name) is not { } report)
        {
            return Problems.NotFound($"report {Validation.Finding.Quote(name)}");
        }

        // The years take one query over the facts; it waits its turn with the reports.
        var years = await reports.ComputeAsync(cancellationToken => register.Statistics.PublishedYearsAsync(report, cancellationToken), http.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(Describe(report, register.Statistics.Context) with { PublishedYears = years });
    }

    private static ReportDescription Describe(ReportDefinition report, StatisticsContext context) => new(
        report.Name, Texts(report.Title), Texts(report.Description),
        [.. report.Notes(context).Select(Texts)],
        [.. report.Measures.Select(m => new MeasureDescription(m.Code, Texts(m.Label), Texts(m.Unit), m.Decimals))],
        [.. report.Dimensions.Select(d => Describe(d, context))],
        report.DefaultBy,
        [.. report.FixedDimensions.Select(d => Describe(d, context))]);

    /// <summary>A dimension, with its categories where they are fixed (a class list); those of codes and periods come from the data and the period asked.</summary>
    private static DimensionDescription Describe(ReportDimension dimension, StatisticsContext context) => new(
        dimension.Code, Texts(dimension.Label), dimension.Role.ToString().ToLowerInvariant(),
        dimension.Role != DimensionRole.Time && dimension.CategoryCountBefore(StatisticsService.SupportedDates, context) is not null
            ? [.. dimension.Categories([], StatisticsService.SupportedDates, context).Select(c => new CategoryDescription(c.Code, Texts(c.Label), c.Parent))]
            : null);

    private static Names Texts(LocalizedText text) => new(text.Fi, text.Sv, text.En);
}

/// <summary>A report: what it counts, its measures, and the dimensions a request may name (<c>by=</c>).</summary>
internal sealed record ReportDescription(string Name, Names Title, Names Description, IReadOnlyList<Names> Notes,
    IReadOnlyList<MeasureDescription> Measures, IReadOnlyList<DimensionDescription> Dimensions, IReadOnlyList<string> DefaultBy,
    IReadOnlyList<DimensionDescription> AlwaysBy)
{
    /// <summary>The calendar years the public can read, one table each (in a report's metadata; null in the list of reports).</summary>
    public IReadOnlyList<int>? PublishedYears { get; init; }
}

internal sealed record MeasureDescription(string Code, Names Label, Names Unit, int Decimals);

/// <param name="Code">As <c>by=</c> names it.</param>
/// <param name="Label">Its name.</param>
/// <param name="Role"><c>time</c>, <c>region</c> or <c>classification</c>.</param>
/// <param name="Categories">The categories in table order, total first, where they are fixed; null where the data and period decide them.</param>
internal sealed record DimensionDescription(string Code, Names Label, string Role, IReadOnlyList<CategoryDescription>? Categories);

/// <param name="Code">The category's code in tables.</param>
/// <param name="Label">Its name.</param>
/// <param name="Parent">The category it adds up into.</param>
internal sealed record CategoryDescription(string Code, Names Label, string? Parent);

/// <summary>The limits every table keeps.</summary>
/// <param name="Threshold">Counts of 1 to threshold − 1 people or events are withheld from published tables.</param>
/// <param name="ProtectionWidth">The least width of the interval a withheld count can be narrowed to from the published figures.</param>
/// <param name="MaxDimensions">Dimensions one request may name.</param>
/// <param name="MaxCells">Figures one table may have.</param>
/// <param name="PublicPeriods">The periods published tables cover.</param>
/// <param name="Formats">Output formats.</param>
/// <param name="Languages">Languages of labels.</param>
/// <param name="RateLimit">Requests a caller may make; more are answered 429 with Retry-After.</param>
/// <param name="Cors">Cross-origin reading of the open data.</param>
internal sealed record StatisticsConfig(int Threshold, int ProtectionWidth, int MaxDimensions, int MaxCells, string PublicPeriods,
    IReadOnlyList<string> Formats, IReadOnlyList<string> Languages, RateLimitDescription RateLimit, CorsDescription Cors);

/// <param name="RequestsPerMinute">On average, with bursts up to the same number.</param>
/// <param name="Per">Whose requests are counted together.</param>
internal sealed record RateLimitDescription(int RequestsPerMinute, string Per);

/// <param name="AllowedOrigins"><c>*</c>: any web page may read the open data.</param>
/// <param name="Methods">The methods allowed across origins.</param>
/// <param name="Credentials">Whether cookies or keys are sent across origins (never).</param>
internal sealed record CorsDescription(string AllowedOrigins, IReadOnlyList<string> Methods, bool Credentials);
