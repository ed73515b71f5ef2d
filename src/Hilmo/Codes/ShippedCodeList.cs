using System.Collections.ObjectModel;

namespace Hilmo.Codes;

/// <summary>
/// Reads a list in the layout shipped in <c>data/codes</c> (<c>spat.csv</c>): the header
/// <c>code,name_fi</c> (a row may leave <c>name_fi</c> empty when it has <c>name_en</c>) and any of <c>name_sv</c>, <c>name_en</c>, <c>parent</c>, <c>level</c>,
/// <c>valid_from</c>, <c>valid_to</c>, in any order. Every other column (<c>follow_up</c>,
/// <c>combination_mark</c>, <c>hyvinvointialue_code</c> ...) becomes an attribute of the entry under
/// its header name. Dates are ISO; an empty field means the source has no value.
/// </summary>
internal static class ShippedCodeList
{
    public static Classification Read(CodeListCsv csv, string name)
    {
        var columns = Columns.Of(csv);
        var builder = new CodeListBuilder(csv.Path);
        while (csv.Read())
        {
            builder.Add(columns.Entry(csv), csv.Location);
        }

        return builder.Build(KnownClassifications.For(name), ClassificationStatus.Published);
    }

    /// <summary>Where the columns of the shipped layout are in one file's header.</summary>
    internal sealed class Columns
    {
        private const string CodeColumn = "code";
        private const string FinnishColumn = "name_fi";

        private static readonly string[] EntryColumns =
            [CodeColumn, FinnishColumn, "name_sv", "name_en", "parent", "level", "valid_from", "valid_to"];

        private readonly int code, finnish, swedish, english, parent, level, validFrom, validTo;
        private readonly (int Index, string Name)[] attributes;

        private Columns(CodeListCsv csv, string? notAnAttribute)
        {
            code = csv.RequiredColumn(CodeColumn);
            finnish = csv.RequiredColumn(FinnishColumn);
            swedish = csv.ColumnIndex("name_sv");
            english = csv.ColumnIndex("name_en");
            parent = csv.ColumnIndex("parent");
            level = csv.ColumnIndex("level");
            validFrom = csv.ColumnIndex("valid_from");
            validTo = csv.ColumnIndex("valid_to");
            attributes = [.. csv.Header
                .Select((name, index) => (index, name))
                .Where(c => !EntryColumns.Contains(c.name, StringComparer.Ordinal) && c.name != notAnAttribute)];
        }

        /// <param name="csv">The open file, positioned before its first record.</param>
        /// <param name="notAnAttribute">A column the caller reads itself (<c>classification</c> in <c>provisional.csv</c>).</param>
        public static Columns Of(CodeListCsv csv, string? notAnAttribute = null) => new(csv, notAnAttribute);

        /// <summary>The entry of the current record.</summary>
        public CodeEntry Entry(CodeListCsv csv)
        {
            var codeText = csv.Text(code) ?? throw csv.Location.Error("the code is empty");
            // WHO publishes ATC in English only: where a source has no Finnish name, the English one stands in.
            var englishName = csv.Text(english);
            var finnishName = csv.Text(finnish) ?? englishName
                ?? throw csv.Location.Error($"code {codeText} has no name: name_fi is empty, and so is name_en");
            return new CodeEntry(
                codeText,
                new LocalizedText(finnishName, csv.Text(swedish), englishName),
                csv.Text(parent),
                csv.Level(level, "level"),
                csv.IsoDate(validFrom, "valid_from"),
                csv.IsoDate(validTo, "valid_to"),
                Attributes(csv));
        }

        private IReadOnlyDictionary<string, string> Attributes(CodeListCsv csv)
        {
            Dictionary<string, string>? values = null;
            foreach (var (index, name) in attributes)
            {
                if (csv.Text(index) is { } value)
                {
                    (values ??= new Dictionary<string, string>(StringComparer.Ordinal)).Add(name, value);
                }
            }

            return (IReadOnlyDictionary<string, string>?)values ?? ReadOnlyDictionary<string, string>.Empty;
        }
    }
}
