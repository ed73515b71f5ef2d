using System.Text;
using Hilmo.Notifications;

namespace Hilmo.Identity;

/// <summary>
/// A valid Finnish personal identity code (henkilötunnus), <c>DDMMYYCNNNQ</c>: birth date, century
/// sign, individual number and check character.
/// </summary>
/// <remarks>
/// <para>
/// The century sign is part of the identity, not just a spelling of the century: since 2023 two
/// codes that differ only in their 1900s sign (<c>-</c> and <c>Y</c>, say) can belong to two
/// different people, because the check character does not cover the sign. Equality and pseudonyms therefore use all eleven
/// characters, and nothing here maps one 1900s sign to another.
/// </para>
/// <para>
/// Individual numbers 900–999 are temporary codes: valid in shape, but reused for different
/// people, so <see cref="IsTemporary"/> tells the caller not to link them.
/// </para>
/// <para>
/// The value holds the parts, not the text, and prints as a mask; only <see cref="Reveal"/> and
/// <see cref="CopyTo"/> give the characters back.
/// </para>
/// </remarks>
public readonly struct IdentityCode : IEquatable<IdentityCode>
{
    /// <summary>Characters in a code.</summary>
    public const int Length = 11;

    // Remainders 0–30 of the checksum; G, I, O, Q and Z are left out because they look like digits.
    internal const string CheckCharacters = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    private const int FirstIssuedIndividualNumber = 2;
    private const int FirstTemporaryIndividualNumber = 900;

    private readonly DateOnly birthDate;
    private readonly short individualNumber;
    private readonly char centurySign;

    private IdentityCode(DateOnly birthDate, char centurySign, int individualNumber)
    {
        this.birthDate = birthDate;
        this.centurySign = centurySign;
        this.individualNumber = (short)individualNumber;
    }

    public DateOnly BirthDate => birthDate;

    public int BirthYear => birthDate.Year;

    /// <summary>
    /// The age in whole years on <paramref name="date"/>: the years since birth, one fewer while
    /// that year's birthday is still to come (so 22 years and 364 days is 22). Born on 29 February,
    /// one turns a year older on 1 March in a common year. Negative before the birth date.
    /// </summary>
    public int AgeOn(DateOnly date)
    {
        var age = date.Year - birthDate.Year;
        return date.Month < birthDate.Month || (date.Month == birthDate.Month && date.Day < birthDate.Day) ? age - 1 : age;
    }

    /// <summary>Odd individual numbers are given to men, even ones to women.</summary>
    public Sex Sex => (individualNumber & 1) == 1 ? Sex.Male : Sex.Female;

    /// <summary>The individual number is 900–999: a temporary code that must not be linked.</summary>
    public bool IsTemporary => individualNumber >= FirstTemporaryIndividualNumber;

    private char CheckCharacter => CheckCharacters[Checksum(birthDate.Day, birthDate.Month, birthDate.Year % 100, individualNumber)];

    /// <summary>
    /// Parses a code exactly as written: upper case only, no surrounding whitespace, any of the
    /// thirteen century signs. Allocates nothing.
    /// </summary>
    public static IdentityCodeParseResult Parse(ReadOnlySpan<char> text)
    {
        if (text.Length != Length)
        {
            return IdentityCodeParseResult.Invalid(IdentityCodeError.Format);
        }

        var day = ReadNumber(text[0..2]);
        var month = ReadNumber(text[2..4]);
        var yearOfCentury = ReadNumber(text[4..6]);
        var individualNumber = ReadNumber(text[7..10]);
        var checkCharacter = text[10];
        if (day < 0 || month < 0 || yearOfCentury < 0 || individualNumber < 0
            || !(char.IsAsciiDigit(checkCharacter) || char.IsAsciiLetterUpper(checkCharacter)))
        {
            return IdentityCodeParseResult.Invalid(IdentityCodeError.Format);
        }

        var century = CenturyOf(text[6]);
        if (century < 0)
        {
            return IdentityCodeParseResult.Invalid(IdentityCodeError.CenturySign);
        }

        var year = century + yearOfCentury;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return IdentityCodeParseResult.Invalid(IdentityCodeError.Date);
        }

        if (individualNumber < FirstIssuedIndividualNumber)
        {
            return IdentityCodeParseResult.Invalid(IdentityCodeError.IndividualNumber);
        }

        if (CheckCharacters[Checksum(day, month, yearOfCentury, individualNumber)] != checkCharacter)
        {
            return IdentityCodeParseResult.Invalid(IdentityCodeError.CheckCharacter);
        }

        return IdentityCodeParseResult.Valid(new IdentityCode(new DateOnly(year, month, day), text[6], individualNumber));
    }

    /// <summary>
    /// Builds the valid code of a birth date, century sign and individual number, with its check
    /// character: for synthetic data and tests, never to guess a real person's code.
    /// </summary>
    /// <param name="birthDate">In 1800–2099, and in the century of <paramref name="centurySign"/>.</param>
    /// <param name="centurySign"><c>+</c> for the 1800s, one of <c>-YXWVU</c> for the 1900s, one of <c>ABCDEF</c> for the 2000s.</param>
    /// <param name="individualNumber">2–899 for a permanent code, 900–999 for a temporary one.</param>
    /// <exception cref="ArgumentOutOfRangeException">The parts do not make a valid code.</exception>
    public static IdentityCode Compose(DateOnly birthDate, char centurySign, int individualNumber)
    {
        var century = CenturyOf(centurySign);
        if (century < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(centurySign), "Not a century sign; use + (1800s), one of -YXWVU (1900s) or one of ABCDEF (2000s).");
        }

        if (birthDate.Year < century || birthDate.Year > century + 99)
        {
            throw new ArgumentOutOfRangeException(nameof(birthDate), $"Born in {birthDate.Year}, but the century sign is for {century}–{century + 99}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(individualNumber, FirstIssuedIndividualNumber);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(individualNumber, 999);
        return new IdentityCode(birthDate, centurySign, individualNumber);
    }

    /// <summary>
    /// Writes the eleven characters of the code. Call only to write synthetic data or the wire
    /// format; never to log or display.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="Length"/>.</exception>
    public void CopyTo(Span<char> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Length, nameof(destination));
        WriteTwoDigits(destination, birthDate.Day);
        WriteTwoDigits(destination[2..], birthDate.Month);
        WriteTwoDigits(destination[4..], birthDate.Year % 100);
        destination[6] = centurySign;
        destination[7] = (char)('0' + (individualNumber / 100));
        WriteTwoDigits(destination[8..], individualNumber % 100);
        destination[10] = CheckCharacter;
    }

    /// <summary>The eleven characters, as <see cref="CopyTo"/> writes them; same rules of use.</summary>
    public string Reveal() => string.Create(Length, this, static (characters, code) => code.CopyTo(characters));

    public bool Equals(IdentityCode other) =>
        birthDate == other.birthDate && centurySign == other.centurySign && individualNumber == other.individualNumber;

    public override bool Equals(object? obj) => obj is IdentityCode other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(birthDate, centurySign, individualNumber);

    public static bool operator ==(IdentityCode left, IdentityCode right) => left.Equals(right);

    public static bool operator !=(IdentityCode left, IdentityCode right) => !left.Equals(right);

    /// <summary>Never the code itself.</summary>
    public override string ToString() => "[henkilötunnus]";

    /// <summary>The canonical bytes a pseudonym is computed from: the eleven characters in ASCII.</summary>
    internal void WriteAscii(Span<byte> destination)
    {
        Span<char> characters = stackalloc char[Length];
        CopyTo(characters);
        Ascii.FromUtf16(characters, destination, out _);
    }

    /// <summary>
    /// The check character of any date digits and individual number, whether or not they make a
    /// valid code: synthetic codes with one defect keep a correct check character.
    /// </summary>
    internal static char CheckCharacterFor(int day, int month, int yearOfCentury, int individualNumber) =>
        CheckCharacters[Checksum(day, month, yearOfCentury, individualNumber)];

    // The century sign is deliberately left out: that is how the code is defined, and why two
    // codes may differ by the sign alone.
    private static int Checksum(int day, int month, int yearOfCentury, int individualNumber) =>
        ((((day * 10_000) + (month * 100) + yearOfCentury) * 1000) + individualNumber) % 31;

    private static int CenturyOf(char centurySign) => centurySign switch
    {
        '+' => 1800,
        '-' or 'Y' or 'X' or 'W' or 'V' or 'U' => 1900,
        'A' or 'B' or 'C' or 'D' or 'E' or 'F' => 2000,
        _ => -1,
    };

    // char.IsAsciiDigit rather than char.IsDigit: other scripts' digits are not a code.
    private static int ReadNumber(ReadOnlySpan<char> digits)
    {
        var number = 0;
        foreach (var digit in digits)
        {
            if (!char.IsAsciiDigit(digit))
            {
                return -1;
            }

            number = (number * 10) + (digit - '0');
        }

        return number;
    }

    private static void WriteTwoDigits(Span<char> destination, int value)
    {
        destination[0] = (char)('0' + (value / 10));
        destination[1] = (char)('0' + (value % 10));
    }
}
