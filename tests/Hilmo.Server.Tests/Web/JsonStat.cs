using System.Text.Json;

namespace Hilmo.Server.Tests.Web;

/// <summary>Reads one figure of a JSON-stat 2.0 dataset by its categories, independently of the server's code.</summary>
internal static class JsonStat
{
    /// <summary>The value at <paramref name="categories"/> (dimension id → category code; the measure dimension included), or null with its status.</summary>
    public static (double? Value, string? Status) At(JsonElement dataset, IReadOnlyDictionary<string, string> categories)
    {
        var ids = dataset.GetProperty("id").EnumerateArray().Select(e => e.GetString()!).ToList();
        var sizes = dataset.GetProperty("size").EnumerateArray().Select(e => e.GetInt32()).ToList();
        var index = 0;
        for (var d = 0; d < ids.Count; d++)
        {
            var category = dataset.GetProperty("dimension").GetProperty(ids[d]).GetProperty("category");
            var code = categories.TryGetValue(ids[d], out var chosen) ? chosen : "SSS";
            var position = category.GetProperty("index") is { ValueKind: JsonValueKind.Array } list
                ? list.EnumerateArray().Select(e => e.GetString()).ToList().IndexOf(code)
                : category.GetProperty("index").GetProperty(code).GetInt32();
            Assert.True(position >= 0, $"No category {code} in {ids[d]}.");
            index = index * sizes[d] + position;
        }

        var value = dataset.GetProperty("value")[index];
        string? status = null;
        if (dataset.TryGetProperty("status", out var statuses) && statuses.ValueKind == JsonValueKind.Object
            && statuses.TryGetProperty(index.ToString(System.Globalization.CultureInfo.InvariantCulture), out var mark))
        {
            status = mark.GetString();
        }

        return (value.ValueKind == JsonValueKind.Null ? null : value.GetDouble(), status);
    }
}
