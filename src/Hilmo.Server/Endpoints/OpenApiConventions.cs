using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Hilmo.Server.Endpoints;

/// <summary>
/// What the OpenAPI document must say beyond what the endpoints declare one by one: how to
/// authenticate (a bearer access key), that a call needing a key may get 401 and 403, that every
/// call may get 429 from the rate limit, and <c>/healthz</c>, which is no minimal-API endpoint.
/// The document is linted with Redocly's recommended rules in the tests (OpenApiLintTests).
/// </summary>
internal static class OpenApiConventions
{
    private const string Scheme = "accessKey";

    public static void Add(OpenApiOptions openApi)
    {
        openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Hilmo register API";
            document.Info.Description = "Submit AvoHILMO, Terveys-Hilmo and Sosiaalihilmo notifications, read their feedback, look up codes, read statistics. Authenticate with Authorization: Bearer <access key>; the published statistics and the code lists need none.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An access key the register keepers issue with `hilmo keys add`.",
            };
            document.Info.License = new OpenApiLicense { Name = "Published statistics: CC BY 4.0", Url = new Uri("https://creativecommons.org/licenses/by/4.0/") };
            // The server is the address asked, without the trailing slash that would double the
            // slash of every path joined to it.
            foreach (var server in document.Servers ?? [])
            {
                server.Url = server.Url?.TrimEnd('/') is { Length: > 0 } url ? url : "/";
            }

            document.Paths["/healthz"] = Health();
            document.Tags = new HashSet<OpenApiTag>(Tags.Select(tag => new OpenApiTag { Name = tag.Key, Description = tag.Value }));
            return Task.CompletedTask;
        });
        openApi.AddOperationTransformer((operation, context, _) =>
        {
            // A GET call also answered to HEAD is two operations of one endpoint name; each needs an id of its own.
            if (HttpMethods.IsHead(context.Description.HttpMethod ?? "") && operation.OperationId is { } id)
            {
                operation.OperationId = id + "Head";
            }

            operation.Responses ??= new OpenApiResponses();
            operation.Responses.TryAdd("429", Problem("Too many requests: Retry-After says in how many seconds to try again."));
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var anonymous = metadata.OfType<IAllowAnonymous>().Any();
            var requirement = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [] };
            if (!anonymous && metadata.OfType<IAuthorizeData>().Any())
            {
                operation.Security = [requirement];
                operation.Responses.TryAdd("401", Problem("No access key, or one that is unknown, expired or revoked."));
                operation.Responses.TryAdd("403", Problem("The key's role may not make this call."));
            }
            else
            {
                // Anyone may call; a key, when given, may open more (a provider's own figures).
                operation.Security = [new OpenApiSecurityRequirement(), requirement];
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>The groups of calls, in the order the document lists them.</summary>
    private static readonly Dictionary<string, string> Tags = new()
    {
        ["Notifications"] = "Submitting AvoHILMO, Terveys-Hilmo and Sosiaalihilmo notifications, or validating them without storing (a submitter's or the register's key).",
        ["Submissions"] = "A stored submission's state and findings, its feedback.",
        ["Codes"] = "The classifications the register checks codes against, for anyone.",
        ["Statistics"] = "The published statistics tables in JSON-stat 2.0, CSV, PX and XLSX, for anyone; a key may open a provider's own figures.",
        ["Sotkanet"] = "The indicators through THL's Sotkanet REST API 1.1, for anyone.",
        ["PxWeb API 2.0"] = "The published tables through the PxWeb API 2.0 of Statistics Sweden and Norway, for anyone.",
        ["Health"] = "Whether the store answers, for monitoring; outside the rate limit.",
    };

    private static OpenApiResponse Problem(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() },
    };

    private static OpenApiPathItem Health()
    {
        var item = new OpenApiPathItem();
        item.AddOperation(HttpMethod.Get, new OpenApiOperation
        {
            OperationId = "GetHealth",
            Summary = "The store's state: Healthy, Degraded (reads, but writes fail) or Unhealthy",
            Tags = new HashSet<OpenApiTagReference> { new("Health") },
            // Anyone may ask, with no key.
            Security = [new OpenApiSecurityRequirement()],
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse { Description = "Healthy or Degraded, as {\"status\":…,\"checks\":{\"store\":{\"status\":…,\"description\":…}}}", Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() } },
                ["503"] = new OpenApiResponse { Description = "Unhealthy: the store does not answer", Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() } },
            },
        });
        return item;
    }
}
