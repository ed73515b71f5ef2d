using System.Text.Json.Serialization;

namespace Hilmo.Server.PxWeb;

// The answers of the PxWeb API 2.0, with its field names (PxTools/PxApiSpecs, PxAPI-2.yml), so
// that a PxWeb client reads them as it reads Statistics Sweden's or Statistics Norway's.

/// <summary><c>GET /api/v2/config</c>: what the API offers and its limits.</summary>
internal sealed record PxConfigResponse(
    string ApiVersion,
    string AppVersion,
    IReadOnlyList<PxLanguage> Languages,
    string DefaultLanguage,
    int MaxDataCells,
    int MaxCallsPerTimeWindow,
    int TimeWindow,
    string License,
    IReadOnlyList<PxSourceReference> SourceReferences,
    string DefaultDataFormat,
    IReadOnlyList<string> DataFormats,
    IReadOnlyList<PxFeature> Features);

internal sealed record PxLanguage(string Id, string Label);

internal sealed record PxSourceReference(string Language, string Text);

internal sealed record PxFeature(string Id, IReadOnlyList<PxKeyValue> Params);

internal sealed record PxKeyValue(string Key, string Value);

/// <summary>A link: its relation, the language of what it points to, and the address.</summary>
internal sealed record PxLink(string Rel, string Hreflang, string Href);

/// <summary>A table as listed and as <c>GET /api/v2/tables/{id}</c> answers it.</summary>
internal sealed record PxTableResponse(
    string Type,
    string Id,
    string Label,
    string Description,
    string SortCode,
    DateTimeOffset Updated,
    string FirstPeriod,
    string LastPeriod,
    string Category,
    IReadOnlyList<string> VariableNames,
    bool Discontinued,
    string Source,
    string SubjectCode,
    string TimeUnit,
    IReadOnlyList<IReadOnlyList<PxPathElement>> Paths,
    IReadOnlyList<PxLink> Links,
    // Only a single table's answer states its language; a listing states it once for all.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Language = null);

internal sealed record PxPathElement(string Id, string Label);

/// <summary><c>GET /api/v2/tables</c>: a page of tables.</summary>
internal sealed record PxTablesResponse(string Language, IReadOnlyList<PxTableResponse> Tables, PxPage Page, IReadOnlyList<PxLink> Links);

internal sealed record PxPage(int PageNumber, int PageSize, int TotalElements, int TotalPages, IReadOnlyList<PxLink> Links);

/// <summary>A selection as a client POSTs it to <c>/api/v2/tables/{id}/data</c>.</summary>
internal sealed record PxSelectionRequest(IReadOnlyList<PxVariableSelection>? Selection, PxPlacement? Placement);

/// <summary>Where variables go in a PX or CSV layout; this API writes the table's own layout and refuses another one asked for.</summary>
internal sealed record PxPlacement(IReadOnlyList<string>? Heading, IReadOnlyList<string>? Stub);

/// <summary><c>GET /api/v2/tables/{id}/defaultselection</c>: what a data call without a selection answers.</summary>
internal sealed record PxSelectionResponse(string Language, IReadOnlyList<PxVariableSelection> Selection, IReadOnlyList<PxLink> Links);
