using System.IO.Hashing;
using System.Numerics;
using System.Runtime.InteropServices;
using DuckDB.NET.Data;
using Hilmo.Notifications;

namespace Hilmo.Storage.DuckDb;

/// <summary>
/// A Bloom filter over every stored version's (register, provider, record id, update time): "definitely not
/// stored" or "perhaps stored". Nearly every record of a submission is new, and the filter lets
/// the store append those straight to the version tables; only a record that perhaps repeats a
/// stored version is staged and checked exactly before it is kept or refused.
/// </summary>
/// <remarks>
/// About ten bits and seven probes per version: about 1 % false "perhaps", never a false "no".
/// Built from the store at open, extended after each commit, rebuilt twice as large when full.
/// 100 million versions cost 120 MB.
/// </remarks>
internal sealed class StoredVersionFilter
{
    private const int BitsPerVersion = 10;
    private const int Probes = 7;

    private ulong[] bits = [];
    private ulong mask;
    private long capacity;

    private StoredVersionFilter(long capacity) => Allocate(Math.Max(capacity, 1 << 20));

    public long Count { get; private set; }

    /// <summary>A filter of every version in <c>event_versions</c>, with room for as many again.</summary>
    public static StoredVersionFilter Build(DuckDBConnection connection)
    {
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM event_versions";
        var stored = Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        var filter = new StoredVersionFilter(stored * 2);
        filter.Load(connection);
        return filter;
    }

    public bool MightContain(Register register, int provider, ReadOnlySpan<char> recordId, DateTime updatedAt)
    {
        var (h1, h2) = Hashes(register, provider, recordId, updatedAt);
        for (var i = 0UL; i < Probes; i++)
        {
            var bit = (h1 + (i * h2)) & mask;
            if ((bits[bit >> 6] & (1UL << (int)(bit & 63))) == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds a committed unit's kept versions; grows (reading the store again) when the filter would be too full.</summary>
    public void Add(DuckDBConnection connection, UnitJudge unit)
    {
        unit.AddKeptTo(this);
        if (Count > capacity)
        {
            Allocate(capacity * 2);
            Load(connection);
        }
    }

    /// <summary>Room for <paramref name="versions"/>: a power of two of bits, so a probe is a mask, not a division.</summary>
    private void Allocate(long versions)
    {
        capacity = versions;
        var size = BitOperations.RoundUpToPowerOf2((ulong)(versions * BitsPerVersion));
        bits = new ulong[size / 64];
        mask = size - 1;
        Count = 0;
    }

    private void Load(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT provider, record_id, updated_at, register FROM event_versions";

        // Streamed: a materialised result of every version would cost more memory than the filter.
        command.UseStreamingMode = true;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            Set((Register)reader.GetByte(3), reader.GetInt32(0), reader.GetString(1), reader.GetDateTime(2));
        }
    }

    public void Set(Register register, int provider, ReadOnlySpan<char> recordId, DateTime updatedAt)
    {
        var (h1, h2) = Hashes(register, provider, recordId, updatedAt);
        for (var i = 0UL; i < Probes; i++)
        {
            var bit = (h1 + (i * h2)) & mask;
            bits[bit >> 6] |= 1UL << (int)(bit & 63);
        }

        Count++;
    }

    /// <summary>Two independent hashes of the key, for double hashing (Kirsch–Mitzenmacher).</summary>
    private static (ulong, ulong) Hashes(Register register, int provider, ReadOnlySpan<char> recordId, DateTime updatedAt)
    {
        // The register in the seed's top bits: far above a provider id times the multiplier.
        var seed = (provider * 1_000_003L) ^ updatedAt.Ticks ^ ((long)register << 56);
        var hash = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(recordId), seed);
        return ((ulong)(hash >> 64), (ulong)hash | 1);
    }
}
