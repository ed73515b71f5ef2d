using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Hilmo.Identity;

/// <summary>
/// Keeps the master key in a small JSON file of its own, readable by its owner only, outside the
/// database: a stolen database then holds pseudonyms that nobody can recompute or reverse.
/// </summary>
/// <remarks>
/// <para>The file looks like this (the key is the base64 of 32 random bytes):</para>
/// <code>
/// {
///   "format": "hilmo-master-key/1",
///   "created": "2026-11-23T09:13:11Z",
///   "keys": [ { "version": 1, "key": "…" } ]
/// }
/// </code>
/// <para>
/// Rotation (<see cref="AddVersion"/>, <c>hilmo master-key rotate</c>) appends a version to
/// <c>keys</c>; old versions stay, because a pseudonym is a chain through every version held (see
/// <see cref="ProviderPseudonymiser"/>) and a new submission needs them all to arrive at the value
/// the re-keyed rows hold. Losing the file, or a version of it, loses every link between old and
/// new records, so it belongs in the backup, separately from the database.
/// </para>
/// </remarks>
public static class MasterKeyFile
{
    /// <summary>The value of <c>format</c> this version reads and writes.</summary>
    public const string Format = "hilmo-master-key/1";

    /// <summary>
    /// Reads the key file at <paramref name="path"/>, or, when there is none, makes a new random
    /// key and writes it there (mode 0600, in a folder created with mode 0700 if missing).
    /// </summary>
    /// <remarks>
    /// Safe when several processes start at once: each writes a complete file under a name of
    /// its own and links it into place only if nothing is there yet, so the first one wins and
    /// the others read its key. A half-written key file is never visible under
    /// <paramref name="path"/>.
    /// </remarks>
    /// <exception cref="MasterKeyException">The file is readable by others or is not a key file.</exception>
    public static MasterKey LoadOrCreate(string path, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        path = Path.GetFullPath(path);
        if (File.Exists(path))
        {
            return Load(path);
        }

        WriteNewKeyIfAbsent(path, (timeProvider ?? TimeProvider.System).GetUtcNow());
        return Load(path);
    }

    /// <summary>Reads an existing key file.</summary>
    /// <exception cref="MasterKeyException">
    /// The file is missing, readable or writable by group or others, or not a key file.
    /// </exception>
    public static MasterKey Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (OwnerOnlyFile.RefusalToRead(path, "master key") is { } refusal)
        {
            throw new MasterKeyException(refusal);
        }

        var bytes = File.ReadAllBytes(path);
        try
        {
            return Parse(bytes, path);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>
    /// Rotates the key: appends a new random version, one above the highest, to the existing key
    /// file, which keeps its owner-only rights. The file is replaced in one atomic rename, so a
    /// reader sees the old or the new file, never half of one; two rotations at once take turns.
    /// </summary>
    /// <returns>The new version number.</returns>
    /// <exception cref="MasterKeyException">The file is missing, readable by others or not a key file.</exception>
    public static int AddVersion(string path, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        path = Path.GetFullPath(path);
        using var turn = OwnerOnlyFile.Lock(path + ".lock");
        var current = Load(path);
        var version = current.CurrentVersion + 1;
        var created = (timeProvider ?? TimeProvider.System).GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var bytes = File.ReadAllBytes(path);
        var key = RandomNumberGenerator.GetBytes(MasterKey.KeyLength);
        var buffer = new ArrayBufferWriter<byte>(512);
        try
        {
            using (var document = JsonDocument.Parse(bytes))
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.NameEquals("keys"))
                    {
                        writer.WriteStartArray("keys");
                        foreach (var entry in property.Value.EnumerateArray())
                        {
                            entry.WriteTo(writer);
                        }

                        writer.WriteStartObject();
                        writer.WriteNumber("version", version);
                        writer.WriteString("created", created);
                        writer.WriteBase64String("key", key);
                        writer.WriteEndObject();
                        writer.WriteEndArray();
                    }
                    else
                    {
                        property.WriteTo(writer);
                    }
                }

                writer.WriteEndObject();
            }

            buffer.Write("\n"u8);
            OwnerOnlyFile.Replace(path, buffer.WrittenSpan);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            CryptographicOperations.ZeroMemory(key);
            buffer.Clear();
        }

        return version;
    }

    private static MasterKey Parse(byte[] bytes, string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException exception)
        {
            // The parser's own message may quote a character of the file, which could be key
            // material, so only the position is passed on.
            throw new MasterKeyException($"The master key file {path} is not valid JSON (line {exception.LineNumber + 1}).");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out var format)
                || !format.ValueEquals(Format))
            {
                throw new MasterKeyException($"The file {path} is not a Hilmo master key file (format \"{Format}\").");
            }

            if (!root.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
            {
                throw new MasterKeyException($"The master key file {path} has no \"keys\" list.");
            }

            var versions = new List<KeyValuePair<int, byte[]>>();
            foreach (var entry in keys.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object
                    || !entry.TryGetProperty("version", out var version)
                    || !version.TryGetInt32(out var number)
                    || !entry.TryGetProperty("key", out var key)
                    || key.ValueKind != JsonValueKind.String
                    || !key.TryGetBytesFromBase64(out var material))
                {
                    throw new MasterKeyException($"The master key file {path} has a key entry without a numeric \"version\" and a base64 \"key\".");
                }

                versions.Add(new KeyValuePair<int, byte[]>(number, material));
            }

            try
            {
                return new MasterKey(versions);
            }
            catch (MasterKeyException exception)
            {
                throw new MasterKeyException($"The master key file {path} is not usable: {exception.Message}", exception);
            }
        }
    }

    private static void WriteNewKeyIfAbsent(string path, DateTimeOffset created)
    {
        var key = RandomNumberGenerator.GetBytes(MasterKey.KeyLength);
        var buffer = new ArrayBufferWriter<byte>(256);
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteString("format", Format);
                writer.WriteString("created", created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                writer.WriteStartArray("keys");
                writer.WriteStartObject();
                writer.WriteNumber("version", 1);
                writer.WriteBase64String("key", key);
                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            buffer.Write("\n"u8);
            OwnerOnlyFile.CreateIfAbsent(path, buffer.WrittenSpan);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            buffer.Clear();
        }
    }
}
