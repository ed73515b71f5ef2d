using System.Diagnostics;
using System.Diagnostics.Metrics;
using Hilmo.Storage;

namespace Hilmo.Server.Telemetry;

/// <summary>
/// The register's own OpenTelemetry metrics: records received, accepted, rejected and found to be
/// duplicates, and how long a submission takes, by wire format and outcome.
/// </summary>
internal sealed class RegisterMetrics
{
    public const string MeterName = "Hilmo.Register";

    private readonly Counter<long> received;
    private readonly Counter<long> accepted;
    private readonly Counter<long> rejected;
    private readonly Counter<long> duplicates;
    private readonly Histogram<double> duration;

    public RegisterMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        received = meter.CreateCounter<long>("hilmo.records.received", "{record}", "Records received in submissions");
        accepted = meter.CreateCounter<long>("hilmo.records.accepted", "{record}", "Records stored as new versions");
        rejected = meter.CreateCounter<long>("hilmo.records.rejected", "{record}", "Records refused for an error");
        duplicates = meter.CreateCounter<long>("hilmo.records.duplicates", "{record}", "Records the register already had");
        duration = meter.CreateHistogram<double>("hilmo.submission.duration", "s", "Time from request to answer of a submission");
    }

    public void Record(string format, bool stored, SubmissionCounts counts, TimeSpan elapsed)
    {
        var tags = new TagList { { "format", format }, { "stored", stored } };
        received.Add(counts.Received, tags);
        accepted.Add(counts.Accepted, tags);
        rejected.Add(counts.Rejected, tags);
        duplicates.Add(counts.Duplicates, tags);
        duration.Record(elapsed.TotalSeconds, tags);
    }
}
