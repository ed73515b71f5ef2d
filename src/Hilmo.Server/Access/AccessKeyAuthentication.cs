using System.Security.Claims;
using System.Text.Encodings.Web;
using Hilmo.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Hilmo.Server.Access;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c>: the key is looked up in the register's access keys.
/// No header is an anonymous caller; a header with an unknown, malformed or revoked key fails, so
/// a mistyped key is answered 401 rather than treated as anonymous.
/// </summary>
internal sealed class AccessKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IAccessKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AccessKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        const string bearer = "Bearer ";
        if (!header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)
            || keys.Authenticate(header[bearer.Length..].Trim()) is not { } key)
        {
            return Task.FromResult(AuthenticateResult.Fail("The access key is not valid."));
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(Caller.KeyIdClaim, key.Id),
                new Claim(Caller.OrganisationClaim, key.Organisation),
                new Claim(ClaimTypes.Role, key.Role.ToString()),
            ],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return base.HandleChallengeAsync(properties);
    }
}
