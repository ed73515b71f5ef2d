namespace Hilmo.Formats;

/// <summary>
/// The wire form of local date-times: ISO 8601 without offset, <c>2026-03-02T08:15</c> with
/// optional seconds and fraction, meaning Finnish local time. XML also accepts the register's
/// legacy <c>yyyyMMddHHmm</c>. Parsing works on UTF-8 bytes and allocates nothing.
/// </summary>
public static class LocalDateTimeText
{
    /// <summary>Parses the ISO form; false for anything else, offsets and <c>Z</c> included.</summary>
    public static bool TryParseIso(ReadOnlySpan<byte> text, out DateTime value)
    {
        value = default;
        // yyyy-MM-ddTHH:mm is 16 bytes; seconds add 3, a fraction up to 8 more.
        if (text.Length < 16 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':')
        {
            return false;
        }

        if (!TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var month)
            || !TryDigits(text.Slice(8, 2), out var day) || !TryDigits(text.Slice(11, 2), out var hour)
            || !TryDigits(text.Slice(14, 2), out var minute))
        {
            return false;
        }

        int second = 0;
        long fractionTicks = 0;
        var rest = text[16..];
        if (!rest.IsEmpty)
        {
            if (rest.Length < 3 || rest[0] != ':' || !TryDigits(rest.Slice(1, 2), out second))
            {
                return false;
            }

            rest = rest[3..];
            if (!rest.IsEmpty)
            {
                // A fraction of at most seven digits (100 ns ticks); nothing may follow it.
                if (rest[0] != '.' || rest.Length < 2 || rest.Length > 8 || !TryDigits(rest[1..], out var fraction))
                {
                    return false;
                }

                fractionTicks = fraction * Pow10(7 - (rest.Length - 1));
            }
        }

        return TryCreate(year, month, day, hour, minute, second, fractionTicks, out value);
    }

    /// <summary>Parses the legacy <c>yyyyMMddHHmm</c> form of the register.</summary>
    public static bool TryParseLegacy(ReadOnlySpan<byte> text, out DateTime value)
    {
        value = default;
        return text.Length == 12
            && TryDigits(text[..4], out var year) && TryDigits(text.Slice(4, 2), out var month)
            && TryDigits(text.Slice(6, 2), out var day) && TryDigits(text.Slice(8, 2), out var hour)
            && TryDigits(text.Slice(10, 2), out var minute)
            && TryCreate(year, month, day, hour, minute, 0, 0, out value);
    }

    /// <summary>Writes the ISO form with minutes, adding seconds and fraction only when present.</summary>
    public static int Format(DateTime value, Span<byte> destination)
    {
        if (destination.Length < MaxFormattedLength)
        {
            throw new ArgumentException("The destination is too small for a date-time.", nameof(destination));
        }

        // Written digit by digit: the general formatter parses its pattern on every call, and
        // every record has up to a dozen times.
        Digits(destination, 0, value.Year, 4);
        destination[4] = (byte)'-';
        Digits(destination, 5, value.Month, 2);
        destination[7] = (byte)'-';
        Digits(destination, 8, value.Day, 2);
        destination[10] = (byte)'T';
        Digits(destination, 11, value.Hour, 2);
        destination[13] = (byte)':';
        Digits(destination, 14, value.Minute, 2);
        var belowMinute = value.Ticks % TimeSpan.TicksPerMinute;
        if (belowMinute == 0)
        {
            return 16;
        }

        destination[16] = (byte)':';
        Digits(destination, 17, value.Second, 2);
        var fraction = (int)(belowMinute % TimeSpan.TicksPerSecond);
        if (fraction == 0)
        {
            return 19;
        }

        destination[19] = (byte)'.';
        Digits(destination, 20, fraction, 7);
        var length = 27;
        while (destination[length - 1] == '0')
        {
            length--;
        }

        return length;
    }

    internal static void Digits(Span<byte> destination, int at, int value, int count)
    {
        for (var i = at + count - 1; i >= at; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <summary>Longest text the formatter writes.</summary>
    public const int MaxFormattedLength = 27;

    public static string Format(DateTime value)
    {
        Span<byte> buffer = stackalloc byte[MaxFormattedLength];
        return System.Text.Encoding.ASCII.GetString(buffer[..Format(value, buffer)]);
    }

    private static bool TryCreate(int year, int month, int day, int hour, int minute, int second, long fractionTicks, out DateTime value)
    {
        value = default;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fractionTicks);
        return true;
    }

    internal static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var b in text)
        {
            var digit = b - (byte)'0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    private static long Pow10(int exponent)
    {
        long result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
