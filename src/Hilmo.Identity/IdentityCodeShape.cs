using System.Numerics;

namespace Hilmo.Identity;

/// <summary>
/// Whether a text holds anything shaped like a personal identity code: eleven characters
/// <c>DDMMYYCNNNQ</c> with a real birth date in the century of its sign, three digits and a
/// character of the check alphabet, anywhere in the text. The check character itself is not
/// required to be right.
/// </summary>
/// <remarks>
/// <para>
/// This is what keeps identity codes out of every field but the client's own (issue 18): the
/// readers ask it about every text, member name, element name and attribute of a record (through
/// <c>Hilmo.Notifications.IdentityCodeShapes</c>, as only this assembly reads identity codes).
/// </para>
/// <para>
/// The shape is enough, checksum or not: a code with one wrong character is still, all but one
/// character, somebody's identity code, and a rule that wanted the checksum would let thirty in
/// thirty-one such mistakes through into the store and the feedback. Nothing a register field
/// holds legitimately has this shape (OIDs have dots, codes are short, times put their dash after
/// four digits), so catching it costs no honest record. Lower-case signs and check characters are
/// caught too, for the same reason.
/// </para>
/// </remarks>
public static class IdentityCodeShape
{
    /// <summary>True when some eleven characters of <paramref name="text"/> are shaped like an identity code.</summary>
    public static bool Contains(ReadOnlySpan<char> text) => Find(text);

    /// <summary>The same for UTF-8 text; an identity code is ASCII, so the bytes are read as characters.</summary>
    public static bool Contains(ReadOnlySpan<byte> utf8) => Find(utf8);

    private static bool Find<T>(ReadOnlySpan<T> text)
        where T : unmanaged, IBinaryInteger<T>
    {
        for (var i = 0; i + IdentityCode.Length <= text.Length; i++)
        {
            if (CenturyOf(At(text, i + 6)) >= 0 && IsShaped(text.Slice(i, IdentityCode.Length)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsShaped<T>(ReadOnlySpan<T> code)
        where T : unmanaged, IBinaryInteger<T>
    {
        var day = Digits(code, 0);
        var month = Digits(code, 2);
        var yearOfCentury = Digits(code, 4);
        if (day < 0 || month < 0 || yearOfCentury < 0 || Digits(code, 7) < 0 || !char.IsAsciiDigit(At(code, 9)))
        {
            return false;
        }

        var check = At(code, 10);
        if (!IdentityCode.CheckCharacters.Contains(check, StringComparison.Ordinal))
        {
            return false;
        }

        var year = CenturyOf(At(code, 6)) + yearOfCentury;
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    private static char At<T>(ReadOnlySpan<T> text, int index)
        where T : unmanaged, IBinaryInteger<T> => (char)int.CreateTruncating(text[index]);

    private static int Digits<T>(ReadOnlySpan<T> text, int at)
        where T : unmanaged, IBinaryInteger<T>
    {
        var tens = At(text, at);
        var ones = At(text, at + 1);
        return char.IsAsciiDigit(tens) && char.IsAsciiDigit(ones) ? ((tens - '0') * 10) + (ones - '0') : -1;
    }

    private static int CenturyOf(char sign) => sign switch
    {
        '+' => 1800,
        '-' or 'Y' or 'X' or 'W' or 'V' or 'U' => 1900,
        'A' or 'B' or 'C' or 'D' or 'E' or 'F' => 2000,
        _ => -1,
    };
}
