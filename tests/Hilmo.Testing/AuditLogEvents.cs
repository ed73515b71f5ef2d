using System.Text.Json;
using Hilmo.Audit;

namespace Hilmo.Testing;

/// <summary>The events of an audit log file as written, read back as a test reads them: every line, checkpoints left out.</summary>
public static class AuditLogEvents
{
    /// <summary>The events of the log at <paramref name="path"/>, oldest first; none when there is no log yet.</summary>
    public static IReadOnlyList<AuditEvent> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        // The writer may be appending: share the file as it does, and take whole lines only.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var events = new List<AuditEvent>();
        while (reader.ReadLine() is { } line)
        {
            using var entry = JsonDocument.Parse(line);
            var root = entry.RootElement;
            if (root.GetProperty("kind").GetString() == "event")
            {
                string Field(string name) => root.GetProperty(name).GetString()!;
                events.Add(new AuditEvent(Field("actor"), Field("action"), Field("target"), Field("reason"), Field("from"), Field("result")));
            }
        }

        return events;
    }
}
