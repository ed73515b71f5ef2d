using Hilmo.Ingest;
using Hilmo.Notifications;
using Hilmo.Synthetic;

namespace Hilmo.Tests.Synthetic;

/// <summary>
/// What the store will decide about each version, known from the versions before it: the same
/// key and update time with other content is a conflict, with the same content a duplicate.
/// </summary>
internal sealed class VersionCheck
{
    private readonly ContentHash hash = new();
    private readonly Dictionary<(Register, string, string), Dictionary<DateTime, (ulong Hash, string? Code)>> stored = [];

    public string? Check(GeneratedRecord record)
    {
        if (record.Submitted is not { } submitted)
        {
            return null;
        }

        var e = submitted.Notification;
        var key = (e.Register, e.Provider!, e.RecordId!);
        var time = e.UpdatedAt!.Value;
        var content = (hash.Compute(e, null), submitted.IdentityCode?.Reveal());
        var versions = stored.GetValueOrDefault(key);
        var sameTime = versions is not null && versions.TryGetValue(time, out var earlier) ? earlier : ((ulong, string?)?)null;
        var newest = versions?.Keys.Max();
        var problem = record.Kind switch
        {
            GeneratedRecordKind.Original or GeneratedRecordKind.WithdrawalOfUnknownRecord when versions is not null => "its key was sent before",
            GeneratedRecordKind.Update or GeneratedRecordKind.Cancellation or GeneratedRecordKind.Withdrawal when !(newest < time) => "not later than the version before",

            // A census may be the first version of a period that began in an earlier year.
            GeneratedRecordKind.Census when newest >= time => "not later than the version before",
            GeneratedRecordKind.Resend when sameTime != content => "no earlier version is identical",
            GeneratedRecordKind.Conflict when sameTime is null || sameTime == content => "no earlier version has its time with other content",
            GeneratedRecordKind.LateEarlierVersion when !(newest > time) || sameTime is not null => "not older than the current version, or a repeat",
            _ => null,
        };
        if (record.Kind != GeneratedRecordKind.Conflict && sameTime is null)
        {
            versions ??= stored[key] = [];
            versions[time] = content;
        }

        return problem;
    }
}
