using System.Buffers;
using System.IO.Hashing;
using System.Text.Json;
using Hilmo.Formats;
using Hilmo.Notifications;

namespace Hilmo.Ingest;

/// <summary>
/// The hash that tells a resent version from a changed one: XXH3 of the record's canonical JSON
/// (without identity code) followed by the client's pseudonym. Member order, whitespace and
/// escapes of the submission do not matter; any change of content does.
/// </summary>
public sealed class ContentHash
{
    private readonly ArrayBufferWriter<byte> buffer = new(4096);
    private readonly Utf8JsonWriter writer;

    public ContentHash() => writer = new Utf8JsonWriter(buffer, NotificationJsonWriter.WriterOptions);

    /// <summary>Hashes one version. Not thread-safe: one instance per thread.</summary>
    public ulong Compute(Notification record, ClientIdentity? client)
    {
        buffer.ResetWrittenCount();
        writer.Reset();
        NotificationJsonWriter.Write(writer, record);
        writer.Flush();
        if (client is not null)
        {
            client.Pseudonym.WriteTo(buffer.GetSpan(Pseudonym.Length));
            buffer.Advance(Pseudonym.Length);
        }

        return XxHash3.HashToUInt64(buffer.WrittenSpan);
    }
}
