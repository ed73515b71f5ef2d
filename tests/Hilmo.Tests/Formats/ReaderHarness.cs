using System.Text;
using Hilmo.Formats;
using Hilmo.Validation;

namespace Hilmo.Tests.Formats;

/// <summary>Runs a submission reader over a body and parses its records as the workers would.</summary>
internal static class ReaderHarness
{
    public static async Task<ReadSubmission> ReadAsync(ISubmissionReader reader, Stream body)
    {
        var parser = new NotificationJsonParser();
        var records = new List<ParsedRecord>();
        Finding? error = null;
        await foreach (var batch in reader.ReadAsync(body, TestContext.Current.CancellationToken))
        {
            using (batch)
            {
                foreach (var item in batch.Items)
                {
                    records.Add(item.Parsed ?? parser.Parse(batch.TextOf(item), item.Index, item.Position));
                }

                error ??= batch.SubmissionError;
            }
        }

        return new ReadSubmission(records, error);
    }

    public static Task<ReadSubmission> ReadAsync(ISubmissionReader reader, string body) =>
        ReadAsync(reader, new MemoryStream(Encoding.UTF8.GetBytes(body)));

    public static Task<ReadSubmission> ReadAsync(ISubmissionReader reader, byte[] body) =>
        ReadAsync(reader, new MemoryStream(body));
}

internal sealed record ReadSubmission(IReadOnlyList<ParsedRecord> Records, Finding? SubmissionError)
{
    public IEnumerable<string?> RecordIds => Records.Select(r => r.RecordId);
}
