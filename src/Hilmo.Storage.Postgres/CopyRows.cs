using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace Hilmo.Storage.Postgres;

/// <summary>
/// Rows of one table in PostgreSQL's binary COPY format, encoded in memory and sent with a raw
/// binary COPY. Npgsql's importer resolves each value's type and runs an async state machine per
/// value; for a unit's tens of columns per record that cost more client CPU than the server spent
/// storing the record, on the one thread that feeds the store. Here a value is a few bytes
/// written into an array. The format: https://www.postgresql.org/docs/current/sql-copy.html
/// (binary format): a header, then per row a 16-bit field count and each field as a 32-bit
/// length (−1 for NULL) and its bytes in network order, then −1 as the trailer.
/// </summary>
internal sealed class CopyRows : IDisposable
{
    private static readonly byte[] Header = [.. "PGCOPY\n"u8, 0xff, (byte)'\r', (byte)'\n', 0, /* flags */ 0, 0, 0, 0, /* header extension */ 0, 0, 0, 0];

    /// <summary>2000-01-01, PostgreSQL's epoch for timestamps and dates.</summary>
    private static readonly long EpochTicks = new DateTime(2000, 1, 1).Ticks;

    private static readonly int EpochDay = new DateOnly(2000, 1, 1).DayNumber;

    private readonly List<int> rowStarts = [];
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
    private int length;

    /// <summary>Bytes encoded and not yet sent.</summary>
    public int Length => length;

    /// <summary>Rows started since the last <see cref="Clear"/>.</summary>
    public int Rows => rowStarts.Count;

    public void StartRow(short fields)
    {
        rowStarts.Add(length);
        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), fields);
        length += 2;
    }

    public void Null() => Field(-1);

    public void Int16(short value)
    {
        Field(2);
        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), value);
        length += 2;
    }

    public void Int32(int value)
    {
        Field(4);
        BinaryPrimitives.WriteInt32BigEndian(Reserve(4), value);
        length += 4;
    }

    public void Int64(long value)
    {
        Field(8);
        BinaryPrimitives.WriteInt64BigEndian(Reserve(8), value);
        length += 8;
    }

    public void Bool(bool value)
    {
        Field(1);
        Reserve(1)[0] = value ? (byte)1 : (byte)0;
        length++;
    }

    /// <summary>A value of <c>integer</c> (an id into <c>code_values</c>, a count) or NULL.</summary>
    public void Int32(int? value)
    {
        if (value is { } v)
        {
            Int32(v);
        }
        else
        {
            Null();
        }
    }

    /// <summary>A value of <c>smallint</c> or NULL.</summary>
    public void Int16(int? value)
    {
        if (value is { } v)
        {
            Int16((short)v);
        }
        else
        {
            Null();
        }
    }

    public void Bool(bool? value)
    {
        if (value is { } v)
        {
            Bool(v);
        }
        else
        {
            Null();
        }
    }

    /// <summary>A <c>text</c> value in UTF-8, or NULL.</summary>
    public void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }

        var room = Reserve(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var written = Encoding.UTF8.GetBytes(value, room[4..]);
        BinaryPrimitives.WriteInt32BigEndian(room, written);
        length += 4 + written;
    }

    /// <summary>A <c>bytea</c> value.</summary>
    public void Bytes(ReadOnlySpan<byte> value)
    {
        Field(value.Length);
        value.CopyTo(Reserve(value.Length));
        length += value.Length;
    }

    /// <summary>
    /// A <c>timestamp</c> (without time zone) or NULL: microseconds from 2000-01-01, whatever the
    /// value's kind, as times are kept as submitted (Finnish local time) or, for receipt times, as UTC.
    /// </summary>
    public void Timestamp(DateTime? value)
    {
        if (value is { } time)
        {
            Int64(Microseconds(time));
        }
        else
        {
            Null();
        }
    }

    /// <summary>A <c>timestamp</c> as PostgreSQL keeps it: microseconds from 2000-01-01.</summary>
    public static long Microseconds(DateTime time) => (time.Ticks - EpochTicks) / TimeSpan.TicksPerMicrosecond;

    /// <summary>
    /// Overwrites a <c>bigint</c> or <c>timestamp</c> value encoded earlier in <paramref name="row"/>,
    /// whose field begins <paramref name="fieldOffset"/> bytes into the row (the row's 16-bit field
    /// count comes first, then each field's 32-bit length and bytes).
    /// </summary>
    public void Overwrite(int row, int fieldOffset, long value) => BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(rowStarts[row] + fieldOffset + 4, 8), value);

    /// <summary>A <c>date</c> or NULL: days from 2000-01-01.</summary>
    public void Date(DateOnly? value)
    {
        if (value is { } date)
        {
            Int32(date.DayNumber - EpochDay);
        }
        else
        {
            Null();
        }
    }

    /// <summary>Starts a raw binary COPY on <paramref name="connection"/> and sends the header; rows follow with <see cref="SendAsync(NpgsqlRawCopyStream, CancellationToken)"/>.</summary>
    public static async Task<NpgsqlRawCopyStream> BeginAsync(NpgsqlConnection connection, string copyCommand, CancellationToken cancellationToken)
    {
        var stream = await connection.BeginRawBinaryCopyAsync(copyCommand, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(Header, cancellationToken).ConfigureAwait(false);
        return stream;
    }

    /// <summary>Sends the rows encoded so far into a COPY begun with <see cref="BeginAsync"/>, and forgets them.</summary>
    public async ValueTask SendAsync(NpgsqlRawCopyStream copy, CancellationToken cancellationToken)
    {
        if (length > 0)
        {
            await copy.WriteAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }

        Clear();
    }

    /// <summary>
    /// Sends the rows <paramref name="send"/> accepts, by row number, in runs between those it
    /// refuses; <paramref name="complete"/> may first overwrite values of each row sent. The rows stay.
    /// </summary>
    public async ValueTask SendRowsAsync(NpgsqlRawCopyStream copy, Func<int, bool> send, Action<int> complete, CancellationToken cancellationToken)
    {
        var unsent = 0;
        for (var row = 0; row < rowStarts.Count; row++)
        {
            if (send(row))
            {
                complete(row);
                continue;
            }

            await SendRangeAsync(copy, unsent, rowStarts[row], cancellationToken).ConfigureAwait(false);
            unsent = row + 1 < rowStarts.Count ? rowStarts[row + 1] : length;
        }

        await SendRangeAsync(copy, unsent, length, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends the trailer and ends the COPY; the server has the rows once this returns.</summary>
    public static async Task EndAsync(NpgsqlRawCopyStream copy, CancellationToken cancellationToken)
    {
        var trailer = new byte[2];
        BinaryPrimitives.WriteInt16BigEndian(trailer, -1);
        await copy.WriteAsync(trailer, cancellationToken).ConfigureAwait(false);
        await copy.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Copies the rows encoded so far into a table in one COPY, and forgets them.</summary>
    public Task CopyAsync(NpgsqlConnection connection, string copyCommand, CancellationToken cancellationToken) =>
        CopyAsync(connection, copyCommand, copy => SendAsync(copy, cancellationToken), cancellationToken);

    /// <summary>
    /// One COPY on a connection that outlives it: begun, filled by <paramref name="send"/>, ended. If
    /// sending fails the COPY is cancelled, so the connection can still roll back and take the next unit.
    /// </summary>
    public static async Task CopyAsync(NpgsqlConnection connection, string copyCommand, Func<NpgsqlRawCopyStream, ValueTask> send, CancellationToken cancellationToken)
    {
        var copy = await BeginAsync(connection, copyCommand, cancellationToken).ConfigureAwait(false);
        try
        {
            await send(copy).ConfigureAwait(false);
        }
        catch
        {
            try
            {
                await copy.CancelAsync().ConfigureAwait(false);
                await copy.DisposeAsync().ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                // The COPY may be what failed; the caller's rollback discards it either way.
            }

            throw;
        }

        await EndAsync(copy, cancellationToken).ConfigureAwait(false);
    }

    public void Clear()
    {
        length = 0;
        rowStarts.Clear();
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }

    private ValueTask SendRangeAsync(NpgsqlRawCopyStream copy, int start, int end, CancellationToken cancellationToken) =>
        end > start ? copy.WriteAsync(buffer.AsMemory(start, end - start), cancellationToken) : ValueTask.CompletedTask;

    private void Field(int bytes)
    {
        BinaryPrimitives.WriteInt32BigEndian(Reserve(4), bytes);
        length += 4;
    }

    private Span<byte> Reserve(int bytes)
    {
        if (length + bytes > buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + bytes));
            buffer.AsSpan(0, length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        return buffer.AsSpan(length, bytes);
    }
}
