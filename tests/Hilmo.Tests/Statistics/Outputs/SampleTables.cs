using System.Globalization;
using Hilmo.Statistics;
using Hilmo.Statistics.Outputs;

namespace Hilmo.Tests.Statistics.Outputs;

/// <summary>
/// Tables built by hand for the writers: totals with parent links, a time dimension, measures
/// with 0, 1 and 2 decimals, suppressed and not-applicable cells, and labels in three languages
/// with letters and characters that formats must escape.
/// </summary>
internal static class SampleTables
{
    /// <summary>A label with a comma, a quotation mark and a semicolon in every language.</summary>
    public static readonly LocalizedText AwkwardCounty = new(
        "Pohjois-Pohjanmaa, \"Oulu\"; ääkköset",
        "Norra Österbotten, \"Uleåborg\"; åäö",
        "North Ostrobothnia, \"Oulu\"; test");

    public static readonly DateTimeOffset Updated = new(2025, 4, 1, 9, 30, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset AsOf = new(2025, 4, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Figures that only suppressed cells held, so finding one anywhere in a file is a leak.</summary>
    public const double SuppressedVisits = 918273;

    public const double SuppressedShare = 64.75;

    public static ReportMetadata Metadata { get; } = new(
        "access-to-care",
        new LocalizedText("Käynnit ja kiireellisyys", "Besök och brådskande vård", "Visits and urgency"),
        new LocalizedText("Avosairaanhoidon käynnit kuukausittain.", "Besök inom öppen sjukvård per månad.", "Outpatient visits by month."),
        new LocalizedText("THL, hoitoilmoitusrekisteri", "THL, vårdanmälningsregistret", "THL, Care Register"),
        Updated,
        AsOf,
        "2025-04",
        [
            new LocalizedText("Alle 5 käynnin luvut on salattu.", "Tal under 5 besök är skyddade.", "Counts below 5 visits are suppressed."),
            new LocalizedText("Osuus on kiireellisten käyntien osuus.", "Andelen är andelen brådskande besök.", "The share is that of urgent visits."),
        ]);

    public static TableDimension County { get; } = new(
        "county",
        new LocalizedText("Maakunta", "Landskap", "Region"),
        [
            new TableCategory("SSS", new LocalizedText("Koko maa", "Hela landet", "Whole country")),
            new TableCategory("01", new LocalizedText("Uusimaa", "Nyland", "Uusimaa"), "SSS"),
            new TableCategory("02", new LocalizedText("Varsinais-Suomi", "Egentliga Finland", "Southwest Finland"), "SSS"),
            new TableCategory("17", AwkwardCounty, "SSS"),
        ],
        DimensionRole.Region);

    public static TableDimension Month { get; } = new(
        "month",
        new LocalizedText("Kuukausi", "Månad", "Month"),
        [
            new TableCategory("2025-01", new LocalizedText("tammikuu 2025", "januari 2025", "January 2025")),
            new TableCategory("2025-02", new LocalizedText("helmikuu 2025", "februari 2025", "February 2025")),
            new TableCategory("2025-03", new LocalizedText("maaliskuu 2025", "mars 2025", "March 2025")),
        ],
        DimensionRole.Time);

    public static TableDimension Sex { get; } = new(
        "sex",
        new LocalizedText("Sukupuoli", "Kön", "Sex"),
        [
            new TableCategory("SSS", new LocalizedText("Yhteensä", "Totalt", "Total")),
            new TableCategory("1", new LocalizedText("Miehet", "Män", "Men"), "SSS"),
            new TableCategory("2", new LocalizedText("Naiset", "Kvinnor", "Women"), "SSS"),
        ]);

    public static IReadOnlyList<TableMeasure> Measures { get; } =
    [
        new("visits", new LocalizedText("Käynnit", "Besök", "Visits"), new LocalizedText("käyntiä", "besök", "visits"), 0, MeasureKind.AdditiveCount),
        new("urgent_share", new LocalizedText("Kiireelliset", "Brådskande", "Urgent"), new LocalizedText("%"), 1, MeasureKind.Derived),
        new("median_days", new LocalizedText("Mediaaniodotus", "Medianväntetid", "Median wait"), new LocalizedText("vrk", "dygn", "days"), 2, MeasureKind.Derived),
    ];

    /// <summary>The cells and measures <see cref="ThreeDimensions"/> suppresses or leaves without a figure.</summary>
    public static IReadOnlyList<(int Cell, int Measure, CellStatus Status)> Marked { get; } =
    [
        (1, 0, CellStatus.PrimarySuppressed),
        (2, 0, CellStatus.SecondarySuppressed),
        (1, 1, CellStatus.PrimarySuppressed),
        (2, 2, CellStatus.SecondarySuppressed),
        (5, 2, CellStatus.NotApplicable),
        (30, 1, CellStatus.NotApplicable),
    ];

    /// <summary>County × month × sex, 36 cells of three measures.</summary>
    public static StatisticsTable ThreeDimensions()
    {
        var table = new StatisticsTable(Metadata, [County, Month, Sex], Measures);
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            table.SetValue(cell, 0, 1000 + 37 * cell);
            // Cell 0's share, 0.25, is exact in binary: half away from zero gives 0.3, half to even 0.2.
            table.SetValue(cell, 1, cell % 7 * 10.05 + 0.25);
            table.SetValue(cell, 2, cell * 0.125 + 0.005);
        }

        foreach (var (cell, measure, status) in Marked)
        {
            if (status == CellStatus.NotApplicable)
            {
                table.SetValue(cell, measure, null);
            }
            else
            {
                // The figure is there until disclosure control withholds it, as in a real run.
                table.SetValue(cell, measure, measure == 0 ? SuppressedVisits : SuppressedShare);
                table.Suppress(cell, measure, status);
            }
        }

        return table;
    }

    /// <summary>What a reader must see for one measure of one cell, in invariant notation: the mark, or the figure with the measure's decimals.</summary>
    public static string Expected(StatisticsTable table, int cell, int measure) => table.Status(cell, measure) switch
    {
        CellStatus.Published => Math.Round(table.Value(cell, measure)!.Value, table.Measures[measure].Decimals, MidpointRounding.AwayFromZero)
            .ToString("F" + table.Measures[measure].Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        CellStatus.NotApplicable => ".",
        _ => "..",
    };

    /// <summary>Writes <paramref name="table"/> and returns the bytes.</summary>
    public static async Task<byte[]> WriteAsync(StatisticsTable table, StatisticsFormat format, string language = "fi")
    {
        using var output = new MemoryStream();
        await TableWriter.WriteAsync(table, format, language, output, TestContext.Current.CancellationToken);
        return output.ToArray();
    }
}
