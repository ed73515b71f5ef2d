namespace Hilmo.Audit;

/// <summary>
/// The end of a log file, read backwards from its last byte: the last whole line, or the fragment
/// after the last line end when a write was cut short. Only the tail is read, whatever the size
/// of the log.
/// </summary>
internal sealed record AuditLogTail(byte[]? LastLine, byte[]? Incomplete, long IncompleteStart)
{
    private const int Chunk = 8192;

    /// <exception cref="InvalidDataException">The last line is longer than <paramref name="maxLineBytes"/>.</exception>
    public static AuditLogTail Read(Stream file, int maxLineBytes)
    {
        var length = file.Length;
        if (length == 0)
        {
            return new AuditLogTail(null, null, 0);
        }

        file.Seek(-1, SeekOrigin.End);
        if (file.ReadByte() == '\n')
        {
            var start = StartOfLine(file, length - 1, maxLineBytes);
            return new AuditLogTail(ReadRange(file, start, length - 1), null, 0);
        }

        var fragmentStart = StartOfLine(file, length, maxLineBytes);
        return new AuditLogTail(null, ReadRange(file, fragmentStart, length), fragmentStart);
    }

    /// <summary>The offset just after the last line end before <paramref name="end"/>, or 0.</summary>
    private static long StartOfLine(Stream file, long end, int maxLineBytes)
    {
        var chunk = new byte[Chunk];
        var position = end;
        while (position > 0)
        {
            var size = (int)Math.Min(chunk.Length, position);
            position -= size;
            file.Seek(position, SeekOrigin.Begin);
            file.ReadExactly(chunk, 0, size);
            var index = chunk.AsSpan(0, size).LastIndexOf((byte)'\n');
            if (index >= 0)
            {
                return position + index + 1;
            }

            if (end - position > maxLineBytes)
            {
                throw new InvalidDataException($"The last line of the audit log is longer than {maxLineBytes} bytes; it is not an entry.");
            }
        }

        return 0;
    }

    private static byte[] ReadRange(Stream file, long start, long end)
    {
        var bytes = new byte[end - start];
        file.Seek(start, SeekOrigin.Begin);
        file.ReadExactly(bytes);
        return bytes;
    }
}
