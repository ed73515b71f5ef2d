namespace Hilmo.Identity;

/// <summary>
/// The audit log's signing key cannot be used: malformed, or stored where others can read it. The
/// message says what to fix; it never contains key material.
/// </summary>
public sealed class AuditSigningKeyException : Exception
{
    public AuditSigningKeyException()
    {
    }

    public AuditSigningKeyException(string message)
        : base(message)
    {
    }

    public AuditSigningKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
