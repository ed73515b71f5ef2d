namespace Hilmo.Notifications;

/// <summary>
/// The sensitivity tiers of the register's fields (privacy.md, after seed 001). The identity code,
/// the tier above these, is never stored at all.
/// </summary>
public enum SensitivityClass
{
    /// <summary>Freely aggregable: classifications of the service itself (service form, contact type, urgency).</summary>
    Free = 1,

    /// <summary>Aggregable with disclosure control: quasi-identifiers (age, sex, home municipality) and ordinary care content.</summary>
    Protected = 2,

    /// <summary>Restricted linkage: a field no output may combine with the fields its linkage rules name (<see cref="Linkage"/>).</summary>
    Restricted = 3,
}

/// <summary>What makes a restricted field restricted, which decides the fields it may not be combined with.</summary>
public enum Linkage
{
    /// <summary>Not a restricted field.</summary>
    None,

    /// <summary>
    /// Clinical content: reasons for visit and diagnoses (mental health, sexual health, substance
    /// use among them), external causes and accident types, medication, substance use, psychiatric care.
    /// </summary>
    Content,

    /// <summary>An exact place or person: postal code, provider, service unit, the professional's registration number.</summary>
    Place,

    /// <summary>An exact date or time of care, which with other facts can single a person out in individual-level data.</summary>
    ExactTime,

    /// <summary>A measurement whose extreme values single a person out (weight, height).</summary>
    ExtremeValue,
}

/// <summary>
/// Declares a stored field's sensitivity tier where the field is defined; the register's catalogue
/// of field sensitivities (<see cref="StoredFields"/>) is read from these marks, and a test refuses
/// a stored field without one.
/// </summary>
/// <param name="name">The field's name: its wire name (Finnish) as in the brackets of its documentation, or for a field the register derives at ingest its own name.</param>
/// <param name="tier">The field's tier.</param>
/// <param name="linkage">For a restricted field, what kind of restricted field it is.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class SensitivityAttribute(string name, SensitivityClass tier, Linkage linkage = Linkage.None) : Attribute
{
    public string Name { get; } = name;

    public SensitivityClass Tier { get; } = tier;

    public Linkage Linkage { get; } = tier == SensitivityClass.Restricted
        ? linkage == Linkage.None ? throw new ArgumentException("A restricted field names its kind of linkage.", nameof(linkage)) : linkage
        : linkage == Linkage.None ? Linkage.None : throw new ArgumentException("Only a restricted field has a kind of linkage.", nameof(linkage));
}
