using System.Collections.Concurrent;
using Npgsql;
using NpgsqlTypes;

namespace Hilmo.Storage.Postgres;

/// <summary>
/// The store's value ids (<c>code_values</c>), cached both ways. Unlike the embedded store, several
/// processes may write one database, so ids are made by the database: a unit's new values are
/// inserted in one statement before its versions are copied, in a transaction of their own, so a
/// value is on disk before any version that uses its id, whatever becomes of the unit.
/// </summary>
internal sealed class CodeIds(NpgsqlDataSource dataSource)
{
    private static readonly Dictionary<string, CodeDomain> DomainsByName = CodeDomains.All.ToDictionary(d => d.StoredName(), StringComparer.Ordinal);

    // Ids by value, one dictionary per domain, looked up several times for every record appended:
    // keyed by the value alone, not by a (domain, value) tuple, whose hashing was most of the cost.
    private readonly ConcurrentDictionary<string, int>[] ids = [.. CodeDomains.All.Select(_ => new ConcurrentDictionary<string, int>(StringComparer.Ordinal))];
    private readonly ConcurrentDictionary<int, string> values = new();

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT code_id, code_system, code FROM code_values");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await LearnAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    public bool Knows(CodeDomain domain, string value) => ids[(int)domain].ContainsKey(value);

    /// <summary>The id of a value known to the cache; null for null. Call <see cref="EnsureAsync"/> first for values not yet stored.</summary>
    public int? IdOf(CodeDomain domain, string? value) => value is null ? null : ids[(int)domain][value];

    /// <summary>The provider's id, or null when the store has never seen the provider.</summary>
    public async Task<int?> FindAsync(CodeDomain domain, string value, CancellationToken cancellationToken)
    {
        if (ids[(int)domain].TryGetValue(value, out var id))
        {
            return id;
        }

        await LoadAsync(cancellationToken).ConfigureAwait(false);
        return ids[(int)domain].TryGetValue(value, out id) ? id : null;
    }

    /// <summary>Stores the values not yet known, and learns their ids.</summary>
    /// <param name="wanted">Distinct values.</param>
    /// <param name="cancellationToken">Stops the insert.</param>
    public async Task EnsureAsync(IReadOnlyCollection<(CodeDomain Domain, string Value)> wanted, CancellationToken cancellationToken)
    {
        if (wanted.Count == 0)
        {
            return;
        }

        var missing = wanted.Where(w => !Knows(w.Domain, w.Value)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        // ON CONFLICT DO UPDATE, not DO NOTHING: it returns the row even when another process
        // stored the value first, which DO NOTHING would not.
        await using var command = dataSource.CreateCommand("""
            INSERT INTO code_values (code_system, code)
            SELECT * FROM unnest($1::text[], $2::text[])
            ON CONFLICT (code_system, code) DO UPDATE SET code = excluded.code
            RETURNING code_id, code_system, code
            """);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = missing.Select(m => m.Domain.StoredName()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = missing.Select(m => m.Value).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await LearnAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The value of an id read from the store; another process may have made it, so a miss reloads.</summary>
    public string? ValueOf(int id)
    {
        if (values.TryGetValue(id, out var value))
        {
            return value;
        }

        LoadAsync(CancellationToken.None).GetAwaiter().GetResult();
        return values.GetValueOrDefault(id);
    }

    /// <summary>Takes in rows of (code_id, code_system, code).</summary>
    private async Task LearnAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetInt32(0);
            var value = reader.GetString(2);
            values[id] = value;
            if (DomainsByName.TryGetValue(reader.GetString(1), out var domain))
            {
                ids[(int)domain][value] = id;
            }
        }
    }
}
