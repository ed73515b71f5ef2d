using System.Globalization;
using Hilmo.Codes;

namespace Hilmo.Statistics;

/// <summary>
/// The care guarantee's waiting-time limits over time (Terveydenhuoltolaki 51 §), as dated data:
/// a report over any period applies to each visit the limit in force on the visit's date.
/// Read from <c>data/statistics/legal-limits.csv</c>.
/// </summary>
public sealed class LegalLimitTable(IReadOnlyList<LegalLimit> limits)
{
    public const string FileName = "legal-limits.csv";

    public IReadOnlyList<LegalLimit> Limits { get; } = limits;

    /// <summary>The folder the program ships its statistics definitions in.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "data", "statistics");

    /// <exception cref="CodeListException">The file cannot be used; the message names the line and the problem.</exception>
    public static LegalLimitTable Load(string path)
    {
        using var csv = CodeListCsv.Open(path);
        int Column(string name) => csv.RequiredColumn(name);
        var (from, to, care, ageFrom, ageTo, limit, source) =
            (Column("in_force_from"), Column("in_force_to"), Column("care"), Column("age_from"), Column("age_to"), Column("limit"), Column("source"));
        var limits = new List<LegalLimit>();
        while (csv.Read())
        {
            limits.Add(new LegalLimit(
                csv.IsoDate(from, "in_force_from") ?? throw csv.Location.Error("in_force_from is empty"),
                csv.IsoDate(to, "in_force_to"),
                csv.Text(care) switch
                {
                    "primary" => CareKind.Primary,
                    "oral" => CareKind.Oral,
                    var other => throw csv.Location.Error($"care must be primary or oral, not '{other}'"),
                },
                Age(csv.Text(ageFrom)),
                Age(csv.Text(ageTo)),
                WaitingLimit.Parse(csv.Text(limit)) ?? throw csv.Location.Error($"limit '{csv.Text(limit)}' is not a duration of whole days or months such as P14D or P3M"),
                csv.Text(source) ?? ""));
        }

        return new LegalLimitTable(limits);

        int? Age(string? text) => text is null ? null
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var years) ? years
            : throw csv.Location.Error($"'{text}' is not an age in years");
    }
}

/// <summary>Primary care in general, or oral care, which has limits of its own.</summary>
public enum CareKind
{
    Primary,
    Oral,
}

/// <summary>A waiting-time limit: whole days or whole calendar months from the assessment date, as the law counts.</summary>
public readonly record struct WaitingLimit(int Days, int Months)
{
    /// <summary>Reads an ISO 8601 duration of whole days (<c>P14D</c>) or months (<c>P3M</c>); null for anything else.</summary>
    public static WaitingLimit? Parse(string? text)
    {
        if (text is not { Length: >= 3 } || text[0] != 'P'
            || !int.TryParse(text.AsSpan(1, text.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
        {
            return null;
        }

        return text[^1] switch
        {
            'D' => new WaitingLimit(count, 0),
            'M' => new WaitingLimit(0, count),
            _ => null,
        };
    }

    public override string ToString() => Months > 0 ? $"P{Months}M" : $"P{Days}D";
}

/// <summary>
/// One row of the limit table. A visit falls under it by its date, its care and the client's age;
/// when the age is unknown, only a row without a lower bound applies (the under-23 row, the
/// stricter limit): the register cannot show the client was old enough for the longer one.
/// </summary>
/// <param name="InForceFrom">First visit date the limit applies to.</param>
/// <param name="InForceTo">Last visit date it applies to; null while in force.</param>
/// <param name="Care">Primary or oral care.</param>
/// <param name="AgeFrom">Lowest age it applies to; null for no lower bound.</param>
/// <param name="AgeTo">Highest age it applies to; null for no upper bound.</param>
/// <param name="Limit">The limit.</param>
/// <param name="Source">The statute or proposal it comes from.</param>
public sealed record LegalLimit(DateOnly InForceFrom, DateOnly? InForceTo, CareKind Care, int? AgeFrom, int? AgeTo, WaitingLimit Limit, string Source)
{
}
