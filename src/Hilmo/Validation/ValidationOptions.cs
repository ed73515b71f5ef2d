namespace Hilmo.Validation;

/// <summary>The tunable parts of record validation.</summary>
public sealed record ValidationOptions
{
    /// <summary>How far in the future a time may be, to forgive clocks that are slightly off.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>AvoHILMO data begin in 2011; earlier times are errors.</summary>
    public DateOnly EarliestEventDate { get; init; } = new(2011, 1, 1);

    /// <summary>The time zone of the wire format's local times.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    /// <summary>
    /// The only provider (<c>tuottaja</c>) whose records may be submitted, when the submitter is a
    /// provider's system; a record of any other provider is refused (ACC-001). Null: any provider.
    /// </summary>
    public string? OnlyProvider { get; init; }

    public static ValidationOptions Default { get; } = new();
}
