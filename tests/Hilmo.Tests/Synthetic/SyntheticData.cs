using Hilmo.Codes;
using Hilmo.Identity;
using Hilmo.Synthetic;
using Hilmo.Testing;
using Hilmo.Tests.Codes;

namespace Hilmo.Tests.Synthetic;

/// <summary>What the generator tests share: the shipped code lists, loaded once, and a fixed clock.</summary>
internal static class SyntheticData
{
    /// <summary>Mid-2026, so that the default year is 2025 whenever the tests run.</summary>
    public static DateTimeOffset Now { get; } = new(2026, 6, 15, 9, 0, 0, TimeSpan.FromHours(3));

    private static readonly Lazy<CodeServer> lazyCodes = new(() => CodeServer.Load(CodeFolders.Shipped));

    public static CodeServer Codes => lazyCodes.Value;

    public static ServiceEventGenerator Generator(GeneratorOptions? options = null, DateTimeOffset? now = null) =>
        new(Codes, new SyntheticIdentityCodes(), options, new ManualTimeProvider(now ?? Now));

    /// <summary>The NDJSON bytes of <paramref name="records"/>, as the writer makes them.</summary>
    public static byte[] Ndjson(IEnumerable<GeneratedRecord> records)
    {
        using var stream = new MemoryStream();
        using (var writer = new GeneratedRecordNdjsonWriter(stream))
        {
            writer.WriteAll(records);
        }

        return stream.ToArray();
    }
}
