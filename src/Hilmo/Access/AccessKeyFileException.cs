namespace Hilmo.Access;

/// <summary>The access key file cannot be used: not a key file, or open to changes by others.</summary>
public sealed class AccessKeyFileException : Exception
{
    public AccessKeyFileException()
    {
    }

    public AccessKeyFileException(string message)
        : base(message)
    {
    }

    public AccessKeyFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
