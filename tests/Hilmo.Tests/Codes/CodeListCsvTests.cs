using System.Text;
using Hilmo.Codes;

namespace Hilmo.Tests.Codes;

/// <summary>Shipped-layout CSV files as people edit them: quoting, line ends, and the errors a broken file must give.</summary>
public sealed class CodeListCsvTests : IDisposable
{
    private const string ContactTypeHeader = "code,name_fi,name_en,valid_from,valid_to\n";

    private readonly TemporaryCodeFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_quoted_name_keeps_its_comma()
    {
        folder.Write("icpc2.csv", """
            code,name_fi,name_sv,name_en,parent,level,valid_from,valid_to
            A01,"Kipu, yleinen / monessa paikassa","Smärta, allmän / flera platser",Pain general/multiple sites,A,1,2000-01-01,2030-12-31

            """);

        var pain = Load()["icpc2"].Find("A01")!;

        Assert.Equal("Kipu, yleinen / monessa paikassa", pain.Name.Fi);
        Assert.Equal("Smärta, allmän / flera platser", pain.Name.Sv);
        Assert.Equal("A", pain.Parent);
        Assert.Equal(1, pain.Level);
    }

    [Fact]
    public void A_doubled_quote_inside_a_quoted_name_is_one_quote()
    {
        folder.Write("palvelumuoto.csv", """
            code,name_fi,name_en,valid_from,valid_to
            T11,"Avosairaanhoito (""vastaanotto"")",Non-institutional health care,2007-01-01,2030-12-31

            """);

        Assert.Equal("Avosairaanhoito (\"vastaanotto\")", Load()["palvelumuoto"].Find("T11")!.Name.Fi);
    }

    [Fact]
    public void A_file_saved_by_a_spreadsheet_with_a_byte_order_mark_and_CRLF_line_ends_reads_the_same()
    {
        var text = ContactTypeHeader
            + "R10,Asiakkaan käynti vastaanotolla,The customer's visit to the reception,2007-01-01,2099-12-31\n"
            + "R40,Sairaalakäynti,Hospital visit,2007-01-01,2018-12-31\n";
        folder.WriteBytes("yhteystapa.csv", [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal))]);

        var contactTypes = Load()["yhteystapa"];

        Assert.Equal(["R10", "R40"], contactTypes.Codes.Select(c => c.Code));
        Assert.Equal("Hospital visit", contactTypes.Find("R40")!.Name.En);
        Assert.Equal(new DateOnly(2018, 12, 31), contactTypes.Find("R40")!.ValidTo);
    }

    [Fact]
    public void An_empty_trailing_field_means_the_source_has_no_value()
    {
        folder.Write("kunta.csv", """
            code,name_fi,name_sv,hyvinvointialue_code,hyvinvointialue_name_fi,valid_from,valid_to
            091,Helsinki,Helsingfors,90,Helsingin kaupunki,,
            588,Pertunmaa,Pertunmaa,12,Etelä-Savon hyvinvointialue,,2024-12-31

            """);

        var municipalities = Load()["kunta"];
        var helsinki = municipalities.Find("091")!;

        Assert.Null(helsinki.ValidFrom);
        Assert.Null(helsinki.ValidTo);
        Assert.Equal(new DateOnly(2024, 12, 31), municipalities.Find("588")!.ValidTo);
        Assert.Equal("90", helsinki.Attributes["hyvinvointialue_code"]);
    }

    [Fact]
    public void An_empty_attribute_is_absent_rather_than_an_empty_string()
    {
        folder.Write("icd10fi.csv", """
            code,name_fi,name_sv,name_en,parent,level,valid_from,valid_to,combination_mark
            J06.9,Määrittämätön akuutti ylähengitystieinfektio,"Akut övre luftvägsinfektion, ospecificerad","Acute upper respiratory infection, unspecified",J06,3,1900-01-01,2099-12-31,
            C55,Sijainniltaan määrittämätön kohtusyöpä,Malign tumör i livmodern med icke specificerad lokalisation,"Malignant neoplasm of uterus, part unspecified",C51-C58,3,1900-01-01,2011-10-09,&

            """);

        var icd10 = Load()["icd10fi"];

        Assert.Empty(icd10.Find("J06.9")!.Attributes);
        Assert.Equal("&", icd10.Find("C55")!.Attributes[CodeEntry.CombinationMarkAttribute]);
    }

    [Fact]
    public void A_name_over_two_lines_is_one_field_and_later_errors_still_name_the_right_line()
    {
        folder.Write("yhteystapa.csv", ContactTypeHeader + """
            R10,"Asiakkaan käynti
            vastaanotolla",The customer's visit to the reception,2007-01-01,2099-12-31
            R20,Ammattihenkilön käynti asiakkaan kotona,Professional's visit to customer's home,2007-01-01,2099-12-32

            """);

        var error = Assert.Throws<CodeListException>(Load);

        Assert.Contains("yhteystapa.csv, line 4", error.Message, StringComparison.Ordinal);
        Assert.Contains("valid_to '2099-12-32'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_date_that_does_not_exist_is_refused_naming_the_file_line_and_column()
    {
        folder.Write("yhteystapa.csv", ContactTypeHeader + """
            R10,Asiakkaan käynti vastaanotolla,The customer's visit to the reception,2007-01-01,2099-12-31
            R40,Sairaalakäynti,Hospital visit,2007-01-01,2018-02-30

            """);

        var error = Assert.Throws<CodeListException>(Load);

        Assert.EndsWith("yhteystapa.csv, line 3", error.ListSource, StringComparison.Ordinal);
        Assert.Contains("valid_to '2018-02-30' is not a date", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Finnish_style_date_in_a_shipped_list_is_refused()
    {
        folder.Write("yhteystapa.csv", ContactTypeHeader + "R40,Sairaalakäynti,Hospital visit,1.1.2007,2018-12-31\n");

        var error = Assert.Throws<CodeListException>(Load);

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("valid_from '1.1.2007'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_level_that_is_not_a_whole_number_is_refused_naming_the_line()
    {
        folder.Write("spat.csv", """
            code,name_fi,name_sv,name_en,parent,level,valid_from,valid_to,follow_up
            SPAT1000,SILMÄN ALUE,ÖGONOMRÅDET,EYE AREA,,0,2009-01-01,2099-12-31,false
            SPAT1002,Luomirakkulan poisto tai tyhjennys,Excision eller exkokleation av chalazion,Excision or drainage of chalazion,SPAT1000,-1,2009-01-01,2099-12-31,false

            """);

        var error = Assert.Throws<CodeListException>(Load);

        Assert.Contains("spat.csv, line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("level '-1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_without_a_code_column_is_refused()
    {
        folder.Write("palvelumuoto.csv", "koodi,name_fi\nT11,Avosairaanhoito\n");

        var error = Assert.Throws<CodeListException>(Load);

        Assert.Contains("palvelumuoto.csv, line 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("no 'code' column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_code_that_appears_twice_is_refused_naming_both_lines()
    {
        folder.Write("palvelumuoto.csv", """
            code,name_fi,name_en,valid_from,valid_to
            T11,Avosairaanhoito,Non-institutional health care,2007-01-01,2030-12-31
            T21,Äitiysneuvola,Prenatal clinic,2007-01-01,2030-12-31
            T11,Avosairaanhoito,Non-institutional health care,2007-01-01,2030-12-31

            """);

        var error = Assert.Throws<CodeListException>(Load);

        Assert.Contains("palvelumuoto.csv, line 4", error.Message, StringComparison.Ordinal);
        Assert.Contains("code T11 appears twice (first at line 2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_with_a_missing_field_is_refused_rather_than_read_short()
    {
        folder.Write("yhteystapa.csv", ContactTypeHeader + "R40,Sairaalakäynti,Hospital visit,2007-01-01\n");

        var error = Assert.Throws<CodeListException>(Load);

        Assert.Contains("yhteystapa.csv, line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("4 fields but the header has 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quote_that_is_never_closed_is_refused_naming_its_line()
    {
        folder.Write("yhteystapa.csv", ContactTypeHeader + """
            R10,Asiakkaan käynti vastaanotolla,The customer's visit to the reception,2007-01-01,2099-12-31
            R40,"Sairaalakäynti,Hospital visit,2007-01-01,2018-12-31

            """);

        var error = Assert.Throws<CodeListException>(Load);

        Assert.Contains("yhteystapa.csv, line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_code_that_ends_before_it_starts_is_refused()
    {
        folder.Write("yhteystapa.csv", ContactTypeHeader + "R40,Sairaalakäynti,Hospital visit,2018-12-31,2007-01-01\n");

        var error = Assert.Throws<CodeListException>(Load);

        Assert.Contains("line 2: code R40 ends (2007-01-01) before it starts (2018-12-31)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_saved_in_Windows_1252_is_refused_with_advice_instead_of_read_as_garbage()
    {
        var windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
        folder.WriteBytes("palvelumuoto.csv", windows1252.GetBytes(
            "code,name_fi,name_en,valid_from,valid_to\nT11,Avosairaanhoito,Non-institutional health care,2007-01-01,2030-12-31\nT21,Äitiysneuvola,Prenatal clinic,2007-01-01,2030-12-31\n"));

        var error = Assert.Throws<CodeListException>(Load);

        Assert.Contains("palvelumuoto.csv, line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("not UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_files_for_one_classification_are_refused_rather_than_one_chosen_silently()
    {
        folder.Copy(Path.Combine(CodeFolders.Shipped, "yhteystapa.csv"));
        folder.Copy(Path.Combine(CodeFolders.Shipped, "yhteystapa.csv"), "yhteystapa-2019.csv");

        var error = Assert.Throws<CodeListException>(Load);

        Assert.Contains("classification yhteystapa is already loaded from yhteystapa-2019.csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_provisional_code_listed_twice_for_one_classification_is_refused_but_the_same_code_in_two_is_not()
    {
        folder.Write("provisional.csv", """
            classification,code,name_fi,name_en,status,evidence
            luonne,SH,Sairaanhoito,Sick care,provisional,seed 001
            ensikaynti,K,Kyllä (ensikäynti),Yes (first visit),provisional,seed 001
            kiireellisyys,K,Kiireellinen,Urgent,provisional,seed 001
            luonne,SH,Sairaanhoito,Sick care,provisional,seed 001

            """);

        var error = Assert.Throws<CodeListException>(Load);

        Assert.Contains("provisional.csv, line 5: code SH appears twice (first at line 2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_readme_and_sources_beside_the_lists_are_not_read_as_lists()
    {
        folder.Copy(Path.Combine(CodeFolders.Shipped, "README.md"));
        folder.Copy(Path.Combine(CodeFolders.Shipped, "SOURCES.md"));
        folder.Write("yhteystapa.csv", ContactTypeHeader + "R40,Sairaalakäynti,Hospital visit,2007-01-01,2018-12-31\n");

        var loaded = Load().Classifications.Where(c => c.Source is not null);

        Assert.Equal(["yhteystapa"], loaded.Select(c => c.Name));
    }

    [Theory]
    [InlineData("spat.csv", true)]
    [InlineData("icd10fi-58_1606817342088.xlsx", true)]
    [InlineData("SPAT-387_1385126324219.XLS", true)]
    [InlineData("README.md", false)]
    [InlineData("SOURCES.md", false)]
    [InlineData("~$icd10fi.xlsx", false)]
    [InlineData(".spat.csv.swp", false)]
    [InlineData("spat.csv.bak", false)]
    public void Only_csv_and_workbook_files_are_lists(string fileName, bool isList) =>
        Assert.Equal(isList, CodeListFiles.IsCodeList(Path.Combine(folder.Path, fileName)));

    private CodeServer Load() => CodeServer.Load(folder.Path);
}
