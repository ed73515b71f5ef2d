using System.Buffers.Binary;

namespace Hilmo.Notifications;

/// <summary>
/// A client's provider-specific pseudonym: 32 bytes of HMAC-SHA-256. Held as four words so that
/// millions of them cost no allocations.
/// </summary>
public readonly record struct Pseudonym(ulong Word0, ulong Word1, ulong Word2, ulong Word3)
{
    public const int Length = 32;

    public static Pseudonym FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"A pseudonym is {Length} bytes.", nameof(bytes));
        }

        return new Pseudonym(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));
    }

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, Word0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], Word1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], Word2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], Word3);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>Lower-case hexadecimal, 64 characters.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        WriteTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
