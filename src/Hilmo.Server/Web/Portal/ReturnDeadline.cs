namespace Hilmo.Server.Web.Portal;

/// <summary>
/// The yearly return date: care notifications not sent in real time must reach the register by
/// 28 February for the previous year (THL's notification guide). Until that day the previous
/// year is open; after it, the current year is the one being filled, due next February.
/// </summary>
/// <param name="Year">The year whose data the deadline is for.</param>
/// <param name="Due">The last day for it.</param>
/// <param name="DaysLeft">Days from today to the due date, 0 on the day itself.</param>
/// <param name="LastPassed">The deadline of the year before <paramref name="Year"/>, already passed.</param>
public sealed record ReturnDeadline(int Year, DateOnly Due, int DaysLeft, DateOnly LastPassed)
{
    public static ReturnDeadline On(DateOnly today)
    {
        var thisYears = new DateOnly(today.Year, 2, 28);
        return today <= thisYears
            ? new ReturnDeadline(today.Year - 1, thisYears, thisYears.DayNumber - today.DayNumber, new DateOnly(today.Year - 1, 2, 28))
            : new ReturnDeadline(today.Year, new DateOnly(today.Year + 1, 2, 28), new DateOnly(today.Year + 1, 2, 28).DayNumber - today.DayNumber, thisYears);
    }
}
