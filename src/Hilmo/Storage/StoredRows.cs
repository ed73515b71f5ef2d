using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hilmo.Validation;

namespace Hilmo.Storage;

/// <summary>
/// What every backend reads back the same way, whatever its driver: a stored finding and a
/// report's rows. One reader, so the engines cannot come to differ in what they give back.
/// </summary>
public static class StoredRows
{
    /// <summary>Reports are refused past this many rows: a table that large is a mistake in the request, not a publication.</summary>
    public const int MaxReportRows = 2_000_000;

    /// <summary>The columns a finding is stored in, in the order <see cref="Finding(DbDataReader)"/> reads them.</summary>
    public const string FindingColumns = "record_index, record_id, code, path, arguments, line, col, byte_offset, provider";

    /// <summary>A finding's arguments as the text the store keeps.</summary>
    public static string Arguments(IReadOnlyList<string> arguments) => JsonSerializer.Serialize(arguments, StoredJson.Default.IReadOnlyListString);

    /// <summary>The finding on the reader's row (<see cref="FindingColumns"/>); null for a code this program does not know.</summary>
    public static Finding? Finding(DbDataReader reader)
    {
        // Codes are never removed from the catalogue; one that is unknown comes from a newer program.
        if (FindingCatalogue.Find(reader.GetString(2)) is not { } definition)
        {
            return null;
        }

        var arguments = JsonSerializer.Deserialize(reader.GetString(4), StoredJson.Default.IReadOnlyListString) ?? [];
        TextPosition? position = reader.IsDBNull(5) ? null
            : new TextPosition(reader.GetInt64(5), reader.GetInt64(6), reader.IsDBNull(7) ? null : reader.GetInt64(7));
        return new Finding(definition,
            reader.IsDBNull(0) ? null : reader.GetInt64(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            arguments, position) { Provider = reader.IsDBNull(8) ? null : reader.GetString(8) };
    }

    /// <summary>Every row of a report's result, refusing more than <see cref="MaxReportRows"/>.</summary>
    public static async Task<IReadOnlyList<object?[]>> ReportRowsAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (rows.Count == MaxReportRows)
            {
                throw new InvalidOperationException($"The report gave more than {MaxReportRows:N0} rows.");
            }

            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            for (var i = 0; i < row.Length; i++)
            {
                // DuckDB hands a blob as a stream over the result's own memory, which is gone once
                // the next chunk is read: keep the bytes.
                if (row[i] is Stream stream)
                {
                    using var copy = new MemoryStream();
                    stream.CopyTo(copy);
                    row[i] = copy.ToArray();
                }
            }

            rows.Add(row);
        }

        return rows;
    }
}

/// <summary>The little JSON the stores write into their own columns, serialised without reflection.</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class StoredJson : JsonSerializerContext;
