using Hilmo.Codes;

namespace Hilmo.Synthetic;

/// <summary>
/// What one service form (<c>palvelumuoto</c>) looks like in the data, as written down: who comes,
/// who sees them, how, why, and what is done. <see cref="CareProfile"/> is the same with its codes
/// checked against the code server.
/// </summary>
internal sealed record CareProfileSpec(string ServiceForm, SyntheticUnitKind Unit)
{
    /// <summary>Relative weight of each age band of <see cref="FinnishFigures.AgeBands"/> among the clients.</summary>
    public required double[] Ages { get; init; }

    /// <summary>Share of men among the clients; null for the population's share in each age band.</summary>
    public double? MaleShare { get; init; }

    public required (string Code, double Weight)[] Professions { get; init; }

    /// <summary>Who assesses the need for care: by default nurses and public health nurses, sometimes a physician.</summary>
    public (string Code, double Weight)[] Assessors { get; init; } = [("32311", 60), ("32312", 25), ("22213", 10), ("51321", 5)];

    public required (string Code, double Weight)[] ContactTypes { get; init; }

    /// <summary>Share of events that start with a contact and a care-need assessment (the access-to-care path).</summary>
    public double AssessmentShare { get; init; }

    /// <summary>Share of health care (<c>TH</c>, preventive) rather than sick care (<c>SH</c>).</summary>
    public double HealthCareShare { get; init; }

    public double FirstVisitShare { get; init; } = 0.4;

    /// <summary>Share of assessed needs that are urgent (<c>K</c>).</summary>
    public double UrgentShare { get; init; } = 0.1;

    public (string Code, double Weight)[] Icpc2 { get; init; } = [];

    public (string Code, double Weight)[] Icd10 { get; init; } = [];

    /// <summary>
    /// How many of the service's visits carry the syndromes' seasonal shares (<see cref="SyndromeSeasons"/>),
    /// relative to a health station's 1; 0 for services that see no acute infections. The syndromes'
    /// codes are in no pool of a service with a share, so their counts follow the seasons and outbreaks only.
    /// </summary>
    public double SyndromeShare { get; init; }

    /// <summary>Share of visits for an injury (ICD-10 S/T, with external cause and accident type).</summary>
    public double InjuryShare { get; init; }

    public double ProcedureShare { get; init; }

    public (string Code, double Weight)[] Spat { get; init; } = [];

    public double FollowUpShare { get; init; }

    public (string Code, double Weight)[] FollowUp { get; init; } = CareCatalogue.GeneralFollowUp;

    public double VaccinationShare { get; init; }

    public double PrescriptionShare { get; init; }

    public double HealthFactorShare { get; init; }

    public int MinMinutes { get; init; } = 15;

    public int MaxMinutes { get; init; } = 30;

    /// <summary>Share of group visits (<c>kavijaryhma</c> 2).</summary>
    public double GroupShare { get; init; }

    /// <summary>Waits are those of oral care: longer, with a heavier tail.</summary>
    public bool OralCare { get; init; }
}

/// <summary>A <see cref="CareProfileSpec"/> whose codes were checked against the code server for the generated period.</summary>
internal sealed class CareProfile
{
    public CareProfile(CareProfileSpec spec, CodeWindow window)
    {
        Spec = spec;
        ServiceForm = spec.ServiceForm;
        AgeBands = new Weighted<int>(spec.Ages.Select((weight, band) => (band, weight)));
        Professions = window.Visit(KnownClassifications.Profession, spec.Professions)
            ?? throw new InvalidOperationException($"No profession of {spec.ServiceForm} is valid in the period.");
        Assessors = window.Assessment(KnownClassifications.Profession, spec.Assessors) ?? Professions;
        ContactTypes = window.Visit(KnownClassifications.ContactType, spec.ContactTypes)
            ?? throw new InvalidOperationException($"No contact type of {spec.ServiceForm} is valid in the period.");
        Icpc2 = window.Visit(KnownClassifications.Icpc2, spec.Icpc2);
        Icd10 = window.Visit(KnownClassifications.Icd10, spec.Icd10);
        Spat = window.Visit(KnownClassifications.Spat, spec.Spat);
        FollowUp = window.Visit(KnownClassifications.Spat, spec.FollowUp);
    }

    public CareProfileSpec Spec { get; }

    public string ServiceForm { get; }

    public Weighted<int> AgeBands { get; }

    public Weighted<string> Professions { get; }

    public Weighted<string> Assessors { get; }

    public Weighted<string> ContactTypes { get; }

    public Weighted<string>? Icpc2 { get; }

    public Weighted<string>? Icd10 { get; }

    public Weighted<string>? Spat { get; }

    public Weighted<string>? FollowUp { get; }
}

/// <summary>
/// The dates a generated code must be valid on. Visit-level codes are checked on the visit's date,
/// always inside the generated period; an assessment may lie up to a year before the period.
/// </summary>
internal sealed class CodeWindow(CodeServer codes, DateOnly first, DateOnly last)
{
    public CodeServer Codes { get; } = codes;

    public DateOnly First { get; } = first;

    public DateOnly Last { get; } = last;

    /// <summary>The entries valid on every day of the period; null when none is.</summary>
    public Weighted<string>? Visit(ClassificationDefinition classification, IEnumerable<(string Code, double Weight)> entries) =>
        Weighted<string>.Of(entries.Where(e => IsUsable(classification, e.Code, First, Last)));

    /// <summary>The entries valid from a year before the period to its end.</summary>
    public Weighted<string>? Assessment(ClassificationDefinition classification, IEnumerable<(string Code, double Weight)> entries) =>
        Weighted<string>.Of(entries.Where(e => IsUsable(classification, e.Code, First.AddYears(-1), Last)));

    /// <summary>
    /// True when <paramref name="code"/> passes the validator on both dates (and so on every day
    /// between, as validity is one interval): listed and valid, or of the right form in a
    /// classification without a list.
    /// </summary>
    public bool IsUsable(ClassificationDefinition classification, string code, DateOnly from, DateOnly to)
    {
        var list = Codes[classification];
        return list.Check(code, from) is CodeCheck.Valid or CodeCheck.Unverified
            && list.Check(code, to) is CodeCheck.Valid or CodeCheck.Unverified;
    }
}
