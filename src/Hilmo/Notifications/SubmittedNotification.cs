namespace Hilmo.Notifications;

/// <summary>
/// A record as a submitter sent it: the record and, beside it, the client's identity code. This
/// is the only shape in which an identity code exists in the core; the pseudonymiser turns it
/// into a <see cref="RegisteredNotification"/>, which has none.
/// </summary>
public sealed record SubmittedNotification(Notification Notification, IdentityCodeText? IdentityCode);
