using Hilmo.Statistics;

namespace Hilmo.Server.Web.Shared;

/// <summary>Which year a page shows: the one asked for within the register's years, else the last complete one.</summary>
internal static class Years
{
    /// <summary>AvoHILMO data begin in 2011.</summary>
    public const int First = 2011;

    public static int Latest(WebPage page) => page.Now.Year;

    public static int Chosen(WebPage page, int? asked) =>
        asked is { } year && year >= First && year <= Latest(page) ? year : Latest(page) - 1;

    public static ReportPeriod Whole(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
}
