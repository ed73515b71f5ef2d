using Hilmo.Codes;

namespace Hilmo.Tests.Codes;

/// <summary>
/// Real exports from THL's code server standing in for the shipped lists, and THL exports saved
/// as CSV. The shipped lists were built from these very exports, so the two must agree.
/// </summary>
public sealed class ThlCodeServerExportTests : IDisposable
{
    private const string SpatExport = "spat-387_1385126324219.xls";

    private readonly TemporaryCodeFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("icd10fi-58_1606817342088.xlsx", "icd10fi")]
    [InlineData("icpc2-282_1471432273510.xls", "icpc2")]
    [InlineData(SpatExport, "spat")]
    public void A_THL_export_in_place_of_a_shipped_list_loads_and_agrees_with_it(string export, string name)
    {
        folder.CopyShippedListsExcept($"{name}.csv");
        folder.Copy(Path.Combine(CodeFolders.ThlExports, export));

        var fromThl = CodeServer.Load(folder.Path)[name];
        var shipped = CodeListFiles.Read(Path.Combine(CodeFolders.Shipped, $"{name}.csv")).Single();

        Assert.Equal(export, Path.GetFileName(fromThl.Source));
        Assert.Equal(ClassificationStatus.Published, fromThl.Status);
        Assert.Equal(shipped.Codes.Select(c => c.Code), fromThl.Codes.Select(c => c.Code));
        Assert.All(fromThl.Codes, thl =>
        {
            var csv = shipped.Find(thl.Code)!;
            Assert.Equal((csv.ValidFrom, csv.ValidTo), (thl.ValidFrom, thl.ValidTo));
            Assert.Equal((csv.Parent, csv.Level), (thl.Parent, thl.Level));
            Assert.Equal(csv.Name.Fi, thl.Name.Fi);
            Assert.Equal(csv.Name.Sv, thl.Name.Sv);

            // The shipped English names fall back to FinOMOP's where THL has none.
            if (thl.Name.En is not null)
            {
                Assert.Equal(csv.Name.En, thl.Name.En);
            }

            Assert.Equal(csv.IsFollowUp, thl.IsFollowUp);
            Assert.Equal(
                csv.Attributes.GetValueOrDefault(CodeEntry.CombinationMarkAttribute),
                thl.Attributes.GetValueOrDefault(CodeEntry.CombinationMarkAttribute));
        });
    }

    [Fact]
    public void The_SPAT_export_marks_the_same_seventeen_follow_up_codes_as_the_shipped_list()
    {
        var spat = CodeListFiles.Read(Path.Combine(CodeFolders.ThlExports, SpatExport)).Single();

        Assert.Equal(17, spat.Codes.Count(c => c.IsFollowUp));
        Assert.Equal("T", spat.Find("SPAT1340")!.Attributes["Jatkohoito SPAT"]);
        Assert.Equal("F", spat.Find("SPAT1002")!.Attributes["Jatkohoito SPAT"]);

        // The occupational-health codes added in 2019 have no mark at all in the export.
        var support = spat.Find("SPAT1400")!;
        Assert.False(support.Attributes.ContainsKey("Jatkohoito SPAT"));
        Assert.False(support.IsFollowUp);
    }

    [Fact]
    public void The_ICD10_export_keeps_THLs_1900_placeholder_and_its_further_columns_as_attributes()
    {
        var icd10 = CodeListFiles.Read(Path.Combine(CodeFolders.ThlExports, "icd10fi-58_1606817342088.xlsx")).Single();
        var measles = icd10.Find("B05.8+H19.2")!;

        Assert.Equal(new DateOnly(1900, 1, 1), measles.ValidFrom);
        Assert.Equal(new DateOnly(2099, 12, 31), measles.ValidTo);
        Assert.Equal("Keratitis/keratoconjunctivitis morbillaris", measles.Attributes["Latina"]);
        Assert.Equal("B05.8", measles.Attributes["Koodi1"]);
        Assert.Equal("H19.2", measles.Attributes["Koodi2"]);
        Assert.Equal("+", measles.Attributes["Yhdistelymerkki"]);
        Assert.Equal("+", measles.Attributes[CodeEntry.CombinationMarkAttribute]);
        Assert.DoesNotContain(measles.Attributes.Keys, key => key.StartsWith("A:", StringComparison.Ordinal) || key.Contains("Inkluderar", StringComparison.Ordinal));
    }

    [Fact]
    public void THLs_double_spaces_in_names_become_single_spaces_as_in_the_shipped_list()
    {
        var spat = CodeListFiles.Read(Path.Combine(CodeFolders.ThlExports, SpatExport)).Single();

        Assert.Equal("Ohjaus lääkärille tai hammaslääkärille", spat.Find("SPAT1341")!.Name.Fi);
    }

    [Fact]
    public void An_export_beside_the_shipped_list_it_replaces_is_refused_rather_than_one_chosen_silently()
    {
        folder.Copy(Path.Combine(CodeFolders.Shipped, "spat.csv"));
        folder.Copy(Path.Combine(CodeFolders.ThlExports, SpatExport));

        var error = Assert.Throws<CodeListException>(() => CodeServer.Load(folder.Path));

        Assert.Contains("classification spat is already loaded from", error.Message, StringComparison.Ordinal);
        Assert.Contains("spat.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains(SpatExport, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_export_keeping_THLs_download_name_is_recognised_by_its_list_id()
    {
        folder.Copy(Path.Combine(CodeFolders.ThlExports, SpatExport), "387_1385126324219.xls");

        var spat = CodeServer.Load(folder.Path)[KnownClassifications.Spat];

        Assert.Equal(420, spat.Codes.Count);
        Assert.Equal("387_1385126324219.xls", Path.GetFileName(spat.Source));
    }

    [Fact]
    public void An_export_of_a_THL_list_the_register_does_not_know_by_number_is_refused_with_a_naming_hint()
    {
        folder.Copy(Path.Combine(CodeFolders.ThlExports, SpatExport), "999_1385126324219.xls");

        var error = Assert.Throws<CodeListException>(() => CodeServer.Load(folder.Path));

        Assert.Contains("999_1385126324219.xls", error.Message, StringComparison.Ordinal);
        Assert.Contains("THL list 999", error.Message, StringComparison.Ordinal);
        Assert.Contains("like spat-999_1385126324219.xls", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_export_saved_as_CSV_in_Finnish_settings_with_semicolons_and_Finnish_dates_loads()
    {
        folder.Write("spat.csv", """
            CodeId;Abbreviation;ShortName;LongName;ParentId;HierarchyLevel;BeginningDate;ExpiringDate;A:Jatkohoito SPAT;A:Långt_namn
            SPAT1333;HOIDON SUUNNITTELU;HOIDON SUUNNITTELU;HOIDON SUUNNITTELU, JATKOHOIDON JÄRJESTÄMINEN;;0;1.1.2009;31.12.2099;T;PLANERING AV VÅRD OCH BEHANDLING, ORDNANDE AV VIDARE VÅRD
            SPAT1341;Ohjaus lääkärille;Ohjaus lääkärille;Ohjaus lääkärille  tai hammaslääkärille ;SPAT1333;1;1.1.2009 0.00.00;31.12.2099 0.00.00;T;Hänvisning till läkare eller tandläkare
            SPAT1400;Työkyvyn tukitoimet;Työkyvyn tukitoimet;Käynnissä olevien työkyvyn tukitoimien jatkuminen;SPAT1333;1;1.1.2019;31.12.2099;;Fortsättning av pågående stödåtgärder för arbetsförmågan

            """);

        var spat = CodeServer.Load(folder.Path)[KnownClassifications.Spat];
        var referral = spat.Find("SPAT1341")!;

        Assert.Equal(["SPAT1333", "SPAT1341", "SPAT1400"], spat.Codes.Select(c => c.Code));
        Assert.Equal("Ohjaus lääkärille tai hammaslääkärille", referral.Name.Fi);
        Assert.Equal("Hänvisning till läkare eller tandläkare", referral.Name.Sv);
        Assert.Equal((new DateOnly(2009, 1, 1), new DateOnly(2099, 12, 31)), (referral.ValidFrom, referral.ValidTo));
        Assert.Equal(("SPAT1333", 1), (referral.Parent, referral.Level));
        Assert.True(referral.IsFollowUp);
        Assert.False(spat.Find("SPAT1400")!.IsFollowUp);
        Assert.Equal(CodeCheck.Heading, spat.Check("SPAT1333", new DateOnly(2026, 3, 9)));
    }

    [Fact]
    public void An_export_saved_as_CSV_with_ISO_dates_and_Excel_day_numbers_loads()
    {
        folder.Write("icpc2-282_1471432273510.csv", """
            CodeId,ShortName,LongName,ParentId,HierarchyLevel,BeginningDate,ExpiringDate,A:Long_name
            A,Yleiset ja epämääräiset,,,0,2000-01-01,2030-12-31,
            A01,"Kipu, yleinen","Kipu, yleinen / monessa paikassa",A,1,36526,47848,Pain general/multiple sites

            """);

        var icpc2 = CodeServer.Load(folder.Path)[KnownClassifications.Icpc2];
        var pain = icpc2.Find("A01")!;

        Assert.Equal("Yleiset ja epämääräiset", icpc2.Find("A")!.Name.Fi);
        Assert.Equal("Kipu, yleinen / monessa paikassa", pain.Name.Fi);
        Assert.Equal("Pain general/multiple sites", pain.Name.En);
        Assert.Equal((new DateOnly(2000, 1, 1), new DateOnly(2030, 12, 31)), (pain.ValidFrom, pain.ValidTo));
    }

    [Fact]
    public void An_Ammattiluokitus_2001_export_with_Finnish_headers_loads()
    {
        folder.Write("431_1321283626684.csv", """
            Tunniste,Lyhyt nimi,Pitkä nimi,Ylempi koodi,Hierarkiataso,Voimassaolo alkaa,Voimassaolo päättyy,Långt_namn
            2,Erityisasiantuntijat,Erityisasiantuntijat,,0,2001-01-01,2050-12-31,Specialister
            22,Maa- ja metsät. ja terv. erityisasiantuntijat,Maa- ja metsätaloustieteiden ja terveydenhuollon erityisasiantuntijat,2,1,2001-01-01,2050-12-31,
            222,Lääkärit ym.,"Lääkärit, proviisorit ja muut terveydenhuollon erityisasiantuntijat",22,2,2001-01-01,2050-12-31,
            2221,Lääkärit,Lääkärit,222,3,2001-01-01,2050-12-31,Läkare
            22211,Ylilääkärit,Ylilääkärit,2221,4,2001-01-01,2050-12-31,Överläkare

            """);

        var professions = CodeServer.Load(folder.Path)[KnownClassifications.Profession];
        var chief = professions.Find("22211")!;

        Assert.Equal(5, professions.Codes.Count);
        Assert.Equal(("Ylilääkärit", "Överläkare"), (chief.Name.Fi, chief.Name.Sv));
        Assert.Equal(("2221", 4), (chief.Parent, chief.Level));
        Assert.Equal(new DateOnly(2050, 12, 31), chief.ValidTo);
        Assert.Equal(CodeCheck.Valid, professions.Check("22211", new DateOnly(2026, 3, 9)));
    }

    [Fact]
    public void A_workbook_with_Finnish_headers_and_dates_as_plain_Excel_day_numbers_loads()
    {
        MinimalWorkbook.Write(Path.Combine(folder.Path, "431_1321283626684.xlsx"),
            ["Tunniste", "Pitkä nimi", "Ylempi koodi", "Hierarkiataso", "Voimassaolo alkaa", "Voimassaolo päättyy", "Långt_namn"],
            ["2221", "Lääkärit", "222", 3, 36_892, 55_153, "Läkare"],
            ["22211", "Ylilääkärit", "2221", 4, 36_892, 55_153, "Överläkare"],
            ["32311", "Sairaanhoitajat", "3231", 4, 36_892, 55_153, "Sjukskötare"],
            [],
            []);

        var professions = CodeServer.Load(folder.Path)[KnownClassifications.Profession];
        var nurses = professions.Find("32311")!;

        Assert.Equal(["2221", "22211", "32311"], professions.Codes.Select(c => c.Code));
        Assert.Equal(("Sairaanhoitajat", "Sjukskötare"), (nurses.Name.Fi, nurses.Name.Sv));
        Assert.Equal(("3231", 4), (nurses.Parent, nurses.Level));
        Assert.Equal((new DateOnly(2001, 1, 1), new DateOnly(2050, 12, 31)), (nurses.ValidFrom, nurses.ValidTo));
    }

    [Fact]
    public void A_bad_row_in_a_workbook_is_refused_naming_its_row()
    {
        MinimalWorkbook.Write(Path.Combine(folder.Path, "spat.xlsx"),
            ["CodeId", "LongName", "ParentId", "HierarchyLevel", "BeginningDate", "ExpiringDate"],
            ["SPAT1333", "HOIDON SUUNNITTELU, JATKOHOIDON JÄRJESTÄMINEN", null, 0, 39_814, 73_050],
            [],
            ["SPAT1334", "Ei jatkotoimenpidettä", "SPAT1333", 1.5, 39_814, 73_050]);

        var error = Assert.Throws<CodeListException>(() => CodeServer.Load(folder.Path));

        Assert.Contains("spat.xlsx, row 4: HierarchyLevel '1.5' is not a hierarchy level", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_date_in_a_THL_export_is_refused_naming_the_file_line_and_column()
    {
        folder.Write("spat.csv", """
            CodeId,LongName,ParentId,HierarchyLevel,BeginningDate,ExpiringDate
            SPAT1333,"HOIDON SUUNNITTELU, JATKOHOIDON JÄRJESTÄMINEN",,0,1.1.2009,31.12.2099
            SPAT1334,Ei jatkotoimenpidettä,SPAT1333,1,1.1.2009,31.13.2099

            """);

        var error = Assert.Throws<CodeListException>(() => CodeServer.Load(folder.Path));

        Assert.Contains("spat.csv, line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("ExpiringDate '31.13.2099' is not a date", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_THL_export_row_without_a_name_is_refused_rather_than_skipped()
    {
        folder.Write("spat.csv", """
            CodeId,ShortName,LongName,ParentId,HierarchyLevel,BeginningDate,ExpiringDate
            SPAT1333,HOIDON SUUNNITTELU,"HOIDON SUUNNITTELU, JATKOHOIDON JÄRJESTÄMINEN",,0,2009-01-01,2099-12-31
            SPAT1334,,,SPAT1333,1,2009-01-01,2099-12-31

            """);

        var error = Assert.Throws<CodeListException>(() => CodeServer.Load(folder.Path));

        Assert.Contains("spat.csv, line 3: code SPAT1334 has no name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_THL_export_without_a_name_column_is_refused()
    {
        folder.Write("spat.csv", "CodeId,ParentId,HierarchyLevel\nSPAT1333,,0\n");

        var error = Assert.Throws<CodeListException>(() => CodeServer.Load(folder.Path));

        Assert.Contains("spat.csv, line 1: the header has no LongName or ShortName column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_workbook_is_refused_naming_the_file()
    {
        folder.Write("spat.xls", "CodeId,LongName\nSPAT1333,HOIDON SUUNNITTELU\n");

        var error = Assert.Throws<CodeListException>(() => CodeServer.Load(folder.Path));

        Assert.EndsWith("spat.xls", error.ListSource, StringComparison.Ordinal);
        Assert.Contains("cannot be read as an .xls or .xlsx workbook", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_download_of_a_workbook_is_refused_naming_the_file()
    {
        var whole = File.ReadAllBytes(Path.Combine(CodeFolders.ThlExports, "icd10fi-58_1606817342088.xlsx"));
        folder.WriteBytes("icd10fi.xlsx", whole[..(whole.Length / 2)]);

        var error = Assert.Throws<CodeListException>(() => CodeServer.Load(folder.Path));

        Assert.EndsWith("icd10fi.xlsx", error.ListSource, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "1900-01-01")]
    [InlineData(59, "1900-02-28")]
    [InlineData(61, "1900-03-01")]
    [InlineData(39_814, "2009-01-01")]
    [InlineData(43_466.5, "2019-01-01")]
    [InlineData(73_050, "2099-12-31")]
    public void Excel_day_numbers_count_from_1900_as_Excel_does(double serial, string date) =>
        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), ThlCodeServerExport.FromExcelSerial(serial));

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(60)]
    [InlineData(double.NaN)]
    [InlineData(3_000_000)]
    public void Numbers_that_are_no_day_are_not_dates(double serial) =>
        Assert.Null(ThlCodeServerExport.FromExcelSerial(serial));

    [Theory]
    [InlineData("Ohjaus lääkärille  tai hammaslääkärille", "Ohjaus lääkärille tai hammaslääkärille")]
    [InlineData(" Tuhkarokko ilman komplikaatioita\t", "Tuhkarokko ilman komplikaatioita")]
    [InlineData("Pitkäaikais-\u00A0ja  vuodeosastohoito", "Pitkäaikais- ja vuodeosastohoito")]
    [InlineData("Kolera", "Kolera")]
    [InlineData(" \u00A0 ", null)]
    public void Names_are_trimmed_and_whitespace_runs_become_one_space(string name, string? expected) =>
        Assert.Equal(expected, ThlCodeServerExport.NormalizeName(name));
}
