using System.Globalization;
using System.Text;
using Hilmo.Notifications;

namespace Hilmo.Tests.Statistics.Population;

/// <summary>
/// A PX file shaped as PxWeb downloads Statistics Finland's table 11re: the whole country, a region
/// and a sub-region besides two municipalities, the age total and ages 000 to 099 and "100-", the
/// sex total and both sexes, two years. Every total is the sum of its parts, so a reader that
/// counted a total would be off by a known amount.
/// </summary>
internal static class StatFinPopulationPx
{
    public static readonly string[] AreaCodes = ["SSS", "MK01", "SK011", "KU091", "KU049"];
    public static readonly string[] AreaLabels = ["KOKO MAA", "Uusimaa", "Helsingin seutukunta", "Helsinki", "Espoo"];
    public static readonly string[] Years = ["2023", "2024"];

    /// <summary>The cell the sample leaves missing (".."): Espoo, women 100 or over, 2024.</summary>
    public static readonly (string Municipality, Sex Sex, int Age, int Year) Missing = ("049", Sex.Female, 100, 2024);

    /// <summary>The persons of a municipality's cell; Helsinki and Espoo differ, and so do the years.</summary>
    public static long Persons(string municipality, Sex sex, int age, int year) =>
        (municipality == "091" ? 3000 : 2000) - (20 * age) + (sex == Sex.Female ? 7 : 0) + (year - 2023) * 3;

    public static string[] AgeCodes { get; } =
        ["SSS", .. Enumerable.Range(0, 100).Select(a => a.ToString("000", CultureInfo.InvariantCulture)), "100-"];

    /// <summary>The file's text; <paramref name="codepage"/> is what its CODEPAGE keyword says.</summary>
    public static string Text(string codepage = "iso-8859-15", bool withCodes = true)
    {
        var text = new StringBuilder();
        text.Append("CHARSET=\"ANSI\";\r\n".Replace("ANSI", codepage.StartsWith("utf", StringComparison.OrdinalIgnoreCase) ? "UTF-8" : "ANSI", StringComparison.Ordinal));
        text.Append("AXIS-VERSION=\"2013\";\r\n");
        text.Append(CultureInfo.InvariantCulture, $"CODEPAGE=\"{codepage}\";\r\n");
        text.Append("LANGUAGE=\"fi\";\r\n");
        text.Append("CREATION-DATE=\"20250404 08:00\";\r\n");
        text.Append("DECIMALS=0;\r\nSHOWDECIMALS=0;\r\n");
        text.Append("MATRIX=\"statfin_vaerak_pxt_11re\";\r\n");
        text.Append("SUBJECT-CODE=\"vaerak\";\r\nSUBJECT-AREA=\"Väestörakenne\";\r\n");

        // PxWeb splits a long string over lines as adjacent quoted pieces.
        text.Append("TITLE=\"Väestö 31.12. muuttujina Alue, Ikä, Sukupuoli, \"\r\n\"Vuosi ja Tiedot\";\r\n");
        text.Append("CONTENTS=\"Väestö 31.12.\";\r\n");
        text.Append("STUB=\"Alue\",\"Ikä\",\"Sukupuoli\";\r\n");
        text.Append("HEADING=\"Vuosi\",\"Tiedot\";\r\n");
        List("VALUES(\"Alue\")", AreaLabels, text);
        List("VALUES(\"Ikä\")", ["Yhteensä", .. Enumerable.Range(0, 100).Select(a => a.ToString(CultureInfo.InvariantCulture)), "100 -"], text);
        List("VALUES(\"Sukupuoli\")", ["Yhteensä", "Miehet", "Naiset"], text);
        List("VALUES(\"Vuosi\")", Years, text);
        List("VALUES(\"Tiedot\")", ["Väestö 31.12."], text);
        text.Append("TIMEVAL(\"Vuosi\")=TLIST(A1),\"2023\",\"2024\";\r\n");
        if (withCodes)
        {
            List("CODES(\"Alue\")", AreaCodes, text);
            List("CODES(\"Ikä\")", AgeCodes, text);
            List("CODES(\"Sukupuoli\")", ["SSS", "1", "2"], text);
            List("CODES(\"Vuosi\")", Years, text);
            List("CODES(\"Tiedot\")", ["vaesto"], text);
        }

        text.Append("ELIMINATION(\"Alue\")=\"KOKO MAA\";\r\n");
        text.Append("PRECISION(\"Tiedot\",\"Väestö 31.12.\")=0;\r\n");
        text.Append("LAST-UPDATED(\"Väestö 31.12.\")=\"20250404 08:00\";\r\n");
        text.Append("UNITS(\"Väestö 31.12.\")=\"lukumäärä\";\r\n");
        text.Append("SOURCE=\"Tilastokeskus\";\r\n");
        text.Append("DATA=\r\n");
        foreach (var area in AreaCodes)
        {
            foreach (var age in AgeCodes)
            {
                foreach (var sex in new[] { "SSS", "1", "2" })
                {
                    text.Append(string.Join(' ', Years.Select(y => Value(area, age, sex, int.Parse(y, CultureInfo.InvariantCulture)))));
                    text.Append(" \r\n");
                }
            }
        }

        text.Append(";\r\n");
        return text.ToString();
    }

    /// <summary>The file as PxWeb writes ANSI: Windows-1252 (Latin-1 for every Finnish letter).</summary>
    public static byte[] Ansi() => Encoding.Latin1.GetBytes(Text());

    public static byte[] Utf8(bool byteOrderMark = false) =>
        [.. byteOrderMark ? Encoding.UTF8.Preamble : [], .. Encoding.UTF8.GetBytes(Text("utf-8"))];

    /// <summary>The sum the reader must find: every municipality, one year, one sex or both, an age range.</summary>
    public static long Expected(int year, IEnumerable<string>? municipalities = null, Sex? sex = null, int minAge = 0, int maxAge = 100)
    {
        var total = 0L;
        foreach (var municipality in municipalities ?? ["091", "049"])
        {
            foreach (var s in sex is { } one ? [one] : new[] { Sex.Male, Sex.Female })
            {
                for (var age = minAge; age <= maxAge; age++)
                {
                    if ((municipality, s, age, year) != Missing)
                    {
                        total += Persons(municipality, s, age, year);
                    }
                }
            }
        }

        return total;
    }

    private static string Value(string area, string age, string sex, int year)
    {
        IEnumerable<string> municipalities = area.StartsWith("KU", StringComparison.Ordinal) ? [area[2..]] : ["091", "049"];
        var sexes = sex == "SSS" ? new[] { Sex.Male, Sex.Female } : [sex == "1" ? Sex.Male : Sex.Female];
        var ages = age == "SSS" ? Enumerable.Range(0, 101) : [age == "100-" ? 100 : int.Parse(age, CultureInfo.InvariantCulture)];
        if (area == "KU049" && sex == "2" && age == "100-" && year == Missing.Year)
        {
            return "\"..\"";
        }

        var total = 0L;
        foreach (var m in municipalities)
        {
            foreach (var s in sexes)
            {
                foreach (var a in ages)
                {
                    if ((m, s, a, year) != Missing)
                    {
                        total += Persons(m, s, a, year);
                    }
                }
            }
        }

        return total.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A keyword's list, ten values a line as PxWeb wraps them.</summary>
    private static void List(string keyword, IReadOnlyList<string> values, StringBuilder text)
    {
        text.Append(keyword).Append('=');
        for (var i = 0; i < values.Count; i++)
        {
            text.Append('"').Append(values[i]).Append('"').Append(i == values.Count - 1 ? ";\r\n" : i % 10 == 9 ? ",\r\n" : ",");
        }
    }
}
