using Hilmo.Formats;
using Hilmo.Notifications;
using Hilmo.Validation;

namespace Hilmo.Tests.Validation;

internal static class ValidatorFindings
{
    /// <summary>The findings of <paramref name="record"/>, sent with <paramref name="identityCode"/>, through the entry point every caller uses.</summary>
    public static List<Finding> Of(NotificationValidator validator, Notification record, string? identityCode)
    {
        var findings = new RecordFindings();
        findings.Begin(0);
        validator.Validate(new SubmittedNotification(record, identityCode is null ? null : new IdentityCodeText(identityCode)), findings);
        return [.. findings.ToArray(record.RecordId, record.Provider)];
    }
}
