using System.Text;

namespace Hilmo.Tests.Statistics.Outputs;

/// <summary>
/// A PX file read back by the tests' own small parser, written from the PX file format's
/// rules and sharing nothing with the writer: <c>KEYWORD[lang]("subkey",...)=value;</c> where
/// a value is a comma-separated list of items, an item is quoted strings written one after
/// another (joined, as a long text is split over lines), a <c>"parent":"child"</c> pair or a bare word, and <c>DATA=</c> holds
/// figures and quoted dot codes separated by white space.
/// </summary>
internal sealed class PxFile
{
    private PxFile(string text, IReadOnlyList<PxKeyword> keywords, IReadOnlyList<string> data)
    {
        Text = text;
        Keywords = keywords;
        Data = data;
    }

    public string Text { get; }

    /// <summary>The keywords before <c>DATA</c>, in file order.</summary>
    public IReadOnlyList<PxKeyword> Keywords { get; }

    /// <summary>The items of <c>DATA</c>: figures as written, dot codes without their quotes.</summary>
    public IReadOnlyList<string> Data { get; }

    public static PxFile Parse(byte[] bytes)
    {
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        var reader = new Reader(text);
        var keywords = new List<PxKeyword>();
        while (true)
        {
            reader.SkipWhiteSpace();
            var name = reader.ReadName();
            string? language = null;
            if (reader.TryTake('['))
            {
                language = reader.ReadUntil(']');
            }

            var subkeys = new List<string>();
            if (reader.TryTake('('))
            {
                do
                {
                    reader.SkipWhiteSpace();
                    subkeys.Add(reader.ReadQuoted());
                    reader.SkipWhiteSpace();
                }
                while (reader.TryTake(','));

                reader.Take(')');
            }

            reader.Take('=');
            if (name == "DATA")
            {
                Assert.Null(language);
                var data = reader.ReadData();
                reader.SkipWhiteSpace();
                Assert.True(reader.AtEnd, "nothing may follow DATA");
                return new PxFile(text, keywords, data);
            }

            keywords.Add(new PxKeyword(name, language, subkeys, reader.ReadItems()));
        }
    }

    /// <summary>The one keyword with this name, language and subkeys.</summary>
    public PxKeyword Single(string name, string? language = null, params string[] subkeys) =>
        Assert.Single(Keywords, k => k.Name == name && k.Language == language && k.Subkeys.SequenceEqual(subkeys));

    public IReadOnlyList<string> Values(string name, string? language = null, params string[] subkeys) => Single(name, language, subkeys).Values;

    public string Value(string name, string? language = null, params string[] subkeys) => Assert.Single(Values(name, language, subkeys));

    private sealed class Reader(string text)
    {
        private int position;

        public bool AtEnd => position >= text.Length;

        public void SkipWhiteSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(text[position]))
            {
                position++;
            }
        }

        public bool TryTake(char expected)
        {
            if (!AtEnd && text[position] == expected)
            {
                position++;
                return true;
            }

            return false;
        }

        public void Take(char expected) => Assert.True(TryTake(expected), $"expected '{expected}' at {Where()}");

        public string ReadName()
        {
            var start = position;
            while (!AtEnd && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '-'))
            {
                position++;
            }

            Assert.True(position > start, $"expected a keyword at {Where()}");
            return text[start..position];
        }

        public string ReadUntil(char end)
        {
            var stop = text.IndexOf(end, position);
            Assert.True(stop >= 0, $"no '{end}' after {Where()}");
            var read = text[position..stop];
            position = stop + 1;
            return read;
        }

        public string ReadQuoted()
        {
            Take('"');
            return ReadUntil('"');
        }

        /// <summary>Reads a keyword's items up to its semicolon.</summary>
        public List<string> ReadItems()
        {
            var items = new List<string>();
            while (true)
            {
                SkipWhiteSpace();
                items.Add(ReadItem());
                SkipWhiteSpace();
                if (TryTake(';'))
                {
                    return items;
                }

                Take(',');
            }
        }

        private string ReadItem()
        {
            if (AtEnd || text[position] != '"')
            {
                var start = position;
                var depth = 0;
                while (!AtEnd && (depth > 0 || (text[position] != ',' && text[position] != ';')))
                {
                    depth += text[position] == '(' ? 1 : text[position] == ')' ? -1 : 0;
                    position++;
                }

                return text[start..position].Trim();
            }

            var joined = new StringBuilder();
            do
            {
                joined.Append(ReadQuoted());
                SkipWhiteSpace();
            }
            while (!AtEnd && text[position] == '"');

            // A HIERARCHIES pair, "parent":"child", read as parent:child.
            if (TryTake(':'))
            {
                SkipWhiteSpace();
                joined.Append(':').Append(ReadQuoted());
            }

            return joined.ToString();
        }

        public List<string> ReadData()
        {
            var data = new List<string>();
            while (true)
            {
                SkipWhiteSpace();
                if (TryTake(';'))
                {
                    return data;
                }

                if (!AtEnd && text[position] == '"')
                {
                    data.Add(ReadQuoted());
                    continue;
                }

                var start = position;
                while (!AtEnd && !char.IsWhiteSpace(text[position]) && text[position] != ';')
                {
                    position++;
                }

                Assert.True(position > start, $"expected a figure at {Where()}");
                data.Add(text[start..position]);
            }
        }

        private string Where() => $"offset {position}: \"{text[position..Math.Min(text.Length, position + 30)]}\"";
    }
}
