using System.Globalization;
using System.Security.Claims;
using Hilmo.Access;

namespace Hilmo.Server.Access;

/// <summary>Who is calling: the access key, its organisation and role; or nobody (anonymous).</summary>
internal sealed record Caller(string? KeyId, string? Organisation, Role? Role, string From)
{
    public const string KeyIdClaim = "hilmo:key";
    public const string OrganisationClaim = "hilmo:organisation";

    public bool IsAnonymous => KeyId is null;

    /// <summary>How the audit log names the caller.</summary>
    public string Actor => IsAnonymous
        ? "anonymous"
        : string.Create(CultureInfo.InvariantCulture, $"key:{KeyId} org:{Organisation} role:{Role?.ToString().ToLowerInvariant()}");

    /// <summary>True when the caller may see everything a provider sent: the register keepers, or the provider itself.</summary>
    public bool MaySeeProvider(string? organisation) =>
        Role == Hilmo.Access.Role.Register || (Role == Hilmo.Access.Role.Submitter && string.Equals(organisation, Organisation, StringComparison.Ordinal));

    public static Caller Of(HttpContext context)
    {
        var user = context.User;
        var from = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (user.FindFirstValue(KeyIdClaim) is not { } keyId)
        {
            return new Caller(null, null, null, from);
        }

        var role = Enum.Parse<Role>(user.FindFirstValue(ClaimTypes.Role)!, ignoreCase: true);
        return new Caller(keyId, user.FindFirstValue(OrganisationClaim), role, from);
    }
}
