using System.Text;
using Hilmo.Notifications;
using Hilmo.Statistics.Population;

namespace Hilmo.Tests.Statistics.Population;

public sealed class PopulationFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hilmo-population-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Reads_statfin_11re_in_ansi_counting_municipalities_only_and_no_total_twice()
    {
        var table = Load(PopulationFile.PxFileName, StatFinPopulationPx.Ansi());

        AssertLikeTheSample(table);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_statfin_11re_in_utf8_with_or_without_a_byte_order_mark(bool byteOrderMark)
    {
        var table = Load("11re.px", StatFinPopulationPx.Utf8(byteOrderMark));

        AssertLikeTheSample(table);
    }

    [Fact]
    public void An_ansi_file_read_as_utf8_would_lose_its_variables_so_the_encoding_matters()
    {
        // "Ikä" in Latin-1 is not UTF-8: the file is valid only when its CHARSET is honoured.
        var ansi = StatFinPopulationPx.Ansi();
        Assert.False(System.Text.Unicode.Utf8.IsValid(ansi));
        Assert.Equal(StatFinPopulationPx.Expected(2024), PopulationFile.ReadPx(ansi, "11re.px").Where(c => c.Year == 2024).Sum(c => c.Persons));
    }

    [Fact]
    public void Reads_a_file_with_labels_only_when_pxweb_left_out_the_codes_of_age_and_sex()
    {
        // Without CODES the ages are "Yhteensä", "0" … "100 -" and the sexes "Miehet", "Naiset";
        // the areas, then, have no codes: such a file cannot name its municipalities.
        var text = StatFinPopulationPx.Text();
        var start = text.IndexOf("CODES(\"Ikä\")", StringComparison.Ordinal);
        var end = text.IndexOf("CODES(\"Vuosi\")", StringComparison.Ordinal);
        var labelsOnly = text[..start] + text[end..];

        var counts = PopulationFile.ReadPx(Encoding.Latin1.GetBytes(labelsOnly), "11re.px");

        Assert.Equal(StatFinPopulationPx.Expected(2024), counts.Where(c => c.Year == 2024).Sum(c => c.Persons));
        Assert.Contains(counts, c => c.Age == PopulationTable.OpenAge);

        var noAreaCodes = StatFinPopulationPx.Text(withCodes: false);
        var error = Assert.Throws<PopulationFileException>(() => PopulationFile.ReadPx(Encoding.Latin1.GetBytes(noAreaCodes), "11re.px"));
        Assert.Contains("municipalities", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_the_registers_csv_with_its_columns_in_any_order()
    {
        var table = Load(PopulationFile.FileName, Encoding.UTF8.GetBytes(
            "\uFEFFmunicipality,year,age,sex,persons\r\n091,2024,0,1,3000\r\n091,2024,100,2,40\r\n\r\n049,2024,7,2,1993\r\n"));

        Assert.Equal(5033, table.Count(2024));
        Assert.Equal(40, table.Count(2024, ["091"], Sex.Female, 100, 100));
        Assert.Equal(1993, table.Count(2024, ["049"], minAge: 7, maxAge: 7));
    }

    [Fact]
    public void What_write_writes_reads_back_the_same()
    {
        PopulationCount[] counts =
        [
            new(2023, "091", Sex.Male, 0, 3000),
            new(2024, "091", Sex.Female, 100, 41),
            new(2024, "049", Sex.Male, 55, 1),
            new(2024, "478", Sex.Female, 18, 0),
        ];
        var path = Path.Combine(folder, PopulationFile.FileName);

        PopulationFile.Write(path, counts);

        Assert.Equal(counts, PopulationFile.ReadCsv(File.ReadAllBytes(path), PopulationFile.FileName));
        Assert.StartsWith("year,municipality,sex,age,persons\n2023,091,1,0,3000\n", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Finds_the_csv_before_the_px_and_nothing_in_a_folder_without_either()
    {
        Assert.Null(PopulationFile.Find(folder));
        Assert.Same(PopulationTable.Empty, PopulationFile.Load(PopulationFile.Find(folder)));

        File.WriteAllBytes(Path.Combine(folder, PopulationFile.PxFileName), StatFinPopulationPx.Ansi());
        Assert.Equal(Path.Combine(folder, PopulationFile.PxFileName), PopulationFile.Find(folder));

        File.WriteAllText(Path.Combine(folder, PopulationFile.FileName), "year,municipality,sex,age,persons\n2024,091,1,0,5\n");
        Assert.Equal(Path.Combine(folder, PopulationFile.FileName), PopulationFile.Find(folder));
        Assert.Equal(5, PopulationFile.Load(PopulationFile.Find(folder)).Count(2024));
    }

    [Theory]
    [InlineData("year,municipality,sex,persons\n", "line 1", "\"age\"")]
    [InlineData("year,municipality,sex,age,persons\n2024,091,1,0,5\n2024,091,3,0,5\n", "line 3", "field \"sex\" is \"3\"")]
    [InlineData("year,municipality,sex,age,persons\n2024,91,1,0,5\n", "line 2", "field \"municipality\" is \"91\"")]
    [InlineData("year,municipality,sex,age,persons\n2024,091,1,101,5\n", "line 2", "field \"age\" is \"101\"")]
    [InlineData("year,municipality,sex,age,persons\n2024,091,1,0,-5\n", "line 2", "field \"persons\" is \"-5\"")]
    [InlineData("year,municipality,sex,age,persons\n24,091,1,0,5\n", "line 2", "field \"year\" is \"24\"")]
    [InlineData("year,municipality,sex,age,persons\n2024,091,1,0\n", "line 2", "4 fields")]
    [InlineData("year,municipality,sex,age,persons\n2024,091,1,0,5\n2024,091,1,0,6\n", "line 3", "earlier line")]
    public void A_csv_error_names_the_line_and_the_field(string csv, string line, string problem)
    {
        var error = Assert.Throws<PopulationFileException>(() => PopulationFile.ReadCsv(Encoding.UTF8.GetBytes(csv), PopulationFile.FileName));

        Assert.Contains($"{PopulationFile.FileName} {line}", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_that_is_not_utf8_is_refused_as_such()
    {
        var error = Assert.Throws<PopulationFileException>(() =>
            PopulationFile.ReadCsv(Encoding.Latin1.GetBytes("year,municipality,sex,age,persons\n2024,091,1,0,5 Ikä\n"), "population.csv"));

        Assert.Contains("not UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_px_data_value_that_is_no_count_names_its_line()
    {
        var text = StatFinPopulationPx.Text();
        var data = text.IndexOf("DATA=", StringComparison.Ordinal);
        var lineOfData = text[..data].Count(c => c == '\n') + 1;

        // The third value of the first line of data.
        var lines = text.Split('\n');
        var values = lines[lineOfData].Split(' ');
        values[1] = "12x";
        lines[lineOfData] = string.Join(' ', values);

        var error = Assert.Throws<PopulationFileException>(() => PopulationFile.ReadPx(Encoding.Latin1.GetBytes(string.Join('\n', lines)), "11re.px"));

        Assert.Contains($"11re.px line {lineOfData + 1}", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"12x\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_px_file_with_too_few_or_too_many_values_says_so()
    {
        var text = StatFinPopulationPx.Text();
        var end = text.LastIndexOf(';');
        var cut = text[..text.LastIndexOf(' ', end - 4)] + ";\r\n";
        var extra = text[..end] + " 5;\r\n";

        Assert.Contains("DATA ends after", Assert.Throws<PopulationFileException>(() => PopulationFile.ReadPx(Encoding.Latin1.GetBytes(cut), "11re.px")).Message, StringComparison.Ordinal);
        Assert.Contains("more values", Assert.Throws<PopulationFileException>(() => PopulationFile.ReadPx(Encoding.Latin1.GetBytes(extra), "11re.px")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_px_file_of_another_table_is_refused_naming_the_variable_and_its_line()
    {
        var text = StatFinPopulationPx.Text().Replace("CODES(\"Sukupuoli\")=\"SSS\",\"1\",\"2\"", "CODES(\"Sukupuoli\")=\"SSS\",\"1\",\"X\"", StringComparison.Ordinal);
        var line = text[..text.IndexOf("CODES(\"Sukupuoli\")", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var error = Assert.Throws<PopulationFileException>(() => PopulationFile.ReadPx(Encoding.Latin1.GetBytes(text), "11re.px"));

        Assert.Contains($"11re.px line {line}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sukupuoli has the code \"X\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_it_is_read()
    {
        var path = Path.Combine(folder, PopulationFile.FileName);
        using (var stream = File.Create(path))
        {
            // Sparse: the limit is checked on the length, so the test writes nothing.
            stream.SetLength(PopulationFile.MaxBytes + 1);
        }

        var error = Assert.Throws<PopulationFileException>(() => PopulationFile.Load(path));

        Assert.Contains("larger than 50 MB", error.Message, StringComparison.Ordinal);
    }

    private PopulationTable Load(string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return PopulationFile.Load(path);
    }

    private static void AssertLikeTheSample(PopulationTable table)
    {
        Assert.Equal([2023, 2024], table.Years);
        Assert.Equal(["049", "091"], table.Municipalities.Order(StringComparer.Ordinal));
        foreach (var year in new[] { 2023, 2024 })
        {
            Assert.Equal(StatFinPopulationPx.Expected(year), table.Count(year));
            Assert.Equal(StatFinPopulationPx.Expected(year, ["091"], Sex.Male), table.Count(year, ["091"], Sex.Male));
            Assert.Equal(StatFinPopulationPx.Expected(year, ["049"], Sex.Female, 65, 100), table.Count(year, ["049"], Sex.Female, 65));
        }

        Assert.Equal(StatFinPopulationPx.Persons("091", Sex.Female, 0, 2024), table.Count(2024, ["091"], Sex.Female, 0, 0));
        Assert.Equal(StatFinPopulationPx.Persons("091", Sex.Male, 100, 2023), table.Count(2023, ["091"], Sex.Male, 100, 100));

        // The missing cell counts nothing; its neighbour of the other year is there.
        Assert.Equal(0, table.Count(2024, ["049"], Sex.Female, 100, 100));
        Assert.Equal(StatFinPopulationPx.Persons("049", Sex.Female, 100, 2023), table.Count(2023, ["049"], Sex.Female, 100, 100));
    }
}
