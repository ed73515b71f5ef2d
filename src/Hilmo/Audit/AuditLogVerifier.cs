using System.Security.Cryptography;

namespace Hilmo.Audit;

/// <summary>
/// Checks an audit log end to end, reading it as a stream: every entry's hash, its link to the
/// one before, the order of sequence numbers, and every checkpoint's signature against a public
/// key given from outside the log.
/// </summary>
/// <remarks>
/// <para>
/// The log's first signed entry must be signed by one of the keys given. A <c>key</c> entry,
/// signed by the key until then, announces the next one; from there on only the announced key
/// is accepted, so the chain of keys is followed from one the verifier trusts.
/// </para>
/// <para>
/// A log whose tail was cut off at a checkpoint is indistinguishable from a shorter log; the
/// verification reports the last checkpoint and the unsigned entries after it so that an operator
/// can compare them with what was recorded elsewhere (ADR 0005).
/// </para>
/// </remarks>
public static class AuditLogVerifier
{
    private const int InitialBuffer = 64 * 1024;

    /// <summary>Verifies the log file at <paramref name="path"/> as it is at this moment.</summary>
    public static AuditLogVerification Verify(string path, AuditPublicKey key) => Verify(path, [key]);

    /// <summary>
    /// Verifies the log file at <paramref name="path"/> as it is at this moment, its first signed
    /// entry signed by one of <paramref name="trustedKeys"/> (the current key and the retired ones).
    /// </summary>
    public static AuditLogVerification Verify(string path, IReadOnlyCollection<AuditPublicKey> trustedKeys)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(trustedKeys);
        if (!File.Exists(path))
        {
            return new AuditLogVerification(0, 0, 0, $"There is no audit log at {path}.");
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return Verify(file, LengthBetweenWrites(path, file), trustedKeys);
    }

    /// <summary>Verifies the first <paramref name="length"/> bytes of <paramref name="log"/>, read from its current position.</summary>
    public static AuditLogVerification Verify(Stream log, long length, AuditPublicKey key) => Verify(log, length, [key]);

    /// <summary>Verifies the first <paramref name="length"/> bytes of <paramref name="log"/>, its first signed entry signed by one of <paramref name="trustedKeys"/>.</summary>
    public static AuditLogVerification Verify(Stream log, long length, IReadOnlyCollection<AuditPublicKey> trustedKeys)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(trustedKeys);
        if (trustedKeys.Count == 0)
        {
            throw new ArgumentException("At least one public key is needed to check checkpoints with.", nameof(trustedKeys));
        }

        using var state = new Chain(trustedKeys);
        var buffer = new byte[InitialBuffer];
        int start = 0, end = 0;
        var remaining = length;
        while (true)
        {
            var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                if (state.Check(buffer.AsSpan(start, newline)) is { } problem)
                {
                    return problem;
                }

                start += newline + 1;
                continue;
            }

            if (end - start > AuditLogFile.MaxLineBytes)
            {
                return state.Fail($"Line {state.Line + 1} (where entry {state.Expected} should be) is longer than {AuditLogFile.MaxLineBytes} bytes: it is not an entry.", line: state.Line + 1);
            }

            // Keep the partial line at the front and make room behind it.
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            (start, end) = (0, end - start);
            if (end == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = remaining > 0 ? log.Read(buffer, end, (int)Math.Min(buffer.Length - end, remaining)) : 0;
            if (read == 0)
            {
                return end == 0
                    ? state.Intact()
                    : state.Fail($"Line {state.Line + 1} (where entry {state.Expected} should be) has no line end: a write was cut short, or the log was cut in the middle of an entry.", line: state.Line + 1);
            }

            end += read;
            remaining -= read;
        }
    }

    /// <summary>
    /// The length of the log between two writers' batches, so that a log in use is never read in
    /// the middle of one. Without the right to create the lock file (a read-only copy) the length
    /// is taken as it is.
    /// </summary>
    private static long LengthBetweenWrites(string path, FileStream file)
    {
        try
        {
            using var writers = AuditLogLock.Acquire(path, TimeSpan.FromSeconds(30), TimeProvider.System);
            return file.Length;
        }
        catch (UnauthorizedAccessException)
        {
            return file.Length;
        }
    }

    /// <summary>The chain as read so far.</summary>
    private sealed class Chain(IReadOnlyCollection<AuditPublicKey> trustedKeys) : IDisposable
    {
        // The key the next signed entry must be signed by: null until the first one, then the
        // trusted key that signed it, then each announced key in turn.
        private AuditPublicKey? key;
        private AuditPublicKey? announced;
        private long announcedAt;
        private byte[] hash = AuditEntryFormat.GenesisHash;
        private long entries;
        private int checkpoints;
        private long lastCheckpoint;

        public long Line { get; private set; }

        public long Expected => entries + 1;

        /// <summary>Checks the next line; a verification with the problem, or null when the entry is sound.</summary>
        public AuditLogVerification? Check(ReadOnlySpan<byte> line)
        {
            Line++;
            var entry = AuditEntryFormat.Parse(line, out var error);
            if (entry is null)
            {
                return Fail($"Line {Line} (where entry {Expected} should be) is not an audit entry: {error}. It was changed or damaged.");
            }

            var sequence = entry.Sequence;
            if (sequence > Expected)
            {
                return Fail($"Entry {Expected} is missing: line {Line} holds entry {sequence}. Entries were removed or moved.");
            }

            if (sequence < Expected)
            {
                return Fail($"Line {Line} holds entry {sequence} after entry {Expected - 1}: the entries are out of order or repeated.", sequence);
            }

            if (!entry.HashMatches)
            {
                return Fail($"Entry {sequence} (line {Line}) was changed: its hash does not match its content.");
            }

            if (!CryptographicOperations.FixedTimeEquals(entry.Previous, hash))
            {
                return Fail($"Entry {sequence} (line {Line}) does not follow entry {sequence - 1}: its \"prev\" is not that entry's hash, so an entry before it was changed, removed or replaced.");
            }

            if (entry.IsCheckpoint && CheckSignature(entry) is { } badSignature)
            {
                return badSignature;
            }

            hash = entry.Hash;
            entries = sequence;
            return null;
        }

        public void Dispose() => announced?.Dispose();

        public AuditLogVerification Intact() => new(entries, checkpoints, lastCheckpoint);

        public AuditLogVerification Fail(string problem, long? sequence = null, long? line = null) =>
            new(entries, checkpoints, lastCheckpoint, problem, sequence ?? Expected, line ?? Line);

        private AuditLogVerification? CheckSignature(AuditEntry checkpoint)
        {
            var what = checkpoint.IsKeyAnnouncement ? "Key entry" : "Checkpoint entry";
            if (key is null)
            {
                key = trustedKeys.FirstOrDefault(k => k.KeyId == checkpoint.KeyId);
                if (key is null)
                {
                    var trusted = trustedKeys.Count == 1
                        ? $"not by the register's key {trustedKeys.First().KeyId}"
                        : $"by none of the register's keys {string.Join(", ", trustedKeys.Select(k => k.KeyId))}";
                    return Fail($"{what} {checkpoint.Sequence} (line {Line}) is signed by key {checkpoint.KeyId}, {trusted}: the chain was rewritten, or the wrong public key was given.");
                }
            }
            else if (checkpoint.KeyId != key.KeyId)
            {
                var expected = announced is null
                    ? $"but the entries before it were signed by key {key.KeyId}, and no entry signed by that key announced another"
                    : $"but key entry {announcedAt} announced key {key.KeyId}";
                return Fail($"{what} {checkpoint.Sequence} (line {Line}) is signed by key {checkpoint.KeyId}, {expected}: it was signed by a key the log never announced.");
            }

            var signedText = checkpoint.IsKeyAnnouncement
                ? AuditEntryFormat.KeySignedText(checkpoint.Sequence, checkpoint.Previous, checkpoint.NextKeyId!, checkpoint.NextPublicKey!)
                : AuditEntryFormat.SignedText(checkpoint.Sequence, checkpoint.Previous);
            if (!key.Verify(signedText, checkpoint.Signature))
            {
                return Fail($"{what} {checkpoint.Sequence} (line {Line}) has a bad signature: the chain before it was rewritten, or the signature was changed.");
            }

            if (checkpoint.IsKeyAnnouncement && Announce(checkpoint) is { } badAnnouncement)
            {
                return badAnnouncement;
            }

            checkpoints++;
            lastCheckpoint = checkpoint.Sequence;
            return null;
        }

        /// <summary>Takes up the key a well-signed <c>key</c> entry announces.</summary>
        private AuditLogVerification? Announce(AuditEntry announcement)
        {
            AuditPublicKey next;
            try
            {
                next = AuditPublicKey.FromSubjectPublicKeyInfo(announcement.NextPublicKey!);
            }
            catch (InvalidDataException exception)
            {
                return Fail($"Key entry {announcement.Sequence} (line {Line}) does not hold a usable public key: {exception.Message}");
            }

            if (next.KeyId != announcement.NextKeyId)
            {
                next.Dispose();
                return Fail($"Key entry {announcement.Sequence} (line {Line}) names key {announcement.NextKeyId}, but the public key it holds is key {next.KeyId}.");
            }

            announced?.Dispose();
            (announced, key, announcedAt) = (next, next, announcement.Sequence);
            return null;
        }
    }
}
