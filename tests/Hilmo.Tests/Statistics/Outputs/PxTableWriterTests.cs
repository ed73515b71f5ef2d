using System.Text;
using Hilmo.Statistics;
using Hilmo.Statistics.Outputs;

namespace Hilmo.Tests.Statistics.Outputs;

/// <summary>PX files read back with the tests' own parser and checked against the table they were written from.</summary>
public sealed class PxTableWriterTests
{
    /// <summary>The keywords in the order the PX file format specification lists them (those this writer uses).</summary>
    private static readonly string[] SpecificationOrder =
    [
        "AXIS-VERSION", "CODEPAGE", "LANGUAGE", "LANGUAGES", "CREATION-DATE", "UPDATE-FREQUENCY", "DECIMALS", "SHOWDECIMALS",
        "MATRIX", "SUBJECT-CODE", "SUBJECT-AREA", "TITLE", "CONTENTS", "STUB", "HEADING", "CONTVARIABLE", "VALUES",
        "UNITS", "TIMEVAL", "CODES", "HIERARCHIES", "HIERARCHYLEVELS", "ELIMINATION", "PRECISION", "LAST-UPDATED", "CONTACT", "SOURCE", "NOTE",
        "DATASYMBOL1", "DATASYMBOL2", "DATASYMBOLSUM", "DATANOTESUM",
    ];

    private static readonly Dictionary<string, string> MeasureVariable = new() { ["fi"] = "Tiedot", ["sv"] = "Uppgifter", ["en"] = "Information" };

    [Fact]
    public async Task Every_figure_and_dot_code_in_DATA_is_the_tables()
    {
        var table = SampleTables.ThreeDimensions();

        var px = PxFile.Parse(await SampleTables.WriteAsync(table, StatisticsFormat.Px));

        Assert.Equal(table.CellCount * table.Measures.Count, px.Data.Count);
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            for (var m = 0; m < table.Measures.Count; m++)
            {
                Assert.Equal(SampleTables.Expected(table, cell, m), px.Data[cell * table.Measures.Count + m]);
            }
        }

        Assert.Contains("\"..\"", px.Text, StringComparison.Ordinal);
        Assert.Equal(".", px.Value("DATASYMBOL1"));
        Assert.Equal("..", px.Value("DATASYMBOL2"));
    }

    [Fact]
    public async Task The_file_is_UTF_8_declared_for_PxWeb_with_three_languages_the_asked_one_first()
    {
        var table = SampleTables.ThreeDimensions();

        var bytes = await SampleTables.WriteAsync(table, StatisticsFormat.Px, "sv");
        var px = PxFile.Parse(bytes);

        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "no byte order mark: the first keyword starts the file");
        Assert.DoesNotContain(px.Keywords, k => k.Name == "CHARSET");
        Assert.Equal("utf-8", px.Value("CODEPAGE"));
        Assert.Contains("\r\nCODEPAGE=\"utf-8\";\r\n", px.Text, StringComparison.Ordinal);
        Assert.Equal("sv", px.Value("LANGUAGE"));
        Assert.Equal(["sv", "fi", "en"], px.Values("LANGUAGES"));
        Assert.Equal("Besök och brådskande vård", px.Value("TITLE"));
        Assert.Equal("Käynnit ja kiireellisyys", px.Value("TITLE", "fi"));
        Assert.Equal("Visits and urgency", px.Value("TITLE", "en"));
    }

    [Theory]
    [InlineData("fi")]
    [InlineData("sv")]
    [InlineData("en")]
    public async Task Each_language_has_its_stub_heading_values_codes_and_units(string language)
    {
        var table = SampleTables.ThreeDimensions();
        var px = PxFile.Parse(await SampleTables.WriteAsync(table, StatisticsFormat.Px));
        var tag = language == "fi" ? null : language;
        var measures = MeasureVariable[language];

        Assert.Equal(table.Metadata.Title.In(language), px.Value("TITLE", tag));
        Assert.Equal(table.Dimensions.Select(d => d.Label.In(language)), px.Values("STUB", tag));
        Assert.Equal([measures], px.Values("HEADING", tag));
        Assert.Equal(measures, px.Value("CONTVARIABLE", tag));
        foreach (var dimension in table.Dimensions)
        {
            var variable = dimension.Label.In(language);
            Assert.Equal(dimension.Categories.Select(c => c.Label.In(language).Replace('"', '”')), px.Values("VALUES", tag, variable));
            Assert.Equal(dimension.Categories.Select(c => c.Code), px.Values("CODES", tag, variable));
        }

        Assert.Equal(table.Measures.Select(m => m.Label.In(language)), px.Values("VALUES", tag, measures));
        Assert.Equal(table.Measures.Select(m => m.Code), px.Values("CODES", tag, measures));
        foreach (var measure in table.Measures)
        {
            Assert.Equal(measure.Unit.In(language), px.Value("UNITS", tag, measure.Label.In(language)));
            Assert.Equal("20250401 12:30", px.Value("LAST-UPDATED", tag, measure.Label.In(language)));
        }

        Assert.Equal(["TLIST(M1)", "2025M01", "2025M02", "2025M03"], px.Values("TIMEVAL", tag, SampleTables.Month.Label.In(language)));
        Assert.Equal(SampleTables.County.Categories[0].Label.In(language), px.Value("ELIMINATION", tag, SampleTables.County.Label.In(language)));
        Assert.Equal(table.Metadata.Source.In(language), px.Value("SOURCE", tag));
        Assert.Contains("hilmo@thl.fi", px.Value("CONTACT", tag), StringComparison.Ordinal);
        Assert.NotEqual(px.Value("UPDATE-FREQUENCY", "sv"), px.Value("UPDATE-FREQUENCY", "en"));
        Assert.NotEmpty(px.Value("UPDATE-FREQUENCY", tag));
        Assert.Equal("..", px.Value("DATASYMBOLSUM", tag));
        Assert.Equal("..", px.Value("DATANOTESUM", tag));
        Assert.StartsWith(table.Metadata.Description.In(language), px.Value("NOTE", tag), StringComparison.Ordinal);
        Assert.EndsWith(table.Metadata.Notes[^1].In(language), px.Value("NOTE", tag), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_measure_shows_its_own_decimals()
    {
        var px = PxFile.Parse(await SampleTables.WriteAsync(SampleTables.ThreeDimensions(), StatisticsFormat.Px));

        Assert.Equal("2", px.Value("DECIMALS"));
        Assert.Equal("0", px.Value("SHOWDECIMALS"));
        Assert.Equal("1", px.Value("PRECISION", null, "Tiedot", "Kiireelliset"));
        Assert.Equal("2", px.Value("PRECISION", null, "Tiedot", "Mediaaniodotus"));
        Assert.Equal("2", px.Value("PRECISION", "sv", "Uppgifter", "Medianväntetid"));
        Assert.DoesNotContain(px.Keywords, k => k.Name == "PRECISION" && k.Subkeys[1] == "Käynnit");
    }

    [Fact]
    public async Task Keywords_come_in_the_specifications_order_with_each_languages_variant_together()
    {
        var px = PxFile.Parse(await SampleTables.WriteAsync(SampleTables.ThreeDimensions(), StatisticsFormat.Px));

        var names = px.Keywords.Select(k => k.Name).ToList();
        Assert.All(names, n => Assert.Contains(n, SpecificationOrder));
        Assert.Equal(names.OrderBy(n => Array.IndexOf(SpecificationOrder, n)), names);
        var titles = px.Keywords.Select((k, i) => (k, i)).Where(x => x.k.Name == "TITLE").ToList();
        Assert.Equal([null, "sv", "en"], titles.Select(t => t.k.Language));
        Assert.Equal([0, 1, 2], titles.Select(t => t.i - titles[0].i));
    }

    [Fact]
    public async Task No_line_is_longer_than_256_bytes_and_a_long_text_reads_back_whole()
    {
        var note = string.Concat(Enumerable.Repeat("Pitkä huomautus, jossa on äöå-kirjaimia ja \"lainausmerkkejä\". ", 20)).TrimEnd();
        var longLabel = new string('Ö', 300);
        var metadata = SampleTables.Metadata with { Notes = [new LocalizedText(note)] };
        var dimension = new TableDimension("long", new LocalizedText("Pitkät"), [new TableCategory("x", new LocalizedText(longLabel)), new TableCategory("y", new LocalizedText("y"))]);
        var table = new StatisticsTable(metadata, [dimension], [SampleTables.Measures[0]]);
        table.SetValue(0, 0, 1);
        table.SetValue(1, 0, 2);

        var bytes = await SampleTables.WriteAsync(table, StatisticsFormat.Px);
        var px = PxFile.Parse(bytes);

        Assert.All(px.Text.Split("\r\n"), line => Assert.InRange(Encoding.UTF8.GetByteCount(line), 0, 256));
        Assert.EndsWith(note.Replace('"', '”'), px.Value("NOTE"), StringComparison.Ordinal);
        Assert.Equal([longLabel, "y"], px.Values("VALUES", null, "Pitkät"));
    }

    [Fact]
    public async Task A_time_dimensions_total_over_the_span_is_left_out_so_the_variable_is_a_time_list()
    {
        // As the register's time dimensions come: the span's total first, each period in it.
        var months = SampleTables.Month with
        {
            Categories = [new TableCategory("SSS", new LocalizedText("1.1.2025–31.3.2025")), .. SampleTables.Month.Categories.Select(c => c with { Parent = "SSS" })],
        };
        var table = new StatisticsTable(SampleTables.Metadata, [SampleTables.Sex, months], [SampleTables.Measures[0]]);
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            table.SetValue(cell, 0, 100 + cell);
        }

        var px = PxFile.Parse(await SampleTables.WriteAsync(table, StatisticsFormat.Px));

        Assert.Equal(["TLIST(M1)", "2025M01", "2025M02", "2025M03"], px.Values("TIMEVAL", null, "Kuukausi"));
        Assert.Equal(["TLIST(M1)", "2025M01", "2025M02", "2025M03"], px.Values("TIMEVAL", "en", "Month"));
        Assert.Equal(["2025-01", "2025-02", "2025-03"], px.Values("CODES", null, "Kuukausi"));
        Assert.Equal(["tammikuu 2025", "helmikuu 2025", "maaliskuu 2025"], px.Values("VALUES", null, "Kuukausi"));

        // Sex by month, without the months' total: cells 1–3, 5–7 and 9–11 of the table.
        Assert.Equal(new[] { 1, 2, 3, 5, 6, 7, 9, 10, 11 }.Select(c => (100 + c).ToString(System.Globalization.CultureInfo.InvariantCulture)), px.Data);

        // The months left are a partition of counts of events: summing them is their total.
        Assert.Equal(["YES"], px.Values("ELIMINATION", null, "Kuukausi"));
        Assert.Equal("Yhteensä", px.Value("ELIMINATION", null, "Sukupuoli"));
    }

    [Theory]
    [InlineData("2025", "2026", "TLIST(A1)", "2025", "2026")]
    [InlineData("2025-Q1", "2025-Q2", "TLIST(Q1)", "2025Q1", "2025Q2")]
    [InlineData("2025-W52", "2026-W01", "TLIST(W1)", "2025W52", "2026W01")]
    public async Task Years_quarters_and_weeks_are_time_lists(string first, string second, string scale, string firstPx, string secondPx)
    {
        var periods = new TableDimension("period", new LocalizedText("Ajanjakso"),
            [new TableCategory("SSS", new LocalizedText("Koko jakso")), new TableCategory(first, new LocalizedText(first), "SSS"), new TableCategory(second, new LocalizedText(second), "SSS")],
            DimensionRole.Time);
        var table = new StatisticsTable(SampleTables.Metadata, [periods], [SampleTables.Measures[0]]);
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            table.SetValue(cell, 0, cell);
        }

        var px = PxFile.Parse(await SampleTables.WriteAsync(table, StatisticsFormat.Px));

        Assert.Equal([scale, firstPx, secondPx], px.Values("TIMEVAL", null, "Ajanjakso"));
        Assert.Equal(["1", "2"], px.Data);
    }

    [Fact]
    public async Task Days_fit_no_PX_time_scale_and_keep_their_total()
    {
        var days = new TableDimension("day", new LocalizedText("Päivä"),
            [new TableCategory("SSS", new LocalizedText("1.1.2025–2.1.2025")), new TableCategory("2025-01-01", new LocalizedText("2025-01-01"), "SSS"), new TableCategory("2025-01-02", new LocalizedText("2025-01-02"), "SSS")],
            DimensionRole.Time);
        var table = new StatisticsTable(SampleTables.Metadata, [days], [SampleTables.Measures[0]]);
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            table.SetValue(cell, 0, cell);
        }

        var px = PxFile.Parse(await SampleTables.WriteAsync(table, StatisticsFormat.Px));

        Assert.DoesNotContain(px.Keywords, k => k.Name == "TIMEVAL");
        Assert.Equal(["SSS", "2025-01-01", "2025-01-02"], px.Values("CODES", null, "Päivä"));
        Assert.Equal(["0", "1", "2"], px.Data);
    }

    [Fact]
    public async Task A_nested_dimension_has_its_code_tree_in_every_language()
    {
        var area = new TableDimension("municipality", new LocalizedText("Alue", "Område", "Area"),
        [
            new TableCategory("SSS", new LocalizedText("Koko maa", "Hela landet", "Whole country")),
            new TableCategory("01", new LocalizedText("Uusimaa", "Nyland", "Uusimaa"), "SSS"),
            new TableCategory("091", new LocalizedText("Helsinki", "Helsingfors", "Helsinki"), "01"),
            new TableCategory("049", new LocalizedText("Espoo", "Esbo", "Espoo"), "01"),
            new TableCategory("02", new LocalizedText("Varsinais-Suomi", "Egentliga Finland", "Southwest Finland"), "SSS"),
            new TableCategory("853", new LocalizedText("Turku", "Åbo", "Turku"), "02"),
        ],
        DimensionRole.Region);
        var table = new StatisticsTable(SampleTables.Metadata, [area, SampleTables.Sex], [SampleTables.Measures[0]]);
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            table.SetValue(cell, 0, cell);
        }

        var px = PxFile.Parse(await SampleTables.WriteAsync(table, StatisticsFormat.Px));

        string[] tree = ["SSS", "SSS:01", "01:091", "01:049", "SSS:02", "02:853"];
        Assert.Equal(tree, px.Values("HIERARCHIES", null, "Alue"));
        Assert.Equal(tree, px.Values("HIERARCHIES", "sv", "Område"));
        Assert.Equal(tree, px.Values("HIERARCHIES", "en", "Area"));
        Assert.Equal("3", px.Value("HIERARCHYLEVELS", "en", "Area"));
        Assert.DoesNotContain(px.Keywords, k => k.Name == "HIERARCHIES" && k.Subkeys[0] == "Sukupuoli");
        Assert.Equal("Koko maa", px.Value("ELIMINATION", null, "Alue"));
    }

    [Fact]
    public async Task A_dimension_without_a_total_is_not_eliminated_by_summing_people_or_shares()
    {
        var table = new StatisticsTable(SampleTables.Metadata, [SampleTables.Month], SampleTables.Measures);
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            for (var m = 0; m < table.Measures.Count; m++)
            {
                table.SetValue(cell, m, cell);
            }
        }

        var px = PxFile.Parse(await SampleTables.WriteAsync(table, StatisticsFormat.Px));

        Assert.DoesNotContain(px.Keywords, k => k.Name == "ELIMINATION");
    }

    [Fact]
    public async Task A_time_dimension_whose_codes_are_not_all_periods_has_no_TIMEVAL()
    {
        var months = SampleTables.Month with { Categories = [.. SampleTables.Month.Categories, new TableCategory("X", new LocalizedText("Tuntematon")), new TableCategory("SSS", new LocalizedText("Yhteensä"))] };
        var table = new StatisticsTable(SampleTables.Metadata, [months], [SampleTables.Measures[0]]);
        for (var cell = 0; cell < table.CellCount; cell++)
        {
            table.SetValue(cell, 0, cell);
        }

        var px = PxFile.Parse(await SampleTables.WriteAsync(table, StatisticsFormat.Px));

        Assert.DoesNotContain(px.Keywords, k => k.Name == "TIMEVAL");
        Assert.Equal(["2025-01", "2025-02", "2025-03", "X", "SSS"], px.Values("CODES", null, "Kuukausi"));
    }

    [Fact]
    public async Task Years_are_a_yearly_time_list()
    {
        var years = new TableDimension("year", new LocalizedText("Vuosi"), [new TableCategory("2024", new LocalizedText("2024")), new TableCategory("2025", new LocalizedText("2025"))], DimensionRole.Time);
        var table = new StatisticsTable(SampleTables.Metadata, [years], [SampleTables.Measures[0]]);
        table.SetValue(0, 0, 1);
        table.SetValue(1, 0, 2);

        var px = PxFile.Parse(await SampleTables.WriteAsync(table, StatisticsFormat.Px));

        Assert.Equal(["TLIST(A1)", "2024", "2025"], px.Values("TIMEVAL", null, "Vuosi"));
    }
}
