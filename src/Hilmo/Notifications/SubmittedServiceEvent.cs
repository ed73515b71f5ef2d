namespace Hilmo.Notifications;

/// <summary>
/// A service event as a submitter sent it: the event and, beside it, the client's identity code.
/// This is the only shape in which an identity code exists in the core; the pseudonymiser turns
/// it into a <see cref="RegisteredServiceEvent"/>, which has none.
/// </summary>
public sealed record SubmittedServiceEvent(ServiceEvent Event, IdentityCodeText? IdentityCode);
