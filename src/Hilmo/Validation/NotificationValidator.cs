using Hilmo.Codes;
using Hilmo.Formats;
using Hilmo.Notifications;

namespace Hilmo.Validation;

/// <summary>
/// The record-level rules of every register: a service event goes to
/// <see cref="ServiceEventValidator"/>, a care period to <see cref="CarePeriodValidator"/>. The
/// one validator the ingest pipeline needs, whatever a submission mixes.
/// </summary>
/// <remarks>Thread-safe: one instance serves every worker.</remarks>
public sealed class NotificationValidator(CodeServer codes, TimeProvider timeProvider, ValidationOptions? options = null)
{
    private readonly ServiceEventValidator events = new(codes, timeProvider, options);
    private readonly CarePeriodValidator periods = new(codes, timeProvider, options);

    /// <summary>Checks <paramref name="submitted"/> and adds what is wrong to <paramref name="findings"/>.</summary>
    public void Validate(SubmittedNotification submitted, RecordFindings findings)
    {
        if (submitted.Notification is ServiceEvent)
        {
            events.Validate(submitted, findings);
        }
        else
        {
            periods.Validate(submitted, findings);
        }
    }
}
