namespace Hilmo.Audit;

/// <summary>
/// Signs the audit log's checkpoints. The private key stays behind the identity boundary
/// (<c>Hilmo.Identity</c>'s <c>AuditSigningKey</c>); the core only asks for signatures and checks
/// them with the public half (<see cref="AuditPublicKey"/>).
/// </summary>
public interface IAuditSigner
{
    /// <summary>The signing key's id, <see cref="AuditPublicKey.KeyId"/> of its public half.</summary>
    string KeyId { get; }

    /// <summary>
    /// ECDSA over the curve P-256 with SHA-256 of <paramref name="data"/>, as the 64 bytes r ‖ s
    /// (IEEE P1363). Must be safe to call from several threads.
    /// </summary>
    byte[] Sign(ReadOnlySpan<byte> data);

    /// <summary>
    /// Called by <see cref="AuditLogFile"/> under the log's lock before it signs: a signer kept in
    /// a file takes up here a key that <c>hilmo audit rotate-key</c> put in its place, so a running
    /// server signs its next checkpoint with the key the log announced.
    /// </summary>
    void Refresh()
    {
    }
}
