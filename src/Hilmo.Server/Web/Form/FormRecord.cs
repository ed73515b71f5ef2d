using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Hilmo.Server.Web.Form;

/// <summary>
/// A service event as the form posted it, turned into the wire format's JSON so that it goes
/// through exactly the reader and validator a system's submission goes through. Empty fields
/// are left out; repeated groups keep only their filled rows, and the record remembers which
/// form row each array item came from, so findings land beside the right field.
/// </summary>
public sealed partial class FormRecord
{
    private readonly Dictionary<string, string> values;
    private readonly Dictionary<(string Group, int Index), int> rowOfItem = [];

    private FormRecord(Dictionary<string, string> values, JsonObject json)
    {
        this.values = values;
        Json = json;
    }

    /// <summary>The record in the wire format.</summary>
    public JsonObject Json { get; }

    /// <summary>What the user entered in a field (never the identity code, which is not kept for showing again).</summary>
    public string Value(FormField field) =>
        field.Kind == FieldKind.IdentityCode ? "" : values.GetValueOrDefault(field.Path, "");

    /// <param name="form">The posted fields, by wire path.</param>
    /// <param name="provider">The signed-in provider: the form's records are always its own.</param>
    /// <param name="updatedAt">The record's update time (<c>paivitetty</c>): when the user saved it, in Finnish time.</param>
    public static FormRecord From(IEnumerable<KeyValuePair<string, string>> form, string provider, DateTime updatedAt)
    {
        var entered = form.Where(f => !string.IsNullOrWhiteSpace(f.Value)).ToDictionary(f => f.Key, f => f.Value.Trim(), StringComparer.Ordinal);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var json = new JsonObject
        {
            ["paivitetty"] = updatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            ["tuottaja"] = provider,
        };
        var record = new FormRecord(values, json);
        foreach (var field in FormFields.All)
        {
            if (entered.TryGetValue(field.Path, out var value))
            {
                values[field.Path] = value;
            }
        }

        foreach (var field in FormFields.All.Where(f => values.ContainsKey(f.Path)))
        {
            record.Set(field.Path, values[field.Path]);
        }

        return record;
    }

    /// <summary>The form field a finding's path points at, or null when it points at none (the record as a whole, or a field the form fills itself).</summary>
    public string? FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var match = ItemPath().Match(path);
        if (match.Success && rowOfItem.TryGetValue((match.Groups["group"].Value, int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture)), out var row))
        {
            path = $"{match.Groups["group"].Value}[{row}]{match.Groups["rest"].Value}";
        }

        // A finding about a whole phase or item (kaynti, kayntisyyt[0]) belongs to its first field.
        return FormFields.All.FirstOrDefault(f => f.Path == path || f.Path.StartsWith(path + ".", StringComparison.Ordinal))?.Path;
    }

    private void Set(string path, string value)
    {
        var match = ItemPath().Match(path);
        if (match.Success)
        {
            var group = match.Groups["group"].Value;
            var row = int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture);
            var items = Json[group] as JsonArray ?? (JsonArray)(Json[group] = new JsonArray());
            var index = rowOfItem.FirstOrDefault(r => r.Key.Group == group && r.Value == row, new(("", -1), -1)).Key.Index;
            if (index < 0)
            {
                index = items.Count;
                items.Add(new JsonObject());
                rowOfItem[(group, index)] = row;
            }

            ((JsonObject)items[index]!)[match.Groups["rest"].Value.TrimStart('.')] = value;
            return;
        }

        var parts = path.Split('.');
        var node = Json;
        foreach (var part in parts[..^1])
        {
            node = node[part] as JsonObject ?? (JsonObject)(node[part] = new JsonObject());
        }

        node[parts[^1]] = value;
    }

    [GeneratedRegex(@"^(?<group>[a-zA-Z]+)\[(?<index>[0-9]+)\](?<rest>.*)$")]
    private static partial Regex ItemPath();
}
