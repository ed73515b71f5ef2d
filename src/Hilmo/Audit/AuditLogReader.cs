using System.Globalization;
using System.Text.Json;

namespace Hilmo.Audit;

/// <summary>One event of the log as read back, with the time and place in the chain the log gave it.</summary>
public sealed record LoggedEvent(long Sequence, DateTimeOffset Time, AuditEvent Event);

/// <summary>
/// Reads the events of an audit log, oldest first, for the register's own answers about its use
/// (a data subject's log of who processed their data). Verification is <see cref="AuditLogVerifier"/>'s
/// job: this reader takes the lines as written and skips checkpoints.
/// </summary>
public static class AuditLogReader
{
    /// <summary>The events of the log at <paramref name="path"/> logged at or after <paramref name="since"/>; none when there is no log yet.</summary>
    /// <exception cref="InvalidDataException">A line is not an entry of the log's format.</exception>
    public static async IAsyncEnumerable<LoggedEvent> ReadAsync(
        string path, DateTimeOffset since, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            yield break;
        }

        // The writer may be appending: share the file as it does, and take whole lines only.
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, useAsync: true);
        using var reader = new StreamReader(stream);
        var number = 0L;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            LoggedEvent? logged;
            try
            {
                logged = Parse(line);
            }
            catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new InvalidDataException($"Line {number} of the audit log is not an entry of its format; run hilmo audit verify.", exception);
            }

            if (logged is not null && logged.Time >= since)
            {
                yield return logged;
            }
        }
    }

    private static LoggedEvent? Parse(string line)
    {
        using var entry = JsonDocument.Parse(line);
        var root = entry.RootElement;
        if (root.GetProperty("kind").GetString() != AuditEntryFormat.EventKind)
        {
            return null;
        }

        string Field(string name) => root.GetProperty(name).GetString()!;
        var time = DateTimeOffset.Parse(Field("time"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        return new LoggedEvent(root.GetProperty("seq").GetInt64(), time,
            new AuditEvent(Field("actor"), Field("action"), Field("target"), Field("reason"), Field("from"), Field("result")));
    }
}
