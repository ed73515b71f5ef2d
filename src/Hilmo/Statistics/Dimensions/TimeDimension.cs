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
