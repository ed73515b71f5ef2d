namespace Hilmo.Notifications;

/// <summary>
/// What every Hilmo record has, whichever register it belongs to: its key, its version time, the
/// provider and unit, and the client without the identity code (which travels beside the record,
/// <see cref="SubmittedNotification"/>, and never reaches the store). The registers' own records
/// derive from it: <see cref="ServiceEvent"/> (AvoHILMO), <see cref="CarePeriod"/> (Terveys-Hilmo)
/// and <see cref="SocialCarePeriod"/> (Sosiaalihilmo).
/// </summary>
/// <remarks>
/// Every property is optional because a record is modelled as it arrived; the validator decides
/// what is missing. Wire names (Finnish) are given in brackets.
/// </remarks>
public abstract record Notification
{
    /// <summary>The register the record belongs to.</summary>
    public abstract Register Register { get; }

    /// <summary>[tunnus] The submitter's stable identifier of the record, an OID.</summary>
    [Sensitivity("tunnus", SensitivityClass.Protected)]
    public string? RecordId { get; init; }

    /// <summary>[paivitetty] When the submitter last changed the record, Finnish local time.</summary>
    [Sensitivity("paivitetty", SensitivityClass.Protected)]
    public DateTime? UpdatedAt { get; init; }

    /// <summary>[poisto] The submitter withdraws an erroneous record.</summary>
    [Sensitivity("poisto", SensitivityClass.Free)]
    public bool Withdrawn { get; init; }

    /// <summary>[tuottaja] The service provider's code.</summary>
    [Sensitivity("tuottaja", SensitivityClass.Restricted, Linkage.Place)]
    public string? Provider { get; init; }

    /// <summary>[yksikko] The service unit, an OID of the SOTE organisation register.</summary>
    [Sensitivity("yksikko", SensitivityClass.Restricted, Linkage.Place)]
    public string? Unit { get; init; }

    /// <summary>[asiakas] The client's municipality and postal code (the identity code is not here).</summary>
    public Client? Client { get; init; }

    /// <summary>
    /// The local date that decides which code versions apply to the record, and the identity
    /// code's validity: for an event the day it happened, for a period the day it ended (or its
    /// census day, or the day it began, while it is open).
    /// </summary>
    public abstract DateOnly? ReferenceDate { get; }
}

/// <summary>[asiakas] The client, without the identity code.</summary>
public sealed record Client
{
    /// <summary>[kotikunta] Home municipality, a three-digit code.</summary>
    [Sensitivity("kotikunta", SensitivityClass.Protected)]
    [Coded("kunta")]
    public string? HomeMunicipality { get; init; }

    /// <summary>[postinumero] Postal code of residence, five digits.</summary>
    [Sensitivity("postinumero", SensitivityClass.Restricted, Linkage.Place)]
    public string? PostalCode { get; init; }
}
