using Hilmo.Notifications;
using Hilmo.Synthetic;

namespace Hilmo.Identity;

/// <summary>
/// Identity codes for synthetic data, built with <see cref="IdentityCode.Compose"/> so that every
/// valid one parses, and every defective one fails <see cref="IdentityCode.Parse"/> with exactly
/// the error it is meant to have.
/// </summary>
/// <remarks>
/// <para>
/// Century signs follow the birth year. For the 1900s and 2000s the signs introduced in 2023
/// (<c>YXWVU</c>, <c>BCDEF</c>) appear too, but rarely, as they do in the population: they are
/// issued only when the traditional sign's numbers run out.
/// </para>
/// <para>
/// A defective code has one defect and is otherwise well formed: the parser checks shape, century
/// sign, date, individual number and check character in that order, so a defect late in the order
/// needs everything before it right, and a defect early in the order is made on a valid code so
/// that it is the only thing wrong.
/// </para>
/// </remarks>
public sealed class SyntheticIdentityCodes : ISyntheticIdentityCodes
{
    /// <summary>Share of people born in the 1900s or 2000s whose code has one of the 2023 signs.</summary>
    public const double NewCenturySignShare = 0.02;

    private const string NewSigns1900s = "YXWVU";
    private const string NewSigns2000s = "BCDEF";

    // Characters that are no century sign but could be mistyped for one.
    private const string NotCenturySigns = "/*.:_ZGT";

    // Odd individual numbers 3–899 are men's, even ones 2–898 women's: 449 of each.
    private const int NumbersPerSex = 449;

    public string Permanent(DateOnly birthDate, Sex sex, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var number = sex == Sex.Male ? 3 + (2 * random.Next(NumbersPerSex)) : 2 + (2 * random.Next(NumbersPerSex));
        return IdentityCode.Compose(birthDate, CenturySign(birthDate.Year, random), number).Reveal();
    }

    public string Temporary(DateOnly birthDate, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return IdentityCode.Compose(birthDate, CenturySign(birthDate.Year, random), 900 + random.Next(100)).Reveal();
    }

    public string Defective(IdentityCodeDefect defect, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return defect switch
        {
            IdentityCodeDefect.Format => WrongShape(ValidCode(random), random),
            IdentityCodeDefect.CenturySign => Replace(ValidCode(random), 6, NotCenturySigns[random.Next(NotCenturySigns.Length)]),
            IdentityCodeDefect.Date => ImpossibleDate(random),
            IdentityCodeDefect.IndividualNumber => NeverIssuedNumber(random),
            IdentityCodeDefect.CheckCharacter => WrongCheckCharacter(ValidCode(random), random),
            _ => throw new ArgumentOutOfRangeException(nameof(defect), defect, "No such identity code defect."),
        };
    }

    private static char CenturySign(int year, Random random)
    {
        var newSign = random.NextDouble() < NewCenturySignShare;
        return year switch
        {
            >= 1800 and < 1900 => '+',
            >= 1900 and < 2000 => newSign ? NewSigns1900s[random.Next(NewSigns1900s.Length)] : '-',
            >= 2000 and < 2100 => newSign ? NewSigns2000s[random.Next(NewSigns2000s.Length)] : 'A',
            _ => throw new ArgumentOutOfRangeException(nameof(year), year, "Identity codes exist for birth years 1800–2099."),
        };
    }

    /// <summary>A valid code of someone born 1930–2019, the raw material of a defect.</summary>
    private string ValidCode(Random random)
    {
        var birthDate = DateOnly.FromDayNumber(new DateOnly(1930, 1, 1).DayNumber + random.Next(90 * 365));
        return Permanent(birthDate, random.Next(2) == 0 ? Sex.Male : Sex.Female, random);
    }

    /// <summary>The mistakes of hand entry and careless mapping that break the shape of a code.</summary>
    private static string WrongShape(string code, Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                return code[..10];
            case 1:
                return code + " ";
            case 2:
                // The letter O typed for a zero, or any letter for a digit.
                var position = random.Next(2) == 0 ? random.Next(6) : 7 + random.Next(3);
                return Replace(code, position, code[position] == '0' ? 'O' : 'I');
            default:
                // A check letter in lower case; a check digit cannot be, so that one gets a letter.
                return char.IsAsciiLetterUpper(code[10]) ? Replace(code, 10, char.ToLowerInvariant(code[10])) : Replace(code, 10, 'x');
        }
    }

    private static string ImpossibleDate(Random random)
    {
        var yearOfCentury = random.Next(100);
        var (day, month) = random.Next(6) switch
        {
            0 => (30 + random.Next(2), 2),
            1 => (31, random.Next(4) switch { 0 => 4, 1 => 6, 2 => 9, _ => 11 }),
            2 => (1 + random.Next(28), 13 + random.Next(7)),
            3 => (0, 1 + random.Next(12)),
            4 => (32 + random.Next(8), 1 + random.Next(12)),
            _ => (29, 2),
        };
        if (day == 29 && month == 2)
        {
            // 29 February exists only in leap years; the 1900s sign makes 1900 + yy the year.
            while (DateTime.IsLeapYear(1900 + yearOfCentury))
            {
                yearOfCentury = random.Next(100);
            }
        }

        return Text(day, month, yearOfCentury, '-', 2 + random.Next(898));
    }

    private static string NeverIssuedNumber(Random random)
    {
        var birthDate = DateOnly.FromDayNumber(new DateOnly(1930, 1, 1).DayNumber + random.Next(90 * 365));
        var sign = birthDate.Year < 2000 ? '-' : 'A';
        return Text(birthDate.Day, birthDate.Month, birthDate.Year % 100, sign, random.Next(2));
    }

    private static string WrongCheckCharacter(string code, Random random)
    {
        var right = IdentityCode.CheckCharacters.IndexOf(code[10], StringComparison.Ordinal);
        var wrong = (right + 1 + random.Next(IdentityCode.CheckCharacters.Length - 1)) % IdentityCode.CheckCharacters.Length;
        return Replace(code, 10, IdentityCode.CheckCharacters[wrong]);
    }

    /// <summary>The eleven characters of any parts, with the check character those digits call for.</summary>
    private static string Text(int day, int month, int yearOfCentury, char sign, int individualNumber) =>
        string.Create(IdentityCode.Length, (day, month, yearOfCentury, sign, individualNumber), static (text, parts) =>
        {
            var (day, month, yearOfCentury, sign, individualNumber) = parts;
            Digits(text, day, 2);
            Digits(text[2..], month, 2);
            Digits(text[4..], yearOfCentury, 2);
            text[6] = sign;
            Digits(text[7..], individualNumber, 3);
            text[10] = IdentityCode.CheckCharacterFor(day, month, yearOfCentury, individualNumber);
        });

    private static void Digits(Span<char> destination, int value, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    private static string Replace(string code, int position, char character) =>
        string.Create(code.Length, (code, position, character), static (text, state) =>
        {
            state.code.AsSpan().CopyTo(text);
            text[state.position] = state.character;
        });
}
