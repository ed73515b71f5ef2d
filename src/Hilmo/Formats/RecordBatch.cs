using System.Buffers;
using Hilmo.Validation;

namespace Hilmo.Formats;

/// <summary>
/// A run of consecutive records of one submission, handed from the reader to the workers that
/// parse and validate them. JSON records travel as their UTF-8 text in one pooled buffer; records
/// a reader has already judged (XML, or a record too large to keep) travel parsed.
/// </summary>
public sealed class RecordBatch : IDisposable
{
    private readonly List<BatchItem> items = [];
    private byte[] buffer;
    private int used;

    public RecordBatch(int capacityBytes = 0) =>
        buffer = capacityBytes > 0 ? ArrayPool<byte>.Shared.Rent(capacityBytes) : [];

    public int Count => items.Count;

    public int TextBytes => used;

    public IReadOnlyList<BatchItem> Items => items;

    /// <summary>
    /// Set on the last batch when reading stopped before the end of the submission: a
    /// submission-level finding such as a truncated body or a DTD.
    /// </summary>
    public Finding? SubmissionError { get; internal set; }

    public ReadOnlySpan<byte> TextOf(BatchItem item) => buffer.AsSpan(item.Offset, item.Length);

    /// <summary>Adds a record to parse from its text, copied into the batch.</summary>
    public void AddText(long index, TextPosition position, ReadOnlySpan<byte> text)
    {
        if (used + text.Length > buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, used + text.Length));
            buffer.AsSpan(0, used).CopyTo(larger);
            Return();
            buffer = larger;
        }

        text.CopyTo(buffer.AsSpan(used));
        items.Add(new BatchItem(index, position, used, text.Length, null));
        used += text.Length;
    }

    /// <summary>Adds a record the reader has already parsed or judged.</summary>
    public void AddParsed(ParsedRecord record) =>
        items.Add(new BatchItem(record.Index, record.Position, 0, 0, record));

    public void Dispose()
    {
        Return();
        buffer = [];
        items.Clear();
    }

    private void Return()
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>One record of a <see cref="RecordBatch"/>: its place, and either its text or its parsed form.</summary>
public readonly record struct BatchItem(long Index, TextPosition? Position, int Offset, int Length, ParsedRecord? Parsed);
