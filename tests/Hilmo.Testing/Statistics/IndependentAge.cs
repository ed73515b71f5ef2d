using System.Globalization;

namespace Hilmo.Testing.Statistics;

/// <summary>
/// A client's exact age worked out by the tests themselves, straight from the characters of the
/// identity code, without the register's identity code type: the figures the reports are checked
/// against must not share the code that made the register's ones.
/// </summary>
public static class IndependentAge
{
    /// <summary>The birth date the code's first seven characters spell: day, month, year in the century of the sign.</summary>
    public static DateOnly BirthDate(string identityCode)
    {
        var century = identityCode[6] switch
        {
            '+' => 1800,
            '-' or 'Y' or 'X' or 'W' or 'V' or 'U' => 1900,
            'A' or 'B' or 'C' or 'D' or 'E' or 'F' => 2000,
            var sign => throw new ArgumentException($"No century sign {sign}.", nameof(identityCode)),
        };
        int Two(int at) => int.Parse(identityCode.AsSpan(at, 2), NumberStyles.None, CultureInfo.InvariantCulture);
        return new DateOnly(century + Two(4), Two(2), Two(0));
    }

    /// <summary>Whole years from <paramref name="born"/> to <paramref name="day"/>: one fewer while that year's birthday (month and day) is still ahead.</summary>
    public static int On(DateOnly born, DateOnly day) =>
        day.Year - born.Year - (day.Month * 100 + day.Day < born.Month * 100 + born.Day ? 1 : 0);

    /// <summary>The age on <paramref name="day"/> of the client whose identity code is <paramref name="identityCode"/>.</summary>
    public static int On(string identityCode, DateOnly day) => On(BirthDate(identityCode), day);
}
