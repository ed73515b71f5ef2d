namespace Hilmo.Notifications;

/// <summary>
/// A valid record ready for the register: the record, the client as the register may know them
/// (<see cref="ClientIdentity"/>), and a hash of the content that tells a resend from a change.
/// </summary>
public sealed record RegisteredNotification
{
    public RegisteredNotification(Notification notification, ClientIdentity? client, ulong contentHash)
    {
        if (notification.Provider is null || notification.RecordId is null || notification.UpdatedAt is null)
        {
            throw new ArgumentException("A registered record needs its provider, record id and update time.", nameof(notification));
        }

        Notification = notification;
        Client = client;
        ContentHash = contentHash;
    }

    public Notification Notification { get; }

    /// <summary>The pseudonymised client; absent only on a withdrawal sent without an identity code.</summary>
    public ClientIdentity? Client { get; }

    /// <summary>Hash of everything the register keeps of this version, the pseudonym included.</summary>
    public ulong ContentHash { get; }

    public Register Register => Notification.Register;

    public RecordKey Key => new(Notification.Provider!, Notification.RecordId!, Notification.Register);

    public DateTime UpdatedAt => Notification.UpdatedAt!.Value;
}

/// <summary>
/// The register's key of a record: the provider and the provider's record id, within one register
/// (a tunnus of one register never names a record of another).
/// </summary>
public readonly record struct RecordKey(string Provider, string RecordId, Register Register = Register.AvoHilmo);
