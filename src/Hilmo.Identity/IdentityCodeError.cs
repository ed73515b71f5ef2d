namespace Hilmo.Identity;

/// <summary>
/// Why a text is not a personal identity code. The parser checks in this order and reports the
/// first failure, so a code with a wrong date and a wrong check character is reported as
/// <see cref="Date"/>.
/// </summary>
public enum IdentityCodeError : byte
{
    /// <summary>The text is a valid identity code.</summary>
    None = 0,

    /// <summary>
    /// Not the shape <c>DDMMYYCNNNQ</c>: not 11 characters, a non-ASCII-digit where a digit
    /// belongs, or a last character that is neither a digit nor an upper-case letter.
    /// </summary>
    Format,

    /// <summary>The seventh character is none of <c>+ - Y X W V U A B C D E F</c>.</summary>
    CenturySign,

    /// <summary>Day, month and century do not make a real calendar date.</summary>
    Date,

    /// <summary>The individual number is 000 or 001, which are never issued.</summary>
    IndividualNumber,

    /// <summary>The check character does not match the date and individual number.</summary>
    CheckCharacter,
}
