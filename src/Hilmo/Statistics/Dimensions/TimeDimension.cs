using System.Globalization;

namespace Hilmo.Statistics.Dimensions;

/// <summary>Days, ISO weeks, months, quarters or years of the facts' date; every period of the report is a category, with or without facts.</summary>
public sealed class TimeDimension(string code, LocalizedText label, TimeGrain grain) : ReportDimension(code, label, DimensionRole.Time)
{
    public TimeGrain Grain { get; } = grain;

    internal override DimensionSql Sql(StatisticsContext context, FactShape facts, string alias)
    {
        const string date = "f.event_date";
        var key = Grain switch
        {
            TimeGrain.Day => date,
            TimeGrain.Week => $"CAST(EXTRACT(ISOYEAR FROM {date}) * 100 + EXTRACT(WEEK FROM {date}) AS INTEGER)",
            TimeGrain.Month => $"CAST(EXTRACT(YEAR FROM {date}) * 100 + EXTRACT(MONTH FROM {date}) AS INTEGER)",
            TimeGrain.Quarter => $"CAST(EXTRACT(YEAR FROM {date}) * 10 + EXTRACT(QUARTER FROM {date}) AS INTEGER)",
            _ => $"CAST(EXTRACT(YEAR FROM {date}) AS INTEGER)",
        };
        return new DimensionSql([], [new LevelSql(key)]);
    }

    public override string CodeOf(object value, int level, object? next)
    {
        if (value is DateOnly day)
        {
            return PeriodCode(day);
        }

        if (value is DateTime dateTime)
        {
            return PeriodCode(DateOnly.FromDateTime(dateTime));
        }

        var number = Convert.ToInt32(value, CultureInfo.InvariantCulture);
        return Grain switch
        {
            TimeGrain.Week => string.Create(CultureInfo.InvariantCulture, $"{number / 100}-W{number % 100:00}"),
            TimeGrain.Month => string.Create(CultureInfo.InvariantCulture, $"{number / 100}-{number % 100:00}"),
            TimeGrain.Quarter => string.Create(CultureInfo.InvariantCulture, $"{number / 10}-Q{number % 10}"),
            _ => number.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The code of the period <paramref name="date"/> falls in.</summary>
    public string PeriodCode(DateOnly date) => Grain switch
    {
        TimeGrain.Day => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeGrain.Week => string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(date.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(date.ToDateTime(TimeOnly.MinValue)):00}"),
        TimeGrain.Month => date.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        TimeGrain.Quarter => string.Create(CultureInfo.InvariantCulture, $"{date.Year}-Q{(date.Month + 2) / 3}"),
        _ => date.Year.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The periods from the first to the last, counted without walking the days, and the total.</summary>
    public override long? CategoryCountBefore(ReportPeriod period, StatisticsContext context)
    {
        var (from, to) = (period.From, period.To);
        long periods = Grain switch
        {
            TimeGrain.Day => to.DayNumber - from.DayNumber + 1,
            TimeGrain.Week => ((to.DayNumber - IsoWeekday(to)) - (from.DayNumber - IsoWeekday(from))) / 7 + 1,
            TimeGrain.Month => (to.Year * 12L + to.Month) - (from.Year * 12L + from.Month) + 1,
            TimeGrain.Quarter => (to.Year * 4L + (to.Month - 1) / 3) - (from.Year * 4L + (from.Month - 1) / 3) + 1,
            _ => to.Year - from.Year + 1,
        };
        return Math.Max(periods, 0) + 1;
    }

    /// <summary>Days since the Monday of the ISO week of <paramref name="date"/>.</summary>
    private static int IsoWeekday(DateOnly date) => ((int)date.DayOfWeek + 6) % 7;

    public override IReadOnlyList<TableCategory> Categories(IReadOnlyList<IReadOnlyCollection<(string Code, string? Parent)>> observed, ReportPeriod period, StatisticsContext context)
    {
        var categories = new List<TableCategory> { Total(new LocalizedText(string.Create(CultureInfo.InvariantCulture, $"{period.From:d.M.yyyy}–{period.To:d.M.yyyy}"))) };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var date = period.From; date <= period.To; date = date.AddDays(1))
        {
            var code = PeriodCode(date);
            if (seen.Add(code))
            {
                categories.Add(new TableCategory(code, new LocalizedText(code), TotalCode));
            }
        }

        return categories;
    }
}

public enum TimeGrain
{
    Day,
    Week,
    Month,
    Quarter,
    Year,
}
