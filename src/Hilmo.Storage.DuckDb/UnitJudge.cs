using System.IO.Hashing;
using System.Runtime.InteropServices;
using Hilmo.Notifications;

namespace Hilmo.Storage.DuckDb;

/// <summary>What the store already held for a unit version's key.</summary>
/// <param name="SameTimeHash">Content hash of a stored version with the same key and update time.</param>
/// <param name="CurrentUpdatedAt">Update time of the key's current stored version.</param>
/// <param name="CurrentVersion">Id of the key's current stored version.</param>
internal readonly record struct StoredMatch(ulong? SameTimeHash, DateTime? CurrentUpdatedAt, long? CurrentVersion);

/// <summary>
/// The rules that decide a unit's versions, in memory: the unit is in hand anyway, and a hash
/// table over it is far cheaper than window functions over it in SQL. Only the comparison with
/// what was stored before needs the database (<see cref="VersionDecisions.StoredMatches"/>).
/// </summary>
/// <remarks>
/// One instance serves a writer's units one after another, keeping its arrays. Record ids are
/// kept as characters in one reused buffer and keys as 128-bit hashes, so a unit of tens of
/// thousands of versions leaves nothing behind for the garbage collector; a record id becomes a
/// string again only for the few versions the submitter must hear about.
/// </remarks>
internal sealed class UnitJudge
{
    private readonly Dictionary<(int Provider, Register Register, UInt128 RecordId), int> latestOfKey = [];
    private Version[] versions = new Version[4096];
    private char[] recordIds = new char[4096 * 32];
    private int recordIdsUsed;
    private int count;

    public int Count => count;

    /// <summary>Ids of stored versions that the unit's new current versions replace.</summary>
    public List<long> Replaced { get; } = [];

    public void Clear()
    {
        count = 0;
        recordIdsUsed = 0;
        latestOfKey.Clear();
        Replaced.Clear();
    }

    /// <summary>
    /// Takes the next version of the unit. True when it repeats the key and update time of an
    /// earlier version of the unit: it is a duplicate or a conflict whatever else happens, and
    /// needs no row of its own.
    /// </summary>
    public bool Add(long index, Register register, int provider, string recordId, DateTime updatedAt, ulong contentHash, bool withdrawn)
    {
        if (count == versions.Length)
        {
            Array.Resize(ref versions, count * 2);
        }

        if (recordIdsUsed + recordId.Length > recordIds.Length)
        {
            Array.Resize(ref recordIds, Math.Max(recordIds.Length * 2, recordIdsUsed + recordId.Length));
        }

        recordId.CopyTo(recordIds.AsSpan(recordIdsUsed));
        var key = (provider, register, XxHash128.HashToUInt128(MemoryMarshal.AsBytes(recordId.AsSpan())));
        var position = count++;

        // The versions of one key are chained from the latest back to the first: most keys have
        // one version, so the chains are short and one hash lookup per version suffices.
        ref var latest = ref CollectionsMarshal.GetValueRefOrAddDefault(latestOfKey, key, out var seen);
        var previous = seen ? latest : -1;
        latest = position;
        var firstAtSameTime = -1;
        for (var j = previous; j >= 0; j = versions[j].PreviousOfKey)
        {
            if (versions[j].UpdatedAt == updatedAt)
            {
                firstAtSameTime = versions[j].FirstAtSameTime >= 0 ? versions[j].FirstAtSameTime : j;
                break;
            }
        }

        versions[position] = new Version(index, register, provider, recordIdsUsed, recordId.Length, updatedAt, contentHash, withdrawn, previous, firstAtSameTime);
        recordIdsUsed += recordId.Length;
        return firstAtSameTime >= 0;
    }

    /// <summary>
    /// A key and update time already stored, or earlier in the unit, makes a duplicate (same
    /// content hash) or a conflict (other content); a version older than the stored current one is
    /// history; of the rest, each key's newest becomes current and the others are superseded. A
    /// withdrawal of a key with no other version anywhere is flagged as unknown.
    /// </summary>
    public void Decide(Dictionary<int, StoredMatch> stored)
    {
        for (var i = 0; i < count; i++)
        {
            versions[i].Outcome = Judge(stored, i);
        }

        foreach (var last in latestOfKey.Values)
        {
            var winner = -1;
            var kept = 0;
            for (var j = last; j >= 0; j = versions[j].PreviousOfKey)
            {
                if (versions[j].Outcome is VersionOutcome.Superseded or VersionOutcome.History)
                {
                    kept++;
                }

                if (versions[j].Outcome == VersionOutcome.Superseded && (winner < 0 || versions[winner].UpdatedAt < versions[j].UpdatedAt))
                {
                    winner = j;
                }
            }

            if (winner >= 0)
            {
                versions[winner].Outcome = VersionOutcome.Current;
                if (stored.GetValueOrDefault(winner).CurrentVersion is { } previous)
                {
                    Replaced.Add(previous);
                }
            }

            // A withdrawal is of an unknown record when neither the store nor the unit has another version of it.
            if (kept == 1 && versions[last].PreviousOfKey < 0 && versions[last].Withdrawn && !stored.ContainsKey(last))
            {
                versions[last].UnknownWithdrawal = true;
            }
        }
    }

    /// <summary>The outcome of the version at <paramref name="position"/>; valid after <see cref="Decide"/>.</summary>
    public VersionOutcome OutcomeOf(int position) => versions[position].Outcome;

    /// <summary>Every version that did not simply become current, in unit order, with its record id.</summary>
    /// <param name="codes">The store's values by id, to name each record's provider.</param>
    public List<RecordOutcome> Remarks(CodeDictionary.Snapshot codes)
    {
        var remarks = new List<RecordOutcome>();
        for (var i = 0; i < count; i++)
        {
            ref readonly var v = ref versions[i];
            if (v.Outcome != VersionOutcome.Current || v.UnknownWithdrawal)
            {
                remarks.Add(new RecordOutcome(v.Index, new RecordKey(codes[v.Provider]!, new string(recordIds, v.RecordIdStart, v.RecordIdLength), v.Register), v.Outcome, v.UnknownWithdrawal));
            }
        }

        return remarks;
    }

    /// <summary>Positions of the versions that are kept (current, superseded or history).</summary>
    public IEnumerable<int> KeptPositions()
    {
        for (var i = 0; i < count; i++)
        {
            if (versions[i].Outcome is not (VersionOutcome.Duplicate or VersionOutcome.Conflict))
            {
                yield return i;
            }
        }
    }

    /// <summary>Adds the kept versions' keys and update times to <paramref name="filter"/>.</summary>
    public void AddKeptTo(StoredVersionFilter filter)
    {
        foreach (var i in KeptPositions())
        {
            ref readonly var v = ref versions[i];
            filter.Set(v.Register, v.Provider, recordIds.AsSpan(v.RecordIdStart, v.RecordIdLength), v.UpdatedAt);
        }
    }

    /// <summary>The fate of version <paramref name="i"/> before the key's newest is chosen; the candidates are <c>Superseded</c> for now.</summary>
    private VersionOutcome Judge(Dictionary<int, StoredMatch> stored, int i)
    {
        ref readonly var v = ref versions[i];
        var first = v.FirstAtSameTime;

        // A repeat within the unit has no row of its own; what the store holds at that key and
        // time was found for the first version that has it.
        var match = stored.GetValueOrDefault(first >= 0 ? first : i);
        if (match.SameTimeHash is { } storedHash)
        {
            return storedHash == v.ContentHash ? VersionOutcome.Duplicate : VersionOutcome.Conflict;
        }

        if (first >= 0)
        {
            return versions[first].ContentHash == v.ContentHash ? VersionOutcome.Duplicate : VersionOutcome.Conflict;
        }

        return match.CurrentUpdatedAt is { } current && v.UpdatedAt < current ? VersionOutcome.History : VersionOutcome.Superseded;
    }

    /// <summary>One version of the unit: where it came from, what identifies it, and its fate.</summary>
    private struct Version(long index, Register register, int provider, int recordIdStart, int recordIdLength, DateTime updatedAt, ulong contentHash, bool withdrawn, int previousOfKey, int firstAtSameTime)
    {
        public readonly long Index = index;
        public readonly Register Register = register;
        public readonly int Provider = provider;
        public readonly int RecordIdStart = recordIdStart;
        public readonly int RecordIdLength = recordIdLength;
        public readonly DateTime UpdatedAt = updatedAt;
        public readonly ulong ContentHash = contentHash;
        public readonly bool Withdrawn = withdrawn;

        /// <summary>Position of the key's version before this one in the unit, or -1.</summary>
        public readonly int PreviousOfKey = previousOfKey;

        /// <summary>Position of the first version of the unit with the same key and update time, or -1.</summary>
        public readonly int FirstAtSameTime = firstAtSameTime;

        public VersionOutcome Outcome;
        public bool UnknownWithdrawal;
    }
}
