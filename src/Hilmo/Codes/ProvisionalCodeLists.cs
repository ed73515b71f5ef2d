namespace Hilmo.Codes;

/// <summary>
/// Reads <c>provisional.csv</c>: the AvoHILMO lists whose members no public source showed, all in
/// one file with a <c>classification</c> column in front of the shipped layout
/// (<c>classification,code,name_fi,name_en,status,evidence</c>). Each classification named there
/// becomes a <see cref="ClassificationStatus.Provisional"/> list; <c>status</c> and
/// <c>evidence</c> stay with each code as attributes, so a finding can say why a code is only assumed.
/// </summary>
internal static class ProvisionalCodeLists
{
    public const string FileName = "provisional.csv";

    private const string ClassificationColumn = "classification";

    public static IReadOnlyList<Classification> Read(CodeListCsv csv)
    {
        var classification = csv.RequiredColumn(ClassificationColumn);
        var columns = ShippedCodeList.Columns.Of(csv, notAnAttribute: ClassificationColumn);

        // A list, not only a dictionary, so that the classifications come out in the order of the file.
        var names = new List<string>();
        var builders = new Dictionary<string, CodeListBuilder>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var name = csv.Text(classification) ?? throw csv.Location.Error("the classification is empty");
            if (!builders.TryGetValue(name, out var builder))
            {
                builder = new CodeListBuilder(csv.Path);
                builders.Add(name, builder);
                names.Add(name);
            }

            builder.Add(columns.Entry(csv), csv.Location);
        }

        return [.. names.Select(name => builders[name].Build(KnownClassifications.For(name), ClassificationStatus.Provisional))];
    }
}
