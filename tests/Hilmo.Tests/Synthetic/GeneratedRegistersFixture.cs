using Hilmo.Notifications;
using Hilmo.Synthetic;

namespace Hilmo.Tests.Synthetic;

/// <summary>One generated file of a year with all three registers, made once for the period tests.</summary>
public sealed class GeneratedRegistersFixture
{
    public const int Records = 150_000;

    public GeneratedRegistersFixture()
    {
        Generator = SyntheticData.Generator(new GeneratorOptions { Seed = 77, Registers = [.. Registers.All] });
        All = [.. Generator.Generate(Records)];
        Valid = [.. All.Where(r => r.IsValid && r.Submitted is not null).Select(r => r.Submitted!)];
        Periods = [.. All.Where(r => r.IsValid && r.Submitted?.Notification is CarePeriod).Select(r => r)];

        // The last version of each period sent, as the register would hold it current.
        Latest = Periods
            .Select(r => r.Submitted!)
            .GroupBy(s => (s.Notification.Register, s.Notification.Provider, s.Notification.RecordId))
            .ToDictionary(g => g.Key, g => g.MaxBy(s => s.Notification.UpdatedAt)!);
    }

    public ServiceEventGenerator Generator { get; }

    /// <summary>Every generated record, in file order.</summary>
    public IReadOnlyList<GeneratedRecord> All { get; }

    /// <summary>Every valid record.</summary>
    public IReadOnlyList<SubmittedNotification> Valid { get; }

    /// <summary>Every valid period version.</summary>
    public IReadOnlyList<GeneratedRecord> Periods { get; }

    public IReadOnlyDictionary<(Register Register, string? Provider, string? RecordId), SubmittedNotification> Latest { get; }

    /// <summary>The periods of <paramref name="register"/> as last sent, withdrawn ones left out.</summary>
    public IEnumerable<(CarePeriod Period, string IdentityCode)> LatestOf(Register register) =>
        Latest.Values
            .Where(s => s.Notification.Register == register && !s.Notification.Withdrawn)
            .Select(s => ((CarePeriod)s.Notification, s.IdentityCode!.Value.Reveal()));
}
