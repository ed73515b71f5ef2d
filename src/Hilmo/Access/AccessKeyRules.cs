using Hilmo.Formats;

namespace Hilmo.Access;

/// <summary>
/// What a new key's organisation and name may be. Checked before a key is made, so that the
/// command line can tell what is wrong instead of failing on an exception.
/// </summary>
public static class AccessKeyRules
{
    /// <summary>Longest organisation text of a key whose role is not <see cref="Role.Submitter"/>.</summary>
    public const int OrganisationLength = 200;

    /// <summary>Longest label of a key.</summary>
    public const int NameLength = 200;

    /// <summary>What is wrong with a key for <paramref name="organisation"/>, <paramref name="role"/> and <paramref name="name"/>; null when nothing is.</summary>
    public static string? Problem(string organisation, Role role, string name)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(name);
        if (!Enum.IsDefined(role))
        {
            return $"{(int)role} is not a role.";
        }

        if (string.IsNullOrWhiteSpace(organisation))
        {
            return "The organisation is empty.";
        }

        // The same characters a record's fields may not hold (FMT-011): an organisation is shown
        // in tables and written to the audit log, where a line break or escape would forge lines.
        if (organisation.AsSpan().ContainsAny(FieldLimits.ControlCharacters))
        {
            return "The organisation contains control characters.";
        }

        // A submitter may send only the records whose tuottaja equals its organisation, compared
        // exactly; white space around it is a copy-paste error that would make every record foreign.
        if (organisation.Trim().Length != organisation.Length)
        {
            return $"The organisation \"{organisation}\" begins or ends with white space.";
        }

        // A submitter's organisation is compared with the tuottaja of every record it sends, so it
        // must be a value the readers accept in that field: the same bound (FMT-004) and characters.
        if (role == Role.Submitter && organisation.Length > FieldLimits.Provider)
        {
            return $"A submitter's organisation is the provider code its records carry in tuottaja (at most {FieldLimits.Provider} characters); "
                + $"\"{organisation}\" has {organisation.Length} characters.";
        }

        if (organisation.Length > OrganisationLength)
        {
            return $"The organisation is longer than {OrganisationLength} characters.";
        }

        if (name.Length > NameLength)
        {
            return $"The name is longer than {NameLength} characters.";
        }

        return name.AsSpan().ContainsAny(FieldLimits.ControlCharacters) ? "The name contains control characters." : null;
    }
}
