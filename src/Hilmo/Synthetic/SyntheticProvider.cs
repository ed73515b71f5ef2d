namespace Hilmo.Synthetic;

/// <summary>
/// A service provider of the synthetic data: a wellbeing services county (or Helsinki) or a private
/// company, with its synthetic provider code and units. Codes and unit ids are stable across seeds,
/// so reports and screens can name them.
/// </summary>
/// <param name="Code">Five-digit provider code (<c>tuottaja</c>).</param>
/// <param name="Name">A descriptive name: the county's name for public providers, a made-up one for private ones.</param>
/// <param name="IsPrivate">True for private companies (occupational health, clinics, dental care, physiotherapy).</param>
/// <param name="CountyCode">The wellbeing services county (<c>hyvinvointialue_code</c>) of a public provider.</param>
/// <param name="Units">The provider's service units.</param>
public sealed record SyntheticProvider(string Code, string Name, bool IsPrivate, string? CountyCode, IReadOnlyList<SyntheticUnit> Units);

/// <summary>A service unit (<c>yksikko</c>) with an OID of the form <c>1.2.246.10.&lt;provider&gt;.10.&lt;n&gt;</c>.</summary>
/// <param name="Oid">The unit's OID.</param>
/// <param name="Kind">What the unit does.</param>
/// <param name="Municipality">Three-digit code of the municipality the unit is in.</param>
public sealed record SyntheticUnit(string Oid, SyntheticUnitKind Kind, string Municipality);

/// <summary>The kinds of unit that provide primary outpatient care.</summary>
public enum SyntheticUnitKind
{
    /// <summary>Health station (terveysasema): general practice and on-call care.</summary>
    HealthStation,

    /// <summary>Maternity, child, school and student health clinics (neuvola, koulu- ja opiskeluterveydenhuolto).</summary>
    Clinic,

    /// <summary>Oral care (hammashoitola).</summary>
    OralCare,

    /// <summary>Home care and home nursing (kotihoito).</summary>
    HomeCare,

    /// <summary>Physiotherapy and other rehabilitation.</summary>
    Rehabilitation,

    /// <summary>Mental health and substance abuse services.</summary>
    MentalHealth,

    /// <summary>Occupational health care (työterveyshuolto).</summary>
    OccupationalHealth,
}
