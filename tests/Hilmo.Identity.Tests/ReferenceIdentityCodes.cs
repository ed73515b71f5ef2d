using System.Globalization;

namespace Hilmo.Identity.Tests;

/// <summary>
/// A second, deliberately naive reading of the check-character rule (string slicing and a long),
/// so the tests do not trust the parser to check itself.
/// </summary>
internal static class ReferenceIdentityCodes
{
    private const string CheckCharacters = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    public static char CheckCharacterOf(string firstTenCharacters)
    {
        var number = long.Parse(firstTenCharacters[..6] + firstTenCharacters[7..10], CultureInfo.InvariantCulture);
        return CheckCharacters[(int)(number % 31)];
    }

    /// <summary>Completes <c>DDMMYYCNNN</c> with its check character.</summary>
    public static string WithCheckCharacter(string firstTenCharacters) =>
        firstTenCharacters + CheckCharacterOf(firstTenCharacters);

    /// <summary>Every check character other than the right one.</summary>
    public static IEnumerable<char> WrongCheckCharactersOf(string firstTenCharacters)
    {
        var right = CheckCharacterOf(firstTenCharacters);
        return CheckCharacters.Where(c => c != right);
    }
}
