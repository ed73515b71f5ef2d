using System.Globalization;
using System.Text;
using Hilmo.Notifications;

namespace Hilmo.Statistics.Population;

/// <summary>
/// Reads and writes the population the register's rates are per, in two layouts:
/// <list type="bullet">
/// <item>the PX file PxWeb downloads of Statistics Finland's table 11re (StatFin,
/// <c>statfin_vaerak_pxt_11re</c>, "Väestö 31.12. muuttujina Alue, Ikä, Sukupuoli, Vuosi ja Tiedot"),
/// recognised by the extension <c>.px</c>: municipalities (<c>KU091</c>) are read, the whole country
/// (<c>SSS</c>) and regional aggregates are skipped, as are the totals of age and sex, so nothing
/// is counted twice;</item>
/// <item>the register's own CSV, <c>year,municipality,sex,age,persons</c> (sex 1 male, 2 female, age
/// 0 to 100, 100 meaning 100 or over), which <see cref="Write"/> makes.</item>
/// </list>
/// </summary>
public static class PopulationFile
{
    /// <summary>The population in the data folder, in the register's CSV layout.</summary>
    public const string FileName = "population.csv";

    /// <summary>The population in the data folder, as downloaded from StatFin (used when there is no CSV).</summary>
    public const string PxFileName = "population.px";

    /// <summary>Larger files are refused: 11re for every municipality, age, sex and a decade of years is a few megabytes.</summary>
    public const long MaxBytes = 50L * 1024 * 1024;

    private static readonly string[] Header = ["year", "municipality", "sex", "age", "persons"];

    /// <summary>
    /// The population in <paramref name="folder"/>: <see cref="FileName"/> if present, else
    /// <see cref="PxFileName"/>; the path to read, or null when the folder has neither.
    /// </summary>
    public static string? Find(string folder)
    {
        var csv = Path.Combine(folder, FileName);
        if (File.Exists(csv))
        {
            return csv;
        }

        var px = Path.Combine(folder, PxFileName);
        return File.Exists(px) ? px : null;
    }

    /// <summary>Reads <paramref name="path"/>, a PX file when it ends in <c>.px</c>, else the register's CSV; a missing file is an empty table.</summary>
    /// <exception cref="PopulationFileException">The file cannot be used; the message names the line and the field.</exception>
    public static PopulationTable Load(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return PopulationTable.Empty;
        }

        var name = Path.GetFileName(path);
        if (new FileInfo(path).Length > MaxBytes)
        {
            throw new PopulationFileException(name, $"the file is larger than {MaxBytes / (1024 * 1024)} MB");
        }

        var bytes = File.ReadAllBytes(path);
        var counts = path.EndsWith(".px", StringComparison.OrdinalIgnoreCase) ? ReadPx(bytes, name) : ReadCsv(bytes, name);
        return new PopulationTable(counts);
    }

    /// <summary>Writes <paramref name="counts"/> in the register's CSV layout.</summary>
    public static void Write(string path, IEnumerable<PopulationCount> counts)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.NewLine = "\n";
        writer.WriteLine(string.Join(',', Header));
        foreach (var c in counts)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Year},{c.Municipality},{(c.Sex == Sex.Male ? 1 : 2)},{c.Age},{c.Persons}"));
        }
    }

    /// <summary>The register's CSV: a header naming the five columns (in any order), then one count a line.</summary>
    public static IReadOnlyList<PopulationCount> ReadCsv(byte[] bytes, string source)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new PopulationFileException(source, "the file is not UTF-8");
        }

        var lines = text.TrimStart('\uFEFF').Split('\n');
        var header = Fields(lines[0]);
        var columns = new int[Header.Length];
        for (var i = 0; i < Header.Length; i++)
        {
            columns[i] = Array.FindIndex(header, h => string.Equals(h, Header[i], StringComparison.OrdinalIgnoreCase));
            if (columns[i] < 0)
            {
                throw new PopulationFileException($"{source} line 1", $"the header has no column \"{Header[i]}\" (expected {string.Join(',', Header)})");
            }
        }

        var counts = new List<PopulationCount>();
        var seen = new HashSet<(int, string, Sex, int)>();
        for (var n = 1; n < lines.Length; n++)
        {
            if (lines[n].Trim().Length == 0)
            {
                continue;
            }

            var where = $"{source} line {n + 1}";
            var fields = Fields(lines[n]);
            if (fields.Length != header.Length)
            {
                throw new PopulationFileException(where, $"the line has {fields.Length} fields, the header {header.Length}");
            }

            var year = Year(fields[columns[0]], where, "year");
            var municipality = fields[columns[1]];
            if (!IsMunicipalityCode(municipality))
            {
                throw new PopulationFileException(where, $"field \"municipality\" is \"{municipality}\", not a three-digit municipality code");
            }

            var sex = fields[columns[2]] switch
            {
                "1" => Sex.Male,
                "2" => Sex.Female,
                var other => throw new PopulationFileException(where, $"field \"sex\" is \"{other}\", not 1 (male) or 2 (female)"),
            };
            if (!int.TryParse(fields[columns[3]], NumberStyles.None, CultureInfo.InvariantCulture, out var age) || age > PopulationTable.OpenAge)
            {
                throw new PopulationFileException(where, $"field \"age\" is \"{fields[columns[3]]}\", not an age of 0 to {PopulationTable.OpenAge}");
            }

            if (!long.TryParse(fields[columns[4]], NumberStyles.None, CultureInfo.InvariantCulture, out var persons))
            {
                throw new PopulationFileException(where, $"field \"persons\" is \"{fields[columns[4]]}\", not a count of persons");
            }

            if (!seen.Add((year, municipality, sex, age)))
            {
                throw new PopulationFileException(where, $"year {year}, municipality {municipality}, sex {fields[columns[2]]} and age {age} were given on an earlier line");
            }

            counts.Add(new PopulationCount(year, municipality, sex, age, persons));
        }

        return counts;
    }

    /// <summary>
    /// A PX file of table 11re: the variables area, age, sex and year (in Finnish, Swedish or
    /// English), the contents variable "Tiedot" with one value (or the population, <c>vaesto</c>),
    /// and the data in the order STUB then HEADING name them.
    /// </summary>
    public static IReadOnlyList<PopulationCount> ReadPx(byte[] bytes, string source) =>
        new PxTable(Decode(bytes), source).Counts();

    /// <summary>UTF-8 when the file says so (CODEPAGE) or starts with its byte order mark; otherwise ANSI, that is Windows-1252, as PX defaults to.</summary>
    private static string Decode(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith("\xEF\xBB\xBF"u8))
        {
            return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        }

        var head = Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, 4096));
        var codepage = System.Text.RegularExpressions.Regex.Match(head, "CODEPAGE\\s*=\\s*\"([^\"]*)\"", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        if (codepage.Success && codepage.Groups[1].Value.Replace("-", "", StringComparison.Ordinal).Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        var charset = System.Text.RegularExpressions.Regex.Match(head, "CHARSET\\s*=\\s*\"([^\"]*)\"", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        if (charset.Success && !charset.Groups[1].Value.Equals("ANSI", StringComparison.OrdinalIgnoreCase)
            && System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        // Windows-1252 and Latin-1 agree on every letter of Finnish and Swedish.
        return Encoding.Latin1.GetString(bytes);
    }

    private static string[] Fields(string line) =>
        [.. line.TrimEnd('\r').Split(',').Select(f => f.Trim().Trim('"'))];

    private static int Year(string text, string where, string field) =>
        text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= 1900
            ? year
            : throw new PopulationFileException(where, $"field \"{field}\" is \"{text}\", not a year");

    private static bool IsMunicipalityCode(string code) => code.Length == 3 && code.All(char.IsAsciiDigit);

    /// <summary>The keywords of one PX file, parsed once, and its data read against them.</summary>
    private sealed class PxTable
    {
        private static readonly string[] AreaNames = ["Alue", "Område", "Area"];
        private static readonly string[] AgeNames = ["Ikä", "Ålder", "Age"];
        private static readonly string[] SexNames = ["Sukupuoli", "Kön", "Sex"];
        private static readonly string[] YearNames = ["Vuosi", "År", "Year"];
        private static readonly string[] ContentsNames = ["Tiedot", "Uppgifter", "Information"];
        private static readonly string[] TotalLabels = ["Yhteensä", "Totalt", "Total"];

        private readonly string text;
        private readonly string source;

        // Keyword (with its variable, language-free) → values and the line it starts on.
        private readonly Dictionary<string, (List<string> Values, int Line)> keywords = new(StringComparer.Ordinal);
        private int dataStart = -1;
        private int dataLine;

        public PxTable(string text, string source)
        {
            this.text = text;
            this.source = source;
            Parse();
        }

        public List<PopulationCount> Counts()
        {
            if (dataStart < 0)
            {
                throw new PopulationFileException(source, "the file has no DATA");
            }

            var stub = Keyword("STUB");
            var heading = Keyword("HEADING");
            var variables = stub.Concat(heading).ToList();
            var sizes = new int[variables.Count];
            var roles = new Func<string, Cell, Cell?>[variables.Count];
            for (var i = 0; i < variables.Count; i++)
            {
                var variable = variables[i];
                var codes = Codes(variable);
                sizes[i] = codes.Count;
                roles[i] = Role(variable, codes);
            }

            var cells = sizes.Aggregate(1L, (a, b) => a * b);
            var codesOf = variables.Select(Codes).ToList();
            var counts = new List<PopulationCount>();
            var index = new int[variables.Count];
            var position = dataStart;
            var line = dataLine;
            for (var cell = 0L; cell < cells; cell++)
            {
                var (token, tokenLine) = NextToken(ref position, ref line)
                    ?? throw new PopulationFileException($"{source} line {line}", $"DATA ends after {cell} values; the variables make {cells}");
                Cell? target = new Cell();
                for (var v = 0; v < variables.Count && target is not null; v++)
                {
                    target = roles[v](codesOf[v][index[v]], target.Value);
                }

                // Every value is checked, those of skipped totals too: a garbled total means a garbled file.
                var persons = 0L;
                if (!IsMissing(token) && !long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out persons))
                {
                    throw new PopulationFileException($"{source} line {tokenLine}", $"DATA value {cell + 1} is \"{token}\", not a count of persons or a missing value (\".\", \"..\")");
                }

                if (target is { } kept && !IsMissing(token))
                {
                    counts.Add(new PopulationCount(kept.Year, kept.Municipality!, kept.Sex, kept.Age, persons));
                }

                for (var v = variables.Count - 1; v >= 0; v--)
                {
                    if (++index[v] < sizes[v])
                    {
                        break;
                    }

                    index[v] = 0;
                }
            }

            if (NextToken(ref position, ref line) is { } extra)
            {
                throw new PopulationFileException($"{source} line {extra.Line}", $"DATA has more values than the {cells} the variables make");
            }

            var area = variables.FirstOrDefault(v => AreaNames.Contains(v, StringComparer.OrdinalIgnoreCase));
            if (area is null || !codesOf[variables.IndexOf(area)].Any(c => MunicipalityOf(c) is not null))
            {
                throw new PopulationFileException(source, "the file has no variable Alue (Område, Area) with municipalities (codes KU and three digits)");
            }

            foreach (var names in new[] { AgeNames, SexNames, YearNames })
            {
                if (!variables.Any(v => names.Contains(v, StringComparer.OrdinalIgnoreCase)))
                {
                    throw new PopulationFileException(source, $"the file has no variable {names[0]} ({names[1]}, {names[2]}); table 11re has area, age, sex and year");
                }
            }

            return counts;
        }

        private static bool IsMissing(string token) => token.Length > 0 && token.All(c => c is '.' or '-');

        /// <summary>What one variable's code does to the cell it is part of: fills it in, or null to skip the cell (a total, an aggregate).</summary>
        private Func<string, Cell, Cell?> Role(string variable, IReadOnlyList<string> codes)
        {
            var at = keywords.TryGetValue($"CODES({variable})", out var coded) ? coded.Line : keywords.GetValueOrDefault($"VALUES({variable})").Line;
            if (AreaNames.Contains(variable, StringComparer.OrdinalIgnoreCase))
            {
                return (code, cell) => MunicipalityOf(code) is { } m ? cell with { Municipality = m } : null;
            }

            if (AgeNames.Contains(variable, StringComparer.OrdinalIgnoreCase))
            {
                foreach (var code in codes)
                {
                    if (!IsTotal(code) && AgeOf(code) is null)
                    {
                        throw new PopulationFileException($"{source} line {at}", $"variable {variable} has the code \"{code}\"; 11re's ages are SSS (total), 000 to 099 and 100-");
                    }
                }

                return (code, cell) => AgeOf(code) is { } age ? cell with { Age = age } : null;
            }

            if (SexNames.Contains(variable, StringComparer.OrdinalIgnoreCase))
            {
                foreach (var code in codes)
                {
                    if (!IsTotal(code) && SexOf(code) is null)
                    {
                        throw new PopulationFileException($"{source} line {at}", $"variable {variable} has the code \"{code}\"; 11re's sexes are SSS (total), 1 and 2");
                    }
                }

                return (code, cell) => SexOf(code) is { } sex ? cell with { Sex = sex } : null;
            }

            if (YearNames.Contains(variable, StringComparer.OrdinalIgnoreCase))
            {
                foreach (var code in codes)
                {
                    Year(code, $"{source} line {at}", variable);
                }

                return (code, cell) => cell with { Year = int.Parse(code, CultureInfo.InvariantCulture) };
            }

            if (codes.Count == 1)
            {
                return (_, cell) => cell;
            }

            if (ContentsNames.Contains(variable, StringComparer.OrdinalIgnoreCase))
            {
                if (!codes.Contains("vaesto", StringComparer.OrdinalIgnoreCase))
                {
                    throw new PopulationFileException($"{source} line {at}", $"variable {variable} has {codes.Count} values and none is the population (vaesto)");
                }

                return (code, cell) => code.Equals("vaesto", StringComparison.OrdinalIgnoreCase) ? cell : null;
            }

            throw new PopulationFileException($"{source} line {at}", $"variable {variable} is none of table 11re's (area, age, sex, year, contents) and has {codes.Count} values");
        }

        private static string? MunicipalityOf(string code) =>
            code.Length == 5 && code.StartsWith("KU", StringComparison.OrdinalIgnoreCase) && IsMunicipalityCode(code[2..]) ? code[2..]
            : IsMunicipalityCode(code) ? code
            : null;

        /// <summary>A total of a variable: its code SSS, or its label when the file has no CODES (PxWeb's labels in Finnish, Swedish, English).</summary>
        private static bool IsTotal(string code) =>
            code.Equals("SSS", StringComparison.OrdinalIgnoreCase) || TotalLabels.Contains(code, StringComparer.OrdinalIgnoreCase);

        /// <summary>Sex by 11re's code (1, 2) or, in a file without CODES, by its label.</summary>
        private static Sex? SexOf(string code) => code.ToLowerInvariant() switch
        {
            "1" or "miehet" or "män" or "males" => Sex.Male,
            "2" or "naiset" or "kvinnor" or "females" => Sex.Female,
            _ => null,
        };

        private static int? AgeOf(string code)
        {
            // The label of the open class is "100 -", its code "100-".
            code = code.Replace(" ", "", StringComparison.Ordinal);
            if (code == $"{PopulationTable.OpenAge}-")
            {
                return PopulationTable.OpenAge;
            }

            return code.Length is > 0 and <= 3 && int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var age) && age < PopulationTable.OpenAge
                ? age
                : null;
        }

        /// <summary>A variable's codes (CODES, else VALUES), in the data's order.</summary>
        private List<string> Codes(string variable)
        {
            if (keywords.TryGetValue($"CODES({variable})", out var codes))
            {
                return codes.Values;
            }

            if (keywords.TryGetValue($"VALUES({variable})", out var values))
            {
                return values.Values;
            }

            throw new PopulationFileException(source, $"variable {variable} has no VALUES");
        }

        private List<string> Keyword(string name) =>
            keywords.TryGetValue(name, out var entry) ? entry.Values : name == "HEADING" ? [] : throw new PopulationFileException(source, $"the file has no {name}");

        /// <summary>Every <c>KEYWORD[lang]("variable")=value,…;</c> up to DATA; the first language's entry wins.</summary>
        private void Parse()
        {
            var position = 0;
            var line = 1;
            while (position < text.Length)
            {
                SkipSpace(ref position, ref line);
                if (position >= text.Length)
                {
                    break;
                }

                var start = line;
                var equals = text.IndexOf('=', position);
                if (equals < 0)
                {
                    throw new PopulationFileException($"{source} line {line}", "a keyword has no \"=\"");
                }

                var key = text[position..equals].Trim();
                line += key.Count(c => c == '\n');
                position = equals + 1;
                var name = key;
                string? variable = null;
                var paren = key.IndexOf('(', StringComparison.Ordinal);
                if (paren >= 0)
                {
                    name = key[..paren];
                    variable = key[(paren + 1)..].TrimEnd(')').Trim().Trim('"');
                }

                // A translation (KEYWORD[sv]) names its variables in its own language; the first entry of a key wins.
                var language = name.IndexOf('[', StringComparison.Ordinal);
                name = (language >= 0 ? name[..language] : name).Trim().ToUpperInvariant();
                if (name == "DATA")
                {
                    dataStart = position;
                    dataLine = line;
                    return;
                }

                var values = Values(ref position, ref line);
                keywords.TryAdd(variable is null ? name : $"{name}({variable})", (values, start));
            }
        }

        /// <summary>The value of a keyword up to its ";": quoted strings, adjacent ones joined (a long string split over lines), separated by commas.</summary>
        private List<string> Values(ref int position, ref int line)
        {
            var values = new List<string>();
            var current = new StringBuilder();
            var any = false;
            while (true)
            {
                if (position >= text.Length)
                {
                    throw new PopulationFileException($"{source} line {line}", "a keyword's value has no closing \";\"");
                }

                var c = text[position];
                if (c == '"')
                {
                    var close = text.IndexOf('"', position + 1);
                    if (close < 0)
                    {
                        throw new PopulationFileException($"{source} line {line}", "a quoted value is not closed");
                    }

                    var piece = text[(position + 1)..close];
                    line += piece.Count(ch => ch == '\n');
                    current.Append(piece.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
                    any = true;
                    position = close + 1;
                    continue;
                }

                position++;
                switch (c)
                {
                    case '\n':
                        line++;
                        break;
                    case ',':
                    case ';':
                        if (any)
                        {
                            values.Add(current.ToString().Trim());
                        }

                        current.Clear();
                        any = false;
                        if (c == ';')
                        {
                            return values;
                        }

                        break;
                    default:
                        if (!char.IsWhiteSpace(c))
                        {
                            current.Append(c);
                            any = true;
                        }

                        break;
                }
            }
        }

        private (string Token, int Line)? NextToken(ref int position, ref int line)
        {
            while (position < text.Length && (char.IsWhiteSpace(text[position]) || text[position] is ',' or '"'))
            {
                if (text[position] == '\n')
                {
                    line++;
                }

                position++;
            }

            if (position >= text.Length || text[position] == ';')
            {
                return null;
            }

            var start = position;
            while (position < text.Length && !char.IsWhiteSpace(text[position]) && text[position] is not (',' or ';' or '"'))
            {
                position++;
            }

            return (text[start..position], line);
        }

        private void SkipSpace(ref int position, ref int line)
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                if (text[position] == '\n')
                {
                    line++;
                }

                position++;
            }
        }

        private readonly record struct Cell(int Year, string? Municipality, Sex Sex, int Age);
    }
}

/// <summary>A population file that cannot be used; the message names the file, the line and the field.</summary>
public sealed class PopulationFileException(string where, string problem) : Exception($"Population file {where}: {problem}.")
{
    public string Where { get; } = where;
}
