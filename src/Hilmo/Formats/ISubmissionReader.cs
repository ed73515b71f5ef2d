namespace Hilmo.Formats;

/// <summary>
/// Reads a submission body in one wire format and hands its records over in batches, in order,
/// holding only a bounded window of the body in memory whatever its size.
/// </summary>
public interface ISubmissionReader
{
    /// <summary>
    /// The records of <paramref name="body"/>. A body that cannot be read to its end yields the
    /// records before the fault and sets <see cref="RecordBatch.SubmissionError"/> on the last batch.
    /// </summary>
    IAsyncEnumerable<RecordBatch> ReadAsync(Stream body, CancellationToken cancellationToken = default);
}
