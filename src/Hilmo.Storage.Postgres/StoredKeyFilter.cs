using System.IO.Hashing;
using System.Numerics;
using System.Runtime.InteropServices;
using Hilmo.Notifications;
using Npgsql;

namespace Hilmo.Storage.Postgres;

/// <summary>
/// A Bloom filter over every stored record key (provider, <c>tunnus</c>): "surely never stored" or
/// "perhaps stored". Nearly every record of a submission is new, and a unit's judging query then
/// looks up only the few keys that may be stored, by index, instead of joining the whole unit with
/// every stored version (a scan of the register per unit, since the version tables are partitioned
/// by receipt month and a key may be in any month).
/// </summary>
/// <remarks>
/// Several processes may write the store, so the filter is brought up to date under the unit's
/// clock lock, from the versions with ids from its watermark on: ids are given in commit order
/// under that lock, so after the refresh no committed key is missing. About ten bits and seven
/// probes per key (about 1 % false "perhaps", never a false "no"); built on the first commit, not
/// at open, so a store opened for reports never reads every key; rebuilt twice as large when full.
/// The embedded store's filter is over key and update time, since its purpose there is another
/// (which versions may be appended straight away); this one only needs the key.
/// </remarks>
internal sealed class StoredKeyFilter
{
    private const int BitsPerKey = 10;
    private const int Probes = 7;

    private ulong[] bits = [];
    private ulong mask;
    private long capacity;
    private long count;
    private long watermark = long.MinValue;

    /// <summary>Reads the keys committed since the last refresh (all of them the first time); call holding the clock lock.</summary>
    /// <param name="connection">The unit's connection, in its transaction.</param>
    /// <param name="firstVersion">The unit's first version id: every committed version's is lower.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    public async Task RefreshAsync(NpgsqlConnection connection, long firstVersion, CancellationToken cancellationToken)
    {
        if (watermark == long.MinValue)
        {
            await using var size = new NpgsqlCommand("SELECT count(*) FROM event_versions", connection);
            Allocate(Math.Max(2 * (long)(await size.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!, 1 << 20));
            watermark = 0;
        }

        await LoadAsync(connection, watermark, firstVersion, cancellationToken).ConfigureAwait(false);
        if (count > capacity)
        {
            Allocate(capacity * 2);
            await LoadAsync(connection, 0, firstVersion, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A unit committed: every key it had is now stored, and the versions up to
    /// <paramref name="nextVersion"/> are known (the refresh ran under the same lock), so the next
    /// refresh need not read the unit back.
    /// </summary>
    /// <param name="keys">The unit's keys.</param>
    /// <param name="nextVersion">The first version id after the unit's.</param>
    public void Committed(IEnumerable<(Register Register, int Provider, string RecordId)> keys, long nextVersion)
    {
        foreach (var (register, provider, recordId) in keys)
        {
            Set(register, provider, recordId);
        }

        watermark = Math.Max(watermark, nextVersion);
    }

    public bool MightContain(Register register, int provider, string recordId)
    {
        var (h1, h2) = Hashes(register, provider, recordId);
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

    /// <summary>
    /// The keys of the versions with ids in [<paramref name="from"/>, <paramref name="until"/>).
    /// Bounded on both sides so that the planner, even with no statistics yet, reads a few index
    /// entries rather than scanning the register for each unit, as an open-ended range made it do.
    /// </summary>
    private async Task LoadAsync(NpgsqlConnection connection, long from, long until, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version_id, provider, record_id, register FROM event_versions WHERE version_id >= $1 AND version_id < $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = from });
        command.Parameters.Add(new NpgsqlParameter { Value = until });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            Set((Register)reader.GetInt16(3), reader.GetInt32(1), reader.GetString(2));
            watermark = Math.Max(watermark, reader.GetInt64(0) + 1);
        }
    }

    /// <summary>Room for <paramref name="keys"/>: a power of two of bits, so a probe is a mask, not a division.</summary>
    private void Allocate(long keys)
    {
        capacity = keys;
        var size = BitOperations.RoundUpToPowerOf2((ulong)(keys * BitsPerKey));
        bits = new ulong[size / 64];
        mask = size - 1;
        count = 0;
    }

    private void Set(Register register, int provider, string recordId)
    {
        var (h1, h2) = Hashes(register, provider, recordId);
        for (var i = 0UL; i < Probes; i++)
        {
            var bit = (h1 + (i * h2)) & mask;
            bits[bit >> 6] |= 1UL << (int)(bit & 63);
        }

        count++;
    }

    /// <summary>Two independent hashes of the key, for double hashing (Kirsch–Mitzenmacher).</summary>
    private static (ulong, ulong) Hashes(Register register, int provider, string recordId)
    {
        // The register in the seed's top bits, far above any provider id.
        var hash = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(recordId.AsSpan()), (long)(uint)provider | ((long)register << 56));
        return ((ulong)(hash >> 64), (ulong)hash | 1);
    }
}
