using System.Text;
using Hilmo.Codes;
using Hilmo.Formats;
using Hilmo.Identity;
using Hilmo.Synthetic;

namespace Hilmo.Benchmarks;

/// <summary>Generated records of the national shape, as the lines of an NDJSON submission and parsed.</summary>
internal sealed class SampleSubmission
{
    public SampleSubmission(int records)
    {
        Codes = CodeServer.Load(Path.Combine(AppContext.BaseDirectory, "data", "codes"));
        var generator = new ServiceEventGenerator(Codes, new SyntheticIdentityCodes(), new GeneratorOptions { Seed = 1, Year = 2025, InvalidShare = 0 });
        using var stream = new MemoryStream();
        using (var writer = new GeneratedRecordNdjsonWriter(stream))
        {
            writer.WriteAll(generator.Generate(records));
        }

        Ndjson = stream.ToArray();
        Lines = [.. Encoding.UTF8.GetString(Ndjson).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Encoding.UTF8.GetBytes)];
        var parser = new ServiceEventJsonParser();
        Parsed = [.. Lines.Select((line, i) => parser.Parse(line, i, null).Submitted!)];
    }

    public CodeServer Codes { get; }

    public byte[] Ndjson { get; }

    public byte[][] Lines { get; }

    public Notifications.SubmittedNotification[] Parsed { get; }
}
