using System.Globalization;
using System.Text.Json;
using Hilmo.Formats;
using Hilmo.Notifications;

namespace Hilmo.Storage;

/// <summary>What the store holds of one record (a provider's <c>tunnus</c>), in every register: its versions and the changes refused as conflicts.</summary>
/// <param name="Versions">Every stored version, in order of version id (that is, of receipt).</param>
/// <param name="Conflicts">Every submission whose version of the record was refused for another content under a stored update time.</param>
public sealed record StoredRecordVersions(IReadOnlyList<VersionSpan> Versions, IReadOnlyList<RefusedConflict> Conflicts);

/// <summary>A stored version with the receipt times it was the record's current one from and until (both null if it never was; until null while it is).</summary>
public sealed record VersionSpan(StoredVersion Version, DateTimeOffset? CurrentFrom, DateTimeOffset? CurrentUntil);

/// <summary>A version refused as a conflict: nothing of its content was stored, only that the submission sent one.</summary>
public sealed record RefusedConflict(long SubmissionId, DateTimeOffset ReceivedAt);

/// <summary>The state of one entry of a record's history.</summary>
public enum VersionState
{
    /// <summary>The record's current version.</summary>
    Current,

    /// <summary>Received when a version with a later update time was already stored: kept in history only, never current.</summary>
    History,

    /// <summary>Current once, or would have been, but replaced by a newer version (later, or of the same submission unit).</summary>
    Superseded,

    /// <summary>A withdrawal (<c>poisto</c>) of the record.</summary>
    Withdrawn,

    /// <summary>Refused: another content under an update time already stored. Nothing of it was stored.</summary>
    Conflict,
}

/// <summary>One field that differs between a version and the one before it; a null value is a field absent from that version.</summary>
/// <param name="Field">The field's path in the wire format (<c>kaynti.alku</c>, <c>kayntisyyt[0].icd10</c>).</param>
/// <param name="OldValue">The value in the earlier version; null when the field was absent.</param>
/// <param name="NewValue">The value in the later version; null when the field is absent.</param>
public sealed record FieldChange(string Field, string? OldValue, string? NewValue)
{
    public FieldChangeKind Kind => OldValue is null ? FieldChangeKind.Added : NewValue is null ? FieldChangeKind.Removed : FieldChangeKind.Changed;
}

public enum FieldChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>One entry of a record's history: a stored version, or a refused conflict (which has no version, content or changes).</summary>
/// <param name="VersionId">The stored version's id; null for a conflict.</param>
/// <param name="SubmissionId">The submission that brought it.</param>
/// <param name="ReceivedAt">When the register received it.</param>
/// <param name="Register">The register of the version; null for a conflict.</param>
/// <param name="UpdatedAt">The version's update time (<c>paivitysaika</c>); null for a conflict.</param>
/// <param name="State">What became of it.</param>
/// <param name="Changes">The fields that differ from the previous stored version of the same register; every field for the first.</param>
public sealed record HistoryEntry(
    long? VersionId, long SubmissionId, DateTimeOffset ReceivedAt, Register? Register, DateTime? UpdatedAt, VersionState State, IReadOnlyList<FieldChange> Changes);

/// <summary>
/// A record's history as every front end shows it (API, CLI, portal): the states and the
/// field-level differences are decided here once, from what the store gives, so that no engine
/// or front end can come to differ. Content is compared in its wire form without the client's
/// pseudonym or identity code, which are never shown.
/// </summary>
public static class RecordHistory
{
    /// <summary>The entries of <paramref name="stored"/> in order of receipt, conflicts among them.</summary>
    public static IReadOnlyList<HistoryEntry> Of(StoredRecordVersions stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var entries = new List<(DateTimeOffset ReceivedAt, long Order, HistoryEntry Entry)>();
        var previousFields = new Dictionary<Register, SortedDictionary<string, string>>();
        var versions = stored.Versions.OrderBy(v => v.Version.VersionId).ToList();
        foreach (var span in versions)
        {
            var version = span.Version;
            var notification = version.Record.Notification;
            var register = notification.Register;
            var fields = Fields(notification);
            var changes = Differences(previousFields.GetValueOrDefault(register) ?? [], fields);
            previousFields[register] = fields;
            entries.Add((version.ReceivedAt, version.VersionId, new HistoryEntry(
                version.VersionId, version.SubmissionId, version.ReceivedAt, register, notification.UpdatedAt, StateOf(span, versions), changes)));
        }

        // A conflict sorts after the versions of its moment: it was judged against them.
        entries.AddRange(stored.Conflicts.Select(c => (c.ReceivedAt, long.MaxValue,
            new HistoryEntry(null, c.SubmissionId, c.ReceivedAt, null, null, VersionState.Conflict, (IReadOnlyList<FieldChange>)[]))));
        return [.. entries.OrderBy(e => e.ReceivedAt).ThenBy(e => e.Order).Select(e => e.Entry)];
    }

    /// <summary>The fields of <paramref name="old"/> and <paramref name="new"/> that differ, in order of field path.</summary>
    public static IReadOnlyList<FieldChange> Differences(IReadOnlyDictionary<string, string> old, IReadOnlyDictionary<string, string> @new)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(@new);
        var changes = new List<FieldChange>();
        foreach (var field in old.Keys.Union(@new.Keys).Order(StringComparer.Ordinal))
        {
            var before = old.GetValueOrDefault(field);
            var after = @new.GetValueOrDefault(field);
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                changes.Add(new FieldChange(field, before, after));
            }
        }

        return changes;
    }

    /// <summary>
    /// The record's fields by their wire path, written without an identity code (the store has
    /// none; the pseudonym is not part of the notification).
    /// </summary>
    public static SortedDictionary<string, string> Fields(Notification notification)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, NotificationJsonWriter.WriterOptions))
        {
            NotificationJsonWriter.Write(writer, notification, identityCode: null);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Flatten(document.RootElement, string.Empty, fields);
        return fields;
    }

    private static void Flatten(JsonElement element, string path, SortedDictionary<string, string> fields)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    Flatten(member.Value, path.Length == 0 ? member.Name : $"{path}.{member.Name}", fields);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]"), fields);
                }

                break;
            case JsonValueKind.Null:
                break;
            case JsonValueKind.String:
                fields[path] = element.GetString()!;
                break;
            default:
                fields[path] = element.GetRawText();
                break;
        }
    }

    /// <summary>
    /// The state of a stored version from the span it was current: a withdrawal is withdrawn; one
    /// current now is current; one that was current and was replaced is superseded; one never
    /// current is history when a version received before it had a later update time (it arrived
    /// too old), else superseded (a newer version of its own unit won).
    /// </summary>
    private static VersionState StateOf(VersionSpan span, IReadOnlyList<VersionSpan> all)
    {
        var version = span.Version;
        if (version.Record.Notification.Withdrawn)
        {
            return VersionState.Withdrawn;
        }

        if (span.CurrentFrom is not null)
        {
            return span.CurrentUntil is null ? VersionState.Current : VersionState.Superseded;
        }

        var register = version.Record.Register;
        var updatedAt = version.Record.Notification.UpdatedAt;
        var arrivedTooOld = all.Any(other => other.Version.ReceivedAt < version.ReceivedAt
            && other.Version.Record.Register == register
            && other.Version.Record.Notification.UpdatedAt > updatedAt);
        return arrivedTooOld ? VersionState.History : VersionState.Superseded;
    }
}

/// <summary>How the states are named in answers (<c>current</c>) and shown to people, in fi/sv/en.</summary>
public static class VersionStates
{
    /// <summary>The state's name in JSON answers and the CLI's JSON: <c>current</c>, <c>history</c>, <c>superseded</c>, <c>withdrawn</c>, <c>conflict</c>.</summary>
    public static string Name(this VersionState state) => state switch
    {
        VersionState.Current => "current",
        VersionState.History => "history",
        VersionState.Superseded => "superseded",
        VersionState.Withdrawn => "withdrawn",
        VersionState.Conflict => "conflict",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a version state."),
    };

    /// <summary>The state as people read it.</summary>
    public static LocalizedText Label(this VersionState state) => state switch
    {
        VersionState.Current => new("voimassa", "gällande", "current"),
        VersionState.History => new("historiassa (vanhempi kuin voimassa oleva)", "i historiken (äldre än den gällande)", "history (older than the current)"),
        VersionState.Superseded => new("korvattu uudemmalla", "ersatt av en nyare", "superseded"),
        VersionState.Withdrawn => new("poistettu", "återkallad", "withdrawn"),
        VersionState.Conflict => new("hylätty ristiriitaisena", "avvisad som motstridig", "conflict (refused)"),
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a version state."),
    };

    /// <summary>The kind of change's name in answers: <c>added</c>, <c>removed</c>, <c>changed</c>.</summary>
    public static string Name(this FieldChangeKind kind) => kind switch
    {
        FieldChangeKind.Added => "added",
        FieldChangeKind.Removed => "removed",
        FieldChangeKind.Changed => "changed",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of change."),
    };
}

/// <summary>A record's history as the API and <c>hilmo history --format json</c> write it: one shape for both.</summary>
public sealed record RecordHistoryDocument(string Provider, string Tunnus, IReadOnlyList<RecordHistoryDocument.Version> Versions)
{
    public static RecordHistoryDocument Of(string provider, string tunnus, IReadOnlyList<HistoryEntry> entries) => new(provider, tunnus,
        [.. entries.Select(e => new Version(e.VersionId, e.SubmissionId, e.ReceivedAt, e.Register?.WireName(), e.UpdatedAt, e.State.Name(),
            [.. e.Changes.Select(c => new Change(c.Field, c.Kind.Name(), c.OldValue, c.NewValue))]))]);

    public sealed record Version(long? VersionId, long SubmissionId, DateTimeOffset ReceivedAt, string? Register, DateTime? UpdatedAt, string State, IReadOnlyList<Change> Changes);

    public sealed record Change(string Field, string Kind, string? Old, string? New);
}
