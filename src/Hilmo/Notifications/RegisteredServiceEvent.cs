namespace Hilmo.Notifications;

/// <summary>
/// A valid service event ready for the register: the event, the client as the register may know
/// them (<see cref="ClientIdentity"/>), and a hash of the content that tells a resend from a
/// change.
/// </summary>
public sealed record RegisteredServiceEvent
{
    public RegisteredServiceEvent(ServiceEvent @event, ClientIdentity? client, ulong contentHash)
    {
        if (@event.Provider is null || @event.RecordId is null || @event.UpdatedAt is null)
        {
            throw new ArgumentException("A registered event needs its provider, record id and update time.", nameof(@event));
        }

        Event = @event;
        Client = client;
        ContentHash = contentHash;
    }

    public ServiceEvent Event { get; }

    /// <summary>The pseudonymised client; absent only on a withdrawal sent without an identity code.</summary>
    public ClientIdentity? Client { get; }

    /// <summary>Hash of everything the register keeps of this version, the pseudonym included.</summary>
    public ulong ContentHash { get; }

    public RecordKey Key => new(Event.Provider!, Event.RecordId!);

    public DateTime UpdatedAt => Event.UpdatedAt!.Value;
}

/// <summary>The register's key of a record: the provider and the provider's record id.</summary>
public readonly record struct RecordKey(string Provider, string RecordId);
