using DuckDB.NET.Data;

namespace Hilmo.Storage.DuckDb;

/// <summary>
/// The store's dictionary of value ids (<c>code_values</c>), held in memory both ways. New values
/// get the next id at once and are written in the transaction that first uses them; a rolled-back
/// transaction forgets them, so an id on disk always has its value on disk. Ids are never reused.
/// </summary>
internal sealed class CodeDictionary
{
    private readonly Dictionary<string, int>[] ids;
    private readonly List<(int Id, CodeDomain Domain, string Value)> pending = [];

    // Values by id in fixed-size chunks that are only ever appended to: a reader's snapshot
    // stays valid while the writer goes on, and no chunk is large enough for the large object heap.
    private const int ChunkBits = 12;
    private const int ChunkSize = 1 << ChunkBits;
    private string?[][] chunks = [new string?[ChunkSize]];
    private int count = 1; // id 0 is never used, so a default int is never a value
    private volatile Snapshot published;

    private CodeDictionary()
    {
        ids = new Dictionary<string, int>[CodeDomains.All.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = new Dictionary<string, int>(StringComparer.Ordinal);
        }

        published = new Snapshot(chunks, count);
    }

    public static CodeDictionary Load(DuckDBConnection connection)
    {
        var dictionary = new CodeDictionary();
        var byName = CodeDomains.All.ToDictionary(d => d.StoredName(), StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT code_id, code_system, code FROM code_values ORDER BY code_id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetInt32(0);
            var value = reader.GetString(2);
            dictionary.Set(id, value);
            dictionary.ids[(int)byName[reader.GetString(1)]][value] = id;
        }

        dictionary.Publish();
        return dictionary;
    }

    /// <summary>The id of <paramref name="value"/>, making one if it is new; null stays null.</summary>
    public int? IdOf(CodeDomain domain, string? value)
    {
        if (value is null)
        {
            return null;
        }

        var map = ids[(int)domain];
        if (!map.TryGetValue(value, out var id))
        {
            id = count;
            Set(id, value);
            map.Add(value, id);
            pending.Add((id, domain, value));
        }

        return id;
    }

    /// <summary>
    /// The values by id as last published: safe to read from any thread while the writer goes on.
    /// The writer publishes before it commits, so a reader never meets a committed id it cannot decode.
    /// </summary>
    public Snapshot Published => published;

    public void Publish() => published = new Snapshot(chunks, count);

    /// <summary>Writes the values made since the last commit, in the current transaction.</summary>
    public void WritePending(DuckDBConnection connection)
    {
        if (pending.Count == 0)
        {
            return;
        }

        using var appender = connection.CreateAppender("code_values");
        foreach (var (id, domain, value) in pending)
        {
            appender.CreateRow().AppendValue(id).AppendValue(domain.StoredName()).AppendValue(value).EndRow();
        }
    }

    /// <summary>The transaction committed: the pending values are on disk.</summary>
    public void Committed() => pending.Clear();

    /// <summary>The transaction rolled back: forget the values it made; their ids stay unused.</summary>
    public void RolledBack()
    {
        foreach (var (_, domain, value) in pending)
        {
            ids[(int)domain].Remove(value);
        }

        pending.Clear();
    }

    private void Set(int id, string value)
    {
        while (id >> ChunkBits >= chunks.Length)
        {
            chunks = [.. chunks, new string?[ChunkSize]];
        }

        chunks[id >> ChunkBits][id & (ChunkSize - 1)] = value;
        count = Math.Max(count, id + 1);
    }

    /// <summary>The values of ids below <see cref="Count"/> at one moment.</summary>
    public sealed class Snapshot(string?[][] chunks, int count)
    {
        public int Count => count;

        public string? this[int id] => id < count ? chunks[id >> ChunkBits][id & (ChunkSize - 1)] : null;
    }
}
