using DuckDB.NET.Data;

namespace Hilmo.Storage.DuckDb;

/// <summary>
/// The store's dictionary of value ids (<c>code_values</c>), held in memory both ways. New values
/// get the next id at once and are written in the transaction that first uses them; a rolled-back
/// transaction forgets them again, so an id on disk always has its value on disk.
/// </summary>
internal sealed class CodeDictionary
{
    private readonly Dictionary<string, int>[] ids;
    private readonly List<string?> values = [null];
    private readonly List<(int Id, CodeDomain Domain, string Value)> pending = [];
    private volatile string?[] published = [null];

    private CodeDictionary()
    {
        ids = new Dictionary<string, int>[CodeDomains.All.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = new Dictionary<string, int>(StringComparer.Ordinal);
        }
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
            var domain = byName[reader.GetString(1)];
            var value = reader.GetString(2);
            while (dictionary.values.Count <= id)
            {
                dictionary.values.Add(null);
            }

            dictionary.values[id] = value;
            dictionary.ids[(int)domain][value] = id;
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
            id = values.Count;
            values.Add(value);
            map.Add(value, id);
            pending.Add((id, domain, value));
        }

        return id;
    }

    /// <summary>
    /// The values by id as last published: safe to read from any thread while the writer goes on.
    /// The writer publishes before it commits, so a reader never meets a committed id it cannot decode.
    /// </summary>
    public IReadOnlyList<string?> Published => published;

    public void Publish() => published = [.. values];

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

    /// <summary>The transaction rolled back: forget the values it made.</summary>
    public void RolledBack()
    {
        foreach (var (id, domain, value) in pending)
        {
            ids[(int)domain].Remove(value);
            values[id] = null;
        }

        // Ids are handed out from the end of the list; trim the forgotten tail so they are reused.
        while (values.Count > 1 && values[^1] is null)
        {
            values.RemoveAt(values.Count - 1);
        }

        pending.Clear();
    }
}
