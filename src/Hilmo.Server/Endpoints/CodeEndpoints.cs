using Hilmo.Codes;

namespace Hilmo.Server.Endpoints;

/// <summary>
/// <c>GET /api/v1/codes</c> and <c>GET /api/v1/codes/{name}</c>: the code server, open to everyone,
/// as submitters' systems and the web form need it.
/// </summary>
internal static class CodeEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var codes = routes.MapGroup("/api/v1/codes").WithTags("Codes").AllowAnonymous().RequireCors(StatisticsCors.Policy);
        codes.MapGet("/", (RegisterServices register) => TypedResults.Ok(register.Codes.Classifications.Select(Describe).ToList()))
            .WithName("ListClassifications")
            .WithSummary("Every classification the register checks codes against");
        codes.MapGet("/{name}", GetClassification)
            .WithName("GetClassification")
            .WithSummary("A classification's codes; with date, only those valid that day; with q, only those whose code or name contains it")
            .Produces<ClassificationCodes>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IResult GetClassification(string name, RegisterServices register, DateOnly? date = null, string? q = null)
    {
        if (!register.Codes.TryGet(name, out var classification))
        {
            return Problems.NotFound($"classification {Validation.Finding.Quote(name)}");
        }

        var entries = classification.Codes.AsEnumerable();
        if (date is { } day)
        {
            entries = entries.Where(e => e.IsValidOn(day));
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            entries = entries.Where(e => e.Code.Contains(q, StringComparison.OrdinalIgnoreCase)
                || e.Name.Fi.Contains(q, StringComparison.OrdinalIgnoreCase)
                || (e.Name.Sv?.Contains(q, StringComparison.OrdinalIgnoreCase) ?? false)
                || (e.Name.En?.Contains(q, StringComparison.OrdinalIgnoreCase) ?? false));
        }

        // A municipality's parent is its wellbeing services county, which the list keeps as an attribute.
        var regions = register.Statistics.Context.Regions;
        string? Parent(CodeEntry e) => e.Parent
            ?? (name == KnownClassifications.Municipality.Name && regions.Municipalities.TryGetValue(e.Code, out var municipality) ? municipality.County : null);
        return TypedResults.Ok(new ClassificationCodes(Describe(classification),
            [.. entries.Select(e => new CodeItem(e.Code, Names(e.Name), Parent(e), e.Level, e.ValidFrom, e.ValidTo))]));
    }

    // The list's own name and version, never where its file lies on this machine.
    private static ClassificationItem Describe(Classification c) =>
        new(c.Name, c.Definition.Oid, Names(c.Definition.Title), c.Status.ToString().ToLowerInvariant(), c.Codes.Count, c.SourceName, c.Version);

    private static Names Names(LocalizedText text) => new(text.Fi, text.Sv, text.En);
}

/// <summary>A text in Finnish, Swedish and English (the last two where the source has them).</summary>
internal sealed record Names(string Fi, string? Sv, string? En);

/// <summary>A classification the register checks codes against.</summary>
/// <param name="Name">Its short name, as <c>GET /api/v1/codes/{name}</c> takes it.</param>
/// <param name="Oid">Its OID on THL's code server, where known.</param>
/// <param name="Title">Its name.</param>
/// <param name="Status"><c>published</c>, <c>provisional</c> (a code not in it is a warning) or <c>unlisted</c> (only the form of a code is checked).</param>
/// <param name="Codes">How many codes its list has.</param>
/// <param name="Source">The list's file name as shipped or as THL exported it (<c>icd10fi.csv</c>, <c>58_1606817342088.xlsx</c>); null without a list.</param>
/// <param name="Version">The list's version: <c>sha256:</c> and 16 hex digits of its file's SHA-256; null without a list.</param>
internal sealed record ClassificationItem(string Name, string? Oid, Names Title, string Status, int Codes, string? Source, string? Version);

internal sealed record CodeItem(string Code, Names Name, string? Parent, int? Level, DateOnly? ValidFrom, DateOnly? ValidTo);

internal sealed record ClassificationCodes(ClassificationItem Classification, IReadOnlyList<CodeItem> Codes);
