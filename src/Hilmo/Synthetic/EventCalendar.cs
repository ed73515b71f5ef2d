namespace Hilmo.Synthetic;

/// <summary>
/// When care happens: an hourly weight for every hour of the generated period, from the weekday,
/// Finnish public holidays, the season (a winter peak of respiratory infections, the July
/// holiday dip) and the hours of a working day. Records are laid out along the cumulative weight,
/// so a file runs forward in time and its busy hours hold the most records.
/// </summary>
internal sealed class EventCalendar
{
    // Relative weight of each hour of a working day and of a weekend or holiday; a weekend day
    // carries about a fifth of a working day, mostly on-call care and home care.
    private static readonly double[] workingDayHours =
        [0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.4, 2.0, 8.0, 10.0, 10.0, 8.5, 7.0, 9.0, 8.5, 6.5, 3.0, 1.8, 1.3, 1.0, 0.8, 0.6, 0.4, 0.25];

    private static readonly double[] dayOffHours =
        [0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.6, 1.2, 1.5, 1.5, 1.3, 1.1, 1.2, 1.2, 1.0, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.25, 0.2];

    // Monday is the busiest day; Friday afternoons are quiet.
    private static readonly double[] weekdayFactor = [0.9, 1.12, 1.04, 1.0, 0.98, 0.84, 1.0];

    private readonly DateTime start;
    private readonly double[] cumulative;
    private int hour;

    /// <param name="start">First hour of the period, Finnish local time.</param>
    /// <param name="end">End of the period (exclusive), at least one day after <paramref name="start"/>.</param>
    public EventCalendar(DateTime start, DateTime end)
    {
        this.start = start;
        End = end;
        var hours = (int)(end - start).TotalHours;
        cumulative = new double[hours];
        var sum = 0.0;
        for (var i = 0; i < hours; i++)
        {
            var time = start.AddHours(i);
            var day = DateOnly.FromDateTime(time);
            var profile = IsWorkingDay(day) ? workingDayHours : dayOffHours;
            sum += profile[time.Hour] * weekdayFactor[(int)day.DayOfWeek] * Season(day);
            cumulative[i] = sum;
        }
    }

    public DateTime End { get; }

    /// <summary>
    /// The time of the record at <paramref name="fraction"/> of the file: the hour where that share
    /// of the period's weight is reached, and a random minute in it. Fractions must not decrease
    /// from call to call, which lets the search move forward only.
    /// </summary>
    public DateTime TimeAt(double fraction, Random random)
    {
        var target = fraction * cumulative[^1];
        while (hour < cumulative.Length - 1 && cumulative[hour] <= target)
        {
            hour++;
        }

        return start.AddHours(hour).AddMinutes(random.Next(60));
    }

    /// <summary>Monday to Friday, except public holidays.</summary>
    public static bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsPublicHoliday(day);

    /// <summary>Office hours of a working day, when clinics take booked visits.</summary>
    public static bool IsOfficeHours(DateTime time) =>
        time.Hour is >= 7 and < 17 && IsWorkingDay(DateOnly.FromDateTime(time));

    /// <summary>The first working day on or after <paramref name="day"/>.</summary>
    public static DateOnly WorkingDayFrom(DateOnly day)
    {
        while (!IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>The last working day on or before <paramref name="day"/>.</summary>
    public static DateOnly WorkingDayUntil(DateOnly day)
    {
        while (!IsWorkingDay(day))
        {
            day = day.AddDays(-1);
        }

        return day;
    }

    /// <summary>
    /// Finnish public holidays on which health centres keep only on-call care. Saturdays and
    /// Sundays that are holidays (Easter Sunday, Midsummer Day, All Saints' Day) are days off anyway.
    /// </summary>
    public static bool IsPublicHoliday(DateOnly day)
    {
        switch (day.Month, day.Day)
        {
            case (1, 1) or (1, 6) or (5, 1) or (12, 6) or (12, 24) or (12, 25) or (12, 26):
                return true;
            case (6, >= 19 and <= 25) when day.DayOfWeek == DayOfWeek.Friday:
                // Midsummer Eve.
                return true;
        }

        var easter = EasterSunday(day.Year);
        var offset = day.DayNumber - easter.DayNumber;
        return offset is -2 or 1 or 39;
    }

    /// <summary>Easter Sunday of the Gregorian calendar (the anonymous algorithm of 1876).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var dayOfMonth = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, dayOfMonth);
    }

    /// <summary>
    /// Seasonal factor: respiratory infections peak in midwinter, clinics run at a fraction of
    /// their capacity in July, and the weeks around Christmas are quiet.
    /// </summary>
    public static double Season(DateOnly day)
    {
        var dayOfYear = day.DayOfYear;
        var winter = 0.09 * Math.Cos(2 * Math.PI * (dayOfYear - 20) / 365.25);
        var holiday = (dayOfYear - 197) / 15.0;
        var summer = 0.33 * Math.Exp(-(holiday * holiday));
        var christmas = (day.Month == 12 && day.Day >= 20) || (day.Month == 1 && day.Day <= 6) ? 0.2 : 0.0;
        return 1 + winter - summer - christmas;
    }
}
