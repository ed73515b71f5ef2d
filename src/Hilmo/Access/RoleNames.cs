namespace Hilmo.Access;

/// <summary>
/// The names of the roles as people and files write them (<c>submitter</c>, <c>register</c>,
/// <c>supervisor</c>, <c>researcher</c>): the key file, the command line and the audit log use
/// these, so that renaming an enum member never changes what is on disk.
/// </summary>
public static class RoleNames
{
    public static string Name(this Role role) => role switch
    {
        Role.Submitter => "submitter",
        Role.Register => "register",
        Role.Supervisor => "supervisor",
        Role.Researcher => "researcher",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a role."),
    };

    /// <summary>The role named <paramref name="name"/> (exactly as <see cref="Name"/> writes it).</summary>
    public static bool TryParse(string? name, out Role role)
    {
        foreach (var candidate in Enum.GetValues<Role>())
        {
            if (string.Equals(name, candidate.Name(), StringComparison.Ordinal))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }
}
