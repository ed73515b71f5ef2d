using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hilmo.Audit;

/// <summary>
/// The audit log's line format, written and read in one place so that the writer and the
/// verifier cannot drift apart.
/// </summary>
/// <remarks>
/// <para>One entry is one line of UTF-8 JSON ending in <c>\n</c>, members in this order:</para>
/// <code>
/// {"seq":1,"time":"2026-03-10T12:00:00.000Z","kind":"event","actor":"…","action":"…","target":"…","reason":"…","from":"…","result":"…","prev":"00…00","hash":"…"}
/// {"seq":1000,"time":"…","kind":"checkpoint","key":"KEY ID","signature":"BASE64","prev":"…","hash":"…"}
/// {"seq":1400,"time":"…","kind":"key","key":"OLD KEY ID","signature":"BASE64","next":"NEW KEY ID","public":"BASE64 DER","prev":"…","hash":"…"}
/// </code>
/// <para>
/// <c>seq</c> counts from 1 with no gap; <c>prev</c> is the <c>hash</c> of the entry before (64
/// zeros for the first). The entry's <b>canonical bytes</b> are its line without the line end and
/// without the last member, that is the line's bytes up to <c>,"hash":"</c> followed by <c>}</c>:
/// the JSON object of every other member exactly as it was written. Its <c>hash</c> is
/// SHA-256(the 32 bytes of <c>prev</c> ‖ canonical bytes), in lowercase hex. Any changed byte of
/// an entry therefore changes its hash, and every later one.
/// </para>
/// <para>
/// A checkpoint's <c>signature</c> is the signer's ECDSA P-256/SHA-256 signature (r ‖ s, base64)
/// of the ASCII text <c>hilmo-audit-checkpoint/1\n{seq}\n{prev}\n</c>: it pins the checkpoint's
/// place and the hash of the whole chain before it.
/// </para>
/// <para>
/// A <c>key</c> entry announces a new signing key (<c>hilmo audit rotate-key</c>): it is a
/// checkpoint signed by the key until then, over <c>hilmo-audit-key/1\n{seq}\n{prev}\n{next}\n{public}\n</c>,
/// so it seals the chain so far and vouches for the new key's DER SubjectPublicKeyInfo
/// (<c>public</c>, whose id is <c>next</c>); every later checkpoint is signed by the new key.
/// </para>
/// </remarks>
internal static class AuditEntryFormat
{
    public const int HashLength = 32;

    public const string EventKind = "event";

    public const string CheckpointKind = "checkpoint";

    public const string KeyKind = "key";

    private const string SignedTextFormat = "hilmo-audit-checkpoint/1";

    private const string KeySignedTextFormat = "hilmo-audit-key/1";

    private static readonly string[] EventMembers = ["seq", "time", "kind", "actor", "action", "target", "reason", "from", "result", "prev", "hash"];

    private static readonly string[] CheckpointMembers = ["seq", "time", "kind", "key", "signature", "prev", "hash"];

    private static readonly string[] KeyMembers = ["seq", "time", "kind", "key", "signature", "next", "public", "prev", "hash"];

    private static readonly byte[] HashMemberStart = ",\"hash\":\""u8.ToArray();

    // Relaxed escaping keeps Finnish and Swedish letters readable in the file; the log is never
    // embedded in HTML, and control characters are escaped anyway (and cleaned before that).
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Length of <c>,"hash":"</c> + 64 hex digits + <c>"}</c>, the end of every line before its line end.</summary>
    private static readonly int HashMemberLength = HashMemberStart.Length + (2 * HashLength) + 2;

    /// <summary>The <c>prev</c> of the first entry.</summary>
    public static byte[] GenesisHash => new byte[HashLength];

    /// <summary>Appends the line of an event entry to <paramref name="output"/> and returns its hash.</summary>
    public static byte[] WriteEvent(IBufferWriter<byte> output, long sequence, DateTimeOffset time, AuditEvent auditEvent, ReadOnlySpan<byte> previous, int maxFieldLength) =>
        WriteEntry(output, previous, writer =>
        {
            WriteHead(writer, sequence, time, EventKind);
            writer.WriteString("actor", AuditText.Clean(auditEvent.Actor, maxFieldLength));
            writer.WriteString("action", AuditText.Clean(auditEvent.Action, maxFieldLength));
            writer.WriteString("target", AuditText.Clean(auditEvent.Target, maxFieldLength));
            writer.WriteString("reason", AuditText.Clean(auditEvent.Reason, maxFieldLength));
            writer.WriteString("from", AuditText.Clean(auditEvent.From, maxFieldLength));
            writer.WriteString("result", AuditText.Clean(auditEvent.Result, maxFieldLength));
        });

    /// <summary>Appends the line of a checkpoint signed by <paramref name="signer"/> and returns its hash.</summary>
    public static byte[] WriteCheckpoint(IBufferWriter<byte> output, long sequence, DateTimeOffset time, IAuditSigner signer, ReadOnlySpan<byte> previous)
    {
        var signature = signer.Sign(SignedText(sequence, previous));
        return WriteEntry(output, previous, writer =>
        {
            WriteHead(writer, sequence, time, CheckpointKind);
            writer.WriteString("key", signer.KeyId);
            writer.WriteBase64String("signature", signature);
        });
    }

    /// <summary>
    /// Appends the line of a <c>key</c> entry, signed by <paramref name="signer"/>, that announces
    /// the key whose DER SubjectPublicKeyInfo is <paramref name="nextPublicKey"/>; returns its hash.
    /// </summary>
    public static byte[] WriteKeyAnnouncement(IBufferWriter<byte> output, long sequence, DateTimeOffset time, IAuditSigner signer, ReadOnlySpan<byte> previous, byte[] nextPublicKey)
    {
        var nextKeyId = AuditPublicKey.KeyIdOf(nextPublicKey);
        var signature = signer.Sign(KeySignedText(sequence, previous, nextKeyId, nextPublicKey));
        return WriteEntry(output, previous, writer =>
        {
            WriteHead(writer, sequence, time, KeyKind);
            writer.WriteString("key", signer.KeyId);
            writer.WriteBase64String("signature", signature);
            writer.WriteString("next", nextKeyId);
            writer.WriteBase64String("public", nextPublicKey);
        });
    }

    /// <summary>What a <c>key</c> entry at <paramref name="sequence"/> after <paramref name="previous"/> signs.</summary>
    public static byte[] KeySignedText(long sequence, ReadOnlySpan<byte> previous, string nextKeyId, ReadOnlySpan<byte> nextPublicKey) =>
        Encoding.ASCII.GetBytes($"{KeySignedTextFormat}\n{sequence.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToHexStringLower(previous)}\n{nextKeyId}\n{Convert.ToBase64String(nextPublicKey)}\n");

    /// <summary>What a checkpoint at <paramref name="sequence"/> after the chain hash <paramref name="previous"/> signs.</summary>
    public static byte[] SignedText(long sequence, ReadOnlySpan<byte> previous) =>
        Encoding.ASCII.GetBytes($"{SignedTextFormat}\n{sequence.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToHexStringLower(previous)}\n");

    /// <summary>SHA-256(<paramref name="previous"/> ‖ <paramref name="canonical"/>).</summary>
    public static byte[] Hash(ReadOnlySpan<byte> previous, ReadOnlySpan<byte> canonical)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(previous);
        hash.AppendData(canonical);
        return hash.GetHashAndReset();
    }

    /// <summary>
    /// Reads one line (without its line end). Null with a reason when it is not an entry of this
    /// format; the hash is not compared here, only recomputed into <see cref="AuditEntry.ComputedHash"/>.
    /// </summary>
    public static AuditEntry? Parse(ReadOnlySpan<byte> line, out string? error)
    {
        error = null;
        if (line.Length < HashMemberLength + 2
            || !line[^HashMemberLength..].StartsWith(HashMemberStart)
            || !line.EndsWith("\"}"u8))
        {
            error = "it does not end in the member \"hash\" as the log writes it";
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(line.ToArray());
            return Read(document.RootElement, line, ref error);
        }
        catch (JsonException)
        {
            error = "it is not valid JSON";
            return null;
        }
        catch (Exception exception) when (exception is FormatException or InvalidOperationException)
        {
            error = "a member has a value of the wrong type";
            return null;
        }
    }

    private static AuditEntry? Read(JsonElement root, ReadOnlySpan<byte> line, ref string? error)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "it is not a JSON object";
            return null;
        }

        var kind = root.TryGetProperty("kind", out var kindElement) ? kindElement.GetString() : null;
        var expected = kind switch
        {
            EventKind => EventMembers,
            CheckpointKind => CheckpointMembers,
            KeyKind => KeyMembers,
            _ => null,
        };
        if (expected is null)
        {
            error = "its \"kind\" is not \"event\", \"checkpoint\" or \"key\"";
            return null;
        }

        if (!root.EnumerateObject().Select(p => p.Name).SequenceEqual(expected))
        {
            error = $"its members are not {string.Join(", ", expected)} in this order";
            return null;
        }

        var previous = HashValue(root.GetProperty("prev"));
        var hash = HashValue(root.GetProperty("hash"));
        if (previous is null || hash is null || !root.GetProperty("seq").TryGetInt64(out var sequence) || sequence < 1)
        {
            error = "its \"seq\", \"prev\" or \"hash\" is not well formed";
            return null;
        }

        var canonical = new byte[line.Length - HashMemberLength + 1];
        line[..^HashMemberLength].CopyTo(canonical);
        canonical[^1] = (byte)'}';
        var computed = Hash(previous, canonical);
        if (expected == EventMembers)
        {
            return new AuditEntry(sequence, EventKind, previous, hash, computed, null, null);
        }

        var keyId = root.GetProperty("key").GetString();
        var signature = root.GetProperty("signature").GetBytesFromBase64();
        return expected == CheckpointMembers
            ? new AuditEntry(sequence, CheckpointKind, previous, hash, computed, keyId, signature)
            : new AuditEntry(sequence, KeyKind, previous, hash, computed, keyId, signature, root.GetProperty("next").GetString(), root.GetProperty("public").GetBytesFromBase64());
    }

    private static byte[]? HashValue(JsonElement element)
    {
        // Lowercase only: the canonical bytes are the written text, so one spelling per hash.
        var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : string.Empty;
        return text.Length == 2 * HashLength && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f')
            ? Convert.FromHexString(text)
            : null;
    }

    private static void WriteHead(Utf8JsonWriter writer, long sequence, DateTimeOffset time, string kind)
    {
        writer.WriteNumber("seq", sequence);
        writer.WriteString("time", time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        writer.WriteString("kind", kind);
    }

    private static byte[] WriteEntry(IBufferWriter<byte> output, ReadOnlySpan<byte> previous, Action<Utf8JsonWriter> writeMembers)
    {
        var canonical = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(canonical, WriterOptions))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteString("prev", Convert.ToHexStringLower(previous));
            writer.WriteEndObject();
        }

        var hash = Hash(previous, canonical.WrittenSpan);
        output.Write(canonical.WrittenSpan[..^1]);
        output.Write(HashMemberStart);
        output.Write(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(hash)));
        output.Write("\"}\n"u8);
        return hash;
    }
}

/// <summary>
/// One line of the log as read: what the verifier and the appender need of it.
/// <paramref name="ComputedHash"/> is the hash recomputed from the line's own <c>prev</c> and content.
/// </summary>
/// <paramref name="NextKeyId"/> and <paramref name="NextPublicKey"/> are a <c>key</c> entry's announced key.
internal sealed record AuditEntry(
    long Sequence, string Kind, byte[] Previous, byte[] Hash, byte[] ComputedHash, string? KeyId, byte[]? Signature, string? NextKeyId = null, byte[]? NextPublicKey = null)
{
    /// <summary>A signed entry that seals the chain before it: a checkpoint or a key announcement.</summary>
    public bool IsCheckpoint => Kind is AuditEntryFormat.CheckpointKind or AuditEntryFormat.KeyKind;

    public bool IsKeyAnnouncement => Kind == AuditEntryFormat.KeyKind;

    /// <summary>The <c>hash</c> written in the line is the one its content gives.</summary>
    public bool HashMatches => CryptographicOperations.FixedTimeEquals(Hash, ComputedHash);
}
