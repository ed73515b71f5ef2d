using Hilmo.Ingest;
using Hilmo.Notifications;

namespace Hilmo.Storage;

/// <summary>
/// Turns a stored pseudonym of an older master-key version into the current version's without the
/// identity code, which the register never keeps. Implemented behind the identity boundary
/// (<c>Hilmo.Identity.ProviderPseudonymiser</c>); the store only hands the stored value over.
/// </summary>
public interface IPseudonymRekeyer
{
    /// <summary>The master-key version every re-keyed pseudonym is brought to.</summary>
    int CurrentVersion { get; }

    /// <summary>
    /// The pseudonym under <see cref="CurrentVersion"/> of the one stored under
    /// <paramref name="storedVersion"/> for <paramref name="provider"/>: equal to what a new
    /// submission of the same person (or, for a temporary code, of the same record) now gets.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="storedVersion"/> is not below <see cref="CurrentVersion"/>.</exception>
    Pseudonym Rekey(string provider, int storedVersion, Pseudonym stored);
}

/// <summary>How a re-key run goes.</summary>
/// <param name="BatchSize">Versions per batch; each batch is one transaction.</param>
/// <param name="MaxBatches">Stop after this many batches (null: until none is left); the rest is done by the next run.</param>
public sealed record RekeyOptions(int BatchSize = 5_000, int? MaxBatches = null)
{
    public void Validate()
    {
        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "A batch holds at least one version.");
        }

        if (MaxBatches is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBatches), MaxBatches, "At least one batch.");
        }
    }
}

/// <summary>Where a re-key run is, after each committed batch.</summary>
/// <param name="Rekeyed">Versions re-keyed by this run so far.</param>
/// <param name="Total">Versions under an older key version when the run started.</param>
/// <param name="Batches">Batches committed by this run.</param>
public readonly record struct RekeyProgress(long Rekeyed, long Total, int Batches);

/// <summary>The outcome of a re-key run: counts only, never a pseudonym.</summary>
/// <param name="Rekeyed">Versions whose pseudonym and key version were replaced.</param>
/// <param name="HashesKept">
/// Of those, versions whose content hash could not be reproduced from the stored content and was
/// kept as it was (an unchanged resend of such a version is then reported as a conflict).
/// </param>
/// <param name="Remaining">Versions still under an older key version when the run ended.</param>
/// <param name="Batches">Batches committed.</param>
public sealed record RekeyResult(long Rekeyed, long HashesKept, long Remaining, int Batches)
{
    public bool Complete => Remaining == 0;
}

/// <summary>What the re-key job writes for one stored version, the same on every engine.</summary>
public static class RekeyedVersion
{
    /// <summary>
    /// The version's client under the current key, and its content hash made again with the new
    /// pseudonym when the stored content reproduces the stored hash (it does for every version the
    /// store wrote); otherwise the stored hash stays and <c>HashKept</c> says so.
    /// </summary>
    /// <param name="record">A stored version with a client (a withdrawal has none and is never re-keyed).</param>
    /// <param name="rekeyer">The current key's chain step.</param>
    /// <param name="hasher">A hasher of this thread's own.</param>
    public static (ClientIdentity Client, ulong Hash, bool HashKept) Of(RegisteredNotification record, IPseudonymRekeyer rekeyer, ContentHash hasher)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(rekeyer);
        ArgumentNullException.ThrowIfNull(hasher);
        var stored = record.Client ?? throw new ArgumentException("A version without a client has no pseudonym to re-key.", nameof(record));
        var client = stored with { Pseudonym = rekeyer.Rekey(record.Notification.Provider!, stored.KeyVersion, stored.Pseudonym), KeyVersion = rekeyer.CurrentVersion };
        return hasher.Compute(record.Notification, stored) == record.ContentHash
            ? (client, hasher.Compute(record.Notification, client), false)
            : (client, record.ContentHash, true);
    }
}

/// <summary>
/// The re-key job's order of batches, one for every engine: a cursor spares each batch the
/// versions the run has done; once past the end, one more pass from the start takes any version
/// stored under an old key meanwhile (a process still running with the old key file), and the
/// run ends when that pass finds none, or at <see cref="RekeyOptions.MaxBatches"/>.
/// </summary>
public static class RekeyBatches
{
    /// <summary>A batch: re-key up to the batch size of versions after version id <c>after</c>; how many, how many kept their hash, and the last version id done.</summary>
    public delegate Task<(int Done, int HashesKept, long Last)> Batch(long after, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="batch"/> until done; the versions re-keyed, the hashes kept and the batches run.</summary>
    public static async Task<(long Rekeyed, long HashesKept, int Batches)> RunAsync(
        Batch batch, RekeyOptions options, long total, IProgress<RekeyProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(options);
        long rekeyed = 0, hashesKept = 0;
        var batches = 0;
        var after = 0L;
        while (options.MaxBatches is not { } limit || batches < limit)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (done, kept, last) = await batch(after, cancellationToken).ConfigureAwait(false);
            if (done == 0)
            {
                if (after == 0)
                {
                    break;
                }

                after = 0;
                continue;
            }

            after = last;
            rekeyed += done;
            hashesKept += kept;
            batches++;
            progress?.Report(new RekeyProgress(rekeyed, total, batches));
        }

        return (rekeyed, hashesKept, batches);
    }
}
