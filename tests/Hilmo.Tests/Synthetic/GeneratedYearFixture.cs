using Hilmo.Codes;
using Hilmo.Notifications;
using Hilmo.Synthetic;

namespace Hilmo.Tests.Synthetic;

/// <summary>One generated file of a year, made once for all the shape tests.</summary>
public sealed class GeneratedYearFixture
{
    public const int Records = 80_000;

    public GeneratedYearFixture()
    {
        Generator = SyntheticData.Generator(new GeneratorOptions { Seed = 2025 });

        // What a statistic would count: every first and later version that is valid, once each.
        Events = [.. Generator.Generate(Records)
            .Where(r => r.IsValid && r.Submitted is not null
                && r.Kind is GeneratedRecordKind.Original or GeneratedRecordKind.Update or GeneratedRecordKind.Cancellation)
            .Select(r => r.Submitted!)];
        Visits = [.. Events.Select(s => (ServiceEvent)s.Notification).Where(e => e.Visit?.Start is not null)];
        identityCodes = Events.ToDictionary(s => (ServiceEvent)s.Notification, s => s.IdentityCode!.Value.Reveal(), new ByReference());
        PrivateProviders = Generator.Providers.Where(p => p.IsPrivate).Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        CountyOf = SyntheticData.Codes[KnownClassifications.Municipality].Codes
            .ToDictionary(e => e.Code, e => e.Attributes.GetValueOrDefault("hyvinvointialue_code"), StringComparer.Ordinal);
    }

    private readonly Dictionary<ServiceEvent, string> identityCodes;

    public ServiceEventGenerator Generator { get; }

    public IReadOnlyList<SubmittedNotification> Events { get; }

    public IReadOnlyList<ServiceEvent> Visits { get; }

    public IReadOnlySet<string> PrivateProviders { get; }

    public IReadOnlyDictionary<string, string?> CountyOf { get; }

    /// <summary>The identity code the event was sent with.</summary>
    public string IdentityCodeOf(ServiceEvent e) => identityCodes[e];

    /// <summary>Events are records, equal by value; a resent event must still be told from its original.</summary>
    private sealed class ByReference : IEqualityComparer<ServiceEvent>
    {
        public bool Equals(ServiceEvent? x, ServiceEvent? y) => ReferenceEquals(x, y);

        public int GetHashCode(ServiceEvent obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
