namespace Hilmo.Statistics.Outputs;

/// <summary>
/// Times as Finnish readers read them. Formats without a time zone (PX dates) are written in
/// Finnish time, the time of the register's users; formats with one say which.
/// </summary>
internal static class FinnishTime
{
    private static readonly TimeZoneInfo Finland = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    public static DateTimeOffset Of(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, Finland);
}
