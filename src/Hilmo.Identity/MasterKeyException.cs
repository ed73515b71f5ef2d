namespace Hilmo.Identity;

/// <summary>
/// The master key cannot be used: missing, malformed, or stored where others can read it. The
/// message says what to fix; it never contains key material.
/// </summary>
public sealed class MasterKeyException : Exception
{
    public MasterKeyException()
    {
    }

    public MasterKeyException(string message)
        : base(message)
    {
    }

    public MasterKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
