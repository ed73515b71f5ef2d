namespace Hilmo.Formats;

/// <summary>
/// The wire form of the local dates of care periods: ISO 8601 <c>2025-03-02</c>; XML also accepts
/// the register's legacy <c>yyyyMMdd</c>. Works on UTF-8 bytes and allocates nothing.
/// </summary>
public static class LocalDateText
{
    /// <summary>Length of the ISO form, the only one written.</summary>
    public const int Length = 10;

    /// <summary>Parses <c>yyyy-MM-dd</c>; false for anything else, times and offsets included.</summary>
    public static bool TryParseIso(ReadOnlySpan<byte> text, out DateOnly value)
    {
        value = default;
        return text.Length == Length && text[4] == '-' && text[7] == '-'
            && LocalDateTimeText.TryDigits(text[..4], out var year) && LocalDateTimeText.TryDigits(text.Slice(5, 2), out var month)
            && LocalDateTimeText.TryDigits(text.Slice(8, 2), out var day)
            && TryCreate(year, month, day, out value);
    }

    /// <summary>Parses the legacy <c>yyyyMMdd</c> form of the register.</summary>
    public static bool TryParseLegacy(ReadOnlySpan<byte> text, out DateOnly value)
    {
        value = default;
        return text.Length == 8
            && LocalDateTimeText.TryDigits(text[..4], out var year) && LocalDateTimeText.TryDigits(text.Slice(4, 2), out var month)
            && LocalDateTimeText.TryDigits(text.Slice(6, 2), out var day)
            && TryCreate(year, month, day, out value);
    }

    /// <summary>Writes the ISO form into the first <see cref="Length"/> bytes of <paramref name="destination"/>.</summary>
    public static void Format(DateOnly value, Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException("The destination is too small for a date.", nameof(destination));
        }

        LocalDateTimeText.Digits(destination, 0, value.Year, 4);
        destination[4] = (byte)'-';
        LocalDateTimeText.Digits(destination, 5, value.Month, 2);
        destination[7] = (byte)'-';
        LocalDateTimeText.Digits(destination, 8, value.Day, 2);
    }

    public static string Format(DateOnly value)
    {
        Span<byte> buffer = stackalloc byte[Length];
        Format(value, buffer);
        return System.Text.Encoding.ASCII.GetString(buffer);
    }

    private static bool TryCreate(int year, int month, int day, out DateOnly value)
    {
        value = default;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        value = new DateOnly(year, month, day);
        return true;
    }
}
