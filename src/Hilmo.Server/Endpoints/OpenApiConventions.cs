using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Hilmo.Server.Endpoints;

/// <summary>
/// What the OpenAPI document must say beyond what the endpoints declare one by one: how to
/// authenticate (a bearer access key), that a call needing a key may get 401 and 403, that every
/// call may get 429 from the rate limit, and <c>/healthz</c>, which is no minimal-API endpoint.
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
            document.Paths["/healthz"] = Health();
            return Task.CompletedTask;
        });
        openApi.AddOperationTransformer((operation, context, _) =>
        {
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
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse { Description = "Healthy or Degraded, as {\"status\":…,\"checks\":{\"store\":{\"status\":…,\"description\":…}}}", Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() } },
                ["503"] = new OpenApiResponse { Description = "Unhealthy: the store does not answer", Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() } },
            },
        });
        return item;
    }
}
